-- A follow-up sent again under the same Idempotency-Key (a client retrying after an answer it never
-- got) is answered from the entry it made the first time instead of being written twice. A key
-- names one request of the sending tenant, as a report's does.
alter table incident_timeline add column idempotency_key text, add column request_hash text;
create unique index incident_timeline_idempotency on incident_timeline (actor_tenant, idempotency_key) where idempotency_key is not null;
