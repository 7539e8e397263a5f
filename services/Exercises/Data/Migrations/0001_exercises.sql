-- 应急演练: one row per exercise, owned by the organising tenant. participants names every tenant
-- taking part (the organiser and tenants of its subtree); they see the exercise, as do the
-- organiser's ancestors. Everyone else sees nothing.
create table exercise (
    id uuid primary key,
    tenant_code text not null,
    tenant_path ltree not null,
    title text not null,
    kind text not null check (kind in ('tabletop', 'functional', 'full_scale')),
    scenario text not null,
    objectives text[] not null default '{}',
    scheduled_start timestamptz not null,
    scheduled_end timestamptz not null,
    participants text[] not null,
    state text not null check (state in ('planned', 'running', 'completed', 'evaluated')),
    planned_at timestamptz not null,
    planned_by text not null,
    started_at timestamptz,
    started_by text,
    ended_at timestamptz,
    ended_by text,
    evaluated_at timestamptz,
    evaluated_by text,
    evaluation_summary text,
    idempotency_key text,
    request_hash text,
    updated_at timestamptz not null,
    check (scheduled_end > scheduled_start)
);
create unique index exercise_idempotency on exercise (tenant_code, idempotency_key) where idempotency_key is not null;
create index exercise_path on exercise using gist (tenant_path);
create index exercise_participants on exercise using gin (participants);
grant select, insert on exercise to $app_role$;
grant update (tenant_path, state, started_at, started_by, ended_at, ended_by, evaluated_at, evaluated_by, evaluation_summary, updated_at)
    on exercise to $app_role$;

-- fenghuo.clock is set by the inject scheduler alone, for the statement that finds injects come due.
alter table exercise enable row level security;
alter table exercise force row level security;
create policy exercise_visible on exercise
    using (
        tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')
        or participants @> array[nullif(current_setting('fenghuo.tenant_code', true), '')]
        or tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree
        or current_setting('fenghuo.clock', true) = 'on')
    with check (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), ''));

-- One row per participant, with when the exercise it took part in was completed: what the yearly
-- obligation counts. fenghuo.tally lets a command count its subtree's participations (numbers only),
-- including in exercises organised above it that it cannot read.
create table exercise_participant (
    exercise_id uuid not null references exercise (id),
    tenant_code text not null,
    tenant_path ltree not null,
    tenant_name text not null,
    completed_at timestamptz,
    primary key (exercise_id, tenant_code)
);
create index exercise_participant_path on exercise_participant using gist (tenant_path);
grant select, insert on exercise_participant to $app_role$;
grant update (tenant_path, completed_at) on exercise_participant to $app_role$;
alter table exercise_participant enable row level security;
alter table exercise_participant force row level security;
create policy exercise_participant_visible on exercise_participant
    using (
        exists (select 1 from exercise e where e.id = exercise_id)
        or (current_setting('fenghuo.tally', true) = 'on'
            and tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree))
    with check (exists (select 1 from exercise e where e.id = exercise_id));

-- 情景注入: delivered at start + offset; the target participant answers it.
create table exercise_inject (
    id uuid primary key,
    exercise_id uuid not null references exercise (id),
    position int not null,
    offset_minutes int not null check (offset_minutes >= 0),
    target text not null,
    title text not null,
    content text not null,
    expected_action text not null,
    drill_incident jsonb,
    due_at timestamptz,
    delivered_at timestamptz,
    response text,
    responded_at timestamptz,
    responded_by text,
    unique (exercise_id, position)
);
create index exercise_inject_due on exercise_inject (due_at) where delivered_at is null and due_at is not null;
grant select, insert on exercise_inject to $app_role$;
grant update (due_at, delivered_at, response, responded_at, responded_by) on exercise_inject to $app_role$;
alter table exercise_inject enable row level security;
alter table exercise_inject force row level security;
create policy exercise_inject_visible on exercise_inject
    using (exists (select 1 from exercise e where e.id = exercise_id) or current_setting('fenghuo.clock', true) = 'on')
    with check (exists (select 1 from exercise e where e.id = exercise_id) or current_setting('fenghuo.clock', true) = 'on');

-- The drill incidents the injects opened, and how each of their clocks went, as the incidents service reported.
create table drill_incident (
    incident_id uuid primary key,
    exercise_id uuid not null references exercise (id),
    inject_id uuid not null references exercise_inject (id),
    tenant_code text not null,
    number text not null,
    grade text not null,
    category text not null,
    reported_at timestamptz not null
);
grant select, insert on drill_incident to $app_role$;
alter table drill_incident enable row level security;
alter table drill_incident force row level security;
create policy drill_incident_visible on drill_incident
    using (exists (select 1 from exercise e where e.id = exercise_id));

create table drill_clock (
    deadline_id uuid primary key,
    exercise_id uuid not null references exercise (id),
    inject_id uuid not null,
    incident_id uuid not null,
    number text not null,
    kind text not null,
    owed_by text not null,
    due_at timestamptz not null,
    met_at timestamptz,
    met boolean not null
);
grant select, insert, update on drill_clock to $app_role$;
alter table drill_clock enable row level security;
alter table drill_clock force row level security;
create policy drill_clock_visible on drill_clock
    using (exists (select 1 from exercise e where e.id = exercise_id));

-- 评估发现的问题: tracked until closed; a finding may ask its owner for a plan revision.
create table exercise_finding (
    id uuid primary key,
    exercise_id uuid not null references exercise (id),
    title text not null,
    severity text not null check (severity in ('minor', 'moderate', 'major')),
    owner_tenant text not null,
    due_on date not null,
    plan_section text,
    state text not null check (state in ('open', 'closed')),
    opened_at timestamptz not null,
    closed_at timestamptz,
    closed_by text,
    closing_note text,
    revision_requested_at timestamptz,
    revision_requested_by text
);
create index exercise_finding_exercise on exercise_finding (exercise_id);
grant select, insert on exercise_finding to $app_role$;
grant update (state, closed_at, closed_by, closing_note, revision_requested_at, revision_requested_by) on exercise_finding to $app_role$;
alter table exercise_finding enable row level security;
alter table exercise_finding force row level security;
create policy exercise_finding_visible on exercise_finding
    using (exists (select 1 from exercise e where e.id = exercise_id));

-- Every act, append-only: the report's timeline.
create table exercise_history (
    id bigint generated always as identity primary key,
    exercise_id uuid not null references exercise (id),
    at timestamptz not null,
    act text not null,
    actor text not null,
    actor_tenant text not null,
    summary text not null
);
create index exercise_history_exercise on exercise_history (exercise_id, id);
grant select, insert on exercise_history to $app_role$;
alter table exercise_history enable row level security;
alter table exercise_history force row level security;
create policy exercise_history_visible on exercise_history
    using (exists (select 1 from exercise e where e.id = exercise_id));

-- 演练任务提醒 sent: once per tenant and year.
create table obligation_notice (
    tenant_code text not null,
    year int not null,
    sent_at timestamptz not null,
    primary key (tenant_code, year)
);
grant select, insert on obligation_notice to $app_role$;
alter table obligation_notice enable row level security;
alter table obligation_notice force row level security;
create policy obligation_notice_own on obligation_notice
    using (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), ''));
