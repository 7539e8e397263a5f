-- 演练事件: an incident an exercise's inject opened. It runs the real plan rules and clocks, but
-- escalates only among the exercise's participants (drill_participants) and never counts in real
-- figures. Its number has its own series per tenant and year (阳城-演练-2026-0001), so drills
-- leave no gaps in the real numbering.
alter table incident add column exercise boolean not null default false;
alter table incident add column exercise_id uuid;
alter table incident add column inject_id uuid;
alter table incident add column drill_participants text[] not null default '{}';
create unique index incident_drill_inject on incident (inject_id) where inject_id is not null;

alter table incident_counter add column series text not null default 'real' check (series in ('real', 'drill'));
alter table incident_counter drop constraint incident_counter_pkey;
alter table incident_counter add primary key (tenant_code, series, year);
