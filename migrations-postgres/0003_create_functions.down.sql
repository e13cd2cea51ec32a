-- 0003_create_functions (down, PostgreSQL + PostGIS)
-- Undoes 0003_create_functions.up.sql.

DROP FUNCTION "calculate_distance_km"(double precision, double precision, double precision, double precision);
