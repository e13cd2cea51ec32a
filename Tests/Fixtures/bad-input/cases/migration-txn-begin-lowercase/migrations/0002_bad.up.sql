-- hand-written
begin transaction;
create table u (id integer);
commit;
