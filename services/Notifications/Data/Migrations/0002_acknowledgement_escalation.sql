-- 未确认升级: an item requiring acknowledgement that nobody at the tenant acknowledged by
-- escalate_at goes to the next role up the ladder; escalation_step is the ladder rung reached
-- (0 = duty officer). fenghuo.clock is set by the acknowledgement scheduler alone: it finds due
-- items of every tenant, then acts on each in its tenant's scope.
alter table notification add column escalation_step int not null default 0;
alter table notification add column escalate_at timestamptz;
grant update (escalation_step, escalate_at) on notification to $app_role$;
create index notification_escalation_due on notification (escalate_at) where escalate_at is not null;

drop policy notification_own on notification;
create policy notification_own on notification
    using (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')
           or current_setting('fenghuo.clock', true) = 'on')
    with check (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), ''));

-- Each step taken, with the users it reached; append-only.
create table notification_escalation (
    id uuid primary key,
    notification_id uuid not null references notification (id),
    tenant_code text not null,
    step int not null,
    role text not null,
    recipients text[] not null,
    escalated_at timestamptz not null
);
create unique index notification_escalation_once on notification_escalation (notification_id, step);
grant select, insert on notification_escalation to $app_role$;

alter table notification_escalation enable row level security;
alter table notification_escalation force row level security;
create policy notification_escalation_own on notification_escalation
    using (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), ''))
    with check (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), ''));
