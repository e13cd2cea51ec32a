-- 0002_meteor_showers_and_eclipses (up, SQLite + SpatiaLite)
-- Astronomy, part 2: annual meteor showers (parent body ON DELETE SET NULL) and historical eclipses
-- (point of greatest eclipse and an approximate central path, each with a spatial index).

CREATE TABLE "meteor_showers" (
    "id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "iau_code" TEXT NOT NULL,
    "iau_number" INTEGER NOT NULL,
    "parent_body_id" INTEGER,
    "peak_month" INTEGER NOT NULL,
    "peak_day" INTEGER NOT NULL,
    "zhr" INTEGER,
    "velocity_km_s" REAL NOT NULL,
    "radiant_ra_deg" REAL NOT NULL,
    "radiant_dec_deg" REAL NOT NULL,
    "hemisphere" TEXT NOT NULL CONSTRAINT "meteor_showers_hemisphere_check" CHECK ("hemisphere" IN ('northern', 'southern', 'both')),
    "historic_outbursts" JSON TEXT CONSTRAINT "meteor_showers_historic_outbursts_check" CHECK ("historic_outbursts" IS NULL OR json_valid("historic_outbursts")),
    CONSTRAINT "meteor_showers_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "meteor_showers_name_key" UNIQUE ("name"),
    CONSTRAINT "meteor_showers_iau_code_key" UNIQUE ("iau_code"),
    CONSTRAINT "meteor_showers_iau_number_key" UNIQUE ("iau_number"),
    CONSTRAINT "meteor_showers_parent_body_id_fkey" FOREIGN KEY ("parent_body_id") REFERENCES "celestial_bodies" ("id") ON DELETE SET NULL,
    CONSTRAINT "meteor_showers_peak_date_check" CHECK ("peak_month" BETWEEN 1 AND 12 AND "peak_day" BETWEEN 1 AND 31)
);
CREATE INDEX "meteor_showers_parent_body_id_idx" ON "meteor_showers" ("parent_body_id");

CREATE TABLE "eclipses" (
    "id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL CONSTRAINT "eclipses_kind_check" CHECK ("kind" IN ('solar_total', 'solar_annular', 'solar_hybrid', 'solar_partial', 'lunar_total', 'lunar_partial', 'lunar_penumbral')),
    "greatest_eclipse_at" TIMESTAMP TEXT NOT NULL CONSTRAINT "eclipses_greatest_eclipse_at_check" CHECK (length("greatest_eclipse_at") = 27 AND "greatest_eclipse_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "saros" INTEGER,
    "gamma" REAL,
    "magnitude" REAL,
    "duration_s" REAL,
    "visibility" TEXT,
    "notes" TEXT,
    CONSTRAINT "eclipses_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "eclipses_kind_greatest_eclipse_at_key" UNIQUE ("kind", "greatest_eclipse_at")
);
SELECT AddGeometryColumn('eclipses', 'greatest_point', 4326, 'POINT', 'XY', 0);
SELECT CreateSpatialIndex('eclipses', 'greatest_point');
SELECT AddGeometryColumn('eclipses', 'central_path', 4326, 'LINESTRING', 'XY', 0);
SELECT CreateSpatialIndex('eclipses', 'central_path');
