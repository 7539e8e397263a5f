-- How many entries an incident's record holds, kept in the transaction that writes each entry, so
-- the incident view can say how much older record there is without counting the history on every
-- read. The view and GET /api/incidents/{id}/timeline page the record newest first by
-- incident_timeline_incident (incident_id, id): a range scan with a limit, whatever the history's length.
alter table incident add column timeline_entries int not null default 0;
grant update (timeline_entries) on incident to $app_role$;

-- The owner counts every tenant's rows once: row-level security is lifted for this transaction alone.
alter table incident no force row level security;
alter table incident_timeline no force row level security;
update incident i set timeline_entries = (select count(*) from incident_timeline t where t.incident_id = i.id);
alter table incident force row level security;
alter table incident_timeline force row level security;
