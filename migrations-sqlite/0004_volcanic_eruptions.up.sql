-- 0004_volcanic_eruptions (up, SQLite + SpatiaLite)
-- Geophysics, part 2: volcanic eruptions, optionally linked to the earthquake that triggered them.

CREATE TABLE "volcanic_eruptions" (
    "id" INTEGER NOT NULL,
    "volcano_name" TEXT NOT NULL,
    "gvp_volcano_number" INTEGER,
    "country" TEXT NOT NULL,
    "started_on" DATE TEXT NOT NULL CONSTRAINT "volcanic_eruptions_started_on_check" CHECK (length("started_on") = 10 AND "started_on" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    "ended_on" DATE TEXT CONSTRAINT "volcanic_eruptions_ended_on_check" CHECK (length("ended_on") = 10 AND "ended_on" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    "vei" INTEGER,
    "deaths" INTEGER,
    "triggered_by_earthquake_id" INTEGER,
    "impacts" JSON TEXT CONSTRAINT "volcanic_eruptions_impacts_check" CHECK ("impacts" IS NULL OR json_valid("impacts")),
    CONSTRAINT "volcanic_eruptions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "volcanic_eruptions_volcano_name_started_on_key" UNIQUE ("volcano_name", "started_on"),
    CONSTRAINT "volcanic_eruptions_triggered_by_earthquake_id_fkey" FOREIGN KEY ("triggered_by_earthquake_id") REFERENCES "earthquakes" ("id") ON DELETE SET NULL,
    CONSTRAINT "volcanic_eruptions_vei_range_check" CHECK ("vei" IS NULL OR "vei" BETWEEN 0 AND 8),
    CONSTRAINT "volcanic_eruptions_dates_check" CHECK ("ended_on" IS NULL OR "ended_on" >= "started_on")
);
SELECT AddGeometryColumn('volcanic_eruptions', 'location', 4326, 'POINT', 'XY', 1);
SELECT CreateSpatialIndex('volcanic_eruptions', 'location');
CREATE INDEX "volcanic_eruptions_triggered_by_earthquake_id_idx" ON "volcanic_eruptions" ("triggered_by_earthquake_id");
