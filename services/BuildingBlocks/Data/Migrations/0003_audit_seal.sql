-- Tamper evidence the service role cannot get around, and an owner cannot quietly undo.
--
-- * The chain is computed here, by a trigger, not by the application: the service role may insert
--   the event's columns only, never previous_hash or hash, and whatever it sends, the trigger links
--   the row to the chain head and hashes it.
-- * audit_chain_head holds the newest row's id and hash, kept by the trigger alone (the service role
--   may read it, never write it): deleting the newest rows leaves the head pointing past them.
-- * An owner can still disable the trigger and rewrite and re-hash everything, head included. That
--   is what the signed checkpoints kept outside the database answer (AuditSeal): each one pins a
--   row's hash with a key the database never sees, so a re-hashed or shortened chain no longer
--   matches them.
-- * Rows younger than 180 days cannot be deleted by anyone short of dropping the trigger (MLPS 2.0
--   level 3 keeps logs at least six months); the service role cannot delete at all.
-- * Reads are row-level secured: a tenant reads its own events; platform events (tenant '') only in
--   a platform-admin scope. The owner reads everything, for the verification functions below.
create table audit_chain_head (
    singleton boolean primary key default true check (singleton),
    chain_id uuid not null default gen_random_uuid(),
    last_id bigint,
    last_hash bytea
);
insert into audit_chain_head (last_id, last_hash)
    select (select id from audit_event order by id desc limit 1), (select hash from audit_event order by id desc limit 1);
grant select on audit_chain_head to $app_role$;

create function audit_event_seal() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
declare
    head audit_chain_head;
begin
    -- The head's row lock serialises writers, so each row links to the one just before it.
    select * into head from audit_chain_head for update;
    new.previous_hash := head.last_hash;
    new.hash := audit_event_hash(new.previous_hash, new.occurred_at, new.tenant_code, new.actor, new.action,
                                 new.target, new.outcome, new.correlation_id, new.details);
    update audit_chain_head set last_id = new.id, last_hash = new.hash;
    return new;
end
$$;
create trigger audit_event_seal before insert on audit_event for each row execute function audit_event_seal();

revoke insert on audit_event from $app_role$;
grant insert (occurred_at, tenant_code, actor, action, target, outcome, correlation_id, details) on audit_event to $app_role$;

create function audit_event_retain() returns trigger language plpgsql as $$
begin
    if old.occurred_at > now() - interval '180 days' then
        raise exception 'audit event % of % is kept at least 180 days', old.id, old.occurred_at;
    end if;
    return old;
end
$$;
create trigger audit_event_retain before delete on audit_event for each row execute function audit_event_retain();

-- The first row (1-based) whose link or hash does not match, or one past the end when the newest
-- rows are gone (the head points past them); null when the chain is intact.
create function audit_first_break() returns bigint
language plpgsql stable security definer set search_path = public, pg_temp as $$
declare
    first bigint;
    head audit_chain_head;
    newest audit_event;
begin
    select position into first from (
        select row_number() over (order by id) as position,
               previous_hash is distinct from lag(hash) over (order by id)
               or hash <> audit_event_hash(previous_hash, occurred_at, tenant_code, actor, action, target, outcome, correlation_id, details)
               as broken
        from audit_event) chain
    where broken order by position limit 1;
    if first is not null then
        return first;
    end if;
    select * into head from audit_chain_head;
    select * into newest from audit_event order by id desc limit 1;
    if head.last_id is distinct from newest.id or head.last_hash is distinct from newest.hash then
        return (select count(*) from audit_event) + 1;
    end if;
    return null;
end
$$;
grant execute on function audit_first_break to $app_role$;

-- The hash the chain holds at an id (null when the row is gone), to compare with a checkpoint.
create function audit_hash_at(at_id bigint) returns bytea
language sql stable security definer set search_path = public, pg_temp as $$
    select hash from audit_event where id = at_id
$$;
grant execute on function audit_hash_at to $app_role$;

alter table audit_event enable row level security;
alter table audit_event force row level security;
create policy audit_event_append on audit_event for insert with check (true);
create policy audit_event_read on audit_event for select using (
    tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')
    or (tenant_code = '' and current_setting('fenghuo.platform_admin', true) = 'on'));
-- The owner (the role running this script) keeps its full reach: the verification functions run as
-- it, and hiding rows from it would not stop it, only the checkpoints do.
do $$
begin
    execute format('create policy audit_event_owner on audit_event for all using (current_user = %L) with check (current_user = %L)', current_user, current_user);
end
$$;
