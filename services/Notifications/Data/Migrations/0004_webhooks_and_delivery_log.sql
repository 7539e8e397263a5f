-- Webhooks: a tenant's HTTP endpoints, told of its notifications per the Standard Webhooks spec.
-- The signing secret is kept to sign with (HMAC needs it) and shown to the caller once.
create table webhook (
    id uuid primary key,
    tenant_code text not null,
    tenant_path ltree not null,
    url text not null,
    events text[] not null,
    description text not null,
    secret text not null,
    enabled boolean not null,
    created_at timestamptz not null,
    created_by text not null,
    disabled_at timestamptz,
    disabled_reason text,
    deleted_at timestamptz
);
create index webhook_listing on webhook (tenant_code, created_at desc);
grant select, insert on webhook to $app_role$;
grant update (tenant_path, enabled, disabled_at, disabled_reason, deleted_at) on webhook to $app_role$;

alter table webhook enable row level security;
alter table webhook force row level security;
create policy webhook_own on webhook
    using (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')
           or current_setting('fenghuo.clock', true) = 'on')
    with check (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), ''));

-- One message per (webhook, notification): webhook-id is its id, the same on every retry, so the
-- receiver can tell a retry from a new message. The sender scans every tenant under fenghuo.clock.
create table webhook_message (
    id uuid primary key,
    webhook_id uuid not null references webhook (id),
    notification_id uuid not null references notification (id),
    tenant_code text not null,
    tenant_path ltree not null,
    event_type text not null,
    payload text not null,
    created_at timestamptz not null,
    next_attempt_at timestamptz,
    attempts int not null default 0,
    delivered_at timestamptz,
    abandoned_at timestamptz
);
create unique index webhook_message_once on webhook_message (webhook_id, notification_id);
create index webhook_message_due on webhook_message (next_attempt_at) where next_attempt_at is not null;
grant select, insert on webhook_message to $app_role$;
grant update (tenant_path, next_attempt_at, attempts, delivered_at, abandoned_at) on webhook_message to $app_role$;

alter table webhook_message enable row level security;
alter table webhook_message force row level security;
create policy webhook_message_own on webhook_message
    using (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')
           or current_setting('fenghuo.clock', true) = 'on')
    with check (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), ''));

-- 投递记录: every (notification, recipient, channel) attempt and its outcome; append-only.
create table delivery_attempt (
    id uuid primary key,
    notification_id uuid not null references notification (id),
    tenant_code text not null,
    tenant_path ltree not null,
    event_type text not null,
    subject_number text not null,
    channel text not null check (channel in ('inbox', 'email', 'webhook')),
    recipient text not null,
    webhook_id uuid references webhook (id),
    attempt int not null,
    outcome text not null check (outcome in ('delivered', 'failed', 'abandoned')),
    detail text,
    attempted_at timestamptz not null
);
create index delivery_attempt_listing on delivery_attempt (tenant_code, attempted_at desc);
grant select, insert on delivery_attempt to $app_role$;
grant update (tenant_path) on delivery_attempt to $app_role$;

alter table delivery_attempt enable row level security;
alter table delivery_attempt force row level security;
create policy delivery_attempt_own on delivery_attempt
    using (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), ''))
    with check (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), ''));

-- A webhook given up on is a notice to its tenant, linking to the webhook.
alter table notification drop constraint notification_subject_kind_check;
alter table notification add constraint notification_subject_kind_check
    check (subject_kind in ('incident', 'warning', 'exercise', 'webhook'));

-- Who was told of a subject before (a warning's receivers, for its adjustment and lifting).
create index notification_subject on notification (subject_kind, subject_id);
