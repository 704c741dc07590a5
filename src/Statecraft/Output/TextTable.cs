namespace Statecraft.Output;

/// <summary>A plain aligned text table: readable in a terminal, stable in tests, safe to pipe.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> rows = [];

    public void Add(params string[] cells) => rows.Add(cells);

    public void Write(TextWriter o)
    {
        var widths = headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
        o.WriteLine(Line(headers));
        o.WriteLine(Line([.. widths.Select(w => new string('-', w))]));
        foreach (var r in rows)
        {
            o.WriteLine(Line(r));
        }
    }
}
