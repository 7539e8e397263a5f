-- 预案版本: a tenant's plan, versioned. A draft may be edited; a published version never
-- changes again (an incident keeps the version in force when it was reported).
create table plan_version (
    tenant_code text not null references jurisdiction (code),
    tenant_path ltree not null,
    version int not null check (version > 0),
    status text not null check (status in ('draft', 'published', 'superseded')),
    document jsonb not null,
    based_on text not null,
    effective_from date,
    published_at timestamptz,
    published_by text,
    created_at timestamptz not null default now(),
    created_by text not null,
    updated_at timestamptz not null default now(),
    primary key (tenant_code, version),
    check ((status = 'draft') = (published_at is null))
);
create unique index plan_version_one_draft on plan_version (tenant_code) where status = 'draft';
create index plan_version_path on plan_version using gist (tenant_path);
grant select, insert, update on plan_version to $app_role$;

-- A command reads its own and its subtree's plans; writes stay within the caller's subtree.
alter table plan_version enable row level security;
alter table plan_version force row level security;
create policy plan_version_visible on plan_version
    using (
        tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree
        or current_setting('fenghuo.platform_admin', true) = 'on')
    with check (
        tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree
        or current_setting('fenghuo.platform_admin', true) = 'on');

-- The database itself refuses to edit a published document, whoever asks.
create function plan_version_published_is_immutable() returns trigger language plpgsql as $$
begin
    if old.status <> 'draft' and (new.document is distinct from old.document
                                  or new.effective_from is distinct from old.effective_from
                                  or new.version <> old.version) then
        raise exception 'plan version %/% is published and cannot change', old.tenant_code, old.version
            using errcode = 'check_violation';
    end if;
    return new;
end $$;
create trigger plan_version_immutable before update on plan_version
    for each row execute function plan_version_published_is_immutable();
