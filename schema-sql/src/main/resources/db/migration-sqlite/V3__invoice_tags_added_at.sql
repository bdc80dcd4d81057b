-- The junction keeps when a tag was attached: a column of the junction itself, read through the tags relation.
-- (SQLite's ALTER TABLE ADD COLUMN takes only a constant default.)
alter table invoice_tags add column added_at text not null default '1970-01-01T00:00:00+00:00';
