-- Failed logins are counted per user *and source address*: someone guessing from one place is
-- slowed down there, while the real user signing in from elsewhere is not locked out (lockout as
-- a denial of service against commanders during an incident). '' is a source that could not be told.
alter table login_failure add column source text not null default '';
alter table login_failure drop constraint login_failure_pkey;
alter table login_failure add primary key (user_id, source);
