-- 0002_create_views (up, PostgreSQL + PostGIS)
-- Three read-only views over the reference database, and meridian_now(), the clock the
-- "recent" view reads: now() unless a session pins it with set_config('meridian.now', <timestamptz>, false)
-- (Meridian's pinClock(to:) does that), so that tests can fix the instant.

CREATE FUNCTION "meridian_now"() RETURNS timestamptz LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT COALESCE(NULLIF(current_setting('meridian.now', true), '')::timestamptz, now())
$$;

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
    AND "occurred_at" >= "meridian_now"() - interval '30 days'
    AND "occurred_at" <= "meridian_now"();

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
