CREATE TABLE t (id bigint PRIMARY KEY, note text);
INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three');
