namespace Fenghuo.Summaries.Exports;

/// <summary>A table to write out: a name (the XLSX sheet), Chinese headers, and rows of cells already labelled for people.</summary>
public sealed record Sheet(string Name, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<object?>> Rows);

/// <summary>The same for a table whose rows come from the database as they are read.</summary>
public sealed record StreamedSheet(string Name, IReadOnlyList<string> Headers, IAsyncEnumerable<IReadOnlyList<object?>> Rows);
