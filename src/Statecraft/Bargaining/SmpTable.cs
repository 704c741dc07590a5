using System.Globalization;
using Statecraft.Documents;

namespace Statecraft.Bargaining;

/// <summary>An actor of the spatial model, on KTAB's 0–100 scales as the file writes them.</summary>
/// <param name="Name">Short name (1 to 25 characters).</param>
/// <param name="Description">Longer description, for output only.</param>
/// <param name="Power">Influence ("capability") above 0, unscaled.</param>
/// <param name="Positions">Position on each dimension, 0 to 100.</param>
/// <param name="Saliences">Salience of each dimension, 0 to 100, summing to at most 100.</param>
public sealed record SmpActor(string Name, string Description, double Power, IReadOnlyList<double> Positions, IReadOnlyList<double> Saliences);

/// <summary>
/// The spatial model's input in KTAB's CSV format: a first row with the scenario's name,
/// description, number of actors and number of dimensions; a heading row naming the dimensions;
/// then a row per actor with name, description, power and a position/salience pair per dimension.
/// </summary>
/// <param name="Path">Where the table was read from (for messages).</param>
/// <param name="Name">Scenario name (first field of row 1).</param>
/// <param name="Description">Scenario description (second field of row 1).</param>
/// <param name="Dimensions">Dimension names (fields 4, 6, 8, ... of row 2).</param>
/// <param name="Actors">Actors in file order.</param>
/// <param name="Headings">
/// The heading row's names of the numeric columns, from field 3 on: the power heading, then a
/// position and a salience heading per dimension (what a sweep's ranges file names).
/// </param>
public sealed record SmpTable(string Path, string Name, string Description, IReadOnlyList<string> Dimensions, IReadOnlyList<SmpActor> Actors, IReadOnlyList<string> Headings)
{
    /// <summary>Fewest actors KTAB accepts.</summary>
    public const int MinActors = 3;

    /// <summary>Most actors KTAB accepts.</summary>
    public const int MaxActors = 250;

    /// <summary>Longest actor name KTAB accepts.</summary>
    public const int MaxNameLength = 25;

    /// <summary>Largest power KTAB accepts.</summary>
    public const double MaxPower = 1e8;

    /// <summary>Most dimensions Statecraft reads (KTAB sets no bound; this keeps a typo from asking for a huge table).</summary>
    public const int MaxDimensions = 100;

    /// <summary>Reads and validates a file; a missing or unreadable file is a located error, not an exception.</summary>
    public static BargainingLoad<SmpTable> LoadFile(string path) =>
        UserFile.ReadText(path, "actor table", out var problem) is { } text
            ? Parse(text, path)
            : new BargainingLoad<SmpTable>(null, [problem!]);

    /// <summary>Validates CSV text; <paramref name="path"/> is used only in locations.</summary>
    public static BargainingLoad<SmpTable> Parse(string text, string path)
    {
        var diagnostics = new DiagnosticBag();
        var table = Read(text, path, diagnostics);
        return new BargainingLoad<SmpTable>(diagnostics.HasErrors ? null : table, diagnostics.Sorted());
    }

    private static SmpTable? Read(string text, string path, DiagnosticBag diagnostics)
    {
        var records = LocatedCsv.Read(text, path, diagnostics);
        if (diagnostics.HasErrors)
        {
            return null;
        }

        if (records.Count == 0)
        {
            diagnostics.Error(SourceLocation.FileOnly(path), "empty file; expected KTAB's format: a row 'name,description,number of actors,number of dimensions', a heading row, then a row per actor");
            return null;
        }

        var first = records[0];
        if (first.Any(f => string.Equals(f.Text, "Capability", StringComparison.OrdinalIgnoreCase)) && !(first.Length >= 4 && int.TryParse(first[2].Text, out _)))
        {
            diagnostics.Error(LocatedCsv.At(path, first[0]), "this looks like an expected-utility table (columns Actor, Capability, Position, Salience), not a KTAB spatial-model file: use 'statecraft bargain eum'; KTAB's format starts with 'name,description,number of actors,number of dimensions'");
            return null;
        }

        if (first.Length < 4)
        {
            diagnostics.Error(
                LocatedCsv.At(path, first[^1]),
                $"the first row has {first.Length} field{(first.Length == 1 ? "" : "s")}; KTAB's format starts with 'name,description,number of actors,number of dimensions'");
            return null;
        }

        var actorCount = Count(first[2], "number of actors", MinActors, MaxActors, path, diagnostics);
        var dimCount = Count(first[3], "number of dimensions", 1, MaxDimensions, path, diagnostics);
        if (actorCount is null || dimCount is null)
        {
            return null;
        }

        var width = 3 + (2 * dimCount.Value);
        if (records.Count < 2)
        {
            diagnostics.Error(new SourceLocation(path, first[0].Line + 1, 1), $"missing the heading row (Actor, Description, power, then a position and a salience heading for each of the {DimensionCount(dimCount.Value)})");
            return null;
        }

        var heading = records[1];
        if (heading.Length < width)
        {
            diagnostics.Error(
                LocatedCsv.At(path, heading[^1]),
                $"the heading row has {heading.Length} fields; {DimensionCount(dimCount.Value)} (row 1, field 4) need{(dimCount == 1 ? "s" : "")} {width}: Actor, Description, power, then a position and a salience heading per dimension");
            return null;
        }

        var dimensions = Enumerable.Range(0, dimCount.Value).Select(d => heading[3 + (2 * d)].Text).ToArray();
        var rows = records.Skip(2).ToArray();
        if (rows.Length != actorCount)
        {
            diagnostics.Error(
                rows.Length > actorCount ? LocatedCsv.At(path, rows[actorCount.Value][0]) : LocatedCsv.At(path, first[2]),
                $"row 1 says {actorCount} actors but the file has {rows.Length} actor row{(rows.Length == 1 ? "" : "s")}; make the count (field 3 of row 1) match the rows");
            return null;
        }

        var actors = new List<SmpActor>(rows.Length);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.Length < width)
            {
                var last = row[^1];
                diagnostics.Error(
                    LocatedCsv.After(path, last),
                    $"this actor row has {row.Length} field{(row.Length == 1 ? "" : "s")}; {DimensionCount(dimCount.Value)} need{(dimCount == 1 ? "s" : "")} {width}: name, description, power, then a position and a salience per dimension");
                continue;
            }

