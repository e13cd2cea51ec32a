-- 0001_observatories_and_bodies (down, PostgreSQL + PostGIS)
-- Undoes 0001_observatories_and_bodies.up.sql: drops celestial_bodies, observatories (dependants first).

DROP TABLE "celestial_bodies";
DROP TABLE "observatories";
