-- 0006_celestial_sign_catalogue (up, SQLite + SpatiaLite)
-- Reference catalogue: historical texts (chronicles, scriptures, astronomical records, artworks) and the
-- celestial signs they describe, with the body or eclipse each is identified with, where known.
-- Signs go with their source (ON DELETE CASCADE); a body named by a sign cannot be deleted (RESTRICT).

CREATE TABLE "prophecy_sources" (
    "id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "original_title" TEXT,
    "kind" TEXT NOT NULL CONSTRAINT "prophecy_sources_kind_check" CHECK ("kind" IN ('chronicle', 'annals', 'scripture', 'astronomical_record', 'artwork', 'broadsheet', 'prophecy', 'poem', 'omen_series', 'codex', 'memoir')),
    "language" TEXT NOT NULL,
    "author" TEXT,
    "composed_from_year" INTEGER,
    "composed_to_year" INTEGER,
    "citation" TEXT NOT NULL,
    "public_domain" BOOLEAN NOT NULL CONSTRAINT "prophecy_sources_public_domain_check" CHECK ("public_domain" IN (0, 1)),
    CONSTRAINT "prophecy_sources_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "prophecy_sources_title_key" UNIQUE ("title"),
    CONSTRAINT "prophecy_sources_composed_years_check" CHECK ("composed_to_year" IS NULL OR "composed_from_year" IS NULL OR "composed_to_year" >= "composed_from_year")
);

CREATE TABLE "celestial_signs" (
    "id" INTEGER NOT NULL,
    "source_id" INTEGER NOT NULL,
    "sign_type" TEXT NOT NULL CONSTRAINT "celestial_signs_sign_type_check" CHECK ("sign_type" IN ('comet', 'blood_moon', 'solar_eclipse', 'lunar_eclipse', 'star_falling', 'fireball', 'guest_star', 'aurora', 'sun_darkened', 'sunspot', 'parhelion', 'planetary_apparition', 'star_of_portent')),
    "reference" TEXT NOT NULL,
    "passage" TEXT,
    "passage_original" TEXT,
    "described_year" INTEGER,
    "observed_on" DATE TEXT CONSTRAINT "celestial_signs_observed_on_check" CHECK (length("observed_on") = 10 AND "observed_on" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    "identified_body_id" INTEGER,
    "identified_eclipse_id" INTEGER,
    "identification" TEXT NOT NULL CONSTRAINT "celestial_signs_identification_check" CHECK ("identification" IN ('certain', 'probable', 'possible', 'symbolic', 'unidentified')),
    "notes" TEXT,
    CONSTRAINT "celestial_signs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "celestial_signs_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "prophecy_sources" ("id") ON DELETE CASCADE,
    CONSTRAINT "celestial_signs_identified_body_id_fkey" FOREIGN KEY ("identified_body_id") REFERENCES "celestial_bodies" ("id") ON DELETE RESTRICT,
    CONSTRAINT "celestial_signs_identified_eclipse_id_fkey" FOREIGN KEY ("identified_eclipse_id") REFERENCES "eclipses" ("id") ON DELETE SET NULL
);
CREATE INDEX "celestial_signs_source_id_idx" ON "celestial_signs" ("source_id");
CREATE INDEX "celestial_signs_identified_body_id_idx" ON "celestial_signs" ("identified_body_id");
CREATE INDEX "celestial_signs_identified_eclipse_id_idx" ON "celestial_signs" ("identified_eclipse_id");
