-- Tables every service has: the transactional outbox and inbox, the local copy of the
-- tenant tree, and the append-only audit trail.
create extension if not exists ltree;

create table outbox (
    id uuid primary key,
    message_type text not null,
    payload jsonb not null,
    correlation_id text,
    created_at timestamptz not null default now(),
    sent_at timestamptz
);
create index outbox_unsent on outbox (created_at) where sent_at is null;
grant select, insert, update, delete on outbox to $app_role$;

create table inbox (
    consumer text not null,
    message_id uuid not null,
    received_at timestamptz not null default now(),
    primary key (consumer, message_id)
);
grant select, insert, delete on inbox to $app_role$;

-- Reference data, not tenant-owned: every service resolves a caller's ancestry path here,
-- before any tenant is set for row-level security.
create table tenant_directory (
    code text primary key,
    name text not null,
    kind text not null,
    parent_code text,
    path ltree not null,
    status text not null,
    division_code text,
    revision bigint not null,
    updated_at timestamptz not null default now()
);
create index tenant_directory_path on tenant_directory using gist (path);
grant select, insert, update on tenant_directory to $app_role$;

-- Append-only: the service role may add and read, never change or remove. Each row's hash
-- covers the previous row's, so an edit by anyone with more rights shows as a broken chain.
create table audit_event (
    id bigint generated always as identity primary key,
    occurred_at timestamptz not null,
    tenant_code text not null,
    actor text not null,
    action text not null,
    target text,
    outcome text not null,
    correlation_id text,
    details jsonb not null default '{}',
    previous_hash bytea,
    hash bytea not null
);
create index audit_event_tenant on audit_event (tenant_code, occurred_at);
grant select, insert on audit_event to $app_role$;

-- One definition of a row's hash, used when appending and when verifying the chain.
create function audit_event_hash(
    previous_hash bytea, occurred_at timestamptz, tenant_code text, actor text, action text,
    target text, outcome text, correlation_id text, details jsonb)
returns bytea language sql immutable as $$
    select sha256(convert_to(concat_ws(chr(31),
        coalesce(encode(previous_hash, 'hex'), ''),
        (extract(epoch from occurred_at) * 1000000)::bigint::text,
        tenant_code, actor, action, coalesce(target, ''), outcome, coalesce(correlation_id, ''),
        details::text), 'UTF8'))
$$;
grant execute on function audit_event_hash to $app_role$;
