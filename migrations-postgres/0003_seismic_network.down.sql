-- 0003_seismic_network (down, PostgreSQL + PostGIS)
-- Undoes 0003_seismic_network.up.sql: drops earthquakes, seismic_stations (dependants first).

DROP TABLE "earthquakes";
DROP TABLE "seismic_stations";
