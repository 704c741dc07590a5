using System.Globalization;
using Statecraft.Documents;

namespace Statecraft.Bargaining;

/// <summary>What one row of a ranges file varies: an actor's power, or its position or salience on a dimension.</summary>
public enum SweepQuantity
{
    /// <summary>The actor's power (influence).</summary>
    Power,

    /// <summary>The actor's position on <see cref="SweepRange.Dimension"/>.</summary>
    Position,

    /// <summary>The actor's salience of <see cref="SweepRange.Dimension"/>.</summary>
    Salience,
}

/// <summary>A plausible range for one value of an actor table, as a ranges file gives it.</summary>
/// <param name="Actor">Index of the actor in the table.</param>
/// <param name="Quantity">Which of the actor's values.</param>
/// <param name="Dimension">The dimension (0-based) for a position or a salience; 0 for power.</param>
/// <param name="Column">The name the file used for the value (a heading of the table, or power / position:N / salience:N).</param>
/// <param name="Low">Lower end of the range.</param>
/// <param name="High">Upper end of the range.</param>
public sealed record SweepRange(int Actor, SweepQuantity Quantity, int Dimension, string Column, double Low, double High);

/// <summary>One run of a sweep: the table with one value set to an end of its range (or the table as given, for the base run).</summary>
/// <param name="Range">The range varied, or null for the base run.</param>
/// <param name="Value">The value used.</param>
/// <param name="Run">The model's run on that table.</param>
public sealed record SweepVariant(SweepRange? Range, double Value, SmpRun Run)
{
    /// <summary>The actor whose final position has the highest winning probability (the first in file order on ties).</summary>
    public int MostLikely => Run.MostLikely;

    /// <summary>The most likely final position, on the 0–100 scale.</summary>
    public IReadOnlyList<double> MostLikelyPosition => Run.Final.Positions[Run.MostLikely];

    /// <summary>Every actor that ends at the most likely position (within the model's 0.1 tolerance).</summary>
    public IReadOnlyList<int> Holders => Run.Holders;
}

/// <summary>A one-at-a-time sweep: the base run, then one run per end of every range that differs from the table's value.</summary>
/// <param name="Table">The table swept.</param>
/// <param name="RangesPath">Where the ranges were read from.</param>
/// <param name="Ranges">The ranges, in file order.</param>
/// <param name="Base">The run on the table as given.</param>
/// <param name="Variants">One run per range end, in file order, low before high.</param>
public sealed record SmpSweep(SmpTable Table, string RangesPath, IReadOnlyList<SweepRange> Ranges, SweepVariant Base, IReadOnlyList<SweepVariant> Variants)
{
    /// <summary>
    /// Reads a ranges file for <paramref name="table"/>: a header naming <c>actor</c>, <c>column</c>,
    /// <c>low</c> and <c>high</c> (other columns, such as a basis, are ignored), then one row per
    /// value to vary. <c>column</c> is one of the table's headings from field 3 on, or
    /// <c>power</c>, <c>position:N</c>, <c>salience:N</c> (N = 1 for the first dimension).
    /// </summary>
    public static BargainingLoad<IReadOnlyList<SweepRange>> ParseRanges(string text, string path, SmpTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var diagnostics = new DiagnosticBag();
        var ranges = ReadRanges(text, path, table, diagnostics);
        return new BargainingLoad<IReadOnlyList<SweepRange>>(diagnostics.HasErrors ? null : ranges, diagnostics.Sorted());
    }

    /// <summary>Reads and validates a ranges file for <paramref name="table"/>; a missing or unreadable file is a located error, not an exception.</summary>
    public static BargainingLoad<IReadOnlyList<SweepRange>> LoadRanges(string path, SmpTable table) =>
        UserFile.ReadText(path, "ranges file", out var problem) is { } text
            ? ParseRanges(text, path, table)
            : new BargainingLoad<IReadOnlyList<SweepRange>>(null, [problem!]);

