-- 0003_create_functions (down, SQLite + SpatiaLite)
-- Undoes 0003_create_functions.up.sql: the function belongs to the driver, so there is nothing to drop.

SELECT 1;
