-- creates u
-- meridian:no-transaction
CREATE TABLE u (id INTEGER);
BEGIN;
