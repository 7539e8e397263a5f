-- Summaries keeps every event it consumed (event_log, append-only) and projects them into read
-- tables. Each read row belongs to a generation: the API reads the generation in force
-- (projection_state), a rebuild replays the log into the next one and swaps it in one commit.

-- Only projection work (consumers, the rebuild) reads or writes the log: fenghuo.projection is
-- turned on by ProjectionWidening around those statements alone, never for a caller.
create table event_log (
    seq bigint generated always as identity primary key,
    event_id uuid not null unique,
    event_type text not null,
    occurred_at timestamptz not null,
    payload jsonb not null,
    logged_at timestamptz not null default now()
);
grant select, insert on event_log to $app_role$;
alter table event_log enable row level security;
alter table event_log force row level security;
create policy event_log_projection on event_log
    using (current_setting('fenghuo.projection', true) = 'on')
    with check (current_setting('fenghuo.projection', true) = 'on');

-- One row: the generation the API reads and the one a rebuild is filling, if any.
create table projection_state (
    id int primary key check (id = 1),
    generation int not null,
    rebuilding int,
    rebuilt_at timestamptz
);
insert into projection_state (id, generation) values (1, 1);
grant select, update on projection_state to $app_role$;

-- The read tables. A caller sees the rows of its own subtree (by path) and its own (by code, so
-- they stay its own while it moves); projection work sees every row.
create table s_tenant (
    generation int not null,
    tenant_code text not null,
    tenant_path ltree not null,
    name text not null,
    kind text not null,
    parent_code text,
    revision bigint not null,
    primary key (generation, tenant_code)
);
create index s_tenant_path on s_tenant using gist (tenant_path);

create table s_incident (
    generation int not null,
    incident_id uuid not null,
    tenant_code text not null,
    tenant_path ltree not null,
    number text not null,
    exercise boolean not null default false,
    plan_version int,
    category text,
    grade text,
    state text not null default 'reported',
    state_at timestamptz not null default '-infinity',
    response_level text,
    occurred_at timestamptz,
    reported_at timestamptz,
    report_due_at timestamptz,
    report_met_at timestamptz,
    first_ack_at timestamptz,
    closed_at timestamptz,
    primary key (generation, incident_id)
);
create index s_incident_path on s_incident using gist (tenant_path);
create index s_incident_reported on s_incident (generation, reported_at);

-- A clock: per incident its kind and, for inquiries, the inquiry; owed by tenant_code.
create table s_clock (
    generation int not null,
    incident_id uuid not null,
    kind text not null,
    ref uuid not null,
    tenant_code text not null,
    tenant_path ltree not null,
    number text not null,
    exercise boolean not null default false,
    due_at timestamptz,
    met_at timestamptz,
    missed boolean not null default false,
    primary key (generation, incident_id, kind, ref)
);
create index s_clock_path on s_clock using gist (tenant_path);

create table s_warning (
    generation int not null,
    warning_id uuid not null,
    tenant_code text not null,
    tenant_path ltree not null,
    number text not null,
    exercise boolean not null default false,
    level text,
    level_name text,
    issued_at timestamptz,
    expires_at timestamptz,
    ended_at timestamptz,
    state text not null default 'issued',
    primary key (generation, warning_id)
);
create index s_warning_path on s_warning using gist (tenant_path);

-- The latest plan version per tenant, with the labels its taxonomy and levels give codes.
create table s_plan (
    generation int not null,
    tenant_code text not null,
    tenant_path ltree not null,
    version int not null,
    effective_from date not null,
    published_at timestamptz not null,
    minimum_drills_per_year int,
    labels jsonb not null,
    primary key (generation, tenant_code)
);
create index s_plan_path on s_plan using gist (tenant_path);

-- A completed exercise, once per participating tenant.
create table s_drill (
    generation int not null,
    exercise_id uuid not null,
    tenant_code text not null,
    tenant_path ltree not null,
    completed_at timestamptz not null,
    primary key (generation, exercise_id, tenant_code)
);
create index s_drill_path on s_drill using gist (tenant_path);

grant select, insert, update, delete on s_tenant to $app_role$;
alter table s_tenant enable row level security;
alter table s_tenant force row level security;
create policy s_tenant_visible on s_tenant
    using (
        current_setting('fenghuo.projection', true) = 'on'
        or tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')
        or tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree)
    with check (
        current_setting('fenghuo.projection', true) = 'on'
        or tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree);

grant select, insert, update, delete on s_incident to $app_role$;
alter table s_incident enable row level security;
alter table s_incident force row level security;
create policy s_incident_visible on s_incident
    using (
        current_setting('fenghuo.projection', true) = 'on'
        or tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')
        or tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree)
    with check (
        current_setting('fenghuo.projection', true) = 'on'
        or tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree);

grant select, insert, update, delete on s_clock to $app_role$;
alter table s_clock enable row level security;
alter table s_clock force row level security;
create policy s_clock_visible on s_clock
    using (
        current_setting('fenghuo.projection', true) = 'on'
        or tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')
        or tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree)
    with check (
        current_setting('fenghuo.projection', true) = 'on'
        or tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree);

grant select, insert, update, delete on s_warning to $app_role$;
alter table s_warning enable row level security;
alter table s_warning force row level security;
create policy s_warning_visible on s_warning
    using (
        current_setting('fenghuo.projection', true) = 'on'
        or tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')
        or tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree)
    with check (
        current_setting('fenghuo.projection', true) = 'on'
        or tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree);

grant select, insert, update, delete on s_plan to $app_role$;
alter table s_plan enable row level security;
alter table s_plan force row level security;
create policy s_plan_visible on s_plan
    using (
        current_setting('fenghuo.projection', true) = 'on'
        or tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')
        or tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree)
    with check (
        current_setting('fenghuo.projection', true) = 'on'
        or tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree);

grant select, insert, update, delete on s_drill to $app_role$;
alter table s_drill enable row level security;
alter table s_drill force row level security;
create policy s_drill_visible on s_drill
    using (
        current_setting('fenghuo.projection', true) = 'on'
        or tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')
        or tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree)
    with check (
        current_setting('fenghuo.projection', true) = 'on'
        or tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree);
