-- The chain's order is the order in which rows took the head's lock, and that is not always the
-- order of their ids: an insert draws its id (the column's default) before its trigger waits for
-- the lock, so of two concurrent appends the one with the higher id can link first. Verified in id
-- order, such a valid chain looked broken (under load, e.g. clients retrying together after a
-- database restart). Ids may also skip values (a crash, a rollback): ids are only names.
-- Each row now carries its place in the chain, numbered under the lock with no gaps, and the
-- chain is verified in that order.
alter table audit_event add column chain_position bigint;
alter table audit_chain_head add column last_position bigint;

-- Rows already there get their places by following their links from the first row. A row no link
-- reaches (an edited, forked or orphaned one) goes after the chain in id order, where verification
-- reports it as the break it is.
do $$
declare
    link bytea := null;
    place bigint := 0;
    next_row audit_event;
begin
    create temporary table audit_link on commit drop as select id, previous_hash, hash from audit_event;
    create index on audit_link (previous_hash, id);
    loop
        select * into next_row from audit_event e
        where e.id = (select l.id from audit_link l where l.previous_hash is not distinct from link order by l.id limit 1);
        exit when not found;
        place := place + 1;
        update audit_event set chain_position = place where id = next_row.id;
        delete from audit_link where id = next_row.id;
        link := next_row.hash;
    end loop;
    update audit_event e set chain_position = place + rest.n
    from (select id, row_number() over (order by id) as n from audit_link) rest
    where e.id = rest.id;
    update audit_chain_head set last_position = (select chain_position from audit_event where id = audit_chain_head.last_id);
end
$$;
alter table audit_event alter column chain_position set not null;
create unique index audit_event_chain_position on audit_event (chain_position);

create or replace function audit_event_seal() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
declare
    head audit_chain_head;
begin
    -- The head's row lock serialises writers: each row links to, and is numbered after, the one
    -- that held the lock just before it, whatever their ids.
    select * into head from audit_chain_head for update;
    new.chain_position := coalesce(head.last_position, 0) + 1;
    new.previous_hash := head.last_hash;
    new.hash := audit_event_hash(new.previous_hash, new.occurred_at, new.tenant_code, new.actor, new.action,
                                 new.target, new.outcome, new.correlation_id, new.details);
    update audit_chain_head set last_id = new.id, last_position = new.chain_position, last_hash = new.hash;
    return new;
end
$$;

-- The first place (1-based) whose link or hash does not match, or one past the end when the newest
-- rows are gone (the head points past them); null when the chain is intact.
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
        from audit_event) chain
    where broken order by position limit 1;
    if first is not null then
        return first;
    end if;
    select * into head from audit_chain_head;
    select * into newest from audit_event order by chain_position desc limit 1;
    if head.last_id is distinct from newest.id or head.last_hash is distinct from newest.hash then
        return (select count(*) from audit_event) + 1;
    end if;
    return null;
end
$$;
