using System.Text.RegularExpressions;

namespace Fenghuo.AppHost.Orchestration;

/// <summary>
/// All output of the AppHost and its resources, one line at a time so lines of different
/// resources never interleave; each resource's lines carry its name, coloured on a terminal.
/// </summary>
internal sealed partial class ConsoleLog
{
    private static readonly string[] Palette =
        ["\e[36m", "\e[32m", "\e[33m", "\e[35m", "\e[34m", "\e[96m", "\e[92m", "\e[93m", "\e[95m", "\e[94m"];

    private const string Reset = "\e[0m";
    private const string Bold = "\e[1m";
    private const string Red = "\e[31m";

    private readonly Lock gate = new();
    private readonly bool colour = !Console.IsOutputRedirected;
    private readonly int width;
    private readonly Dictionary<string, string> colours;
    private bool outputGone;

    public ConsoleLog(IReadOnlyList<string> resourceNames)
    {
        width = resourceNames.Max(n => n.Length);
        colours = resourceNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => Palette[p.i % Palette.Length]);
    }

    public void Info(string message) => Write($"[apphost] {message}", colour ? Bold : null);

    public void Error(string message) => Write($"[apphost] error: {message}", colour ? Red : null);

    public void Resource(string name, string line)
    {
        var prefix = name.PadRight(width);
        Write(colour ? $"{colours.GetValueOrDefault(name, "")}{prefix}{Reset} | {line}" : $"{prefix} | {line}", null);
    }

    /// <summary>For the servers: their routine chatter would drown the services' logs.</summary>
    public Action<string> Quiet(string name) => line =>
    {
        if (Noteworthy().IsMatch(line))
        {
            Resource(name, line);
        }
    };

    /// <summary>Text that tools read (the table, the READY line): never coloured.</summary>
    public void Plain(string text) => Write(text, null);

    [GeneratedRegex(@"\b(warn(ing)?|error|fatal|panic|crash(ed)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Noteworthy();

    private void Write(string text, string? style)
    {
        lock (gate)
        {
            if (outputGone)
            {
                return;
            }

            try
            {
                Console.Out.WriteLine(style is null ? text : $"{style}{text}{Reset}");
            }
            catch (IOException)
            {
                // The terminal was closed (that is what SIGHUP says): the shutdown must still run to the end.
                outputGone = true;
            }
        }
    }
}
