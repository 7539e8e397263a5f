-- The deferred tally upkeep of 0004 with its statements planned once per connection, not once per row.
--
-- 0004's triggers called SQL-language functions (s_incident_tally_defer, s_clock_tally_defer) with
-- `perform`. PostgreSQL 15 does not inline a SQL function whose body is an INSERT and keeps no plan of
-- it between calls: every changed row parsed, analysed and planned the delta INSERT again, ~0.24 ms of
-- the ~0.29 ms a trigger call cost the server (pg_stat_statements, track_planning: one plan per call),
-- more than the incident's own upsert. A statement written in PL/pgSQL is prepared once per connection
-- and its plan kept (the recorders' connections are pooled and never reset), so the triggers below carry
-- the same INSERTs inline; the fold's statement likewise. The delta rows, and so the tallies, are the
-- same as 0004's; every writer that does not defer keeps 0003's row-by-row upkeep.

-- An INSERT's OLD is null, so its fields are: the old side then adds nothing, as 0004's null row did.
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
    insert into s_tally_delta (generation, tenant_code, tenant_path, span, bucket, map, key, n)
    select r.generation, r.tenant_code, r.tenant_path, b.span, b.bucket, c.map, c.key, c.n * r.sign
    from (values (old.generation, old.tenant_code, old.tenant_path, old.reported_at, old.exercise, old.grade, old.category,
                  old.state, old.response_level, old.first_ack_at, -1::bigint),
                 (new.generation, new.tenant_code, new.tenant_path, new.reported_at, new.exercise, new.grade, new.category,
                  new.state, new.response_level, new.first_ack_at, 1::bigint))
         r(generation, tenant_code, tenant_path, reported_at, exercise, grade, category, state, response_level, first_ack_at, sign)
    cross join lateral (values ('day', china_day(r.reported_at)),
                               ('month', date_trunc('month', china_day(r.reported_at)::timestamp)::date)) b(span, bucket)
    cross join lateral (values
        (null, case when r.exercise then 'drills' else 'real' end, 1),
        ('counts', 'grade:' || coalesce(r.grade, ''), case when r.exercise then 0 else 1 end),
        ('counts', 'category:' || coalesce(r.category, ''), case when r.exercise then 0 else 1 end),
        ('counts', 'state:' || r.state, case when r.exercise then 0 else 1 end),
        ('counts', 'level:' || coalesce(r.response_level, ''), case when r.exercise then 0 else 1 end),
        ('minutes', greatest(0, ceil(extract(epoch from r.first_ack_at - r.reported_at) / 60))::bigint::text,
         case when r.exercise or r.first_ack_at is null then 0 else 1 end)) c(map, key, n)
    where r.reported_at is not null and c.n <> 0;
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
    insert into s_tally_delta (generation, tenant_code, tenant_path, span, bucket, kind, map, key, n)
    select r.generation, r.tenant_code, r.tenant_path, v.span, v.bucket, r.kind,
           case when r.met_at <= r.due_at and not r.missed then null else 'minutes' end,
           case when r.met_at <= r.due_at and not r.missed then 'met'
                else greatest(0, ceil(extract(epoch from r.met_at - r.due_at) / 60))::bigint::text end,
           r.sign
    from (values (old.generation, old.tenant_code, old.tenant_path, old.kind, old.exercise, old.met_at, old.due_at, old.missed, -1::bigint),
                 (new.generation, new.tenant_code, new.tenant_path, new.kind, new.exercise, new.met_at, new.due_at, new.missed, 1::bigint))
         r(generation, tenant_code, tenant_path, kind, exercise, met_at, due_at, missed, sign)
    cross join lateral (values ('day', china_day(r.due_at)),
                               ('month', date_trunc('month', china_day(r.due_at)::timestamp)::date)) v(span, bucket)
    where not r.exercise and r.met_at is not null and r.due_at is not null;
    return null;
end $$;

-- The trigger's functions of 0004, no longer called.
drop function s_incident_tally_defer(s_incident, s_incident);
drop function s_clock_tally_defer(s_clock, bigint);

-- 0004's fold, the statement unchanged, in PL/pgSQL so its plan is kept too.
create or replace function s_tally_fold() returns void
language plpgsql as $$
begin
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
        late_minutes = case when excluded.late_minutes = '{}' then t.late_minutes else tally_merge(t.late_minutes, excluded.late_minutes) end;
end $$;
