-- The example domain on MariaDB: the same tables, keys and constraints as db/migration (PostgreSQL), in this
-- dialect's types. The enums become column enums; text that must be unique becomes varchar (MariaDB indexes text only
-- by prefix); a deferrable unique key becomes a plain one. timestamptz becomes ISO-8601 text with its offset
-- ('2026-01-10 09:30:00.000000+00:00'): the tests read this schema through the classes generated from PostgreSQL,
-- whose OffsetDateTime values MariaDB's datetime cannot hold (it has no offset and refuses one in a literal); a
-- project generating from MariaDB would keep datetime(6) and read LocalDateTime.

create table organizations (
    id          bigint       not null auto_increment primary key,
    name        text         not null,
    slug        varchar(200) not null unique check (slug regexp '^[a-z0-9-]+$'),
    created_at  varchar(40)  not null default (concat(utc_timestamp(6), '+00:00'))
);

create table users (
    id            bigint       not null auto_increment primary key,
    email         varchar(320) not null unique,
    display_name  text         not null,
    created_at    varchar(40)  not null default (concat(utc_timestamp(6), '+00:00'))
);

create table memberships (
    id               bigint      not null auto_increment primary key,
    organization_id  bigint      not null,
    user_id          bigint      not null,
    role             enum ('owner', 'admin', 'member', 'viewer') not null default 'member',
    created_at       varchar(40) not null default (concat(utc_timestamp(6), '+00:00')),
    updated_at       varchar(40) not null default (concat(utc_timestamp(6), '+00:00')),
    unique (organization_id, user_id),
    foreign key (organization_id) references organizations (id) on delete cascade,
    foreign key (user_id) references users (id) on delete cascade
);

create table invoices (
    id               bigint         not null auto_increment primary key,
    organization_id  bigint         not null,
    assigned_to_id   bigint,
    created_by_id    bigint,
    number           varchar(200)   not null,
    status           enum ('draft', 'open', 'paid', 'void') not null default 'draft',
    total            decimal(12, 2) not null default 0 check (total >= 0),
    issued_on        date           not null default (current_date),
    due_on           date,
    created_at       varchar(40)    not null default (concat(utc_timestamp(6), '+00:00')),
    unique (organization_id, number),
    foreign key (organization_id) references organizations (id) on delete cascade,
    foreign key (assigned_to_id) references users (id) on delete set null,
    foreign key (created_by_id) references users (id) on delete set null
);

create table invoice_line_items (
    id           bigint         not null auto_increment primary key,
    invoice_id   bigint         not null,
    position     integer        not null check (position > 0),
    description  text           not null,
    quantity     integer        not null check (quantity > 0),
    unit_price   decimal(12, 2) not null check (unit_price >= 0),
    unique (invoice_id, position),
    foreign key (invoice_id) references invoices (id) on delete cascade
);

create table tags (
    id     bigint       not null auto_increment primary key,
    name   varchar(200) not null unique,
    color  text
);

-- A pure junction: nothing but the two keys, so relations go "through" it.
create table invoice_tags (
    invoice_id  bigint not null,
    tag_id      bigint not null,
    primary key (invoice_id, tag_id),
    foreign key (invoice_id) references invoices (id) on delete cascade,
    foreign key (tag_id) references tags (id) on delete cascade
);

create table comments (
    id          bigint      not null auto_increment primary key,
    invoice_id  bigint      not null,
    parent_id   bigint,
    author_id   bigint,
    body        text        not null,
    created_at  varchar(40) not null default (concat(utc_timestamp(6), '+00:00')),
    foreign key (invoice_id) references invoices (id) on delete cascade,
    foreign key (parent_id) references comments (id) on delete cascade,
    foreign key (author_id) references users (id) on delete set null
);
