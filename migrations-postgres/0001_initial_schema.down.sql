-- 0001_initial_schema (down, PostgreSQL + PostGIS)
-- Undoes 0001_initial_schema.up.sql: drops the 14 tables (dependants first) and set_updated_at(), and
-- revokes what celestial_app was granted in this schema. The role itself stays: it belongs to the
-- cluster, and other databases may use it.

DO $$
BEGIN
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON TABLES FROM "celestial_app"', current_schema());
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON SEQUENCES FROM "celestial_app"', current_schema());
    EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM "celestial_app"', current_schema());
    EXECUTE format('REVOKE ALL ON SCHEMA %I FROM "celestial_app"', current_schema());
END;
$$;
DROP TABLE "event_correlations";
DROP TABLE "correlation_rules";
DROP TABLE "alerts";
DROP TABLE "data_triggers";
DROP TABLE "prophecy_sign_links";
DROP TABLE "celestial_signs";
DROP TABLE "prophecies";
DROP TABLE "volcanic_activity";
DROP TABLE "meteor_showers";
DROP TABLE "solar_events";
DROP TABLE "earthquakes";
DROP TABLE "impact_risks";
DROP TABLE "orbital_elements";
DROP TABLE "ephemeris_data";
DROP FUNCTION "set_updated_at"();
