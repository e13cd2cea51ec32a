DROP TABLE t; -- ÿ
