-- The deferred tally upkeep of 0004/0005 with one narrow row per changed row's side, not one per count.
--
-- Under 0005 a recorder's trigger wrote a delta row per count and bucket: 10 for a report (real, grade,
-- category, state, level; day and month), up to 24 for an update, each with its index entry, and the
-- fold deleted them all again. In a batch of reports from 200 counties the fold (deleting and summing
-- ~500 rows, then upserting ~100 tally rows) and the trigger's INSERT were ~70 % of the server's time per
-- event. Now the trigger keeps what the tallies read of the row's old and new side (one row each, a
-- plain VALUES insert), and the fold expands those into the same counts and buckets as 0005's deltas
-- before summing them: the same sums, so the same tallies. Every writer that does not defer keeps
-- 0003's row-by-row upkeep, as before.

-- Both live only inside the transaction that writes them (the fold deletes its own rows before commit),
-- so they need no WAL: after a crash an unlogged table is empty, as a committed transaction leaves it.
-- sign: -1 for the row before the change (taken out), 1 for the row after (put in).
create unlogged table s_incident_change (
    xact xid8 not null default pg_current_xact_id(),
    sign bigint not null,
    generation int not null,
    tenant_code text not null,
    tenant_path ltree not null,
    reported_at timestamptz,
    exercise boolean not null,
    grade text,
    category text,
    state text not null,
    response_level text,
    first_ack_at timestamptz
);
create index s_incident_change_xact on s_incident_change (xact);

create unlogged table s_clock_change (
    xact xid8 not null default pg_current_xact_id(),
    sign bigint not null,
    generation int not null,
    tenant_code text not null,
    tenant_path ltree not null,
    kind text not null,
    exercise boolean not null,
    due_at timestamptz,
    met_at timestamptz,
    missed boolean not null
);
create index s_clock_change_xact on s_clock_change (xact);

-- update (tenant_path) as every table with a tenant path has it (MigrationRunner checks); a change row
-- never outlives its transaction, so a move has none to update.
grant select, insert, delete, update (tenant_path) on s_incident_change to $app_role$;
alter table s_incident_change enable row level security;
alter table s_incident_change force row level security;
create policy s_incident_change_projection on s_incident_change
    using (current_setting('fenghuo.projection', true) = 'on')
    with check (current_setting('fenghuo.projection', true) = 'on');

grant select, insert, delete, update (tenant_path) on s_clock_change to $app_role$;
alter table s_clock_change enable row level security;
alter table s_clock_change force row level security;
create policy s_clock_change_projection on s_clock_change
    using (current_setting('fenghuo.projection', true) = 'on')
    with check (current_setting('fenghuo.projection', true) = 'on');

