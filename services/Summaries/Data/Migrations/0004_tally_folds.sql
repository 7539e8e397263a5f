-- Tallies kept per batch of events, not per row. Recorders take up to a hundred events in one
-- transaction; under 0003's triggers each of them upserted its county's day and month rows, so one
-- county's rows were updated a hundred times in one transaction, each time a new version PostgreSQL
-- cannot prune until the commit and an index lookup must walk past: most of the server's time.
--
-- A transaction that sets fenghuo.tally_deferred (the recorders' does) has its triggers keep each
-- row's old-to-new difference as a delta row instead, and calls s_tally_fold() before it commits:
-- one upsert per bucket for the whole transaction, buckets taken in one order. Every other writer
-- (the rebuild, a migration, a test) leaves the setting off and keeps 0003's behaviour, row by row.
-- The figures are the same either way: a tally is the sum of its rows' contributions.

-- Lives only inside the transaction that writes it (the fold deletes its own rows before commit), so
-- it needs no WAL: after a crash an unlogged table is empty, as a committed transaction leaves it.
create unlogged table s_tally_delta (
    xact xid8 not null default pg_current_xact_id(),
    generation int not null,
    tenant_code text not null,
    tenant_path ltree not null,
    span text not null,
    bucket date not null,
    kind text,                                -- null: an incident tally; else the clock kind of a clock tally
    real bigint not null default 0,           -- a clock tally's met-in-time count
    drills bigint not null default 0,
    counts jsonb not null default '{}',
    minutes jsonb not null default '{}'       -- ack_minutes, or a clock tally's late_minutes
);
create index s_tally_delta_xact on s_tally_delta (xact);
-- update (tenant_path) as every table with a tenant path has it (MigrationRunner checks); a delta never
-- outlives its transaction, so a move has none to update.
grant select, insert, delete, update (tenant_path) on s_tally_delta to $app_role$;
alter table s_tally_delta enable row level security;
alter table s_tally_delta force row level security;
create policy s_tally_delta_projection on s_tally_delta
    using (current_setting('fenghuo.projection', true) = 'on')
    with check (current_setting('fenghuo.projection', true) = 'on');

-- Two count maps added key by key; a count that comes to zero leaves the map (as tally_add does).
create function tally_merge(a jsonb, b jsonb) returns jsonb
language sql immutable as $$
    select coalesce(jsonb_object_agg(key, n) filter (where n <> 0), '{}')
    from (select key, sum(value::bigint) as n
          from (select * from jsonb_each_text(a) union all select * from jsonb_each_text(b)) e
          group by key) s
$$;

create aggregate tally_sum(jsonb) (sfunc = tally_merge, stype = jsonb, initcond = '{}');

-- 0003's move, kept as delta rows: for each bucket o or n touches, o's part out and n's in.
create function s_incident_tally_defer(o s_incident, n s_incident) returns void
language plpgsql as $$
declare
    b record;
    bo s_incident;
    bn s_incident;
begin
    for b in
        select tenant_code, span, bucket, bool_or(side = 'o') as has_o, bool_or(side = 'n') as has_n
        from (values ('o', o.tenant_code, 'day', china_day(o.reported_at)),
                     ('o', o.tenant_code, 'month', date_trunc('month', china_day(o.reported_at)::timestamp)::date),
                     ('n', n.tenant_code, 'day', china_day(n.reported_at)),
                     ('n', n.tenant_code, 'month', date_trunc('month', china_day(n.reported_at)::timestamp)::date)) v(side, tenant_code, span, bucket)
        where bucket is not null
        group by tenant_code, span, bucket
    loop
        bo := case when b.has_o then o end;
        bn := case when b.has_n then n end;
        insert into s_tally_delta (generation, tenant_code, tenant_path, span, bucket, real, drills, counts, minutes)
        values (coalesce(bn.generation, bo.generation), b.tenant_code, coalesce(bn.tenant_path, bo.tenant_path), b.span, b.bucket,
                (case when bn.exercise = false then 1 else 0 end) - (case when bo.exercise = false then 1 else 0 end),
                (case when bn.exercise then 1 else 0 end) - (case when bo.exercise then 1 else 0 end),
                s_incident_counts(s_incident_counts('{}', bo, -1), bn, 1),
                s_incident_acks(s_incident_acks('{}', bo, -1), bn, 1));
    end loop;
end $$;

create or replace function s_incident_tally_follow() returns trigger
language plpgsql as $$
begin
    if current_setting('fenghuo.tally_deferred', true) = 'on' then
        perform s_incident_tally_defer(case when tg_op = 'UPDATE' then old end, new);
    elsif tg_op = 'UPDATE' then
        perform s_incident_tally_move(old, new);
    else
        perform s_incident_tally_move(null, new);
    end if;
    return null;
end $$;

-- 0003's clock contribution, kept as delta rows.
create function s_clock_tally_defer(r s_clock, delta bigint) returns void
language plpgsql as $$
declare
    in_time boolean;
begin
    if r.exercise or r.met_at is null or r.due_at is null then
        return;
    end if;
    in_time := r.met_at <= r.due_at and not r.missed;
    insert into s_tally_delta (generation, tenant_code, tenant_path, span, bucket, kind, real, minutes)
    select r.generation, r.tenant_code, r.tenant_path, v.span, v.bucket, r.kind,
           case when in_time then delta else 0 end,
           case when in_time then '{}'::jsonb else
               tally_add('{}', greatest(0, ceil(extract(epoch from r.met_at - r.due_at) / 60))::bigint::text, delta) end
    from (values ('day', china_day(r.due_at)),
                 ('month', date_trunc('month', china_day(r.due_at)::timestamp)::date)) v(span, bucket);
end $$;

create or replace function s_clock_tally_follow() returns trigger
language plpgsql as $$
begin
    if current_setting('fenghuo.tally_deferred', true) = 'on' then
        if tg_op = 'UPDATE' then
            perform s_clock_tally_defer(old, -1);
        end if;
        perform s_clock_tally_defer(new, 1);
        return null;
    end if;
    if tg_op = 'UPDATE' then
        perform s_clock_tally_apply(old, -1);
    end if;
    perform s_clock_tally_apply(new, 1);
    return null;
end $$;

-- The transaction's deltas summed per bucket, each bucket upserted once, in key order (so two folds
-- never wait on each other's rows crosswise), and the deltas gone.
create function s_tally_fold() returns void
language sql as $$
    with d as (delete from s_tally_delta where xact = pg_current_xact_id() returning *),
    incidents as (
        insert into s_incident_tally as t (generation, tenant_code, tenant_path, span, bucket, real, drills, counts, ack_minutes)
        select generation, tenant_code, (array_agg(tenant_path))[1], span, bucket, sum(real), sum(drills), tally_sum(counts), tally_sum(minutes)
        from d where kind is null
        group by generation, span, bucket, tenant_code
        order by generation, span, bucket, tenant_code
        on conflict (generation, span, bucket, tenant_code) do update set
            real = t.real + excluded.real,
            drills = t.drills + excluded.drills,
            counts = tally_merge(t.counts, excluded.counts),
            ack_minutes = tally_merge(t.ack_minutes, excluded.ack_minutes)
        returning 1)
    insert into s_clock_tally as t (generation, tenant_code, tenant_path, span, bucket, kind, met, late_minutes)
    select generation, tenant_code, (array_agg(tenant_path))[1], span, bucket, kind, sum(real), tally_sum(minutes)
    from d where kind is not null
    group by generation, span, bucket, tenant_code, kind
    order by generation, span, bucket, tenant_code, kind
    on conflict (generation, span, bucket, tenant_code, kind) do update set
        met = t.met + excluded.met,
        late_minutes = tally_merge(t.late_minutes, excluded.late_minutes)
$$;
