DELETE FROM t WHERE id = 3;
.tables
