-- Tallies kept per batch of events, not per row. Recorders take up to a hundred events in one
-- transaction; under 0003's triggers each of them upserted its county's day and month rows, so one
-- county's rows were updated a hundred times in one transaction, each time a new version PostgreSQL
-- cannot prune until the commit and an index lookup must walk past: most of the server's time.
--
-- A transaction that sets fenghuo.tally_deferred (the recorders' does) has its triggers keep each
-- row's old-to-new difference as delta rows instead, and calls s_tally_fold() before it commits:
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
    kind text,        -- null: an incident tally; else the clock kind of a clock tally
    map text,         -- null: the count named by key (real, drills, met); else the map (counts, minutes) key is in
    key text not null,
    n bigint not null
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

-- What 0003's s_incident_counts and s_incident_acks add for o (taken out) and n (put in), one delta
-- row per count and bucket; a row not reported yet adds nothing.
create function s_incident_tally_defer(o s_incident, n s_incident) returns void
language sql as $$
    insert into s_tally_delta (generation, tenant_code, tenant_path, span, bucket, map, key, n)
    select (s.r).generation, (s.r).tenant_code, (s.r).tenant_path, b.span, b.bucket, c.map, c.key, c.n * s.sign
    from (select o as r, -1::bigint as sign union all select n, 1) s
    cross join lateral (values ('day', china_day((s.r).reported_at)),
                               ('month', date_trunc('month', china_day((s.r).reported_at)::timestamp)::date)) b(span, bucket)
    cross join lateral (values
        (null, case when (s.r).exercise then 'drills' else 'real' end, 1),
        ('counts', 'grade:' || coalesce((s.r).grade, ''), case when (s.r).exercise then 0 else 1 end),
        ('counts', 'category:' || coalesce((s.r).category, ''), case when (s.r).exercise then 0 else 1 end),
        ('counts', 'state:' || (s.r).state, case when (s.r).exercise then 0 else 1 end),
        ('counts', 'level:' || coalesce((s.r).response_level, ''), case when (s.r).exercise then 0 else 1 end),
        ('minutes', greatest(0, ceil(extract(epoch from (s.r).first_ack_at - (s.r).reported_at) / 60))::bigint::text,
         case when (s.r).exercise or (s.r).first_ack_at is null then 0 else 1 end)) c(map, key, n)
    where (s.r).reported_at is not null and c.n <> 0
$$;

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

-- What 0003's s_clock_tally_apply adds with the sign of delta, as delta rows.
create function s_clock_tally_defer(r s_clock, delta bigint) returns void
language sql as $$
    insert into s_tally_delta (generation, tenant_code, tenant_path, span, bucket, kind, map, key, n)
    select r.generation, r.tenant_code, r.tenant_path, v.span, v.bucket, r.kind,
           case when r.met_at <= r.due_at and not r.missed then null else 'minutes' end,
           case when r.met_at <= r.due_at and not r.missed then 'met'
                else greatest(0, ceil(extract(epoch from r.met_at - r.due_at) / 60))::bigint::text end,
           delta
    from (values ('day', china_day(r.due_at)),
                 ('month', date_trunc('month', china_day(r.due_at)::timestamp)::date)) v(span, bucket)
    where not r.exercise and r.met_at is not null and r.due_at is not null
$$;

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

-- The transaction's deltas summed per bucket and count, each bucket upserted once, in key order (so two
-- folds never wait on each other's rows crosswise), and the deltas gone.
create function s_tally_fold() returns void
language sql as $$
    with d as (delete from s_tally_delta where xact = pg_current_xact_id() returning *),
    sums as (
        select generation, tenant_code, span, bucket, kind, map, key, sum(n) as n, (array_agg(tenant_path))[1] as tenant_path
        from d
        group by generation, tenant_code, span, bucket, kind, map, key
        having sum(n) <> 0),
    buckets as (
        select generation, tenant_code, (array_agg(tenant_path))[1] as tenant_path, span, bucket, kind,
               coalesce(sum(n) filter (where map is null and key in ('real', 'met')), 0) as real,
               coalesce(sum(n) filter (where map is null and key = 'drills'), 0) as drills,
               coalesce(jsonb_object_agg(key, n) filter (where map = 'counts'), '{}') as counts,
               coalesce(jsonb_object_agg(key, n) filter (where map = 'minutes'), '{}') as minutes
        from sums
        group by generation, tenant_code, span, bucket, kind),
    incidents as (
        insert into s_incident_tally as t (generation, tenant_code, tenant_path, span, bucket, real, drills, counts, ack_minutes)
        select generation, tenant_code, tenant_path, span, bucket, real, drills, counts, minutes
        from buckets where kind is null
        order by generation, span, bucket, tenant_code
        on conflict (generation, span, bucket, tenant_code) do update set
            real = t.real + excluded.real,
            drills = t.drills + excluded.drills,
            counts = case when excluded.counts = '{}' then t.counts else tally_merge(t.counts, excluded.counts) end,
            ack_minutes = case when excluded.ack_minutes = '{}' then t.ack_minutes else tally_merge(t.ack_minutes, excluded.ack_minutes) end
        returning 1)
    insert into s_clock_tally as t (generation, tenant_code, tenant_path, span, bucket, kind, met, late_minutes)
    select generation, tenant_code, tenant_path, span, bucket, kind, real, minutes
    from buckets where kind is not null
    order by generation, span, bucket, tenant_code, kind
    on conflict (generation, span, bucket, tenant_code, kind) do update set
        met = t.met + excluded.met,
        late_minutes = case when excluded.late_minutes = '{}' then t.late_minutes else tally_merge(t.late_minutes, excluded.late_minutes) end
$$;
