-- 0005_space_weather (up, SQLite + SpatiaLite)
-- Space weather: solar flares and the geomagnetic storms they drove (source flare ON DELETE SET NULL).

CREATE TABLE "solar_flares" (
    "id" INTEGER NOT NULL,
    "designation" TEXT NOT NULL,
    "class_letter" TEXT NOT NULL CONSTRAINT "solar_flares_class_letter_check" CHECK ("class_letter" IN ('A', 'B', 'C', 'M', 'X')),
    "peak_flux_w_m2" REAL,
    "began_at" TIMESTAMP TEXT NOT NULL CONSTRAINT "solar_flares_began_at_check" CHECK (length("began_at") = 27 AND "began_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "peak_at" TIMESTAMP TEXT CONSTRAINT "solar_flares_peak_at_check" CHECK (length("peak_at") = 27 AND "peak_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "ended_at" TIMESTAMP TEXT CONSTRAINT "solar_flares_ended_at_check" CHECK (length("ended_at") = 27 AND "ended_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "active_region" INTEGER,
    "observed_by" TEXT,
    "cme_associated" BOOLEAN NOT NULL CONSTRAINT "solar_flares_cme_associated_check" CHECK ("cme_associated" IN (0, 1)),
    "notes" TEXT,
    CONSTRAINT "solar_flares_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "solar_flares_began_at_key" UNIQUE ("began_at")
);

CREATE TABLE "geomagnetic_storms" (
    "id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "began_at" TIMESTAMP TEXT NOT NULL CONSTRAINT "geomagnetic_storms_began_at_check" CHECK (length("began_at") = 27 AND "began_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "ended_at" TIMESTAMP TEXT CONSTRAINT "geomagnetic_storms_ended_at_check" CHECK (length("ended_at") = 27 AND "ended_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "min_dst_nt" REAL,
    "kp_max" REAL,
    "noaa_scale" TEXT CONSTRAINT "geomagnetic_storms_noaa_scale_check" CHECK ("noaa_scale" IN ('G1', 'G2', 'G3', 'G4', 'G5')),
    "source_flare_id" INTEGER,
    "aurora_min_latitude" REAL,
    "observations" JSON TEXT CONSTRAINT "geomagnetic_storms_observations_check" CHECK ("observations" IS NULL OR json_valid("observations")),
    "impacts" TEXT,
    CONSTRAINT "geomagnetic_storms_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "geomagnetic_storms_name_key" UNIQUE ("name"),
    CONSTRAINT "geomagnetic_storms_source_flare_id_fkey" FOREIGN KEY ("source_flare_id") REFERENCES "solar_flares" ("id") ON DELETE SET NULL,
    CONSTRAINT "geomagnetic_storms_kp_range_check" CHECK ("kp_max" IS NULL OR ("kp_max" >= 0 AND "kp_max" <= 9))
);
CREATE INDEX "geomagnetic_storms_source_flare_id_idx" ON "geomagnetic_storms" ("source_flare_id");
