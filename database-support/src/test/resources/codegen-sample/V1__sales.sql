-- A schema of its own for JooqCodegenTest: tables outside public.
create schema sales;
create table sales.orders (id bigint primary key, note text);
