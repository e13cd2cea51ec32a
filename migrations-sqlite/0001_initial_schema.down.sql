-- 0001_initial_schema (down, SQLite + SpatiaLite)
-- Undoes 0001_initial_schema.up.sql: drops the 14 tables, dependants first. A table with geometry goes
-- with SpatiaLite's DropTable(NULL, t), which drops its triggers and metadata rows too; its R*Tree index
-- is dropped by name afterwards (with PRAGMA case_sensitive_like = ON, as Meridian sets it, SpatiaLite
-- 5.0.1's DropTable leaves the idx_<table>_<column> tables behind).

DROP TABLE "event_correlations";
DROP TABLE "correlation_rules";
DROP TABLE "alerts";
DROP TABLE "data_triggers";
DROP TABLE "prophecy_sign_links";
DROP TABLE "celestial_signs";
DROP TABLE "prophecies";
SELECT DropTable(NULL, 'volcanic_activity');
DROP TABLE IF EXISTS "idx_volcanic_activity_location";
DROP TABLE "meteor_showers";
DROP TABLE "solar_events";
SELECT DropTable(NULL, 'earthquakes');
DROP TABLE IF EXISTS "idx_earthquakes_location";
DROP TABLE "impact_risks";
DROP TABLE "orbital_elements";
DROP TABLE "ephemeris_data";
