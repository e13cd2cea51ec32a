-- 0002_create_views (down, SQLite + SpatiaLite)
-- Undoes 0002_create_views.up.sql.

DROP VIEW "v_active_alerts_summary";
DROP VIEW "v_recent_significant_quakes";
DROP VIEW "v_high_risk_objects";
