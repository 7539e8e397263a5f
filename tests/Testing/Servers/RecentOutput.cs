namespace Fenghuo.Testing.Servers;

/// <summary>The last lines a server wrote, quoted when it fails to start.</summary>
internal sealed class RecentOutput(int capacity = 30)
{
    private readonly Queue<string> lines = new();

    public void Add(string line)
    {
        lock (lines)
        {
            lines.Enqueue(line);
            if (lines.Count > capacity)
            {
                lines.Dequeue();
            }
        }
    }

    public override string ToString()
    {
        lock (lines)
        {
            return string.Join(Environment.NewLine, lines);
        }
    }
}
