-- 0003_seismic_network (up, SQLite + SpatiaLite)
-- Geophysics, part 1: seismic stations (with a small raw waveform sample) and notable earthquakes
-- (epicentre point; nearest station ON DELETE SET NULL).

CREATE TABLE "seismic_stations" (
    "id" INTEGER NOT NULL,
    "network" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "elevation_m" REAL,
    "opened_on" DATE TEXT CONSTRAINT "seismic_stations_opened_on_check" CHECK (length("opened_on") = 10 AND "opened_on" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    "closed_on" DATE TEXT CONSTRAINT "seismic_stations_closed_on_check" CHECK (length("closed_on") = 10 AND "closed_on" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    "sample_rate_hz" REAL,
    "waveform_sample" BLOB,
    "waveform_sampled_at" TIMESTAMP TEXT CONSTRAINT "seismic_stations_waveform_sampled_at_check" CHECK (length("waveform_sampled_at") = 27 AND "waveform_sampled_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    CONSTRAINT "seismic_stations_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "seismic_stations_network_code_key" UNIQUE ("network", "code"),
    CONSTRAINT "seismic_stations_operation_dates_check" CHECK ("closed_on" IS NULL OR "opened_on" IS NULL OR "closed_on" >= "opened_on")
);
SELECT AddGeometryColumn('seismic_stations', 'location', 4326, 'POINT', 'XY', 1);
SELECT CreateSpatialIndex('seismic_stations', 'location');

CREATE TABLE "earthquakes" (
    "id" INTEGER NOT NULL,
    "event_uid" UUID TEXT NOT NULL CONSTRAINT "earthquakes_event_uid_check" CHECK (length("event_uid") = 36 AND "event_uid" GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    "occurred_at" TIMESTAMP TEXT NOT NULL CONSTRAINT "earthquakes_occurred_at_check" CHECK (length("occurred_at") = 27 AND "occurred_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "magnitude" REAL NOT NULL,
    "magnitude_type" TEXT NOT NULL CONSTRAINT "earthquakes_magnitude_type_check" CHECK ("magnitude_type" IN ('mw', 'ms', 'mb', 'ml', 'estimated')),
    "depth_km" REAL,
    "region" TEXT NOT NULL,
    "tsunami" BOOLEAN NOT NULL CONSTRAINT "earthquakes_tsunami_check" CHECK ("tsunami" IN (0, 1)),
    "deaths" INTEGER,
    "nearest_station_id" INTEGER,
    CONSTRAINT "earthquakes_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "earthquakes_event_uid_key" UNIQUE ("event_uid"),
    CONSTRAINT "earthquakes_nearest_station_id_fkey" FOREIGN KEY ("nearest_station_id") REFERENCES "seismic_stations" ("id") ON DELETE SET NULL,
    CONSTRAINT "earthquakes_magnitude_range_check" CHECK ("magnitude" >= -2.0 AND "magnitude" <= 10.0)
);
SELECT AddGeometryColumn('earthquakes', 'epicenter', 4326, 'POINT', 'XY', 1);
SELECT CreateSpatialIndex('earthquakes', 'epicenter');
CREATE INDEX "earthquakes_nearest_station_id_idx" ON "earthquakes" ("nearest_station_id");
