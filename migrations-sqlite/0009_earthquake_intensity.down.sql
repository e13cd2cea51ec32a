-- 0009_earthquake_intensity (down, SQLite + SpatiaLite)
-- Undoes 0009_earthquake_intensity.up.sql: drops the view, then the column (and with it its CHECK).

DROP VIEW "significant_earthquakes";
ALTER TABLE "earthquakes" DROP COLUMN "max_mmi";
