-- 事件: one row per reported incident, owned by the reporting tenant. The plan version in force
-- when it was reported is pinned (plan_version) and never changes.
create table incident (
    id uuid primary key,
    tenant_code text not null,
    tenant_path ltree not null,
    number text not null,
    plan_version int not null,
    state text not null check (state in ('reported', 'confirmed', 'false_alarm', 'transferred', 'responding', 'controlled', 'response_ended', 'reviewed', 'closed')),
    outcome text check (outcome in ('confirmed', 'false_alarm', 'not_security')),
    grade text not null check (grade in ('especially_major', 'major', 'large', 'general', 'minor', 'undetermined')),
    capacity_exceeded boolean not null default false,
    recommended_level text,
    response_level text,
    response_started_by text,
    command_tenant text not null,
    -- Each command the incident has been escalated to, bottom up; a command sees the incident only once it is named here.
    escalated_to text[] not null default '{}',
    category text not null,
    subcategory text,
    occurred_at timestamptz not null,
    reported_at timestamptz not null,
    reported_by text not null,
    reporting_unit text not null,
    occurring_unit text not null,
    reporter text not null,
    reviewer text,
    harms text[] not null default '{}',
    description text not null,
    measures_taken text,
    consequence_estimate text,
    suggestions text,
    location text,
    source text,
    affected_scope text,
    estimated_loss text,
    trend text,
    review_summary text,
    idempotency_key text,
    request_hash text,
    updated_at timestamptz not null
);
create unique index incident_number on incident (tenant_code, number);
create unique index incident_idempotency on incident (tenant_code, idempotency_key) where idempotency_key is not null;
create index incident_listing on incident (tenant_code, occurred_at desc);
create index incident_escalated_to on incident using gin (escalated_to);
create index incident_path on incident using gist (tenant_path);
grant select, insert on incident to $app_role$;
grant update (tenant_path, number, state, outcome, grade, capacity_exceeded, recommended_level, response_level,
              response_started_by, command_tenant, escalated_to, review_summary, updated_at) on incident to $app_role$;

-- The owner sees its incidents; a command sees one only once it has been escalated to it
-- (not merely because it is below). fenghuo.tally is set by the subtree summary alone, which
-- reads counts of the caller's subtree and no contents.
alter table incident enable row level security;
alter table incident force row level security;
create policy incident_visible on incident
    using (
        tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')
        or escalated_to @> array[nullif(current_setting('fenghuo.tenant_code', true), '')]
        or (current_setting('fenghuo.tally', true) = 'on'
            and tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree))
    with check (
        tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')
        or escalated_to @> array[nullif(current_setting('fenghuo.tenant_code', true), '')]
        or tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree);

-- Human numbers per tenant and year (阳城-2026-0007).
create table incident_counter (
    tenant_code text not null,
    year int not null,
    last int not null,
    primary key (tenant_code, year)
);
grant select, insert, update on incident_counter to $app_role$;
alter table incident_counter enable row level security;
alter table incident_counter force row level security;
create policy incident_counter_own on incident_counter
    using (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), ''));

-- The record of every act: append-only (no update or delete is granted).
create table incident_timeline (
    id bigint generated always as identity primary key,
    incident_id uuid not null references incident (id),
    at timestamptz not null,
    act text not null,
    actor text not null,
    actor_tenant text not null,
    summary text not null,
    details jsonb not null default '{}'
);
create index incident_timeline_incident on incident_timeline (incident_id, id);
grant select, insert on incident_timeline to $app_role$;
alter table incident_timeline enable row level security;
alter table incident_timeline force row level security;
create policy incident_timeline_visible on incident_timeline
    using (exists (select 1 from incident i where i.id = incident_id));

create table incident_escalation (
    id uuid primary key,
    incident_id uuid not null references incident (id),
    kind text not null check (kind in ('report', 'support', 'handover')),
    from_tenant text not null,
    to_tenant text not null,
    reason text not null,
    automatic boolean not null,
    by_phone boolean not null,
    at timestamptz not null,
    by text not null,
    acknowledged_at timestamptz,
    acknowledged_by text,
    unique (incident_id, from_tenant, kind)
);
create index incident_escalation_to on incident_escalation (to_tenant, at desc);
grant select, insert on incident_escalation to $app_role$;
grant update (acknowledged_at, acknowledged_by) on incident_escalation to $app_role$;
alter table incident_escalation enable row level security;
alter table incident_escalation force row level security;
create policy incident_escalation_visible on incident_escalation
    using (exists (select 1 from incident i where i.id = incident_id));

create table incident_inquiry (
    id uuid primary key,
    incident_id uuid not null references incident (id),
    from_tenant text not null,
    to_tenant text not null,
    question text not null,
    asked_at timestamptz not null,
    asked_by text not null,
    answer_due_at timestamptz not null,
    answer text,
    answered_at timestamptz,
    answered_by text
);
create index incident_inquiry_incident on incident_inquiry (incident_id, asked_at);
grant select, insert on incident_inquiry to $app_role$;
grant update (answer, answered_at, answered_by) on incident_inquiry to $app_role$;
alter table incident_inquiry enable row level security;
alter table incident_inquiry force row level security;
create policy incident_inquiry_visible on incident_inquiry
    using (exists (select 1 from incident i where i.id = incident_id));

-- The clocks. fenghuo.clock is set by the deadline scheduler alone: it finds due clocks of every
-- tenant, then acts on each in its owner's scope.
create table incident_deadline (
    id uuid primary key,
    incident_id uuid not null references incident (id),
    tenant_code text not null,
    incident_number text not null,
    kind text not null check (kind in ('report_upward', 'written_report', 'inquiry_answer', 'review')),
    inquiry_id uuid references incident_inquiry (id),
    owed_by text not null,
    due_at timestamptz not null,
    status text not null check (status in ('due', 'met', 'missed')),
    met_at timestamptz,
    approaching_sent_at timestamptz,
    source text not null,
    unique nulls not distinct (incident_id, kind, inquiry_id)
);
create index incident_deadline_due on incident_deadline (due_at) where status = 'due';
grant select, insert on incident_deadline to $app_role$;
grant update (due_at, status, met_at, approaching_sent_at, source) on incident_deadline to $app_role$;
grant delete on incident_deadline to $app_role$;
alter table incident_deadline enable row level security;
alter table incident_deadline force row level security;
create policy incident_deadline_visible on incident_deadline
    using (
        exists (select 1 from incident i where i.id = incident_id)
        or current_setting('fenghuo.clock', true) = 'on');
