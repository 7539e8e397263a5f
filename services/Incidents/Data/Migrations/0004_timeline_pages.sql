-- An incident's record is read a page at a time, newest first, so that the incident view and every
-- act's answer cost the same however long the record grows. Each entry gets its number in the record
-- (seq: 1 for the report, one more for each entry, never a gap), taken from the incident's count
-- (timeline_entries) in the statement that writes the entry, under the incident's row lock. A page is
-- then a range of numbers, read through (incident_id, seq) whatever the planner thinks of the history's
-- length; the view says how much older record there is without counting it.
alter table incident add column timeline_entries int not null default 0;
grant update (timeline_entries) on incident to $app_role$;
alter table incident_timeline add column seq int;

-- The owner numbers and counts every tenant's rows once: row-level security is lifted for this transaction alone.
alter table incident no force row level security;
alter table incident_timeline no force row level security;
update incident_timeline t set seq = n.seq
from (select id, row_number() over (partition by incident_id order by id) as seq from incident_timeline) n
where t.id = n.id;
update incident i set timeline_entries = n.entries
from (select incident_id, count(*) as entries from incident_timeline group by incident_id) n
where i.id = n.incident_id;
alter table incident force row level security;
alter table incident_timeline force row level security;

alter table incident_timeline alter column seq set not null;
create unique index incident_timeline_seq on incident_timeline (incident_id, seq);
-- Entries were read in id order through this index; the numbers replace it, and a write keeps to one index.
drop index incident_timeline_incident;
