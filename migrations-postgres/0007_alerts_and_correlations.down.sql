-- 0007_alerts_and_correlations (down, PostgreSQL + PostGIS)
-- Undoes 0007_alerts_and_correlations.up.sql: drops event_correlations, alerts, alert_subscriptions (dependants first).

DROP TABLE "event_correlations";
DROP TABLE "alerts";
DROP TABLE "alert_subscriptions";
