using Statecraft.Documents;

namespace Statecraft.Bargaining;

/// <summary>An actor table shipped inside the tool (the project's <c>scenarios/bargaining/</c> folder, embedded at build).</summary>
/// <param name="Name">File name without <c>.csv</c>.</param>
/// <param name="Text">The file's text.</param>
/// <param name="IsRanges">True for a ranges file of <c>scenarios/bargaining/ranges/</c>.</param>
public sealed record ShippedTable(string Name, string Text, bool IsRanges = false)
{
    /// <summary>The path shown in diagnostics and output for a shipped table.</summary>
    public string Path => IsRanges ? $"scenarios/bargaining/ranges/{Name}.csv" : $"scenarios/bargaining/{Name}.csv";

    /// <summary>
    /// True for an expected-utility table (its header names a Capability column), false for a KTAB
    /// table. A look at the first line, not a parse, because every command's help lists the tables
    /// and should not pay for reading them.
    /// </summary>
    public bool IsEum => Text.AsSpan(0, Math.Max(0, Text.IndexOf('\n', StringComparison.Ordinal))).Contains("Capability", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The bargaining tables that ship with Statecraft: the models' reference inputs (the Scholz et al.
/// example actors; KTAB's dummyData_3Dim and SOE-Pol-Comp) and the Korea 2018 table, so
/// <c>statecraft bargain</c> runs them by name from any directory.
/// </summary>
public static class ShippedTables
{
    private static readonly Lazy<IReadOnlyList<ShippedTable>> Embedded = new(Load);

    private static readonly Lazy<IReadOnlyList<ShippedTable>> EmbeddedRanges = new(() => [.. EmbeddedText.Under("bargaining-ranges/").Select(f => new ShippedTable(f.Name, f.Text, IsRanges: true))]);

    /// <summary>Every shipped ranges file (for <c>bargain smp --sweep</c>), named after the table it varies.</summary>
    public static IReadOnlyList<ShippedTable> Ranges => EmbeddedRanges.Value;

    /// <summary>The shipped ranges file for the table of this name, or null.</summary>
    public static ShippedTable? FindRanges(string name) => Ranges.FirstOrDefault(t => t.Name == name);

    /// <summary>Every shipped table, by name.</summary>
    public static IReadOnlyList<ShippedTable> All => Embedded.Value;

    /// <summary>The shipped table with this name (file name without <c>.csv</c>), or null.</summary>
    public static ShippedTable? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    private static List<ShippedTable> Load() => [.. EmbeddedText.Under("bargaining/").Select(f => new ShippedTable(f.Name, f.Text))];
}
