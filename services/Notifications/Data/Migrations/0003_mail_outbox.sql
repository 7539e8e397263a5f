-- 邮件发件箱: one e-mail per (notification, recipient), written in the transaction that tells
-- the user, so an event delivered twice mails nobody twice. The sender marks a row sent only
-- after the SMTP server accepted it; an outage moves next_attempt_at on and nothing is lost.
-- The sender finds due rows of every tenant under fenghuo.clock, then acts in each tenant's scope.
create table mail_outbox (
    id uuid primary key,
    notification_id uuid not null references notification (id),
    tenant_code text not null,
    tenant_path ltree not null,
    recipient text not null,
    address text not null,
    subject text not null,
    body text not null,
    created_at timestamptz not null,
    next_attempt_at timestamptz,
    attempts int not null default 0,
    sent_at timestamptz,
    last_error text
);
create unique index mail_outbox_once on mail_outbox (notification_id, recipient);
create index mail_outbox_due on mail_outbox (next_attempt_at) where sent_at is null;
grant select, insert on mail_outbox to $app_role$;
grant update (tenant_path, next_attempt_at, attempts, sent_at, last_error) on mail_outbox to $app_role$;

alter table mail_outbox enable row level security;
alter table mail_outbox force row level security;
create policy mail_outbox_own on mail_outbox
    using (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')
           or current_setting('fenghuo.clock', true) = 'on')
    with check (tenant_code = nullif(current_setting('fenghuo.tenant_code', true), ''));
