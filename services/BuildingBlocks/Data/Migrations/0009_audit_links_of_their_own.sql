-- An audit row is written once: its link into the chain is a narrow row of its own.
--
-- Until now audit_link() updated every audit row it linked (chain_position, previous_hash, hash). That
-- update could not be HOT (chain_position has a unique index, and the partial index that found unlinked
-- rows depends on hash), so each row was written twice, with new entries in every index of audit_event,
-- and left a dead version for vacuum: under the incidents bench it was the largest statement of a 续报.
-- Now audit_event is insert-only and audit_chain holds, for each linked row, its place, its id, the
-- previous place's hash and its own hash — the same values, under the same hash function, as before.
--
-- Unlinked rows are found without marking them: each row records the transaction that wrote it
-- (transaction_id, the database's default; the service role cannot set it), and the head records a
-- horizon (linked_below) under which every transaction had ended when a run found and linked all it
-- could see. A row whose transaction is at or above the horizon and that has no link yet is waiting.
-- Ids cannot serve as that horizon: an insert draws its id before its transaction may even have an
-- xid, and rows commit out of id order. A run links the rows it finds in the order of the transactions
-- that wrote them, then of their ids (before: of their ids); either is a valid order, as the chain's
-- order is its places. A transaction left open for long anywhere on the server holds the horizon
-- back, and every run then reads again the rows written since it began (one index probe each).
-- Transaction ids only grow on one server, but a dump restored into another keeps the rows' ids and the
-- head's horizon, not the server's count: audit_link() notices a horizon ahead of the server's (below).
--
-- What the chain promises stays (0006): the database alone computes links and hashes (audit_link() and
-- audit_chain are the owner's; the service role may not read or write audit_chain); the service role
-- can neither change nor remove an audit row, linked or not, nor forge a link; an edited, removed or
-- re-ordered linked row breaks the chain at its place (a link whose row is gone, or whose hash no longer
-- matches its row, is a break); the newest rows cannot vanish while the head points at them; acts never
-- wait on the head's lock (they only insert). Every row linked before this migration keeps its place and
-- hash, so the checkpoints signed before it still verify.

-- Old replicas may still be appending: take the table first, so every row they wrote has committed
-- and is linked below by the function as it was, then carried over.
lock table audit_event in access exclusive mode;
select audit_link(2147483647);

create table audit_chain (
    position bigint primary key,
    event_id bigint not null unique,
    previous_hash bytea,
    hash bytea not null
);
insert into audit_chain (position, event_id, previous_hash, hash)
    select chain_position, id, previous_hash, hash from audit_event where chain_position is not null;

drop index audit_event_unlinked;
alter table audit_event drop column chain_position, drop column previous_hash, drop column hash;

-- Null for the rows above, all linked; set without a rewrite of the table (a volatile default given
-- with the column would evaluate it for every existing row).
alter table audit_event add column transaction_id xid8;
alter table audit_event alter column transaction_id set default pg_current_xact_id();
create index audit_event_transaction on audit_event (transaction_id);

alter table audit_chain_head add column linked_below xid8;
update audit_chain_head set linked_below = pg_snapshot_xmin(pg_current_snapshot());

create or replace function audit_link(most integer default 1000) returns integer
language plpgsql security definer set search_path = public, pg_temp as $$
declare
    head audit_chain_head;
    horizon xid8;
    pending audit_event;
    places bigint[] := '{}';
    ids bigint[] := '{}';
    previous bytea[] := '{}';
    hashes bytea[] := '{}';
    reached xid8;
    restored boolean;
    linked integer := 0;
begin
    -- "Has no link" is a probe of audit_chain's event_id per row of the window, written as a scalar
    -- subquery so the planner cannot turn it into a hash join reading all of audit_chain.
    -- Nothing waiting: no lock, so an idle service's runs write nothing.
    if not exists (select from audit_event e
                   where e.transaction_id >= (select linked_below from audit_chain_head)
                     and (select true from audit_chain c where c.event_id = e.id) is null)
       and (select linked_below from audit_chain_head) <= pg_snapshot_xmin(pg_current_snapshot()) then
        return 0;
    end if;
    -- The head's lock serialises linkers (replicas, the verification); each sees the links the one
    -- before it wrote, as its statements start after the lock is granted.
    select * into head from audit_chain_head for update;
    -- Every transaction below the horizon has ended, so its rows, if committed, are visible to the
    -- scan below, whose snapshot is taken after this one.
    horizon := pg_snapshot_xmin(pg_current_snapshot());
    -- Transaction ids only grow on one server: a horizon past this server's means the database was
    -- restored into another (a dump keeps the rows' transaction_id, not the server's count), so any row
    -- may be waiting. That run links them all at once, and leaves the rows it linked out of later runs.
    restored := head.linked_below > horizon;
    if restored then
        head.linked_below := '0';
    end if;
    for pending in
        select e.* from audit_event e
        where e.transaction_id >= head.linked_below
          and (select true from audit_chain c where c.event_id = e.id) is null
        order by e.transaction_id, e.id limit case when restored then null else most end
    loop
        head.last_position := coalesce(head.last_position, 0) + 1;
        places := places || head.last_position;
        ids := ids || pending.id;
        previous := previous || head.last_hash;
        head.last_hash := audit_event_hash(head.last_hash, pending.occurred_at, pending.tenant_code, pending.actor, pending.action,
                                           pending.target, pending.outcome, pending.correlation_id, pending.details);
        hashes := hashes || head.last_hash;
        head.last_id := pending.id;
        reached := pending.transaction_id;
        linked := linked + 1;
    end loop;
    insert into audit_chain (position, event_id, previous_hash, hash)
        select * from unnest(places, ids, previous, hashes);
    if restored then
        update audit_event e set transaction_id = null
        where e.transaction_id >= horizon and (select true from audit_chain c where c.event_id = e.id);
    end if;
    -- Rows are linked in the order of the transactions that wrote them, so a run cut short at `most`
    -- has still linked every row of every ended transaction before the last one it reached.
    update audit_chain_head
    set last_id = head.last_id, last_position = head.last_position, last_hash = head.last_hash,
        linked_below = case when restored or linked < most then horizon else least(horizon, reached) end;
    return linked;
end
$$;

-- The first place (1-based) whose link or hash does not match its row, or whose row is gone, or one
-- past the end when the newest links are gone (the head points past them); null when the chain is
-- intact. A row still waiting for its link is not part of the chain yet.
create or replace function audit_first_break() returns bigint
language plpgsql stable security definer set search_path = public, pg_temp as $$
declare
    first bigint;
    head audit_chain_head;
    newest audit_chain;
begin
    select place into first from (
        select row_number() over (order by c.position) as place,
               e.id is null
               or c.previous_hash is distinct from lag(c.hash) over (order by c.position)
               or c.hash <> audit_event_hash(c.previous_hash, e.occurred_at, e.tenant_code, e.actor, e.action, e.target,
                                             e.outcome, e.correlation_id, e.details)
               as broken
        from audit_chain c left join audit_event e on e.id = c.event_id) chain
    where broken order by place limit 1;
    if first is not null then
        return first;
    end if;
    select * into head from audit_chain_head;
    select * into newest from audit_chain order by position desc limit 1;
    if head.last_id is distinct from newest.event_id or head.last_hash is distinct from newest.hash then
        return (select count(*) from audit_chain) + 1;
    end if;
    return null;
end
$$;

-- The hash the chain holds for a row (null when the row is gone), to compare with a checkpoint.
create or replace function audit_hash_at(at_id bigint) returns bytea
language sql stable security definer set search_path = public, pg_temp as $$
    select c.hash from audit_chain c join audit_event e on e.id = c.event_id where c.event_id = at_id
$$;
