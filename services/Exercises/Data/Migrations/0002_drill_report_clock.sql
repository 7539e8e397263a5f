-- Where a drill incident's 向上级报告 clock runs while nobody has met or missed it yet: its due time
-- and the tenant that owes the report, as the incidents service started that clock when it opened
-- the incident (DrillIncidentOpened.ReportDueAt; null: its parent does not take part, so nothing is
-- owed upward). The settled outcome comes from the incidents service too (drill_clock).
alter table drill_incident add column report_due_at timestamptz, add column report_owed_by text;
