-- The tables that hang off an incident (its record, escalations, inquiries, deadlines) are visible when the incident
-- is. Their policies said so with `exists (select 1 from incident i where i.id = incident_id)`, which PostgreSQL may
-- turn into a hashed subplan: every incident the caller can see is read, once per statement, to build the hash. An
-- act's read of its record's newest entry number, or a page of 50 entries, then cost as much as the county has
-- incidents (3,000 incidents: ~1.5 ms a statement instead of ~0.03, growing with every report of the year).
--
-- A scalar subquery is never hashed: it stays a probe of incident's primary key per row read, under the caller's own
-- row-level security on incident and with the statement's snapshot, as the exists was. No incident row: null, and the
-- row is not visible. A statement costs what it reads, not what the tenant holds; the escalation board, which reads
-- the newest page of each of 50 incidents, costs about what it did (bench/Incidents.Bench/README.md, fifth pass).
drop policy incident_timeline_visible on incident_timeline;
create policy incident_timeline_visible on incident_timeline
    using ((select true from incident i where i.id = incident_id));

drop policy incident_escalation_visible on incident_escalation;
create policy incident_escalation_visible on incident_escalation
    using ((select true from incident i where i.id = incident_id));

drop policy incident_inquiry_visible on incident_inquiry;
create policy incident_inquiry_visible on incident_inquiry
    using ((select true from incident i where i.id = incident_id));

-- The deadline scheduler's setting first: it sees every deadline without a probe per row.
drop policy incident_deadline_visible on incident_deadline;
create policy incident_deadline_visible on incident_deadline
    using (current_setting('fenghuo.clock', true) = 'on' or (select true from incident i where i.id = incident_id));
