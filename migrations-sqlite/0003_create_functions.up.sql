-- 0003_create_functions (up, SQLite + SpatiaLite)
-- SQLite has no stored functions: calculate_distance_km(lat1, lon1, lat2, lon2), the geodesic
-- distance in kilometres on the WGS84 ellipsoid, is registered by Meridian's driver on every
-- connection (the same arguments, NULL handling and errors as the PostgreSQL function of this
-- migration). This call fails the migration loudly on a connection that lacks it.

SELECT "calculate_distance_km"(0, 0, 0, 0);
