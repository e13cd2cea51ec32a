-- 0002_meteor_showers_and_eclipses (down, PostgreSQL + PostGIS)
-- Undoes 0002_meteor_showers_and_eclipses.up.sql: drops eclipses, meteor_showers (dependants first).

DROP TABLE "eclipses";
DROP TABLE "meteor_showers";
