DELETE FROM t WHERE note = 'x;
