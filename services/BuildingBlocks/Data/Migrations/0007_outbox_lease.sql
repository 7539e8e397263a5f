-- The relay claims rows with a lease instead of holding their row locks in a transaction left open
-- while the broker confirms each message: until claimed_until has passed, no other relay takes the
-- row. A relay that stops mid-batch leaves its claim to expire; one that fails gives it back at once.
alter table outbox add column claimed_until timestamptz;
