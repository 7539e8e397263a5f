namespace Fenghuo.Summaries.Domain;

/// <summary>What an export is written as: CSV (UTF-8 with BOM, for Excel and WPS) or an XLSX workbook.</summary>
public enum ExportFormat
{
    Csv,
    Xlsx,
}
