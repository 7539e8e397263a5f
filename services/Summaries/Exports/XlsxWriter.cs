using MiniExcelLibs;

namespace Fenghuo.Summaries.Exports;

/// <summary>
/// An XLSX workbook, one sheet per table, written by MiniExcel row by row into a temporary file
/// that is deleted when the response has sent it: a zip cannot be written into a response that
/// refuses synchronous writes, and a file keeps memory flat however many rows there are.
/// </summary>
public static class XlsxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<FileStream> WriteAsync(IReadOnlyList<Sheet> sheets, CancellationToken ct)
    {
        var file = Temporary();
        var workbook = sheets.ToDictionary(s => s.Name, s => (object)Rows(s.Headers, s.Rows));
        await Task.Run(() => file.SaveAs(workbook, excelType: ExcelType.XLSX), ct);
        file.Position = 0;
        return file;
    }

    /// <summary>One sheet whose rows are read from the database while it is written; the reading thread waits on each row.</summary>
    public static async Task<FileStream> WriteAsync(StreamedSheet sheet, CancellationToken ct)
    {
        var file = Temporary();
        await Task.Run(() => file.SaveAs(Rows(sheet.Headers, sheet.Rows.ToBlockingEnumerable(ct)), sheetName: sheet.Name, excelType: ExcelType.XLSX), ct);
        file.Position = 0;
        return file;
    }

    private static FileStream Temporary() =>
        new(Path.Combine(Path.GetTempPath(), $"fenghuo-summaries-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);

    private static IEnumerable<IDictionary<string, object?>> Rows(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            var cells = new Dictionary<string, object?>(headers.Count);
            for (var i = 0; i < headers.Count; i++)
            {
                cells[headers[i]] = row[i];
            }
            yield return cells;
        }
        if (!any)
        {
            // An empty table still shows its headers.
            yield return headers.ToDictionary(h => h, _ => (object?)null);
        }
    }
}
