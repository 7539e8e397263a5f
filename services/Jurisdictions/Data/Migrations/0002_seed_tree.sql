-- The seeded tree (DOMAIN.md). Division codes are GB/T 2260; the bureau and the zone have none.
-- Row-level security is forced on the owner too: the seed acts as the platform.
select set_config('fenghuo.platform_admin', 'on', true);

insert into jurisdiction (code, name, kind, parent_code, tenant_path, division_code) values
    ('shanxi', '山西省', 'province', null, 'shanxi', '140000'),
    ('jincheng', '晋城市', 'city', 'shanxi', 'shanxi.jincheng', '140500'),
    ('yangcheng', '阳城县', 'county', 'jincheng', 'shanxi.jincheng.yangcheng', '140522'),
    ('chengqu', '城区', 'district', 'jincheng', 'shanxi.jincheng.chengqu', '140502'),
    ('jincheng_energy', '晋城市能源局', 'bureau', 'jincheng', 'shanxi.jincheng.jincheng_energy', null),
    ('xinzhou', '忻州市', 'city', 'shanxi', 'shanxi.xinzhou', '140900'),
    ('xinzhou_edz', '忻州经济开发区', 'development_zone', 'xinzhou', 'shanxi.xinzhou.xinzhou_edz', null);

insert into tenant_directory (code, name, kind, parent_code, path, status, division_code, revision)
select code, name, kind, parent_code, tenant_path, status, division_code, revision from jurisdiction;
