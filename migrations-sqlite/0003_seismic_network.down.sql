-- 0003_seismic_network (down, SQLite + SpatiaLite)
-- Undoes 0003_seismic_network.up.sql: drops earthquakes, seismic_stations (dependants first).
-- A table with geometry goes with SpatiaLite's DropTable(NULL, t), which drops it with its triggers and
-- its rows in geometry_columns and the other metadata tables, inside the migration's transaction.
-- Its R*Tree index is dropped by name afterwards: with PRAGMA case_sensitive_like = ON (as Meridian
-- sets it), SpatiaLite 5.0.1's DropTable returns 1 but leaves the idx_<table>_<column> tables behind.

SELECT DropTable(NULL, 'earthquakes');
DROP TABLE IF EXISTS "idx_earthquakes_epicenter";
SELECT DropTable(NULL, 'seismic_stations');
DROP TABLE IF EXISTS "idx_seismic_stations_location";
