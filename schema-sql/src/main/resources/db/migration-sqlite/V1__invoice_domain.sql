-- The example domain on SQLite: the same tables, keys and constraints as db/migration (PostgreSQL), in SQLite's
-- terms. Keys are "integer primary key" (the rowid); timestamps are ISO-8601 text with their offset (what jOOQ reads
-- as OffsetDateTime); the enums become checked text; numeric keeps its declared type (NUMERIC affinity); a deferrable
-- unique key becomes a plain one (SQLite defers only foreign keys). Foreign keys are enforced when the connection
-- enables them (sqlite-jdbc: foreign_keys=true).

create table organizations (
    id          integer primary key,
    name        text not null,
    slug        text not null unique check (slug not glob '*[^a-z0-9-]*' and slug <> ''),
    created_at  text not null default (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '+00:00')
);

create table users (
    id            integer primary key,
    email         text not null unique,
    display_name  text not null,
    created_at    text not null default (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '+00:00')
);

create table memberships (
    id               integer primary key,
    organization_id  bigint not null references organizations (id) on delete cascade,
    user_id          bigint not null references users (id) on delete cascade,
    role             text   not null default 'member' check (role in ('owner', 'admin', 'member', 'viewer')),
    created_at       text   not null default (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '+00:00'),
    updated_at       text   not null default (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '+00:00'),
    unique (organization_id, user_id)
);

create table invoices (
    id               integer primary key,
    organization_id  bigint         not null references organizations (id) on delete cascade,
    assigned_to_id   bigint         references users (id) on delete set null,
    created_by_id    bigint         references users (id) on delete set null,
    number           text           not null,
    status           text           not null default 'draft' check (status in ('draft', 'open', 'paid', 'void')),
    total            numeric(12, 2) not null default 0 check (total >= 0),
    issued_on        date           not null default (date('now')),
    due_on           date,
    created_at       text           not null default (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '+00:00'),
    unique (organization_id, number)
);

create table invoice_line_items (
    id           integer primary key,
    invoice_id   bigint         not null references invoices (id) on delete cascade,
    position     integer        not null check (position > 0),
    description  text           not null,
    quantity     integer        not null check (quantity > 0),
    unit_price   numeric(12, 2) not null check (unit_price >= 0),
    unique (invoice_id, position)
);

create table tags (
    id     integer primary key,
    name   text not null unique,
    color  text
);

-- A pure junction: nothing but the two keys, so relations go "through" it.
create table invoice_tags (
    invoice_id  bigint not null references invoices (id) on delete cascade,
    tag_id      bigint not null references tags (id) on delete cascade,
    primary key (invoice_id, tag_id)
);

create table comments (
    id          integer primary key,
    invoice_id  bigint not null references invoices (id) on delete cascade,
    parent_id   bigint references comments (id) on delete cascade,
    author_id   bigint references users (id) on delete set null,
    body        text   not null,
    created_at  text   not null default (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '+00:00')
);
