-- The example domain: a multi-tenant invoicing app. Every business row hangs off an organization.

create table organizations (
    id          bigint generated always as identity primary key,
    name        text        not null,
    slug        text        not null unique check (slug ~ '^[a-z0-9-]+$'),
    created_at  timestamptz not null default now()
);

create table users (
    id            bigint generated always as identity primary key,
    email         text        not null unique,
    display_name  text        not null,
    created_at    timestamptz not null default now()
);

-- A junction that grew data of its own (role, timestamps, own id): an entity, related to, never gone "through".
create type membership_role as enum ('owner', 'admin', 'member', 'viewer');

create table memberships (
    id               bigint generated always as identity primary key,
    organization_id  bigint          not null references organizations (id) on delete cascade,
    user_id          bigint          not null references users (id) on delete cascade,
    role             membership_role not null default 'member',
    created_at       timestamptz     not null default now(),
    updated_at       timestamptz     not null default now(),
    unique (organization_id, user_id)
);

create type invoice_status as enum ('draft', 'open', 'paid', 'void');

create table invoices (
    id               bigint generated always as identity primary key,
    organization_id  bigint         not null references organizations (id) on delete cascade,
    assigned_to_id   bigint         references users (id) on delete set null,
    created_by_id    bigint         references users (id) on delete set null,
    number           text           not null,
    status           invoice_status not null default 'draft',
    total            numeric(12, 2) not null default 0 check (total >= 0),
    issued_on        date           not null default current_date,
    due_on           date,
    created_at       timestamptz    not null default now(),
    unique (organization_id, number)
);

create table invoice_line_items (
    id           bigint generated always as identity primary key,
    invoice_id   bigint         not null references invoices (id) on delete cascade,
    position     integer        not null check (position > 0),
    description  text           not null,
    quantity     integer        not null check (quantity > 0),
    unit_price   numeric(12, 2) not null check (unit_price >= 0),
    unique (invoice_id, position) deferrable initially deferred
);

create table tags (
    id     bigint generated always as identity primary key,
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
    id          bigint generated always as identity primary key,
    invoice_id  bigint      not null references invoices (id) on delete cascade,
    parent_id   bigint      references comments (id) on delete cascade,
    author_id   bigint      references users (id) on delete set null,
    body        text        not null,
    created_at  timestamptz not null default now()
);
