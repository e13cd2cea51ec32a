-- 0001_observatories_and_bodies (up, SQLite + SpatiaLite)
-- Astronomy, part 1: observatories (a point each, with a spatial index) and the celestial bodies catalogue
-- (self-referencing parent body; optional discovering observatory, ON DELETE SET NULL).

CREATE TABLE "observatories" (
    "id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "mpc_code" TEXT,
    "country_code" TEXT NOT NULL,
    "elevation_m" REAL,
    "founded_on" DATE TEXT CONSTRAINT "observatories_founded_on_check" CHECK (length("founded_on") = 10 AND "founded_on" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    "active" BOOLEAN NOT NULL CONSTRAINT "observatories_active_check" CHECK ("active" IN (0, 1)),
    "website" TEXT,
    CONSTRAINT "observatories_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "observatories_name_key" UNIQUE ("name"),
    CONSTRAINT "observatories_mpc_code_key" UNIQUE ("mpc_code"),
    CONSTRAINT "observatories_country_code_length_check" CHECK (length("country_code") = 2)
);
SELECT AddGeometryColumn('observatories', 'location', 4326, 'POINT', 'XY', 1);
SELECT CreateSpatialIndex('observatories', 'location');

CREATE TABLE "celestial_bodies" (
    "id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "designation" TEXT,
    "kind" TEXT NOT NULL CONSTRAINT "celestial_bodies_kind_check" CHECK ("kind" IN ('star', 'planet', 'dwarf_planet', 'moon', 'asteroid', 'comet', 'nebula', 'supernova_remnant')),
    "parent_body_id" INTEGER,
    "orbital_period_days" REAL,
    "discovered_on" DATE TEXT CONSTRAINT "celestial_bodies_discovered_on_check" CHECK (length("discovered_on") = 10 AND "discovered_on" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    "discovered_by_observatory_id" INTEGER,
    "properties" JSON TEXT CONSTRAINT "celestial_bodies_properties_check" CHECK ("properties" IS NULL OR json_valid("properties")),
    CONSTRAINT "celestial_bodies_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "celestial_bodies_name_key" UNIQUE ("name"),
    CONSTRAINT "celestial_bodies_parent_body_id_fkey" FOREIGN KEY ("parent_body_id") REFERENCES "celestial_bodies" ("id") ON DELETE SET NULL,
    CONSTRAINT "celestial_bodies_discovered_by_observatory_id_fkey" FOREIGN KEY ("discovered_by_observatory_id") REFERENCES "observatories" ("id") ON DELETE SET NULL,
    CONSTRAINT "celestial_bodies_not_own_parent_check" CHECK ("parent_body_id" IS NULL OR "parent_body_id" <> "id")
);
CREATE INDEX "celestial_bodies_parent_body_id_idx" ON "celestial_bodies" ("parent_body_id");
CREATE INDEX "celestial_bodies_discovered_by_observatory_id_idx" ON "celestial_bodies" ("discovered_by_observatory_id");
