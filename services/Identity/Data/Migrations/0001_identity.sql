-- The realm as Keycloak keeps it: roles, clients, users with their credentials and brute-force
-- counters, and the realm's keys. Users of every tenant live here side by side, as in Keycloak:
-- this is the platform's identity provider, read only by itself and changed only through the
-- admin API (platform-admin), so these are not tenant-owned rows and carry no row-level security.

-- One active key per use: 'sig' signs tokens (RSA, published at /certs), 'enc' encrypts
-- authorization codes and refresh tokens (AES). Kept here so restarts and replicas agree.
create table realm_key (
    use text primary key check (use in ('sig', 'enc')),
    kid text not null unique,
    material text not null,
    created_at timestamptz not null default now()
);
grant select, insert on realm_key to $app_role$;

create table realm_role (
    id uuid primary key,
    name text not null unique,
    description text not null default ''
);
grant select, insert, update on realm_role to $app_role$;

create table realm_client (
    client_id text primary key,
    name text not null default '',
    enabled boolean not null,
    bearer_only boolean not null,
    public_client boolean not null,
    -- SHA-256 of the secret: client secrets are long random strings, so a fast hash suffices and
    -- keeps client-credentials calls cheap.
    secret_sha256 text,
    standard_flow_enabled boolean not null,
    direct_access_grants_enabled boolean not null,
    service_accounts_enabled boolean not null,
    redirect_uris text[] not null default '{}',
    attributes jsonb not null default '{}',
    protocol_mappers jsonb not null default '[]'
);
grant select, insert, update on realm_client to $app_role$;

create table realm_user (
    id uuid primary key,
    username text not null unique check (username = lower(username)),
    email text,
    first_name text,
    last_name text,
    enabled boolean not null,
    email_verified boolean not null default false,
    -- Keycloak's multi-valued attributes: {"tenant": ["yangcheng"]}.
    attributes jsonb not null default '{}',
    required_actions text[] not null default '{}',
    password_hash text,
    service_account_client_id text unique references realm_client (client_id),
    created_at timestamptz not null default now(),
    -- Tokens and SSO sessions issued before this instant are refused (Keycloak's notBefore):
    -- set when a password is reset or changed.
    not_before timestamptz
);
create unique index realm_user_email on realm_user (lower(email)) where email is not null;
create index realm_user_attributes on realm_user using gin (attributes jsonb_path_ops);
grant select, insert, update, delete on realm_user to $app_role$;

create table realm_user_role (
    user_id uuid not null references realm_user (id) on delete cascade,
    role_id uuid not null references realm_role (id) on delete cascade,
    primary key (user_id, role_id)
);
grant select, insert, delete on realm_user_role to $app_role$;

-- Brute-force detection counters, one row per user who has failed since their last success.
create table login_failure (
    user_id uuid primary key references realm_user (id) on delete cascade,
    failures integer not null,
    last_failure_at timestamptz not null,
    locked_until timestamptz
);
grant select, insert, update, delete on login_failure to $app_role$;
