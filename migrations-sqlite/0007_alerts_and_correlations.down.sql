-- 0007_alerts_and_correlations (down, SQLite + SpatiaLite)
-- Undoes 0007_alerts_and_correlations.up.sql: drops event_correlations, alerts, alert_subscriptions (dependants first).
-- A table with geometry goes with SpatiaLite's DropTable(NULL, t), which drops it with its triggers and
-- its rows in geometry_columns and the other metadata tables, inside the migration's transaction.
-- Its R*Tree index is dropped by name afterwards: with PRAGMA case_sensitive_like = ON (as Meridian
-- sets it), SpatiaLite 5.0.1's DropTable returns 1 but leaves the idx_<table>_<column> tables behind.

DROP TABLE "event_correlations";
DROP TABLE "alerts";
SELECT DropTable(NULL, 'alert_subscriptions');
DROP TABLE IF EXISTS "idx_alert_subscriptions_region";