    /// <summary>
    /// Runs the base table and every range end; <paramref name="progress"/>, if given, hears
    /// (runs done, runs in all) after each run.
    /// </summary>
    public static SmpSweep Run(SmpTable table, string rangesPath, IReadOnlyList<SweepRange> ranges, int threads = 0, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(ranges);
        var ends = new List<(SweepRange Range, double Value)>();
        foreach (var range in ranges)
        {
            var current = ValueOf(table, range);
            ends.AddRange(new[] { range.Low, range.High }.Distinct().Where(v => v != current).Select(v => (range, v)));
        }

        var baseRun = Variant(table, null, double.NaN, threads);
        progress?.Invoke(1, ends.Count + 1);
        var variants = new List<SweepVariant>(ends.Count);
        foreach (var (range, value) in ends)
        {
            variants.Add(Variant(With(table, range, value), range, value, threads));
            progress?.Invoke(variants.Count + 1, ends.Count + 1);
        }

        return new SmpSweep(table, rangesPath, ranges, baseRun, variants);
    }

    /// <summary>The value a range varies, as the table has it.</summary>
    public static double ValueOf(SmpTable table, SweepRange range)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(range);
        var actor = table.Actors[range.Actor];
        return range.Quantity switch
        {
            SweepQuantity.Power => actor.Power,
            SweepQuantity.Position => actor.Positions[range.Dimension],
            _ => actor.Saliences[range.Dimension],
        };
    }

    private static SweepVariant Variant(SmpTable table, SweepRange? range, double value, int threads) =>
        new(range, value, SpatialModel.Run(table, threads));

    private static SmpTable With(SmpTable table, SweepRange range, double value)
    {
        var actors = table.Actors.ToArray();
        var actor = actors[range.Actor];
        var positions = actor.Positions.ToArray();
        var saliences = actor.Saliences.ToArray();
        var power = actor.Power;
        switch (range.Quantity)
        {
            case SweepQuantity.Power:
                power = value;
                break;
            case SweepQuantity.Position:
                positions[range.Dimension] = value;
                break;
            default:
                saliences[range.Dimension] = value;
                break;
        }

        actors[range.Actor] = actor with { Power = power, Positions = positions, Saliences = saliences };
        return table with { Actors = actors };
    }

    private static readonly string[] RangeColumns = ["actor", "column", "low", "high"];

    private static List<SweepRange>? ReadRanges(string text, string path, SmpTable table, DiagnosticBag diagnostics)
    {
        var records = LocatedCsv.Read(text, path, diagnostics);
        if (diagnostics.HasErrors)
        {
            return null;
        }

        if (records.Count == 0)
        {
            diagnostics.Error(SourceLocation.FileOnly(path), $"empty ranges file; expected a header with the columns {string.Join(", ", RangeColumns)}, then a row per value to vary");
            return null;
        }

        var header = records[0];
        if (LocatedCsv.HeaderColumns(header, RangeColumns, path, diagnostics) is not { } index)
        {
            return null;
        }

        var names = table.Actors.Select(a => a.Name).ToArray();
        var columns = ColumnNames(table);
        var ranges = new List<SweepRange>();
        var seen = new Dictionary<(int, SweepQuantity, int), int>();
        foreach (var row in records.Skip(1))
        {
            if (!LocatedCsv.Reaches(row, index, RangeColumns, path, diagnostics))
            {
                continue;
            }

            var actorField = row[index[0]];
            var actor = Array.IndexOf(names, actorField.Text);
            if (actor < 0)
            {
                // Names are matched exactly first, then regardless of case, as columns are.
                var folded = names.Select((n, i) => (n, i)).Where(x => string.Equals(x.n, actorField.Text, StringComparison.OrdinalIgnoreCase)).ToArray();
                actor = folded.Length == 1 ? folded[0].i : -1;
            }

            if (actor < 0)
            {
                diagnostics.Error(LocatedCsv.At(path, actorField), NearestName.Unknown("actor", actorField.Text, names, where: table.Path));
            }

            var columnField = row[index[1]];
            var column = columns.FirstOrDefault(c => string.Equals(c.Name, columnField.Text, StringComparison.OrdinalIgnoreCase));
            if (column.Name is null)
            {
                diagnostics.Error(LocatedCsv.At(path, columnField), NearestName.Unknown("column", columnField.Text, [.. columns.Select(c => c.Name)], where: table.Path));
            }

            var low = LocatedCsv.Number(row[index[2]], "low", path, diagnostics);
            var high = LocatedCsv.Number(row[index[3]], "high", path, diagnostics);
            if (low is null || high is null || actor < 0 || column.Name is null)
            {
                continue;
            }

            if (low > high)
            {
                diagnostics.Error(LocatedCsv.At(path, row[index[2]]), $"low {row[index[2]].Text} is above high {row[index[3]].Text}");
                continue;
            }

            var (min, max, valid) = column.Quantity == SweepQuantity.Power ? (double.Epsilon, SmpTable.MaxPower, $"above 0 and at most 1e8") : (0.0, 100.0, "0 to 100");
            foreach (var (value, field) in new[] { (low.Value, row[index[2]]), (high.Value, row[index[3]]) })
            {
                if (value < min || value > max)
                {
                    diagnostics.Error(LocatedCsv.At(path, field), $"{column.Name} {field.Text} is out of range; valid: {valid}");
                }
                else if (column.Quantity == SweepQuantity.Salience)
                {
                    // The table's own rules for an actor's saliences, applied to the changed actor.
                    var changed = table.Actors[actor].Saliences.Select((v, d) => d == column.Dimension ? value : v).ToArray();
                    if (changed.Sum() > 100 + 1e-9)
                    {
                        diagnostics.Error(
                            LocatedCsv.At(path, field),
                            $"with {column.Name} at {field.Text}, the saliences of '{names[actor]}' add up to {changed.Sum().ToString("0.##", CultureInfo.InvariantCulture)}; valid: at most 100 in all");
                    }
                    else if (changed.Sum(v => (v / 100.0) * (v / 100.0)) == 0)
                    {
                        diagnostics.Error(
                            LocatedCsv.At(path, field),
                            $"with {column.Name} at {field.Text}, every salience of '{names[actor]}' is 0 (or so small that its square is 0); the model needs at least one above 0");
                    }
                }
            }

            var current = ValueOf(table, new SweepRange(actor, column.Quantity, column.Dimension, column.Name, low.Value, high.Value));
            if (current < low || current > high)
            {
                diagnostics.Warning(
                    LocatedCsv.At(path, row[index[2]]),
                    $"the range {row[index[2]].Text} to {row[index[3]].Text} does not contain the table's {column.Name} for '{names[actor]}' ({current.ToString(CultureInfo.InvariantCulture)}); both ends are run");
            }

            var key = (actor, column.Quantity, column.Dimension);
            if (!seen.TryAdd(key, actorField.Line))
            {
                diagnostics.Error(LocatedCsv.At(path, actorField), $"'{names[actor]}' {columnField.Text} is already given a range on line {seen[key]}");
                continue;
            }

            ranges.Add(new SweepRange(actor, column.Quantity, column.Dimension, column.Name, low.Value, high.Value));
        }

        if (!diagnostics.HasErrors && !ranges.Exists(r => r.Low != ValueOf(table, r) || r.High != ValueOf(table, r)))
        {
            diagnostics.Error(
                LocatedCsv.At(path, header[0]),
                ranges.Count == 0
                    ? "the ranges file has no ranges; add a row per value to vary (actor, column, low, high)"
                    : "every range's ends equal the table's own values, so there is nothing to vary");
        }

        return ranges;
    }

    /// <summary>The names a ranges file may use for a value: the table's headings when they are unique, and power / position:N / salience:N always.</summary>
    private static List<(string Name, SweepQuantity Quantity, int Dimension)> ColumnNames(SmpTable table)
    {
        var generic = new List<(string, SweepQuantity, int)> { ("power", SweepQuantity.Power, 0) };
        var named = new List<(string Name, SweepQuantity, int)> { (table.Headings[0], SweepQuantity.Power, 0) };
        for (var d = 0; d < table.Dimensions.Count; d++)
        {
            var n = (d + 1).ToString(CultureInfo.InvariantCulture);
            generic.Add(($"position:{n}", SweepQuantity.Position, d));
            generic.Add(($"salience:{n}", SweepQuantity.Salience, d));
            named.Add((table.Headings[1 + (2 * d)], SweepQuantity.Position, d));
            named.Add((table.Headings[2 + (2 * d)], SweepQuantity.Salience, d));
        }

        var unique = named.Where(x => x.Name.Length > 0 && named.Count(y => string.Equals(y.Name, x.Name, StringComparison.OrdinalIgnoreCase)) == 1);
        return [.. unique, .. generic];
    }
}
