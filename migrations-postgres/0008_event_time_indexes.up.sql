-- 0008_event_time_indexes (up, PostgreSQL + PostGIS)
-- Adds B-tree indexes on the time columns that timelines and alert windows filter and sort by.

CREATE INDEX "earthquakes_occurred_at_idx" ON "earthquakes" ("occurred_at");
CREATE INDEX "volcanic_eruptions_started_on_idx" ON "volcanic_eruptions" ("started_on");
CREATE INDEX "solar_flares_peak_at_idx" ON "solar_flares" ("peak_at");
CREATE INDEX "geomagnetic_storms_began_at_idx" ON "geomagnetic_storms" ("began_at");
CREATE INDEX "eclipses_greatest_eclipse_at_idx" ON "eclipses" ("greatest_eclipse_at");
CREATE INDEX "alerts_issued_at_idx" ON "alerts" ("issued_at");
