-- Two schemas of their own for CodegenRunTest, with the same table name in both, and nothing in public.
create schema sales;
create table sales.orders (id bigint primary key, note text, placed_at timestamptz not null);
create schema billing;
create table billing.orders (id bigint primary key, sales_order_id bigint not null references sales.orders (id));
