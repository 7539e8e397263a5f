-- Rows are linked into the chain after their act has committed, not inside it.
--
-- Until now the insert trigger took the chain head's row lock, and the act's transaction kept it
-- through its commit and WAL flush: every act of every tenant queued on that one row. An act now only
-- inserts its row (the service role still may not write previous_hash, hash or chain_position, so the
-- row arrives unlinked) and audit_link() — run by the service once a second (AuditLinking) and before
-- every verification — links the committed rows in one short transaction of its own, in id order
-- among those it finds, each numbered and hashed after the head exactly as the trigger did.
--
-- What the chain promises stays: the database alone computes links and hashes; the service role can
-- neither change nor remove a row, linked or not; an edited, removed or re-ordered linked row breaks
-- the chain at its place; the newest rows cannot vanish while the head points at them; the signed
-- checkpoints still pin the head. Rows already linked keep their links, places and hashes, so the
-- checkpoints signed before this change still verify. A row waits unlinked only until the next
-- link run, about a second, which against an owner is no weaker than before: only the checkpoints,
-- taken once a minute, ever stopped an owner.
drop trigger audit_event_seal on audit_event;
drop function audit_event_seal();

alter table audit_event alter column hash drop not null;
alter table audit_event alter column chain_position drop not null;
create index audit_event_unlinked on audit_event (id) where hash is null;

create function audit_link(most integer default 1000) returns integer
language plpgsql security definer set search_path = public, pg_temp as $$
declare
    head audit_chain_head;
    pending audit_event;
    linked integer := 0;
begin
    -- Nothing waiting: no lock, so an idle service's runs write nothing.
    if not exists (select from audit_event where hash is null) then
        return 0;
    end if;
    -- The head's lock serialises linkers (replicas, the verification); each sees the rows the one
    -- before it linked, as its query starts after the lock is granted.
    select * into head from audit_chain_head for update;
    for pending in select * from audit_event where hash is null order by id limit most loop
        head.last_position := coalesce(head.last_position, 0) + 1;
        update audit_event
        set chain_position = head.last_position,
            previous_hash = head.last_hash,
            hash = audit_event_hash(head.last_hash, pending.occurred_at, pending.tenant_code, pending.actor, pending.action,
                                    pending.target, pending.outcome, pending.correlation_id, pending.details)
        where id = pending.id
        returning hash into head.last_hash;
        head.last_id := pending.id;
        linked := linked + 1;
    end loop;
    if linked > 0 then
        update audit_chain_head set last_id = head.last_id, last_position = head.last_position, last_hash = head.last_hash;
    end if;
    return linked;
end
$$;
grant execute on function audit_link to $app_role$;

-- Verification reads the linked rows; a row still waiting for its link is not part of the chain yet.
create or replace function audit_first_break() returns bigint
language plpgsql stable security definer set search_path = public, pg_temp as $$
declare
    first bigint;
    head audit_chain_head;
    newest audit_event;
begin
    select position into first from (
        select row_number() over (order by chain_position) as position,
               previous_hash is distinct from lag(hash) over (order by chain_position)
               or hash <> audit_event_hash(previous_hash, occurred_at, tenant_code, actor, action, target, outcome, correlation_id, details)
               as broken
        from audit_event where chain_position is not null) chain
    where broken order by position limit 1;
    if first is not null then
        return first;
    end if;
    select * into head from audit_chain_head;
    select * into newest from audit_event where chain_position is not null order by chain_position desc limit 1;
    if head.last_id is distinct from newest.id or head.last_hash is distinct from newest.hash then
        return (select count(*) from audit_event where chain_position is not null) + 1;
    end if;
    return null;
end
$$;
