-- The junction keeps when a tag was attached: a column of the junction itself, read through the tags relation.
alter table invoice_tags add column added_at varchar(40) not null default (concat(utc_timestamp(6), '+00:00'));
