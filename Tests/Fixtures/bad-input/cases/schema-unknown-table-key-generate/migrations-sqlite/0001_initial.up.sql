CREATE TABLE "notes" (
  "id" INTEGER NOT NULL,
  "title" TEXT,
  "score" REAL,
  CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
);

