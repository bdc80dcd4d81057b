-- For GeneratedRelationsGuardsTest: a relation name that is already a column's, and a foreign key to a schema that
-- is not generated.
create schema ext;
create table ext.countries (code text primary key);

create table users (id bigint primary key, email text not null);
create table projects (
    id            bigint primary key,
    owner         text,
    owner_id      bigint references users (id),
    country_code  text references ext.countries (code)
);
create table tasks (
    id          bigint primary key,
    project_id  bigint not null references projects (id)
);
