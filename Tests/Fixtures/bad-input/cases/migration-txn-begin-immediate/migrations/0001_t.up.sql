CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT);
INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three');
