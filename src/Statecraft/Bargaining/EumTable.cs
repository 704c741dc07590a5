using Statecraft.Documents;

namespace Statecraft.Bargaining;

/// <summary>An actor of the expected-utility model: who it is, how much it can bring to bear, where it stands, how much it cares.</summary>
/// <param name="Name">The actor's name, used only in output.</param>
/// <param name="Capability">Capability c from 0 to 10¹⁵ (any common scale).</param>
/// <param name="Position">Position x on the one-dimensional issue (any scale).</param>
/// <param name="Salience">Salience s in [0, 1]: how much the issue matters to the actor.</param>
public sealed record EumActor(string Name, double Capability, double Position, double Salience);

/// <summary>The outcome of reading an actor table: the table when it is usable, and every diagnostic found.</summary>
public sealed record BargainingLoad<T>(T? Table, IReadOnlyList<Diagnostic> Diagnostics)
    where T : class
{
    /// <summary>True when the file has no errors.</summary>
    public bool IsValid => Table is not null;
}

/// <summary>
/// The expected-utility model's input: actors in file order (the order breaks ties, so it is kept).
/// Read from a CSV with a header naming the columns <c>Actor</c>, <c>Capability</c>,
/// <c>Position</c> and <c>Salience</c> in any order; other columns are ignored.
/// </summary>
public sealed record EumTable(string Path, IReadOnlyList<EumActor> Actors)
{
    /// <summary>The columns the file must have, in the order the reference files write them.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["Actor", "Capability", "Position", "Salience"];

    /// <summary>Most actors a table may have.</summary>
    public const int MaxActors = 1000;

    /// <summary>
    /// Largest capability and largest absolute position accepted: far beyond any real scale, and far
    /// enough below the largest double that no product or sum of the model can overflow.
    /// </summary>
    public const double MaxMagnitude = 1e15;

    /// <summary>Reads and validates a file; a missing or unreadable file is a located error, not an exception.</summary>
    public static BargainingLoad<EumTable> LoadFile(string path) =>
        UserFile.ReadText(path, "actor table", out var problem) is { } text
            ? Parse(text, path)
            : new BargainingLoad<EumTable>(null, [problem!]);

    /// <summary>Validates CSV text; <paramref name="path"/> is used only in locations.</summary>
    public static BargainingLoad<EumTable> Parse(string text, string path)
    {
        var diagnostics = new DiagnosticBag();
        var table = Read(text, path, diagnostics);
        return new BargainingLoad<EumTable>(diagnostics.HasErrors ? null : table, diagnostics.Sorted());
    }

    private static EumTable? Read(string text, string path, DiagnosticBag diagnostics)
    {
        var records = LocatedCsv.Read(text, path, diagnostics);
        if (diagnostics.HasErrors)
        {
            return null;
        }

        if (records.Count == 0)
        {
            diagnostics.Error(SourceLocation.FileOnly(path), $"empty file; expected a header row with the columns {string.Join(", ", Columns)}, then a row per actor");
            return null;
        }

        var header = records[0];
        if (header.Length >= 4 && int.TryParse(header[2].Text, out _) && int.TryParse(header[3].Text, out _))
        {
            diagnostics.Error(
                LocatedCsv.At(path, header[0]),
                $"this looks like a KTAB spatial-model file (its first row gives the numbers of actors and dimensions), not an expected-utility table: use 'statecraft bargain smp'; an expected-utility table needs the required columns: {string.Join(", ", Columns)}");
            return null;
        }

        if (LocatedCsv.HeaderColumns(header, Columns, path, diagnostics) is not { } index)
        {
            return null;
        }

        var actors = new List<EumActor>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in records.Skip(1))
        {
            if (!LocatedCsv.Reaches(row, index, Columns, path, diagnostics))
            {
                continue;
            }

            var name = row[index[0]] with { Text = row[index[0]].Text.Trim() };
            if (name.Text.Length == 0)
            {
                diagnostics.Error(LocatedCsv.At(path, name), "the actor's name is empty");
            }
            else if (!seen.TryAdd(name.Text, name.Line))
            {
                diagnostics.Error(LocatedCsv.At(path, name), $"actor '{name.Text}' appears twice (first on line {seen[name.Text]}); names must be unique");
            }

            var capability = LocatedCsv.Number(row[index[1]], "capability", path, diagnostics);
            var position = LocatedCsv.Number(row[index[2]], "position", path, diagnostics);
            var salience = LocatedCsv.Number(row[index[3]], "salience", path, diagnostics);
            if (capability is < 0 or > MaxMagnitude)
            {
                diagnostics.Error(LocatedCsv.At(path, row[index[1]]), $"capability {row[index[1]].Text} is out of range; valid: 0 to 1e15 (only ratios matter: rescale all capabilities together)");
            }

            if (position is < -MaxMagnitude or > MaxMagnitude)
            {
                diagnostics.Error(LocatedCsv.At(path, row[index[2]]), $"position {row[index[2]].Text} is out of range; valid: -1e15 to 1e15 (rescale the issue)");
            }

            if (salience is < 0 or > 1)
            {
                var percent = salience is > 1 and <= 100 ? " (saliences are fractions: write 0.8, not 80)" : string.Empty;
                diagnostics.Error(LocatedCsv.At(path, row[index[3]]), $"salience {row[index[3]].Text} is out of range; valid: 0 to 1{percent}");
            }

            if (capability is { } c && position is { } x && salience is { } s)
            {
                actors.Add(new EumActor(name.Text, c, x, s));
            }
        }

        if (diagnostics.HasErrors)
        {
            return null;
        }

        var end = new SourceLocation(path, records[^1][0].Line, 1);
        if (actors.Count > MaxActors)
        {
            diagnostics.Error(end, $"the table has {actors.Count} actors; valid: 2 to {MaxActors} (a round's work grows with the cube of the number of actors)");
        }
        else if (actors.Count < 2)
        {
            diagnostics.Error(end, $"the table has {actors.Count} actor{(actors.Count == 1 ? "" : "s")}; the model needs at least 2");
        }
        else if (actors.All(a => a.Position == actors[0].Position))
        {
            diagnostics.Error(end, $"every actor starts at position {actors[0].Position}; the model measures distances against the range of positions, so at least two must differ");
        }
        else if (actors.All(a => a.Capability * a.Salience == 0))
        {
            diagnostics.Error(end, "every actor has capability or salience 0, so no one has any weight in a vote; give at least one actor both");
        }

        return new EumTable(path, actors);
    }
}
