-- MariaDB (InnoDB) indexes every foreign key column itself; the one index it would not create is the list order.
create index invoices_organization_issued_idx on invoices (organization_id, issued_on desc);
