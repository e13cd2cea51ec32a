-- 0004_volcanic_eruptions (down, PostgreSQL + PostGIS)
-- Undoes 0004_volcanic_eruptions.up.sql: drops volcanic_eruptions (dependants first).

DROP TABLE "volcanic_eruptions";
