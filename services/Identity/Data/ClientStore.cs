using System.Text.Json;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Realm;

namespace Fenghuo.Identity.Data;

/// <summary>Clients come from the realm file only; each start brings them in line with it.</summary>
public sealed class ClientStore(TenantDatabase database)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string FindById = """
        select client_id as ClientId, name as Name, enabled as Enabled, bearer_only as BearerOnly, public_client as PublicClient,
               secret_sha256 as SecretSha256, standard_flow_enabled as StandardFlowEnabled,
               direct_access_grants_enabled as DirectAccessGrantsEnabled, service_accounts_enabled as ServiceAccountsEnabled,
               redirect_uris as RedirectUris, attributes::text as Attributes, protocol_mappers::text as ProtocolMappers
        from realm_client where client_id = @ClientId
        """;

    private const string Upsert = """
        insert into realm_client (client_id, name, enabled, bearer_only, public_client, secret_sha256, standard_flow_enabled,
                                  direct_access_grants_enabled, service_accounts_enabled, redirect_uris, attributes, protocol_mappers)
        values (@ClientId, @Name, @Enabled, @BearerOnly, @PublicClient, @SecretSha256, @StandardFlowEnabled,
                @DirectAccessGrantsEnabled, @ServiceAccountsEnabled, @RedirectUris, @Attributes::jsonb, @ProtocolMappers::jsonb)
        on conflict (client_id) do update
        set name = excluded.name, enabled = excluded.enabled, bearer_only = excluded.bearer_only, public_client = excluded.public_client,
            secret_sha256 = excluded.secret_sha256, standard_flow_enabled = excluded.standard_flow_enabled,
            direct_access_grants_enabled = excluded.direct_access_grants_enabled, service_accounts_enabled = excluded.service_accounts_enabled,
            redirect_uris = excluded.redirect_uris, attributes = excluded.attributes, protocol_mappers = excluded.protocol_mappers
        """;

    /// <summary>An enabled client, or null: a disabled client is treated as one that does not exist, as in Keycloak.</summary>
    public async Task<RealmClient?> FindEnabledAsync(string? clientId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(clientId))
        {
            return null;
        }
        var row = await database.InTransactionAsync(TenantScope.None,
            session => session.Connection.QuerySingleOrDefaultAsync<Row>(FindById, new { ClientId = clientId }, session.Transaction), ct);
        return row?.ToClient() is { Enabled: true } client ? client : null;
    }

    public Task UpsertAsync(DbSession session, RealmClient client) =>
        session.Connection.ExecuteAsync(Upsert, new
        {
            client.ClientId,
            client.Name,
            client.Enabled,
            client.BearerOnly,
            client.PublicClient,
            client.SecretSha256,
            client.StandardFlowEnabled,
            client.DirectAccessGrantsEnabled,
            client.ServiceAccountsEnabled,
            RedirectUris = client.RedirectUris.ToArray(),
            Attributes = JsonSerializer.Serialize(client.Attributes, Json),
            ProtocolMappers = JsonSerializer.Serialize(client.ProtocolMappers, Json),
        }, session.Transaction);

    // A class rather than a positional record: Dapper reports text[] columns as System.Array, which
    // no constructor parameter matches, but it assigns them to string[] properties.
    private sealed class Row
    {
        public string ClientId { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
        public bool Enabled { get; set; }
        public bool BearerOnly { get; set; }
        public bool PublicClient { get; set; }
        public string? SecretSha256 { get; set; }
        public bool StandardFlowEnabled { get; set; }
        public bool DirectAccessGrantsEnabled { get; set; }
        public bool ServiceAccountsEnabled { get; set; }
        public string[] RedirectUris { get; set; } = [];
        public string Attributes { get; set; } = "{}";
        public string ProtocolMappers { get; set; } = "[]";

        public RealmClient ToClient() => new(
            ClientId, Name, Enabled, BearerOnly, PublicClient, SecretSha256, StandardFlowEnabled, DirectAccessGrantsEnabled, ServiceAccountsEnabled,
            RedirectUris,
            JsonSerializer.Deserialize<Dictionary<string, string>>(Attributes, Json) ?? [],
            JsonSerializer.Deserialize<List<ProtocolMapperRepresentation>>(ProtocolMappers, Json) ?? []);
    }
}
