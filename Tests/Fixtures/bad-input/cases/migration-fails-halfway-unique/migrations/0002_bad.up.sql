DELETE FROM t WHERE id = 3;
UPDATE t SET note = 'changed';
INSERT INTO t VALUES (1, 'dup');
