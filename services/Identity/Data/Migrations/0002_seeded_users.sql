-- Users the realm file has seeded, once each. The seeder adds a file user only if it was never
-- seeded: an operator who deletes a demo user (or the bootstrap admin) keeps it deleted across
-- restarts. Rows only grow; the app role may not rewrite the record.
create table realm_seeded_user (
    username text primary key,
    seeded_at timestamptz not null default now()
);
grant select, insert on realm_seeded_user to $app_role$;

-- Users already present were seeded by the starts before this record existed.
insert into realm_seeded_user (username) select username from realm_user;
