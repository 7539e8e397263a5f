-- Cheaper tally upkeep (the same figures as 0002's triggers, so the tallies already kept stay right):
--   * one `insert … on conflict do update` per bucket instead of insert-do-nothing then update;
--   * a change that stays in its bucket (a new state, grade, level or acknowledgement of an incident
--     reported that day) moves the row's old contribution out and its new one in with ONE upsert per
--     bucket, not two: each event of a county's day takes that day's and month's tally rows once;
--   * the triggers fire only when something counted changed (WHEN clauses, no function call at all
--     otherwise), and an insert that counts for nothing yet (an incident touched by a follow-up before
--     its report came, a clock not met) fires nothing.

-- What one incident row adds to a tally with the sign of delta; a null row (or one not reported yet)
-- adds nothing, so the caller passes the old and the new row of a bucket and gets their difference.
create function s_incident_counts(counts jsonb, r s_incident, delta bigint) returns jsonb
language sql immutable as $$
    select case when r.reported_at is null or r.exercise then counts else
        tally_add(tally_add(tally_add(tally_add(counts,
            'grade:' || coalesce(r.grade, ''), delta),
            'category:' || coalesce(r.category, ''), delta),
            'state:' || r.state, delta),
            'level:' || coalesce(r.response_level, ''), delta) end
$$;

create function s_incident_acks(acks jsonb, r s_incident, delta bigint) returns jsonb
language sql immutable as $$
    select case when r.reported_at is null or r.exercise or r.first_ack_at is null then acks else
        tally_add(acks, greatest(0, ceil(extract(epoch from r.first_ack_at - r.reported_at) / 60))::bigint::text, delta) end
$$;

-- Moves one incident's contribution from o (its row before, or null) to n (after, or null): for each
-- bucket either touches, one upsert that takes o's part out and puts n's in.
create function s_incident_tally_move(o s_incident, n s_incident) returns void
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
        insert into s_incident_tally as t (generation, tenant_code, tenant_path, span, bucket, real, drills, counts, ack_minutes)
        values (coalesce(bn.generation, bo.generation), b.tenant_code, coalesce(bn.tenant_path, bo.tenant_path), b.span, b.bucket,
                (case when bn.exercise = false then 1 else 0 end) - (case when bo.exercise = false then 1 else 0 end),
                (case when bn.exercise then 1 else 0 end) - (case when bo.exercise then 1 else 0 end),
                s_incident_counts(s_incident_counts('{}', bo, -1), bn, 1),
                s_incident_acks(s_incident_acks('{}', bo, -1), bn, 1))
        on conflict (generation, span, bucket, tenant_code) do update set
            real = t.real + excluded.real,
            drills = t.drills + excluded.drills,
            counts = s_incident_counts(s_incident_counts(t.counts, bo, -1), bn, 1),
            ack_minutes = s_incident_acks(s_incident_acks(t.ack_minutes, bo, -1), bn, 1);
    end loop;
end $$;

create or replace function s_incident_tally_follow() returns trigger
language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        perform s_incident_tally_move(old, new);
    else
        perform s_incident_tally_move(null, new);
    end if;
    return null;
end $$;

-- A clock's contribution, with the sign of delta: one upsert per bucket.
create or replace function s_clock_tally_apply(r s_clock, delta bigint) returns void
language plpgsql as $$
declare
    in_time boolean;
begin
    if r.exercise or r.met_at is null or r.due_at is null then
        return;
    end if;
    in_time := r.met_at <= r.due_at and not r.missed;
    insert into s_clock_tally as t (generation, tenant_code, tenant_path, span, bucket, kind, met, late_minutes)
    select r.generation, r.tenant_code, r.tenant_path, v.span, v.bucket, r.kind,
           case when in_time then delta else 0 end,
           case when in_time then '{}'::jsonb else
               tally_add('{}', greatest(0, ceil(extract(epoch from r.met_at - r.due_at) / 60))::bigint::text, delta) end
    from (values ('day', china_day(r.due_at)),
                 ('month', date_trunc('month', china_day(r.due_at)::timestamp)::date)) v(span, bucket)
    on conflict (generation, span, bucket, tenant_code, kind) do update set
        met = t.met + excluded.met,
        late_minutes = case when in_time then t.late_minutes else
            tally_add(t.late_minutes, greatest(0, ceil(extract(epoch from r.met_at - r.due_at) / 60))::bigint::text, delta) end;
end $$;

create or replace function s_clock_tally_follow() returns trigger
language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        perform s_clock_tally_apply(old, -1);
    end if;
    perform s_clock_tally_apply(new, 1);
    return null;
end $$;

drop trigger s_incident_tally on s_incident;
create trigger s_incident_tally_insert after insert on s_incident for each row
    when (new.reported_at is not null)
    execute function s_incident_tally_follow();
create trigger s_incident_tally_update after update on s_incident for each row
    when ((old.reported_at, old.exercise, old.grade, old.category, old.state, old.response_level, old.first_ack_at, old.tenant_code)
          is distinct from (new.reported_at, new.exercise, new.grade, new.category, new.state, new.response_level, new.first_ack_at, new.tenant_code)
          and (old.reported_at is not null or new.reported_at is not null))
    execute function s_incident_tally_follow();

drop trigger s_clock_tally on s_clock;
create trigger s_clock_tally_insert after insert on s_clock for each row
    when (new.met_at is not null and new.due_at is not null and not new.exercise)
    execute function s_clock_tally_follow();
create trigger s_clock_tally_update after update on s_clock for each row
    when ((old.exercise, old.met_at, old.due_at, old.missed, old.kind, old.tenant_code)
          is distinct from (new.exercise, new.met_at, new.due_at, new.missed, new.kind, new.tenant_code)
          and ((old.met_at is not null and old.due_at is not null and not old.exercise)
               or (new.met_at is not null and new.due_at is not null and not new.exercise)))
    execute function s_clock_tally_follow();