            var name = row[0] with { Text = row[0].Text.Trim() };
            if (name.Text.Length is 0 or > MaxNameLength)
            {
                diagnostics.Error(LocatedCsv.At(path, name), $"actor name '{name.Text}' has {name.Text.Length} characters; valid: 1 to {MaxNameLength}");
            }
            else if (!seen.TryAdd(name.Text, name.Line))
            {
                diagnostics.Error(LocatedCsv.At(path, name), $"actor '{name.Text}' appears twice (first on line {seen[name.Text]}); names must be unique");
            }

            var power = LocatedCsv.Number(row[2], "power", path, diagnostics);
            if (power is <= 0 or > MaxPower)
            {
                // KTAB reads 0 but its voting rule then refuses the weight and the run aborts.
                diagnostics.Error(LocatedCsv.At(path, row[2]), $"power {row[2].Text} is out of range; valid: above 0 and at most {MaxPower.ToString("0e0", CultureInfo.InvariantCulture)} (every vote needs a positive weight)");
            }

            var positions = new double[dimCount.Value];
            var saliences = new double[dimCount.Value];
            var complete = power is not null;
            var salienceSum = 0.0;
            for (var d = 0; d < dimCount; d++)
            {
                var p = Scaled(row[3 + (2 * d)], $"position on '{dimensions[d]}'", path, diagnostics);
                var s = Scaled(row[4 + (2 * d)], $"salience of '{dimensions[d]}'", path, diagnostics);
                complete &= p is not null && s is not null;
                positions[d] = p ?? 0;
                saliences[d] = s ?? 0;
                salienceSum += s ?? 0;
            }

            // A tolerance, because saliences written to add up to exactly 100 (0.2 + 83.9 + 15.9) may not in binary.
            if (complete && salienceSum > 100 + 1e-9)
            {
                diagnostics.Error(
                    LocatedCsv.At(path, row[4]),
                    $"the saliences of '{name.Text}' add up to {salienceSum.ToString("0.##", CultureInfo.InvariantCulture)}; valid: at most 100 in all");
            }
            else if (complete && saliences.Sum(v => (v / 100.0) * (v / 100.0)) == 0)
            {
                diagnostics.Error(LocatedCsv.At(path, row[4]), $"every salience of '{name.Text}' is 0 (or so small that its square is 0); the model weighs distances by salience, so at least one must be above 0");
            }

            if (complete)
            {
                actors.Add(new SmpActor(name.Text, row[1].Text, power!.Value, positions, saliences));
            }
        }

        if (diagnostics.HasErrors)
        {
            return null;
        }

        var headings = Enumerable.Range(2, width - 2).Select(f => heading[f].Text).ToArray();
        return new SmpTable(path, first[0].Text, first[1].Text, dimensions, actors, headings);
    }

    private static string DimensionCount(int count) => count == 1 ? "1 dimension" : $"{count} dimensions";

    private static int? Count(CsvField field, string what, int min, int max, string path, DiagnosticBag diagnostics)
    {
        if (!int.TryParse(field.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            diagnostics.Error(LocatedCsv.At(path, field), $"the {what} (row 1) is '{field.Text}'; expected a whole number from {min} to {max}");
            return null;
        }

        if (value < min || value > max)
        {
            diagnostics.Error(LocatedCsv.At(path, field), $"the {what} is {value}; valid: {min} to {max}");
            return null;
        }

        return value;
    }

    private static double? Scaled(CsvField field, string what, string path, DiagnosticBag diagnostics)
    {
        var value = LocatedCsv.Number(field, what, path, diagnostics);
        if (value is < 0 or > 100)
        {
            diagnostics.Error(LocatedCsv.At(path, field), $"{what} {field.Text} is out of range; valid: 0 to 100");
            return null;
        }

        return value;
    }
}
