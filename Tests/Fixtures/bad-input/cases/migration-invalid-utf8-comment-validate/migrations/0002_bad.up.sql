-- café
DELETE FROM t WHERE id = 3;
