using System.Globalization;
using System.Text;

namespace Fenghuo.Summaries.Exports;

/// <summary>
/// RFC 4180 CSV in UTF-8 with a byte-order mark: without it Excel and WPS read UTF-8 as the local
/// code page and Chinese turns to mojibake. Rows go out as they come, through a small buffer.
/// </summary>
public sealed class CsvWriter : IAsyncDisposable
{
    private static readonly UTF8Encoding WithBom = new(encoderShouldEmitUTF8Identifier: true);

    private readonly StreamWriter writer;
    private readonly StringBuilder line = new(256);

    public CsvWriter(Stream output)
    {
        writer = new StreamWriter(output, WithBom, bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
    }

    public async Task WriteAsync(IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<object?>> rows, CancellationToken ct)
    {
        await WriteRowAsync(headers);
        await foreach (var row in rows.WithCancellation(ct))
        {
            await WriteRowAsync(row);
        }
    }

    public async Task WriteAsync(Sheet sheet, bool titled)
    {
        if (titled)
        {
            await WriteRowAsync([sheet.Name]);
        }
        await WriteRowAsync(sheet.Headers);
        foreach (var row in sheet.Rows)
        {
            await WriteRowAsync(row);
        }
    }

    public Task WriteBlankLineAsync() => writer.WriteAsync("\r\n");

    private Task WriteRowAsync<T>(IReadOnlyList<T> cells)
    {
        line.Clear();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }
            Append(cells[i]);
        }
        line.Append("\r\n");
        // Async all the way: a response body refuses synchronous writes, and the writer flushes as its buffer fills.
        return writer.WriteAsync(line);
    }

    private void Append(object? cell)
    {
        var text = cell switch
        {
            null => "",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => cell.ToString() ?? "",
        };
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(text);
            return;
        }
        line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    public async ValueTask DisposeAsync()
    {
        await writer.FlushAsync();
        await writer.DisposeAsync();
    }
}
