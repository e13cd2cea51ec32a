CREATE TABLE u (id INTEGER); /* done */ COMMIT;
