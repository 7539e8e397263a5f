-- Pre-aggregated figures, so the overview of a province reads a few tens of thousands of tally rows
-- instead of every incident and clock of the subtree. Each tenant has one tally row per China day
-- and one per China month (span), in each generation. Triggers on s_incident and s_clock keep them
-- in the same transaction as the projection step that changed the row, whichever event it was and
-- in whatever order events arrive: the row's old contribution is taken out and its new one added.
-- A rebuild fills generation n+1's rows, and so its tallies, the same way.

-- Incidents by the China day (and month) they were reported in.
--   counts: "grade:<code>", "category:<code>", "state:<code>", "level:<code>" ("level:" = no response) → real incidents;
--   ack_minutes: whole minutes from the report to the first acknowledgement above → real incidents.
create table s_incident_tally (
    generation int not null,
    tenant_code text not null,
    tenant_path ltree not null,
    span text not null check (span in ('day', 'month')),
    bucket date not null,
    real bigint not null default 0,
    drills bigint not null default 0,
    counts jsonb not null default '{}',
    ack_minutes jsonb not null default '{}',
    primary key (generation, span, bucket, tenant_code)
);
create index s_incident_tally_path on s_incident_tally using gist (tenant_path);

-- Met clocks of real incidents by the China day (and month) they were due, per kind and owing tenant.
--   met: met in time; late_minutes: whole minutes late → clocks missed (late, or flagged missed).
-- A clock not met yet is not here: whether it is open or missed, and by how much, depends on the
-- moment of the question, so the overview reads those few rows themselves.
create table s_clock_tally (
    generation int not null,
    tenant_code text not null,
    tenant_path ltree not null,
    span text not null check (span in ('day', 'month')),
    bucket date not null,
    kind text not null,
    met bigint not null default 0,
    late_minutes jsonb not null default '{}',
    primary key (generation, span, bucket, tenant_code, kind)
);
create index s_clock_tally_path on s_clock_tally using gist (tenant_path);

-- The clocks still owed (few), the clocks of a partial first or last day, and the met ones by how
-- late, for the worst offenders. Lateness is a column, not an expression in the query: under
-- row-level security only leakproof operators reach an index, and timestamptz minus is not one.
alter table s_clock add column met_minutes_late bigint generated always as (ceil(extract(epoch from met_at - due_at) / 60)::bigint) stored;
create index s_clock_unmet on s_clock (generation, due_at) where met_at is null and not exercise;
create index s_clock_due on s_clock (generation, due_at);
create index s_clock_lateness on s_clock (generation, met_minutes_late desc) where met_at is not null and not exercise;

-- A count map plus delta; a count that reaches zero leaves the map.
create function tally_add(counts jsonb, key text, delta bigint) returns jsonb
language sql immutable as $$
    select case when n = 0 then counts - key else counts || jsonb_build_object(key, n) end
    from (select coalesce((counts ->> key)::bigint, 0) + delta as n) c
$$;

create function china_day(at timestamptz) returns date
language sql immutable as $$ select (at at time zone 'Asia/Shanghai')::date $$;

create function s_incident_tally_apply(r s_incident, delta bigint) returns void
language plpgsql as $$
declare
    b record;
begin
    if r.reported_at is null then
        return;
    end if;
    for b in select * from (values ('day', china_day(r.reported_at)),
                                   ('month', date_trunc('month', china_day(r.reported_at)::timestamp)::date)) v(span, bucket) loop
        insert into s_incident_tally (generation, tenant_code, tenant_path, span, bucket)
        values (r.generation, r.tenant_code, r.tenant_path, b.span, b.bucket)
        on conflict do nothing;
        update s_incident_tally t set
            drills = t.drills + case when r.exercise then delta else 0 end,
            real = t.real + case when r.exercise then 0 else delta end,
            counts = case when r.exercise then t.counts else
                tally_add(tally_add(tally_add(tally_add(t.counts,
                    'grade:' || coalesce(r.grade, ''), delta),
                    'category:' || coalesce(r.category, ''), delta),
                    'state:' || r.state, delta),
                    'level:' || coalesce(r.response_level, ''), delta) end,
            ack_minutes = case when r.exercise or r.first_ack_at is null then t.ack_minutes else
                tally_add(t.ack_minutes, greatest(0, ceil(extract(epoch from r.first_ack_at - r.reported_at) / 60))::bigint::text, delta) end
        where t.generation = r.generation and t.span = b.span and t.bucket = b.bucket and t.tenant_code = r.tenant_code;
    end loop;
end $$;

create function s_clock_tally_apply(r s_clock, delta bigint) returns void
language plpgsql as $$
declare
    b record;
    in_time boolean;
begin
    if r.exercise or r.met_at is null or r.due_at is null then
        return;
    end if;
    in_time := r.met_at <= r.due_at and not r.missed;
    for b in select * from (values ('day', china_day(r.due_at)),
                                   ('month', date_trunc('month', china_day(r.due_at)::timestamp)::date)) v(span, bucket) loop
        insert into s_clock_tally (generation, tenant_code, tenant_path, span, bucket, kind)
        values (r.generation, r.tenant_code, r.tenant_path, b.span, b.bucket, r.kind)
        on conflict do nothing;
        update s_clock_tally t set
            met = t.met + case when in_time then delta else 0 end,
            late_minutes = case when in_time then t.late_minutes else
                tally_add(t.late_minutes, greatest(0, ceil(extract(epoch from r.met_at - r.due_at) / 60))::bigint::text, delta) end
        where t.generation = r.generation and t.span = b.span and t.bucket = b.bucket and t.tenant_code = r.tenant_code and t.kind = r.kind;
    end loop;
