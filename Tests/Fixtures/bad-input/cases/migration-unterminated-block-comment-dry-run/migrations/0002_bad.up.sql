DELETE FROM t WHERE id = 3;
/* never closed
DELETE FROM t;
