-- 0005_space_weather (down, SQLite + SpatiaLite)
-- Undoes 0005_space_weather.up.sql: drops geomagnetic_storms, solar_flares (dependants first).

DROP TABLE "geomagnetic_storms";
DROP TABLE "solar_flares";
