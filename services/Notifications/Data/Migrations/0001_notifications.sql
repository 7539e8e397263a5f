-- 通知: what one event means for one tenant, made once (event_id, tenant_code) however often the
-- event is delivered. An acknowledgement by any recipient at the tenant is recorded here, once.
create table notification (
    id uuid primary key,
    event_id uuid not null,
    event_type text not null,
    tenant_code text not null,
    tenant_path ltree not null,
    subject_kind text not null check (subject_kind in ('incident', 'warning', 'exercise')),
    subject_id uuid not null,
    subject_number text not null,
    title text not null,
    body text not null,
    requires_acknowledgement boolean not null,
    created_at timestamptz not null,
    acknowledged_at timestamptz,
    acknowledged_by text
);
create unique index notification_once on notification (event_id, tenant_code);
grant select, insert on notification to $app_role$;
grant update (tenant_path, acknowledged_at, acknowledged_by) on notification to $app_role$;

alter table notification enable row level security;
alter table notification force row level security;
create policy notification_own on notification
    using (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), ''))
    with check (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), ''));

-- 收件箱: one row per user told; read state is the user's own.
create table inbox_item (
    id uuid primary key,
    notification_id uuid not null references notification (id),
    tenant_code text not null,
    recipient text not null,
    recipient_role text not null,
    created_at timestamptz not null,
    read_at timestamptz
);
create unique index inbox_item_once on inbox_item (notification_id, recipient);
create index inbox_item_listing on inbox_item (tenant_code, recipient, created_at desc);
grant select, insert on inbox_item to $app_role$;
grant update (read_at) on inbox_item to $app_role$;

alter table inbox_item enable row level security;
alter table inbox_item force row level security;
create policy inbox_item_own on inbox_item
    using (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), ''))
    with check (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), ''));
