-- An entry's number is taken by whoever holds the incident's row lock from the record itself (its newest seq, one
-- row read backwards through incident_timeline_seq), no longer from a count kept on the incident: keeping that count
-- wrote a new version of the whole incident row, indexes aside, for every 续报.
alter table incident drop column timeline_entries;
