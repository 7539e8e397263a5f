-- A platform administrator's change that would let someone act as a user of an onboarded
-- jurisdiction — a tenant role granted, a user moved into a jurisdiction, a password set — waits
-- here until a second administrator approves it ("platform-admin reads no incident content" holds
-- unless two administrators agree). The database itself refuses an approval by the requester.
create table admin_approval (
    id uuid primary key,
    action text not null check (action in ('roles', 'tenant', 'password')),
    user_id uuid not null references realm_user (id) on delete cascade,
    payload jsonb not null,
    requested_by text not null,
    requested_by_name text not null,
    requested_at timestamptz not null,
    approved_by text,
    approved_by_name text,
    approved_at timestamptz,
    check ((approved_by is null) = (approved_at is null)),
    check (approved_by is distinct from requested_by)
);
create index admin_approval_pending on admin_approval (requested_at) where approved_at is null;
grant select, insert on admin_approval to $app_role$;
grant update (approved_by, approved_by_name, approved_at) on admin_approval to $app_role$;
