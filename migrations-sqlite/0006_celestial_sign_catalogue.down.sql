-- 0006_celestial_sign_catalogue (down, SQLite + SpatiaLite)
-- Undoes 0006_celestial_sign_catalogue.up.sql: drops celestial_signs, prophecy_sources (dependants first).

DROP TABLE "celestial_signs";
DROP TABLE "prophecy_sources";
