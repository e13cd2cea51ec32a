-- Generated from schema.yaml by: meridian schema sql examples/todo/schema.yaml --dialect sqlite
-- The statements below are that command's output, unchanged.

CREATE TABLE "users" (
  "id" UUID TEXT NOT NULL DEFAULT (gen_random_uuid()) CONSTRAINT "users_id_check" CHECK (length("id") = 36 AND "id" GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  "email" TEXT NOT NULL,
  "created_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "users_created_at_check" CHECK (length("created_at") = 27 AND "created_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  "updated_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "users_updated_at_check" CHECK (length("updated_at") = 27 AND "updated_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "users_email_key" UNIQUE ("email")
);

CREATE TRIGGER "users_set_updated_at" AFTER UPDATE ON "users" FOR EACH ROW WHEN NEW."updated_at" IS OLD."updated_at"
BEGIN
    UPDATE "users" SET "updated_at" = now() WHERE "id" = NEW."id";
END;

CREATE TABLE "conversations" (
  "id" UUID TEXT NOT NULL DEFAULT (gen_random_uuid()) CONSTRAINT "conversations_id_check" CHECK (length("id") = 36 AND "id" GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  "user_id" UUID TEXT NOT NULL CONSTRAINT "conversations_user_id_check" CHECK (length("user_id") = 36 AND "user_id" GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  "created_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "conversations_created_at_check" CHECK (length("created_at") = 27 AND "created_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  "updated_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "conversations_updated_at_check" CHECK (length("updated_at") = 27 AND "updated_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT "conversations_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "conversations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION
);

CREATE INDEX "conversations_user_id_idx" ON "conversations" ("user_id");

CREATE TRIGGER "conversations_set_updated_at" AFTER UPDATE ON "conversations" FOR EACH ROW WHEN NEW."updated_at" IS OLD."updated_at"
BEGIN
    UPDATE "conversations" SET "updated_at" = now() WHERE "id" = NEW."id";
END;

CREATE TABLE "messages" (
  "id" UUID TEXT NOT NULL DEFAULT (gen_random_uuid()) CONSTRAINT "messages_id_check" CHECK (length("id") = 36 AND "id" GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  "conversation_id" UUID TEXT NOT NULL CONSTRAINT "messages_conversation_id_check" CHECK (length("conversation_id") = 36 AND "conversation_id" GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  "role" TEXT NOT NULL CONSTRAINT "messages_role_check" CHECK ("role" IN ('user', 'assistant')),
  "content" TEXT NOT NULL,
  "created_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "messages_created_at_check" CHECK (length("created_at") = 27 AND "created_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT "messages_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "messages_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION,
  CONSTRAINT "messages_content_check" CHECK (length("content") <= 5000)
);

CREATE INDEX "messages_conversation_id_idx" ON "messages" ("conversation_id");

CREATE TABLE "tasks" (
  "id" UUID TEXT NOT NULL DEFAULT (gen_random_uuid()) CONSTRAINT "tasks_id_check" CHECK (length("id") = 36 AND "id" GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  "user_id" UUID TEXT NOT NULL CONSTRAINT "tasks_user_id_check" CHECK (length("user_id") = 36 AND "user_id" GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  "title" TEXT NOT NULL,
  "description" TEXT,
  "completed" BOOLEAN NOT NULL DEFAULT 0 CONSTRAINT "tasks_completed_check" CHECK ("completed" IN (0, 1)),
  "created_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "tasks_created_at_check" CHECK (length("created_at") = 27 AND "created_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  "updated_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "tasks_updated_at_check" CHECK (length("updated_at") = 27 AND "updated_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
  CONSTRAINT "tasks_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "tasks_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION,
  CONSTRAINT "tasks_title_check" CHECK (length("title") <= 200),
  CONSTRAINT "tasks_description_check" CHECK (length("description") <= 1000)
);

CREATE INDEX "tasks_user_id_idx" ON "tasks" ("user_id");

CREATE INDEX "tasks_title_idx" ON "tasks" ("title");

CREATE TRIGGER "tasks_set_updated_at" AFTER UPDATE ON "tasks" FOR EACH ROW WHEN NEW."updated_at" IS OLD."updated_at"
BEGIN
    UPDATE "tasks" SET "updated_at" = now() WHERE "id" = NEW."id";
END;

