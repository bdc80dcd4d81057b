-- A project whose scripts are not at Flyway's default location (this module has nothing at classpath:db/migration).
create table notes (id bigint generated always as identity primary key, body text not null);