end $$;

-- Rows leave the read tables only with their whole generation (the rebuild clears the tallies with
-- them) or, for clocks, while still unmet (never in a tally), so deletes need no trigger. A move
-- changes only tenant_path, which the tallies carry by tenant code and move alongside.
create function s_incident_tally_follow() returns trigger
language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        if (old.reported_at, old.exercise, old.grade, old.category, old.state, old.response_level, old.first_ack_at, old.tenant_code)
            is not distinct from (new.reported_at, new.exercise, new.grade, new.category, new.state, new.response_level, new.first_ack_at, new.tenant_code) then
            return null;
        end if;
        perform s_incident_tally_apply(old, -1);
    end if;
    perform s_incident_tally_apply(new, 1);
    return null;
end $$;

create function s_clock_tally_follow() returns trigger
language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        if (old.exercise, old.met_at, old.due_at, old.missed, old.kind, old.tenant_code)
            is not distinct from (new.exercise, new.met_at, new.due_at, new.missed, new.kind, new.tenant_code) then
            return null;
        end if;
        perform s_clock_tally_apply(old, -1);
    end if;
    perform s_clock_tally_apply(new, 1);
    return null;
end $$;

create trigger s_incident_tally after insert or update on s_incident for each row execute function s_incident_tally_follow();
create trigger s_clock_tally after insert or update on s_clock for each row execute function s_clock_tally_follow();

-- The same tallies computed from the rows in one pass, for a generation loaded in bulk without the
-- triggers (the bench's COPY); a test checks it agrees with what the triggers keep.
create function s_retally(g int) returns void
language sql as $$
    delete from s_incident_tally where generation = g;
    delete from s_clock_tally where generation = g;

    with src as (
        select i.*, b.span, b.bucket
        from s_incident i
        cross join lateral (values ('day', china_day(i.reported_at)),
                                   ('month', date_trunc('month', china_day(i.reported_at)::timestamp)::date)) b(span, bucket)
        where i.generation = g and i.reported_at is not null),
    heads as (
        select tenant_code, span, bucket, min(tenant_path::text)::ltree as tenant_path,
               count(*) filter (where not exercise) as real, count(*) filter (where exercise) as drills
        from src group by 1, 2, 3),
    keyed as (
        select tenant_code, span, bucket, k.key, count(*) as n
        from src cross join lateral (values ('grade:' || coalesce(grade, '')), ('category:' || coalesce(category, '')),
                                            ('state:' || state), ('level:' || coalesce(response_level, ''))) k(key)
        where not exercise group by 1, 2, 3, 4),
    counts as (select tenant_code, span, bucket, jsonb_object_agg(key, n) as counts from keyed group by 1, 2, 3),
    acked as (
        select tenant_code, span, bucket, greatest(0, ceil(extract(epoch from first_ack_at - reported_at) / 60))::bigint::text as key, count(*) as n
        from src where not exercise and first_ack_at is not null group by 1, 2, 3, 4),
    acks as (select tenant_code, span, bucket, jsonb_object_agg(key, n) as ack_minutes from acked group by 1, 2, 3)
    insert into s_incident_tally (generation, tenant_code, tenant_path, span, bucket, real, drills, counts, ack_minutes)
    select g, h.tenant_code, h.tenant_path, h.span, h.bucket, h.real, h.drills, coalesce(c.counts, '{}'), coalesce(a.ack_minutes, '{}')
    from heads h
    left join counts c using (tenant_code, span, bucket)
    left join acks a using (tenant_code, span, bucket);

    with src as (
        select c.*, b.span, b.bucket, c.met_at <= c.due_at and not c.missed as in_time
        from s_clock c
        cross join lateral (values ('day', china_day(c.due_at)),
                                   ('month', date_trunc('month', china_day(c.due_at)::timestamp)::date)) b(span, bucket)
        where c.generation = g and not c.exercise and c.met_at is not null and c.due_at is not null),
    heads as (
        select tenant_code, span, bucket, kind, min(tenant_path::text)::ltree as tenant_path, count(*) filter (where in_time) as met
        from src group by 1, 2, 3, 4),
    lated as (
        select tenant_code, span, bucket, kind, greatest(0, ceil(extract(epoch from met_at - due_at) / 60))::bigint::text as key, count(*) as n
        from src where not in_time group by 1, 2, 3, 4, 5),
    late as (select tenant_code, span, bucket, kind, jsonb_object_agg(key, n) as late_minutes from lated group by 1, 2, 3, 4)
    insert into s_clock_tally (generation, tenant_code, tenant_path, span, bucket, kind, met, late_minutes)
    select g, h.tenant_code, h.tenant_path, h.span, h.bucket, h.kind, h.met, coalesce(l.late_minutes, '{}')
    from heads h
    left join late l using (tenant_code, span, bucket, kind);
$$;

grant select, insert, update, delete on s_incident_tally to $app_role$;
alter table s_incident_tally enable row level security;
alter table s_incident_tally force row level security;
create policy s_incident_tally_visible on s_incident_tally
    using (
        current_setting('fenghuo.projection', true) = 'on'
        or tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')
        or tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree)
    with check (
        current_setting('fenghuo.projection', true) = 'on'
        or tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree);

grant select, insert, update, delete on s_clock_tally to $app_role$;
alter table s_clock_tally enable row level security;
alter table s_clock_tally force row level security;
create policy s_clock_tally_visible on s_clock_tally
    using (
        current_setting('fenghuo.projection', true) = 'on'
        or tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')
        or tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree)
    with check (
        current_setting('fenghuo.projection', true) = 'on'
        or tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree);
