-- OpenIddict runs without token storage, so its codes and refresh tokens are self-contained. These
-- two tables make them single-use and revocable anyway: every code and refresh token carries its
-- own id and its session's (the login it descends from). Redeeming one records its id — a second
-- redemption is a replay, and revokes the whole session, so a stolen refresh token dies with the
-- one it was stolen from.
create table redeemed_token (
    token_id uuid primary key,
    session_id uuid not null,
    redeemed_at timestamptz not null
);
grant select, insert on redeemed_token to $app_role$;

create table revoked_session (
    session_id uuid primary key,
    revoked_at timestamptz not null,
    reason text not null
);
grant select, insert on revoked_session to $app_role$;
