using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Plans;
using Fenghuo.Summaries.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Fenghuo.Summaries.Bench;

/// <summary>
/// A province of <see cref="Tenants"/> jurisdictions (one province, 11 cities, the rest counties and
/// bureaus under them) and <see cref="Incidents"/> incidents spread over them in one year, copied
/// straight into the read model's generation 1 (binary COPY), as a replay would have left it. The
/// tally triggers are off for the copy (a replica session) and the tallies are then counted from the
/// rows in one pass (s_retally, which a test holds equal to what the triggers keep event by event).
/// </summary>
public sealed class SyntheticProvince(int tenants, int incidents, DateTimeOffset yearStart)
{
    private const int Cities = 11;

    public int Tenants => tenants;

    public int Incidents => incidents;

    private static readonly string[] Categories = ["network_attack", "malware", "data_security", "information_content", "equipment_failure"];
    private static readonly string[] Levels = ["I", "II", "III", "IV"];

    public async Task LoadAsync(string adminConnectionString)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using (var replica = new NpgsqlCommand("set session_replication_role = replica", connection))
        {
            await replica.ExecuteNonQueryAsync();
        }
        var codes = new List<(string Code, string Path)>();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "copy s_tenant (generation, tenant_code, tenant_path, name, kind, parent_code, revision) from stdin (format binary)"))
        {
            async Task Tenant(string code, string path, string name, string kind, string? parent)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(code, NpgsqlDbType.Text);
                await copy.WriteAsync(path, NpgsqlDbType.LTree);
                await copy.WriteAsync(name, NpgsqlDbType.Text);
                await copy.WriteAsync(kind, NpgsqlDbType.Text);
                if (parent is null) { await copy.WriteNullAsync(); } else { await copy.WriteAsync(parent, NpgsqlDbType.Text); }
                await copy.WriteAsync(1L, NpgsqlDbType.Bigint);
                codes.Add((code, path));
            }
            await Tenant("province", "province", "模拟省", "province", null);
            for (var c = 0; c < Cities; c++)
            {
                await Tenant($"city{c}", $"province.city{c}", $"模拟市{c}", "city", "province");
            }
            for (var t = 0; codes.Count < tenants; t++)
            {
                var city = t % Cities;
                await Tenant($"county{t}", $"province.city{city}.county{t}", $"模拟县{t}", "county", $"city{city}");
            }
            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "copy s_plan (generation, tenant_code, tenant_path, version, effective_from, published_at, minimum_drills_per_year, labels) from stdin (format binary)"))
        {
            var labels = """{"category":{"network_attack":"网络攻击事件","malware":"有害程序事件","data_security":"数据安全事件","information_content":"信息内容安全事件","equipment_failure":"设备设施故障"},"level":{"I":"Ⅰ级响应","II":"Ⅱ级响应","III":"Ⅲ级响应","IV":"Ⅳ级响应"},"warning":{}}""";
            foreach (var (code, path) in codes)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(code, NpgsqlDbType.Text);
                await copy.WriteAsync(path, NpgsqlDbType.LTree);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(DateOnly.FromDateTime(yearStart.UtcDateTime), NpgsqlDbType.Date);
                await copy.WriteAsync(yearStart.UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(labels, NpgsqlDbType.Jsonb);
            }
            await copy.CompleteAsync();
        }

        var random = new Random(20261130);
        var grades = Enum.GetValues<Grade>();
        var states = Enum.GetValues<IncidentState>();
        await using (var incidentCopy = await connection.BeginBinaryImportAsync("""
            copy s_incident (generation, incident_id, tenant_code, tenant_path, number, exercise, plan_version, category, grade, state, state_at,
                             response_level, occurred_at, reported_at, report_due_at, report_met_at, first_ack_at, closed_at) from stdin (format binary)
            """))
        {
            for (var i = 0; i < incidents; i++)
            {
                var (code, path) = codes[random.Next(codes.Count)];
                var reported = yearStart.UtcDateTime.AddMinutes(random.Next(0, 360 * 24 * 60));
                var due = reported.AddMinutes(60);
                var met = reported.AddMinutes(random.Next(5, 90));
                var state = states[random.Next(states.Length)];
                var c = incidentCopy;
                await c.StartRowAsync();
                await c.WriteAsync(1, NpgsqlDbType.Integer);
                await c.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await c.WriteAsync(code, NpgsqlDbType.Text);
                await c.WriteAsync(path, NpgsqlDbType.LTree);
                await c.WriteAsync($"模拟〔2026〕{i + 1:D7}号", NpgsqlDbType.Text);
                await c.WriteAsync(i % 50 == 0, NpgsqlDbType.Boolean);
                await c.WriteAsync(1, NpgsqlDbType.Integer);
                await c.WriteAsync(Categories[random.Next(Categories.Length)], NpgsqlDbType.Text);
                await c.WriteAsync(EnumLabel.Of(grades[random.Next(grades.Length)]), NpgsqlDbType.Text);
                await c.WriteAsync(EnumLabel.Of(state), NpgsqlDbType.Text);
                await c.WriteAsync(reported, NpgsqlDbType.TimestampTz);
                if (state is IncidentState.Responding or IncidentState.Controlled or IncidentState.ResponseEnded or IncidentState.Reviewed or IncidentState.Closed)
                {
                    await c.WriteAsync(Levels[random.Next(Levels.Length)], NpgsqlDbType.Text);
                }
                else
                {
                    await c.WriteNullAsync();
                }
                await c.WriteAsync(reported.AddMinutes(-random.Next(1, 120)), NpgsqlDbType.TimestampTz);
                await c.WriteAsync(reported, NpgsqlDbType.TimestampTz);
                await c.WriteAsync(due, NpgsqlDbType.TimestampTz);
                await c.WriteAsync(met, NpgsqlDbType.TimestampTz);
                await c.WriteAsync(met.AddMinutes(random.Next(1, 60)), NpgsqlDbType.TimestampTz);
                if (state == IncidentState.Closed) { await c.WriteAsync(met.AddDays(3), NpgsqlDbType.TimestampTz); } else { await c.WriteNullAsync(); }
            }
            await incidentCopy.CompleteAsync();
        }

        // Every incident's report clock, from the incident rows themselves.
        await using (var clocks = new NpgsqlCommand("""
            insert into s_clock (generation, incident_id, kind, ref, tenant_code, tenant_path, number, exercise, due_at, met_at, missed)
            select generation, incident_id, 'report_upward', '00000000-0000-0000-0000-000000000000', tenant_code, tenant_path, number, exercise,
                   report_due_at, report_met_at, report_met_at > report_due_at
            from s_incident where generation = 1;
            select s_retally(1);
            analyze
            """, connection) { CommandTimeout = 0 })
        {
            await clocks.ExecuteNonQueryAsync();
        }
    }
}
