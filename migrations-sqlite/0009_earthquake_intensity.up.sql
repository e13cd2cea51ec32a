-- 0009_earthquake_intensity (up, SQLite + SpatiaLite)
-- Adds earthquakes.max_mmi (the maximum Modified Mercalli intensity, an enumeration I-XII) with ALTER TABLE,
-- and the view significant_earthquakes (magnitude 7 and above, with the nearest station's code).

ALTER TABLE "earthquakes" ADD COLUMN "max_mmi" TEXT CONSTRAINT "earthquakes_max_mmi_check" CHECK ("max_mmi" IN ('I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'));

CREATE VIEW "significant_earthquakes" AS
SELECT
    e."id" AS "id",
    e."event_uid" AS "event_uid",
    e."occurred_at" AS "occurred_at",
    e."magnitude" AS "magnitude",
    e."magnitude_type" AS "magnitude_type",
    e."depth_km" AS "depth_km",
    e."region" AS "region",
    e."tsunami" AS "tsunami",
    e."deaths" AS "deaths",
    e."max_mmi" AS "max_mmi",
    s."network" AS "station_network",
    s."code" AS "station_code"
FROM "earthquakes" AS e
LEFT JOIN "seismic_stations" AS s ON s."id" = e."nearest_station_id"
WHERE e."magnitude" >= 7.0;
