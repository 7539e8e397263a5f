-- An entry is known by its incident and its number in the record (seq, 0004), and every read of the record goes
-- through incident_timeline_seq. The identity id has been read by nothing since, yet every entry, one per act and
-- report, still drew it from a sequence and inserted it into a second index (incident_timeline_pkey). The number
-- becomes the key: one index an entry, the same uniqueness, and the order of a record is the order of its numbers
-- (taken under the incident's row lock, so also the order its entries were committed in).
alter table incident_timeline drop constraint incident_timeline_pkey;
alter table incident_timeline add constraint incident_timeline_seq primary key using index incident_timeline_seq;
alter table incident_timeline drop column id;
