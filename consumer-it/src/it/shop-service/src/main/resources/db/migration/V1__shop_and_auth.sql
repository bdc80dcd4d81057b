-- Two schemas with a table named accounts in each, as in many real applications.
create schema auth;
create schema shop;

create table auth.accounts (
    id    bigint generated always as identity primary key,
    login text not null unique
);

create table shop.accounts (
    id       bigint generated always as identity primary key,
    name     text   not null,
    owner_id bigint not null references auth.accounts (id)
);

create table shop.orders (
    id         bigint generated always as identity primary key,
    account_id bigint not null references shop.accounts (id),
    number     text   not null
);
create index on shop.orders (account_id);
