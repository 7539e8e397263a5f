using System.IO.Compression;
using System.Text;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Summaries.Data;
using Fenghuo.Summaries.Exports;
using Fenghuo.Testing;
using MiniExcelLibs;

namespace Fenghuo.Summaries.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class ExportTests(PlatformInfrastructure infrastructure)
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_ledger_csv_starts_with_a_bom_and_lists_real_incidents_under_chinese_headers_in_china_time()
    {
        await using var host = await SummariesHost.StartAsync(infrastructure, Now);
        var report = host.Reported("yangcheng");
        await host.PublishAsync(report);
        await host.PublishAsync(host.Reported("yangcheng", drill: true));
        await Eventually.Value(() => host.OverviewAsync("yangcheng"), o => o?.Root.Own.Incidents is { Total: 1, Drills: 1 }, "both reports are projected");

        using var output = new MemoryStream();
        await host.Get<TenantDatabase>().InTransactionAsync(SummariesHost.Scope("yangcheng"), async session =>
        {
            await using var csv = new CsvWriter(output);
            await csv.WriteAsync(LedgerExport.Headers,
                LedgerExport.Rows(host.Get<LedgerStore>().StreamAsync(session, "shanxi.jincheng.yangcheng", Now.AddDays(-1), Now.AddDays(1))), CancellationToken.None);
        }, CancellationToken.None);

        var bytes = output.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("事件编号,辖区,事件类别,事件级别,发生时间,报告时间", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{report.Number},阳城县,", lines[1]);
        Assert.Contains(",一般,2026-06-15 09:30,2026-06-15 10:00,2026-06-15 11:00,,尚未上报,未启动,已报告,", lines[1]);
    }

    [Fact]
    public async Task The_overview_xlsx_is_a_workbook_with_a_sheet_per_section_and_chinese_headers()
    {
        await using var host = await SummariesHost.StartAsync(infrastructure, Now);
        await host.PublishAsync(host.Reported("chengqu"));
        var overview = await Eventually.Value(() => host.OverviewAsync("jincheng"), o => o?.Root.Subtree.Incidents.Total == 1, "the report is projected");

        await using var file = await XlsxWriter.WriteAsync(new OverviewExport().Sheets(overview!), CancellationToken.None);

        using (var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true))
        {
            Assert.NotNull(zip.GetEntry("[Content_Types].xml"));
        }
        file.Position = 0;
        Assert.Equal(["事件", "时限", "超时最多", "报送签收", "预警", "演练", "预案"], MiniExcel.GetSheetNames(file));
        file.Position = 0;
        var rows = MiniExcel.Query(file, useHeaderRow: false, sheetName: "事件").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("辖区", rows[0]["A"]);
        Assert.Equal("事件总数", rows[0]["D"]);
        Assert.Contains(rows, r => (r["A"] as string)?.Trim('　') == "城区" && r["B"] as string == "本级" && Convert.ToInt64(r["D"]) == 1);
    }

    [Fact]
    public async Task The_ledger_xlsx_streams_from_the_query_into_a_workbook_a_reader_opens()
    {
        await using var host = await SummariesHost.StartAsync(infrastructure, Now);
        var report = host.Reported("chengqu");
        await host.PublishAsync(report);
        await Eventually.Value(() => host.OverviewAsync("chengqu"), o => o?.Root.Own.Incidents.Total == 1, "the report is projected");

        await using var file = await host.Get<TenantDatabase>().InTransactionAsync(SummariesHost.Scope("chengqu"), session => XlsxWriter.WriteAsync(
            new StreamedSheet(LedgerExport.Name, LedgerExport.Headers,
                LedgerExport.Rows(host.Get<LedgerStore>().StreamAsync(session, "shanxi.jincheng.chengqu", Now.AddDays(-1), Now.AddDays(1)))),
            CancellationToken.None), CancellationToken.None);

        Assert.Equal([LedgerExport.Name], MiniExcel.GetSheetNames(file));
        file.Position = 0;
        var rows = MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal(report.Number, row["事件编号"]);
        Assert.Equal("城区", row["辖区"]);
        Assert.Equal("一般", row["事件级别"]);
    }
}
