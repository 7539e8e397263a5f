-- 预警: one row per warning, owned by the issuing tenant, under the plan version in force when it
-- was proposed (plan_version, never changed: its levels are the ones the warning may take).
create table warning (
    id uuid primary key,
    tenant_code text not null,
    tenant_path ltree not null,
    number text not null,
    plan_version int not null,
    -- The issuing plan's scheme, categories and response levels, for receivers who cannot read that plan.
    plan_terms jsonb not null,
    state text not null check (state in ('proposed', 'in_force', 'adjusted', 'lifted', 'expired')),
    level text not null,
    title text not null,
    situation text not null,
    category text not null,
    affected_scope text not null,
    measures text[] not null default '{}',
    starts_at timestamptz not null,
    expires_at timestamptz not null,
    publicity text not null check (publicity in ('public', 'internal', 'confidential')),
    exercise boolean not null,
    -- The parent command it is reported to once issued; null for a root.
    reported_to text,
    proposed_at timestamptz not null,
    proposed_by text not null,
    issued_at timestamptz,
    issued_by text,
    ended_at timestamptz,
    end_reason text,
    idempotency_key text,
    request_hash text,
    updated_at timestamptz not null,
    check (expires_at > starts_at)
);
create unique index warning_number on warning (tenant_code, number);
create unique index warning_idempotency on warning (tenant_code, idempotency_key) where idempotency_key is not null;
create index warning_path on warning using gist (tenant_path);
create index warning_reported_to on warning (reported_to) where state <> 'proposed';
create index warning_expiry on warning (expires_at) where state in ('in_force', 'adjusted');
grant select, insert on warning to $app_role$;
-- tenant_path follows the issuer when it moves under another parent (TenantRelocation).
grant update (tenant_path, state, level, issued_at, issued_by, ended_at, end_reason, updated_at) on warning to $app_role$;

-- The issuer sees its warnings in every state. Once issued, a warning reaches the issuer's whole
-- subtree (the warning's path is an ancestor of the caller's) and is reported to the issuer's
-- parent. Siblings and other branches see nothing. fenghuo.clock is set by the expiry scheduler
-- alone, for the statement that finds what has expired.
alter table warning enable row level security;
alter table warning force row level security;
create policy warning_visible on warning
    using (
        tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')
        or (state <> 'proposed'
            and (tenant_path @> nullif(current_setting('fenghuo.tenant_path', true), '')::ltree
                 or reported_to = nullif(current_setting('fenghuo.tenant_code', true), '')))
        or current_setting('fenghuo.clock', true) = 'on')
    with check (
        tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')
        or current_setting('fenghuo.clock', true) = 'on');

create table warning_counter (
    tenant_code text not null,
    year int not null,
    last int not null,
    primary key (tenant_code, year)
);
grant select, insert, update on warning_counter to $app_role$;
alter table warning_counter enable row level security;
alter table warning_counter force row level security;
create policy warning_counter_own on warning_counter
    using (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), ''));

-- 签收回执: one per tenant the warning reached. The issuer sees every receipt (who has and who
-- has not signed); a receiver sees only its own, so receivers do not learn of each other.
create table warning_receipt (
    warning_id uuid not null references warning (id),
    tenant_code text not null,
    tenant_path ltree not null,
    tenant_name text not null,
    acknowledged_at timestamptz,
    acknowledged_by text,
    primary key (warning_id, tenant_code)
);
grant select, insert on warning_receipt to $app_role$;
grant update (tenant_path, acknowledged_at, acknowledged_by) on warning_receipt to $app_role$;
alter table warning_receipt enable row level security;
alter table warning_receipt force row level security;
create policy warning_receipt_visible on warning_receipt
    using (
        tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')
        or exists (select 1 from warning w where w.id = warning_id
                   and w.tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')));

-- Every act of the lifecycle, append-only (no update or delete is granted). An act that
-- published a CAP message keeps its identifier, so later messages can reference it.
create table warning_history (
    id bigint generated always as identity primary key,
    warning_id uuid not null references warning (id),
    at timestamptz not null,
    act text not null,
    actor text not null,
    actor_tenant text not null,
    level text not null,
    summary text not null,
    reason text,
    cap_identifier text,
    cap_message_type text check (cap_message_type in ('alert', 'update', 'cancel'))
);
create index warning_history_warning on warning_history (warning_id, id);
grant select, insert on warning_history to $app_role$;
alter table warning_history enable row level security;
alter table warning_history force row level security;
create policy warning_history_visible on warning_history
    using (exists (select 1 from warning w where w.id = warning_id));
