-- The signing key now comes from files outside the database (SigningKeyFiles): the private key
-- that was kept here, readable by the service role, is removed.
delete from realm_key where use = 'sig';
