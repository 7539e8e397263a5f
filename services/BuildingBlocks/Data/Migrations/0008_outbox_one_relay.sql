-- One relay per database publishes at a time, leading by an advisory lock held by its session: rows are no
-- longer claimed with a lease, which cost every event a second update of its row.
alter table outbox drop column claimed_until;
