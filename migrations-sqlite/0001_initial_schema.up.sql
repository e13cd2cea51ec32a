-- 0001_initial_schema (up, SQLite + SpatiaLite)
-- The celestial-events reference database, 14 tables in four domains:
--   scientific   ephemeris_data, orbital_elements, impact_risks
--   events       earthquakes, solar_events, meteor_showers, volcanic_activity (UUID keys, points in SRID 4326)
--   catalogue    prophecies, celestial_signs, prophecy_sign_links
--   alerts       data_triggers, alerts, correlation_rules, event_correlations
-- Reference tables have integer keys, event tables UUID keys (gen_random_uuid()). Every timestamp is
-- a UTC microsecond timestamp; created_at and updated_at are filled by the database (updated_at by a
-- trigger, unless the update sets it itself).
-- now() and gen_random_uuid() are functions Meridian's driver registers on every connection, so
-- inserting through another SQLite client needs explicit created_at, updated_at and event ids.
-- SQLite has no roles: the access control of celestial_app (see the PostgreSQL migration) is the
-- file's permissions here.

-- ephemeris_data: state vectors (position, velocity) of an object at an epoch, heliocentric ICRF.
CREATE TABLE "ephemeris_data" (
    "id" INTEGER NOT NULL,
    "object_designation" TEXT NOT NULL,
    "epoch" TIMESTAMP TEXT NOT NULL CONSTRAINT "ephemeris_data_epoch_check" CHECK (length("epoch") = 27 AND "epoch" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "x_km" REAL NOT NULL,
    "y_km" REAL NOT NULL,
    "z_km" REAL NOT NULL,
    "vx_km_s" REAL NOT NULL,
    "vy_km_s" REAL NOT NULL,
    "vz_km_s" REAL NOT NULL,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "ephemeris_data_created_at_check" CHECK (length("created_at") = 27 AND "created_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    CONSTRAINT "ephemeris_data_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ephemeris_data_object_designation_epoch_key" UNIQUE ("object_designation", "epoch")
);
CREATE INDEX "ephemeris_data_epoch_idx" ON "ephemeris_data" ("epoch");

-- orbital_elements: osculating orbital elements; is_interstellar is computed by the database.
CREATE TABLE "orbital_elements" (
    "id" INTEGER NOT NULL,
    "object_designation" TEXT NOT NULL,
    "object_name" TEXT,
    "epoch" TIMESTAMP TEXT NOT NULL CONSTRAINT "orbital_elements_epoch_check" CHECK (length("epoch") = 27 AND "epoch" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "eccentricity" REAL NOT NULL CONSTRAINT "orbital_elements_eccentricity_check" CHECK ("eccentricity" >= 0),
    "semi_major_axis_au" REAL,
    "perihelion_distance_au" REAL NOT NULL CONSTRAINT "orbital_elements_perihelion_distance_au_check" CHECK ("perihelion_distance_au" > 0),
    "inclination_deg" REAL NOT NULL CONSTRAINT "orbital_elements_inclination_deg_check" CHECK ("inclination_deg" >= 0 AND "inclination_deg" <= 180),
    "longitude_ascending_node_deg" REAL CONSTRAINT "orbital_elements_longitude_ascending_node_deg_check" CHECK ("longitude_ascending_node_deg" >= 0 AND "longitude_ascending_node_deg" < 360),
    "argument_perihelion_deg" REAL CONSTRAINT "orbital_elements_argument_perihelion_deg_check" CHECK ("argument_perihelion_deg" >= 0 AND "argument_perihelion_deg" < 360),
    "mean_anomaly_deg" REAL,
    "is_interstellar" BOOLEAN GENERATED ALWAYS AS ("eccentricity" > 1.0) STORED NOT NULL,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "orbital_elements_created_at_check" CHECK (length("created_at") = 27 AND "created_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "updated_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "orbital_elements_updated_at_check" CHECK (length("updated_at") = 27 AND "updated_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    CONSTRAINT "orbital_elements_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "orbital_elements_object_designation_epoch_key" UNIQUE ("object_designation", "epoch"),
    CONSTRAINT "orbital_elements_orbit_shape_check" CHECK ("semi_major_axis_au" IS NULL OR ("eccentricity" < 1.0 AND "semi_major_axis_au" > 0) OR ("eccentricity" > 1.0 AND "semi_major_axis_au" < 0))
);
CREATE INDEX "orbital_elements_interstellar_idx" ON "orbital_elements" ("is_interstellar");
CREATE TRIGGER "orbital_elements_set_updated_at" AFTER UPDATE ON "orbital_elements" FOR EACH ROW WHEN NEW."updated_at" IS OLD."updated_at"
BEGIN
    UPDATE "orbital_elements" SET "updated_at" = now() WHERE "id" = NEW."id";
END;

-- impact_risks: objects on the impact-monitoring lists (Sentry, NEODyS) with their hazard scales.
CREATE TABLE "impact_risks" (
    "id" INTEGER NOT NULL,
    "object_designation" TEXT NOT NULL,
    "impact_probability" REAL NOT NULL CONSTRAINT "impact_risks_impact_probability_check" CHECK ("impact_probability" >= 0 AND "impact_probability" <= 1),
    "palermo_scale" REAL NOT NULL CONSTRAINT "impact_risks_palermo_scale_check" CHECK ("palermo_scale" >= -20 AND "palermo_scale" <= 10),
    "torino_scale" INTEGER NOT NULL CONSTRAINT "impact_risks_torino_scale_check" CHECK ("torino_scale" >= 0 AND "torino_scale" <= 10),
    "estimated_diameter_m" REAL CONSTRAINT "impact_risks_estimated_diameter_m_check" CHECK ("estimated_diameter_m" > 0),
    "potential_impacts" INTEGER CONSTRAINT "impact_risks_potential_impacts_check" CHECK ("potential_impacts" >= 0),
    "first_possible_impact" DATE TEXT CONSTRAINT "impact_risks_first_possible_impact_check" CHECK (length("first_possible_impact") = 10 AND "first_possible_impact" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    "last_possible_impact" DATE TEXT CONSTRAINT "impact_risks_last_possible_impact_check" CHECK (length("last_possible_impact") = 10 AND "last_possible_impact" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    "assessed_at" TIMESTAMP TEXT NOT NULL CONSTRAINT "impact_risks_assessed_at_check" CHECK (length("assessed_at") = 27 AND "assessed_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "created_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "impact_risks_created_at_check" CHECK (length("created_at") = 27 AND "created_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "updated_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "impact_risks_updated_at_check" CHECK (length("updated_at") = 27 AND "updated_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    CONSTRAINT "impact_risks_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "impact_risks_object_designation_key" UNIQUE ("object_designation"),
    CONSTRAINT "impact_risks_impact_window_check" CHECK ("last_possible_impact" IS NULL OR "first_possible_impact" IS NULL OR "last_possible_impact" >= "first_possible_impact")
);
CREATE INDEX "impact_risks_torino_palermo_idx" ON "impact_risks" ("torino_scale", "palermo_scale");
CREATE TRIGGER "impact_risks_set_updated_at" AFTER UPDATE ON "impact_risks" FOR EACH ROW WHEN NEW."updated_at" IS OLD."updated_at"
BEGIN
    UPDATE "impact_risks" SET "updated_at" = now() WHERE "id" = NEW."id";
END;

-- earthquakes: earthquakes in the USGS catalogue form; properties holds the feed's other fields.
CREATE TABLE "earthquakes" (
    "id" UUID TEXT NOT NULL DEFAULT (gen_random_uuid()) CONSTRAINT "earthquakes_id_check" CHECK (length("id") = 36 AND "id" GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    "usgs_id" TEXT NOT NULL,
    "magnitude" REAL NOT NULL CONSTRAINT "earthquakes_magnitude_check" CHECK ("magnitude" >= -2.0 AND "magnitude" <= 10.0),
    "magnitude_type" TEXT,
    "depth_km" REAL CONSTRAINT "earthquakes_depth_km_check" CHECK ("depth_km" >= -10 AND "depth_km" <= 800),
    "occurred_at" TIMESTAMP TEXT NOT NULL CONSTRAINT "earthquakes_occurred_at_check" CHECK (length("occurred_at") = 27 AND "occurred_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "place" TEXT,
    "properties" JSON TEXT CONSTRAINT "earthquakes_properties_check" CHECK ("properties" IS NULL OR json_valid("properties")),
    "created_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "earthquakes_created_at_check" CHECK (length("created_at") = 27 AND "created_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "updated_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "earthquakes_updated_at_check" CHECK (length("updated_at") = 27 AND "updated_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    CONSTRAINT "earthquakes_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "earthquakes_usgs_id_key" UNIQUE ("usgs_id")
);
SELECT AddGeometryColumn('earthquakes', 'location', 4326, 'POINT', 'XY', 1);
SELECT CreateSpatialIndex('earthquakes', 'location');
CREATE INDEX "earthquakes_occurred_at_idx" ON "earthquakes" ("occurred_at");
CREATE INDEX "earthquakes_magnitude_idx" ON "earthquakes" ("magnitude");
CREATE TRIGGER "earthquakes_set_updated_at" AFTER UPDATE ON "earthquakes" FOR EACH ROW WHEN NEW."updated_at" IS OLD."updated_at"
BEGIN
    UPDATE "earthquakes" SET "updated_at" = now() WHERE "id" = NEW."id";
END;

-- solar_events: solar flares (GOES X-ray class) and coronal mass ejections.
CREATE TABLE "solar_events" (
    "id" UUID TEXT NOT NULL DEFAULT (gen_random_uuid()) CONSTRAINT "solar_events_id_check" CHECK (length("id") = 36 AND "id" GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    "event_type" TEXT NOT NULL CONSTRAINT "solar_events_event_type_check" CHECK ("event_type" IN ('flare', 'cme')),
    "flare_class" TEXT CONSTRAINT "solar_events_flare_class_check" CHECK (substr("flare_class", 1, 1) IN ('A', 'B', 'C', 'M', 'X')),
    "start_time" TIMESTAMP TEXT NOT NULL CONSTRAINT "solar_events_start_time_check" CHECK (length("start_time") = 27 AND "start_time" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "peak_time" TIMESTAMP TEXT CONSTRAINT "solar_events_peak_time_check" CHECK (length("peak_time") = 27 AND "peak_time" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "end_time" TIMESTAMP TEXT CONSTRAINT "solar_events_end_time_check" CHECK (length("end_time") = 27 AND "end_time" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "active_region" INTEGER CONSTRAINT "solar_events_active_region_check" CHECK ("active_region" > 0),
    "cme_speed_km_s" REAL CONSTRAINT "solar_events_cme_speed_km_s_check" CHECK ("cme_speed_km_s" > 0),
    "source" TEXT NOT NULL,
    "properties" JSON TEXT CONSTRAINT "solar_events_properties_check" CHECK ("properties" IS NULL OR json_valid("properties")),
    "created_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "solar_events_created_at_check" CHECK (length("created_at") = 27 AND "created_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "updated_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "solar_events_updated_at_check" CHECK (length("updated_at") = 27 AND "updated_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    CONSTRAINT "solar_events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "solar_events_event_type_start_time_key" UNIQUE ("event_type", "start_time"),
    CONSTRAINT "solar_events_class_for_flares_check" CHECK (("event_type" = 'flare') = ("flare_class" IS NOT NULL)),
    CONSTRAINT "solar_events_times_check" CHECK (("peak_time" IS NULL OR "peak_time" >= "start_time") AND ("end_time" IS NULL OR "end_time" >= "start_time"))
);
CREATE INDEX "solar_events_start_time_idx" ON "solar_events" ("start_time");
CREATE TRIGGER "solar_events_set_updated_at" AFTER UPDATE ON "solar_events" FOR EACH ROW WHEN NEW."updated_at" IS OLD."updated_at"
BEGIN
    UPDATE "solar_events" SET "updated_at" = now() WHERE "id" = NEW."id";
END;

-- meteor_showers: a meteor shower's return in one year: peak, rates and radiant.
CREATE TABLE "meteor_showers" (
    "id" UUID TEXT NOT NULL DEFAULT (gen_random_uuid()) CONSTRAINT "meteor_showers_id_check" CHECK (length("id") = 36 AND "id" GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    "iau_code" TEXT NOT NULL CONSTRAINT "meteor_showers_iau_code_check" CHECK (length("iau_code") = 3),
    "name" TEXT NOT NULL,
    "peak_at" TIMESTAMP TEXT NOT NULL CONSTRAINT "meteor_showers_peak_at_check" CHECK (length("peak_at") = 27 AND "peak_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "active_from" DATE TEXT CONSTRAINT "meteor_showers_active_from_check" CHECK (length("active_from") = 10 AND "active_from" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    "active_to" DATE TEXT CONSTRAINT "meteor_showers_active_to_check" CHECK (length("active_to") = 10 AND "active_to" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    "zhr" INTEGER CONSTRAINT "meteor_showers_zhr_check" CHECK ("zhr" >= 0),
    "radiant_ra_deg" REAL CONSTRAINT "meteor_showers_radiant_ra_deg_check" CHECK ("radiant_ra_deg" >= 0 AND "radiant_ra_deg" < 360),
    "radiant_dec_deg" REAL CONSTRAINT "meteor_showers_radiant_dec_deg_check" CHECK ("radiant_dec_deg" >= -90 AND "radiant_dec_deg" <= 90),
    "velocity_km_s" REAL CONSTRAINT "meteor_showers_velocity_km_s_check" CHECK ("velocity_km_s" > 0),
    "parent_body" TEXT,
    "created_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "meteor_showers_created_at_check" CHECK (length("created_at") = 27 AND "created_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    CONSTRAINT "meteor_showers_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "meteor_showers_iau_code_peak_at_key" UNIQUE ("iau_code", "peak_at"),
    CONSTRAINT "meteor_showers_active_dates_check" CHECK ("active_to" IS NULL OR "active_from" IS NULL OR "active_to" >= "active_from")
);
CREATE INDEX "meteor_showers_peak_at_idx" ON "meteor_showers" ("peak_at");

-- volcanic_activity: eruptive episodes and alert levels of volcanoes (Smithsonian GVP numbering).
CREATE TABLE "volcanic_activity" (
    "id" UUID TEXT NOT NULL DEFAULT (gen_random_uuid()) CONSTRAINT "volcanic_activity_id_check" CHECK (length("id") = 36 AND "id" GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    "volcano_name" TEXT NOT NULL,
    "gvp_number" INTEGER,
    "alert_level" TEXT NOT NULL CONSTRAINT "volcanic_activity_alert_level_check" CHECK ("alert_level" IN ('normal', 'advisory', 'watch', 'warning')),
    "vei" INTEGER CONSTRAINT "volcanic_activity_vei_check" CHECK ("vei" >= 0 AND "vei" <= 8),
    "started_at" TIMESTAMP TEXT NOT NULL CONSTRAINT "volcanic_activity_started_at_check" CHECK (length("started_at") = 27 AND "started_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "ended_at" TIMESTAMP TEXT CONSTRAINT "volcanic_activity_ended_at_check" CHECK (length("ended_at") = 27 AND "ended_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "properties" JSON TEXT CONSTRAINT "volcanic_activity_properties_check" CHECK ("properties" IS NULL OR json_valid("properties")),
    "created_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "volcanic_activity_created_at_check" CHECK (length("created_at") = 27 AND "created_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "updated_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "volcanic_activity_updated_at_check" CHECK (length("updated_at") = 27 AND "updated_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    CONSTRAINT "volcanic_activity_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "volcanic_activity_volcano_name_started_at_key" UNIQUE ("volcano_name", "started_at"),
    CONSTRAINT "volcanic_activity_episode_check" CHECK ("ended_at" IS NULL OR "ended_at" >= "started_at")
);
SELECT AddGeometryColumn('volcanic_activity', 'location', 4326, 'POINT', 'XY', 1);
SELECT CreateSpatialIndex('volcanic_activity', 'location');
CREATE INDEX "volcanic_activity_started_at_idx" ON "volcanic_activity" ("started_at");
CREATE TRIGGER "volcanic_activity_set_updated_at" AFTER UPDATE ON "volcanic_activity" FOR EACH ROW WHEN NEW."updated_at" IS OLD."updated_at"
BEGIN
    UPDATE "volcanic_activity" SET "updated_at" = now() WHERE "id" = NEW."id";
END;

-- prophecies: scripture passages that speak of signs in the heavens.
CREATE TABLE "prophecies" (
    "id" INTEGER NOT NULL,
    "reference" TEXT NOT NULL,
    "book" TEXT NOT NULL,
    "chapter" INTEGER NOT NULL CONSTRAINT "prophecies_chapter_check" CHECK ("chapter" > 0),
    "verse_start" INTEGER NOT NULL CONSTRAINT "prophecies_verse_start_check" CHECK ("verse_start" > 0),
    "verse_end" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "translation" TEXT NOT NULL,
    "created_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "prophecies_created_at_check" CHECK (length("created_at") = 27 AND "created_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    CONSTRAINT "prophecies_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "prophecies_reference_key" UNIQUE ("reference"),
    CONSTRAINT "prophecies_verses_check" CHECK ("verse_end" >= "verse_start")
);
CREATE INDEX "prophecies_theme_idx" ON "prophecies" ("theme");

-- celestial_signs: the kinds of sign in the heavens the catalogue links passages to.
CREATE TABLE "celestial_signs" (
    "id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "sign_type" TEXT NOT NULL CONSTRAINT "celestial_signs_sign_type_check" CHECK ("sign_type" IN ('solar_eclipse', 'lunar_eclipse', 'blood_moon', 'comet', 'meteor_shower', 'planetary_conjunction', 'star', 'aurora', 'darkening', 'earthquake', 'other')),
    "description" TEXT NOT NULL,
    "observable_event_type" TEXT CONSTRAINT "celestial_signs_observable_event_type_check" CHECK ("observable_event_type" IN ('earthquake', 'solar_event', 'meteor_shower', 'volcanic_activity')),
    "created_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "celestial_signs_created_at_check" CHECK (length("created_at") = 27 AND "created_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    CONSTRAINT "celestial_signs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "celestial_signs_name_key" UNIQUE ("name")
);

-- prophecy_sign_links: which passages speak of which signs (many-to-many; a link goes with either side).
CREATE TABLE "prophecy_sign_links" (
    "prophecy_id" INTEGER NOT NULL,
    "sign_id" INTEGER NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "prophecy_sign_links_created_at_check" CHECK (length("created_at") = 27 AND "created_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    CONSTRAINT "prophecy_sign_links_pkey" PRIMARY KEY ("prophecy_id", "sign_id"),
    CONSTRAINT "prophecy_sign_links_prophecy_id_fkey" FOREIGN KEY ("prophecy_id") REFERENCES "prophecies" ("id") ON DELETE CASCADE,
    CONSTRAINT "prophecy_sign_links_sign_id_fkey" FOREIGN KEY ("sign_id") REFERENCES "celestial_signs" ("id") ON DELETE CASCADE
);
CREATE INDEX "prophecy_sign_links_sign_id_idx" ON "prophecy_sign_links" ("sign_id");

-- data_triggers: conditions on incoming events that raise alerts.
CREATE TABLE "data_triggers" (
    "id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "event_type" TEXT NOT NULL CONSTRAINT "data_triggers_event_type_check" CHECK ("event_type" IN ('earthquake', 'solar_event', 'meteor_shower', 'volcanic_activity')),
    "conditions" JSON TEXT NOT NULL CONSTRAINT "data_triggers_conditions_check" CHECK ("conditions" IS NULL OR json_valid("conditions")),
    "severity" TEXT NOT NULL CONSTRAINT "data_triggers_severity_check" CHECK ("severity" IN ('info', 'low', 'medium', 'high', 'critical')),
    "is_active" BOOLEAN NOT NULL DEFAULT 1 CONSTRAINT "data_triggers_is_active_check" CHECK ("is_active" IN (0, 1)),
    "created_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "data_triggers_created_at_check" CHECK (length("created_at") = 27 AND "created_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "updated_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "data_triggers_updated_at_check" CHECK (length("updated_at") = 27 AND "updated_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    CONSTRAINT "data_triggers_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "data_triggers_name_key" UNIQUE ("name")
);
CREATE TRIGGER "data_triggers_set_updated_at" AFTER UPDATE ON "data_triggers" FOR EACH ROW WHEN NEW."updated_at" IS OLD."updated_at"
BEGIN
    UPDATE "data_triggers" SET "updated_at" = now() WHERE "id" = NEW."id";
END;

-- alerts: alerts raised by triggers for events, with their JSON audit trail.
CREATE TABLE "alerts" (
    "id" UUID TEXT NOT NULL DEFAULT (gen_random_uuid()) CONSTRAINT "alerts_id_check" CHECK (length("id") = 36 AND "id" GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    "trigger_id" INTEGER,
    "event_type" TEXT NOT NULL CONSTRAINT "alerts_event_type_check" CHECK ("event_type" IN ('earthquake', 'solar_event', 'meteor_shower', 'volcanic_activity')),
    "event_id" UUID TEXT NOT NULL CONSTRAINT "alerts_event_id_check" CHECK (length("event_id") = 36 AND "event_id" GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    "severity" TEXT NOT NULL CONSTRAINT "alerts_severity_check" CHECK ("severity" IN ('info', 'low', 'medium', 'high', 'critical')),
    "title" TEXT NOT NULL,
    "message" TEXT,
    "audit_trail" JSON TEXT NOT NULL DEFAULT '[]' CONSTRAINT "alerts_audit_trail_check" CHECK ("audit_trail" IS NULL OR json_valid("audit_trail")),
    "acknowledged" BOOLEAN NOT NULL DEFAULT 0 CONSTRAINT "alerts_acknowledged_check" CHECK ("acknowledged" IN (0, 1)),
    "acknowledged_at" TIMESTAMP TEXT CONSTRAINT "alerts_acknowledged_at_check" CHECK (length("acknowledged_at") = 27 AND "acknowledged_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "created_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "alerts_created_at_check" CHECK (length("created_at") = 27 AND "created_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "updated_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "alerts_updated_at_check" CHECK (length("updated_at") = 27 AND "updated_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "alerts_trigger_id_event_id_key" UNIQUE ("trigger_id", "event_id"),
    CONSTRAINT "alerts_trigger_id_fkey" FOREIGN KEY ("trigger_id") REFERENCES "data_triggers" ("id") ON DELETE SET NULL,
    CONSTRAINT "alerts_acknowledged_at_check" CHECK ("acknowledged_at" IS NULL OR "acknowledged")
);
CREATE INDEX "alerts_acknowledged_severity_idx" ON "alerts" ("acknowledged", "severity");
CREATE INDEX "alerts_event_id_idx" ON "alerts" ("event_id");
CREATE TRIGGER "alerts_set_updated_at" AFTER UPDATE ON "alerts" FOR EACH ROW WHEN NEW."updated_at" IS OLD."updated_at"
BEGIN
    UPDATE "alerts" SET "updated_at" = now() WHERE "id" = NEW."id";
END;

-- correlation_rules: which pairs of events to correlate: types, time window, distance and thresholds.
CREATE TABLE "correlation_rules" (
    "id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "primary_event_type" TEXT NOT NULL CONSTRAINT "correlation_rules_primary_event_type_check" CHECK ("primary_event_type" IN ('earthquake', 'solar_event', 'meteor_shower', 'volcanic_activity')),
    "secondary_event_type" TEXT NOT NULL CONSTRAINT "correlation_rules_secondary_event_type_check" CHECK ("secondary_event_type" IN ('earthquake', 'solar_event', 'meteor_shower', 'volcanic_activity')),
    "time_window_hours" REAL NOT NULL CONSTRAINT "correlation_rules_time_window_hours_check" CHECK ("time_window_hours" > 0),
    "max_distance_km" REAL CONSTRAINT "correlation_rules_max_distance_km_check" CHECK ("max_distance_km" > 0),
    "thresholds" JSON TEXT NOT NULL CONSTRAINT "correlation_rules_thresholds_check" CHECK ("thresholds" IS NULL OR json_valid("thresholds")),
    "is_active" BOOLEAN NOT NULL DEFAULT 1 CONSTRAINT "correlation_rules_is_active_check" CHECK ("is_active" IN (0, 1)),
    "created_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "correlation_rules_created_at_check" CHECK (length("created_at") = 27 AND "created_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "updated_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "correlation_rules_updated_at_check" CHECK (length("updated_at") = 27 AND "updated_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    CONSTRAINT "correlation_rules_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "correlation_rules_name_key" UNIQUE ("name")
);
CREATE TRIGGER "correlation_rules_set_updated_at" AFTER UPDATE ON "correlation_rules" FOR EACH ROW WHEN NEW."updated_at" IS OLD."updated_at"
BEGIN
    UPDATE "correlation_rules" SET "updated_at" = now() WHERE "id" = NEW."id";
END;

-- event_correlations: pairs of events a rule found related, with their distance and time apart.
CREATE TABLE "event_correlations" (
    "id" UUID TEXT NOT NULL DEFAULT (gen_random_uuid()) CONSTRAINT "event_correlations_id_check" CHECK (length("id") = 36 AND "id" GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    "rule_id" INTEGER NOT NULL,
    "primary_event_type" TEXT NOT NULL CONSTRAINT "event_correlations_primary_event_type_check" CHECK ("primary_event_type" IN ('earthquake', 'solar_event', 'meteor_shower', 'volcanic_activity')),
    "primary_event_id" UUID TEXT NOT NULL CONSTRAINT "event_correlations_primary_event_id_check" CHECK (length("primary_event_id") = 36 AND "primary_event_id" GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    "secondary_event_type" TEXT NOT NULL CONSTRAINT "event_correlations_secondary_event_type_check" CHECK ("secondary_event_type" IN ('earthquake', 'solar_event', 'meteor_shower', 'volcanic_activity')),
    "secondary_event_id" UUID TEXT NOT NULL CONSTRAINT "event_correlations_secondary_event_id_check" CHECK (length("secondary_event_id") = 36 AND "secondary_event_id" GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    "distance_km" REAL CONSTRAINT "event_correlations_distance_km_check" CHECK ("distance_km" >= 0),
    "time_delta_seconds" REAL NOT NULL,
    "score" REAL NOT NULL CONSTRAINT "event_correlations_score_check" CHECK ("score" >= 0 AND "score" <= 1),
    "created_at" TIMESTAMP TEXT NOT NULL DEFAULT (now()) CONSTRAINT "event_correlations_created_at_check" CHECK (length("created_at") = 27 AND "created_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    CONSTRAINT "event_correlations_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "event_correlations_rule_id_pair_key" UNIQUE ("rule_id", "primary_event_id", "secondary_event_id"),
    CONSTRAINT "event_correlations_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "correlation_rules" ("id") ON DELETE CASCADE,
    CONSTRAINT "event_correlations_distinct_events_check" CHECK ("primary_event_id" <> "secondary_event_id")
);
CREATE INDEX "event_correlations_primary_event_id_idx" ON "event_correlations" ("primary_event_id");
CREATE INDEX "event_correlations_secondary_event_id_idx" ON "event_correlations" ("secondary_event_id");
