-- 0002_create_views (up, SQLite + SpatiaLite)
-- Three read-only views over the reference database. meridian_now() is registered by Meridian's
-- driver: now() unless the connection pins it (pinClock(to:)), so that tests can fix the instant.
-- Timestamps are fixed-width UTC text, so comparing them as text compares the instants; the
-- instant 30 days back keeps meridian_now()'s microseconds.

-- Objects worth watching: Torino scale 1 or more, or a Palermo scale above -2, with the
-- latest orbital elements known for the object.
CREATE VIEW "v_high_risk_objects" AS
SELECT
    r."object_designation",
    o."object_name",
    r."impact_probability",
    r."palermo_scale",
    r."torino_scale",
    r."estimated_diameter_m",
    r."first_possible_impact",
    r."last_possible_impact",
    o."eccentricity",
    o."is_interstellar"
FROM "impact_risks" r
LEFT JOIN "orbital_elements" o
    ON o."object_designation" = r."object_designation"
    AND o."epoch" = (SELECT max(e."epoch") FROM "orbital_elements" e WHERE e."object_designation" = r."object_designation")
WHERE r."torino_scale" >= 1 OR r."palermo_scale" > -2.0;

-- Earthquakes of magnitude 6 or more in the 30 days up to meridian_now().
CREATE VIEW "v_recent_significant_quakes" AS
SELECT "id", "usgs_id", "magnitude", "magnitude_type", "depth_km", "occurred_at", "place", "location"
FROM "earthquakes"
WHERE "magnitude" >= 6.0
    AND "occurred_at" >= strftime('%Y-%m-%dT%H:%M:%S', meridian_now(), '-30 days') || substr(meridian_now(), 20)
    AND "occurred_at" <= meridian_now();

-- Unacknowledged alerts by severity and event type.
CREATE VIEW "v_active_alerts_summary" AS
SELECT
    "severity",
    "event_type",
    count(*) AS "alert_count",
    min("created_at") AS "oldest_at",
    max("created_at") AS "newest_at"
FROM "alerts"
WHERE NOT "acknowledged"
GROUP BY "severity", "event_type";
