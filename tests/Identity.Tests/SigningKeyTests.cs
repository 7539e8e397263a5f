using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Testing;

namespace Fenghuo.Identity.Tests;

/// <summary>
/// The signing key comes from files outside the database; a newer file takes over signing while
/// the older one is still published, so tokens it signed keep working until they expire.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class SigningKeyTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task A_new_key_signs_after_rotation_and_tokens_of_the_old_one_still_validate()
    {
        var directory = DirectoryWith("2026-01.pem");
        var settings = new Dictionary<string, string> { ["Fenghuo:SigningKeys:Directory"] = directory };

        string oldToken;
        string oldKid;
        await using (var before = await IdentityApp.StartAsync(infrastructure, settings))
        {
            oldToken = await TokenAsync(before);
            oldKid = Kid(oldToken);
            var stored = await before.Get<TenantDatabase>().InTransactionAsync(TenantScope.None,
                s => s.Connection.ExecuteScalarAsync<long>("select count(*) from realm_key where use = 'sig'", transaction: s.Transaction), default);
            Assert.Equal(0, stored);
        }

        WriteKey(directory, "2026-02.pem");
        await using var after = await IdentityApp.StartAsync(infrastructure, settings);
        var newToken = await TokenAsync(after);
        Assert.NotEqual(oldKid, Kid(newToken));

        var certs = await after.CreateClient().GetFromJsonAsync<JsonElement>($"{IdentityApp.Realm}/protocol/openid-connect/certs");
        var published = certs.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
        Assert.Contains(oldKid, published);
        Assert.Contains(Kid(newToken), published);

        using var userInfo = new HttpRequestMessage(HttpMethod.Get, $"{IdentityApp.Realm}/protocol/openid-connect/userinfo");
        userInfo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", oldToken);
        using var answer = await after.CreateClient().SendAsync(userInfo);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    public static string DirectoryWith(string file)
    {
        var directory = Directory.CreateTempSubdirectory("fenghuo-signing-").FullName;
        WriteKey(directory, file);
        return directory;
    }

    private static void WriteKey(string directory, string file)
    {
        using var rsa = RSA.Create(2048);
        File.WriteAllText(Path.Combine(directory, file), rsa.ExportPkcs8PrivateKeyPem());
    }

    private static async Task<string> TokenAsync(IdentityApp app)
    {
        using var response = await IdentityApp.PasswordGrantAsync(app.From("10.0.0.5"), "jincheng.analyst", IdentityApp.DemoPassword);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private static string Kid(string token)
    {
        var header = token.Split('.')[0].Replace('-', '+').Replace('_', '/');
        header = header.PadRight(header.Length + (4 - header.Length % 4) % 4, '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header))).RootElement.GetProperty("kid").GetString()!;
    }
}
