CREATE TABLE u (id INTEGER);
-- meridian:no-transaction
COMMIT;
