-- 放弃草稿: a command may throw away a draft it will not publish (one opened by mistake, or a
-- plan-revision draft it decides against), so that a new one can be started. Published versions
-- stay forever: the database deletes drafts only, whoever asks. The findings a discarded draft
-- cited go with it; the exercise keeps that a revision was asked for.
grant delete on plan_version to $app_role$;
create policy plan_version_only_drafts_deleted on plan_version as restrictive for delete
    using (status = 'draft');

grant delete on plan_revision_citation to $app_role$;
-- A platform administrator discards any draft, its citations included (it reads every plan).
create policy plan_revision_citation_discarded_by_admin on plan_revision_citation for delete
    using (current_setting('fenghuo.platform_admin', true) = 'on');
