-- A schema nobody wrote for the library, the way real ones look: two schemas that share a table name
-- (crm.accounts, auth.accounts), quoted mixed-case and keyword identifiers, uuid keys, a composite primary key with
-- a composite foreign key to it, a foreign key to a UNIQUE non-key column, two foreign keys between one pair of
-- tables, a many-to-many self-reference, a table named like the library's own CTE and columns named like its
-- internal aliases, and two columns whose camelCase result keys are the same.
-- Generated into io.jooqrelations.realworld; read by query-runtime's RealWorldSchemaTest and its randomized test.

create schema crm;
create schema auth;

create type crm.customer_stage as enum ('lead', 'active', 'lost');

create table crm.tenants (
    id    uuid primary key,
    name  text not null
);

create table crm.accounts (
    id          uuid primary key,
    tenant_id   uuid not null references crm.tenants (id),
    email       text not null,
    "FullName"  text
);

create table auth.accounts (
    id              bigint primary key,
    tenant_id       uuid   not null references crm.tenants (id),
    login           text   not null unique,
    crm_account_id  uuid   references crm.accounts (id),
    "user"          text,
    "order"         integer
);

-- many-to-many self-reference: who follows whom
create table auth.follows (
    follower_id  bigint not null references auth.accounts (id),
    followed_id  bigint not null references auth.accounts (id),
    since        date   not null,
    primary key (follower_id, followed_id)
);

create table crm."Customers" (
    id           uuid primary key,
    tenant_id    uuid not null references crm.tenants (id),
    "FullName"   text not null,
    stage        crm.customer_stage,
    -- two foreign keys to auth.accounts: one to its UNIQUE login, one to its primary key
    owner_login  text   references auth.accounts (login),
    manager_id   bigint references auth.accounts (id)
);

-- composite primary key, keyword column inside it
create table crm."Orders" (
    customer_id  uuid    not null references crm."Customers" (id),
    "order"      integer not null,
    placed_on    date    not null,
    total        numeric(12, 2),
    primary key (customer_id, "order")
);

-- composite foreign key to the composite primary key
create table crm."Order Lines" (
    customer_id  uuid    not null,
    order_no     integer not null,
    "Line No"    integer not null,
    "user"       text,
    amount       numeric(12, 2) not null,
    primary key (customer_id, order_no, "Line No"),
    foreign key (customer_id, order_no) references crm."Orders" (customer_id, "order")
);

-- a self-referencing table named like withTree's CTE, with columns named like the library's internal names
create table crm.tree (
    id          bigint primary key,
    parent_id   bigint references crm.tree (id),
    c0          text,
    c1          text,
    tree_depth  integer,
    tree_path   text,
    tree_cycle  boolean,
    rn          integer,
    j           text
);

-- first_name and "firstName" share the camelCase key firstName
create table crm.people (
    id           bigint primary key,
    first_name   text,
    "firstName"  text
);
