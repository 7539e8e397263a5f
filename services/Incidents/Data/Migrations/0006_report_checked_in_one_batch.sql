-- A report checked against the plan version this service last read as in force for the tenant is recorded in one
-- round trip: its batch starts with this check, and an error here rolls the whole batch back (its number with it),
-- after which the report is checked again against the version read afresh. Run under the caller's row-level
-- security, as every read of plan_rules is.
create function incident_plan_in_force(tenant text, checked_version int, on_day date) returns void
language plpgsql stable as $$
begin
    if (select p.version from plan_rules p
        where p.tenant_code = tenant and p.effective_from <= on_day
        order by p.effective_from desc, p.version desc limit 1) is distinct from checked_version then
        raise exception 'plan version % of % is not the one in force on %', checked_version, tenant, on_day
            using errcode = 'FHP01';
    end if;
end
$$;
