-- 0008_event_time_indexes (down, SQLite + SpatiaLite)
-- Undoes 0008_event_time_indexes.up.sql: drops the time-column indexes.

DROP INDEX "alerts_issued_at_idx";
DROP INDEX "eclipses_greatest_eclipse_at_idx";
DROP INDEX "geomagnetic_storms_began_at_idx";
DROP INDEX "solar_flares_peak_at_idx";
DROP INDEX "volcanic_eruptions_started_on_idx";
DROP INDEX "earthquakes_occurred_at_idx";