-- The triggers fire only when something counted changed (0003's WHEN clauses). A side not reported yet
-- (incidents) or not met, undated or a drill's (clocks) is kept too and counts for nothing in the fold,
-- as 0005's WHERE left it out.
create or replace function s_incident_tally_follow() returns trigger
language plpgsql as $$
begin
    if current_setting('fenghuo.tally_deferred', true) is distinct from 'on' then
        if tg_op = 'UPDATE' then
            perform s_incident_tally_move(old, new);
        else
            perform s_incident_tally_move(null, new);
        end if;
        return null;
    end if;
    if tg_op = 'UPDATE' then
        insert into s_incident_change (sign, generation, tenant_code, tenant_path, reported_at, exercise, grade, category, state, response_level, first_ack_at)
        values (-1, old.generation, old.tenant_code, old.tenant_path, old.reported_at, old.exercise, old.grade, old.category, old.state, old.response_level, old.first_ack_at),
               (1, new.generation, new.tenant_code, new.tenant_path, new.reported_at, new.exercise, new.grade, new.category, new.state, new.response_level, new.first_ack_at);
    else
        insert into s_incident_change (sign, generation, tenant_code, tenant_path, reported_at, exercise, grade, category, state, response_level, first_ack_at)
        values (1, new.generation, new.tenant_code, new.tenant_path, new.reported_at, new.exercise, new.grade, new.category, new.state, new.response_level, new.first_ack_at);
    end if;
    return null;
end $$;

create or replace function s_clock_tally_follow() returns trigger
language plpgsql as $$
begin
    if current_setting('fenghuo.tally_deferred', true) is distinct from 'on' then
        if tg_op = 'UPDATE' then
            perform s_clock_tally_apply(old, -1);
        end if;
        perform s_clock_tally_apply(new, 1);
        return null;
    end if;
    if tg_op = 'UPDATE' then
        insert into s_clock_change (sign, generation, tenant_code, tenant_path, kind, exercise, due_at, met_at, missed)
        values (-1, old.generation, old.tenant_code, old.tenant_path, old.kind, old.exercise, old.due_at, old.met_at, old.missed),
               (1, new.generation, new.tenant_code, new.tenant_path, new.kind, new.exercise, new.due_at, new.met_at, new.missed);
    else
        insert into s_clock_change (sign, generation, tenant_code, tenant_path, kind, exercise, due_at, met_at, missed)
        values (1, new.generation, new.tenant_code, new.tenant_path, new.kind, new.exercise, new.due_at, new.met_at, new.missed);
    end if;
    return null;
end $$;

-- Two count maps added key by key, a count that comes to zero leaving the map (as 0004's did): a walk
-- over the batch's few keys instead of unnesting both maps and grouping them, about a third cheaper a
-- call (the fold merges each tally row it touches once).
create or replace function tally_merge(a jsonb, b jsonb) returns jsonb
language plpgsql immutable as $$
declare
    k text;
    v text;
    n bigint;
begin
    for k, v in select * from jsonb_each_text(b) loop
        n := coalesce((a ->> k)::bigint, 0) + v::bigint;
        if n = 0 then
            a := a - k;
        else
            a := a || jsonb_build_object(k, n);
        end if;
    end loop;
    return a;
end $$;

-- The transaction's change rows expanded into 0005's delta rows (the counts and buckets each side adds,
-- with its sign), then 0005's fold unchanged: summed per bucket and count, each bucket upserted once in
-- key order, and the change rows gone.
create or replace function s_tally_fold() returns void
language plpgsql as $$
begin
    with i as (delete from s_incident_change where xact = pg_current_xact_id() returning *),
    c as (delete from s_clock_change where xact = pg_current_xact_id() returning *),
    d as (
        select i.generation, i.tenant_code, i.tenant_path, b.span, b.bucket, null::text as kind, k.map, k.key, k.n * i.sign as n
        from i
        cross join lateral (values ('day', china_day(i.reported_at)),
                                   ('month', date_trunc('month', china_day(i.reported_at)::timestamp)::date)) b(span, bucket)
        cross join lateral (values
            (null, case when i.exercise then 'drills' else 'real' end, 1),
            ('counts', 'grade:' || coalesce(i.grade, ''), case when i.exercise then 0 else 1 end),
            ('counts', 'category:' || coalesce(i.category, ''), case when i.exercise then 0 else 1 end),
            ('counts', 'state:' || i.state, case when i.exercise then 0 else 1 end),
            ('counts', 'level:' || coalesce(i.response_level, ''), case when i.exercise then 0 else 1 end),
            ('minutes', greatest(0, ceil(extract(epoch from i.first_ack_at - i.reported_at) / 60))::bigint::text,
             case when i.exercise or i.first_ack_at is null then 0 else 1 end)) k(map, key, n)
        where i.reported_at is not null and k.n <> 0
        union all
        select c.generation, c.tenant_code, c.tenant_path, v.span, v.bucket, c.kind,
               case when c.met_at <= c.due_at and not c.missed then null else 'minutes' end,
               case when c.met_at <= c.due_at and not c.missed then 'met'
                    else greatest(0, ceil(extract(epoch from c.met_at - c.due_at) / 60))::bigint::text end,
               c.sign
        from c
        cross join lateral (values ('day', china_day(c.due_at)),
                                   ('month', date_trunc('month', china_day(c.due_at)::timestamp)::date)) v(span, bucket)
        where not c.exercise and c.met_at is not null and c.due_at is not null),
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
        late_minutes = case when excluded.late_minutes = '{}' then t.late_minutes else tally_merge(t.late_minutes, excluded.late_minutes) end;
end $$;

-- 0005's per-count deltas: nothing writes them any more, and none outlives its transaction.
drop table s_tally_delta;

-- A fold updates each tally row it touches once per batch. On a full page the new version goes to
-- another page and every index (the key and the path's GiST) gets an entry for it; with room left on
-- the page it stays there and no index is touched (a HOT update), and the version it replaces is
-- pruned on a later visit. Rows written from now on, today's and this month's among them, which are
-- the ones updated, leave half their page free.
alter table s_incident_tally set (fillfactor = 50);
alter table s_clock_tally set (fillfactor = 50);
