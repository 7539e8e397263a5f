-- 通知设置: a tenant's own acknowledgement window and, per event, which roles of its users are
-- told; absent means the rule table's defaults. The acknowledgement scheduler reads every
-- tenant's window under fenghuo.clock.
create table notification_setting (
    tenant_code text primary key,
    tenant_path ltree not null,
    acknowledgement_window_seconds int check (acknowledgement_window_seconds between 6 and 86400),
    event_roles jsonb not null default '{}',
    updated_at timestamptz not null,
    updated_by text not null
);
grant select, insert on notification_setting to $app_role$;
grant update (tenant_path, acknowledgement_window_seconds, event_roles, updated_at, updated_by) on notification_setting to $app_role$;

alter table notification_setting enable row level security;
alter table notification_setting force row level security;
create policy notification_setting_own on notification_setting
    using (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')
           or current_setting('fenghuo.clock', true) = 'on')
    with check (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), ''));
