namespace Fenghuo.BuildingBlocks.Data;

/// <summary>
/// The tenant a database transaction acts for. Row-level security reads it from
/// fenghuo.tenant_code / fenghuo.tenant_path; <see cref="None"/> leaves them empty so every
/// tenant policy fails closed. <see cref="PlatformAdmin"/> is honoured only by the policies that
/// name it (the tenant tree itself), never by tenants' own records.
/// </summary>
public sealed record TenantScope(string Code, string Path, bool PlatformAdmin = false)
{
    public static TenantScope None { get; } = new(string.Empty, string.Empty);

    public bool IsNone => Code.Length == 0 && !PlatformAdmin;
}
