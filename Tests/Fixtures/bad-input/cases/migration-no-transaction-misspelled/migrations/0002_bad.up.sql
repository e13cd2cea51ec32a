-- meridian:no-transactions
CREATE TABLE u (id INTEGER);
COMMIT;
