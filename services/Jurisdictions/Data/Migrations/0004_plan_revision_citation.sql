-- 预案修订依据: what an exercise revealed, cited on the plan-revision draft it opened (plans are
-- revised from what drills reveal). One row per finding; the draft is the tenant's open draft.
create table plan_revision_citation (
    finding_id uuid primary key,
    tenant_code text not null,
    tenant_path ltree not null,
    version int not null,
    exercise_id uuid not null,
    exercise_title text not null,
    finding_title text not null,
    plan_section text,
    requested_by text not null,
    cited_at timestamptz not null,
    foreign key (tenant_code, version) references plan_version (tenant_code, version)
);
create index plan_revision_citation_version on plan_revision_citation (tenant_code, version);
grant select, insert on plan_revision_citation to $app_role$;
grant update (tenant_path) on plan_revision_citation to $app_role$;
alter table plan_revision_citation enable row level security;
alter table plan_revision_citation force row level security;
create policy plan_revision_citation_visible on plan_revision_citation
    using (tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree)
    with check (tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree);
