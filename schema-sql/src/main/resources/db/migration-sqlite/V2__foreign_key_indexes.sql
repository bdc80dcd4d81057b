-- SQLite does not index the referencing side of a foreign key either; a nested read walks exactly those columns.
create index memberships_user_id_idx           on memberships (user_id);
create index invoices_assigned_to_id_idx       on invoices (assigned_to_id);
create index invoices_created_by_id_idx        on invoices (created_by_id);
create index invoices_organization_issued_idx  on invoices (organization_id, issued_on desc);
create index invoice_tags_tag_id_idx           on invoice_tags (tag_id);
create index comments_invoice_id_idx           on comments (invoice_id);
create index comments_parent_id_idx            on comments (parent_id);
create index comments_author_id_idx            on comments (author_id);
