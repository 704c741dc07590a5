using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Statecraft.Data;

/// <summary>
/// Turns embedded CSV files into series by following their <see cref="TableLayout"/>s. Anything
/// unexpected in a file is a developer error and throws an <see cref="InvalidDataException"/> naming
/// <c>file:line</c>: the data ships inside the assembly, so it must never be half-loaded.
/// </summary>
internal static partial class DatasetLoader
{
    /// <summary>Loads the Korea dataset from the resources embedded in this assembly.</summary>
    public static Dataset LoadKorea()
    {
        var assembly = typeof(DatasetLoader).Assembly;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (resource.StartsWith(KoreaLayouts.ResourcePrefix, StringComparison.Ordinal)
                && resource.EndsWith(".csv", StringComparison.Ordinal))
            {
                files[resource[KoreaLayouts.ResourcePrefix.Length..]] = ReadResource(assembly, resource);
            }
        }

        return Load("korea", KoreaLayouts.ResourcePrefix, files, KoreaLayouts.All, KoreaLayouts.TablesOnly, KoreaLayouts.Topics);
    }

    /// <summary>
    /// Builds a dataset from file texts keyed by relative path. <paramref name="pathPrefix"/> is put
    /// in front of file names in error messages, so they name the file as it sits in the source tree.
    /// </summary>
    public static Dataset Load(
        string name,
        string pathPrefix,
        IReadOnlyDictionary<string, string> files,
        IReadOnlyList<TableLayout> layouts,
        IReadOnlyList<string> tablesOnly,
        IReadOnlyDictionary<string, string> topics)
    {
        var tables = new Dictionary<string, CsvTable>(StringComparer.Ordinal);
        foreach (var (file, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            tables[file] = CsvTable.Parse(text, pathPrefix + file);
        }

        var described = layouts.Select(l => l.File).Concat(tablesOnly).ToHashSet(StringComparer.Ordinal);
        foreach (var file in tables.Keys.Where(f => !described.Contains(f)))
        {
            throw new InvalidDataException(
                $"{pathPrefix}{file}:1: embedded CSV file has no layout; describe it in {nameof(KoreaLayouts)} (or list it as tables-only)");
        }

        foreach (var file in described.Where(f => !tables.ContainsKey(f)))
        {
            throw new InvalidDataException($"{pathPrefix}{file}:1: described in {nameof(KoreaLayouts)} but not embedded");
        }

        var builders = new Dictionary<string, SeriesBuilder>(StringComparer.Ordinal);
        var order = new List<SeriesBuilder>();
        for (var layoutIndex = 0; layoutIndex < layouts.Count; layoutIndex++)
        {
            var layout = layouts[layoutIndex];
            var table = tables[layout.File];
            CheckColumns(layout, table);
            foreach (var row in table.Rows)
            {
                foreach (var (id, title, measureIndex, observation) in ReadRow(layout, table, row, topics))
                {
                    var where = $"{table.Name}:{row.Line}";
                    if (!builders.TryGetValue(id, out var builder))
                    {
                        // Wide tables list their series in column order; long tables in order of first row.
                        var rank = (layoutIndex, layout.KeyColumn is null ? measureIndex : row.Line, measureIndex);
                        builder = new SeriesBuilder(id, title, observation.Unit, layout.File, where, rank);
                        builders.Add(id, builder);
                        order.Add(builder);
                    }
                    else if (builder.File != layout.File)
                    {
                        throw new InvalidDataException($"{where}: series '{id}' is already defined by {builder.FirstSeen}; a series comes from one file");
                    }
                    else if (!string.Equals(builder.Unit, observation.Unit, StringComparison.Ordinal))
                    {
                        throw new InvalidDataException(
                            $"{where}: series '{id}' is in '{observation.Unit}' here but in '{builder.Unit}' at {builder.FirstSeen}");
                    }

                    if (builder.Observations.Any(o => string.Equals(o.Period, observation.Period, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw new InvalidDataException($"{where}: series '{id}' already has a figure for period '{observation.Period}'");
                    }

                    builder.Observations.Add(observation);
                }
            }
        }

        var series = order
            .OrderBy(b => b.Rank)
            .Select(b => new Series(b.Id, b.Title, b.Unit, b.File, b.Observations.OrderBy(o => o.Year).ThenBy(o => o.Line).ToArray()))
            .ToArray();
        return new Dataset(name, series, tables);
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidDataException($"{resource}: embedded resource listed but not readable");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Every column the layout names must exist, and every column of the file must be named.</summary>
    private static void CheckColumns(TableLayout layout, CsvTable table)
    {
        var used = new List<string?> { layout.PeriodColumn, layout.KeyColumn, layout.UnitColumn, layout.ConfidenceColumn, layout.SourceColumn, layout.NotesColumn };
        used.AddRange(layout.ContextColumns ?? []);
        foreach (var measure in layout.Measures)
        {
            used.Add(measure.Value);
            used.Add(measure.Low);
            used.Add(measure.High);
            if (measure.Unit is null && layout.UnitColumn is null)
            {
                throw new InvalidDataException($"{table.Name}:1: measure '{measure.Name}' has no unit and the layout names no unit column");
            }
        }

        var named = used.OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var column in named)
        {
            table.IndexOf(column);
        }

        var unused = table.Header.Where(h => !named.Contains(h)).ToArray();
        if (unused.Length > 0)
        {
            throw new InvalidDataException($"{table.Name}:1: column(s) {string.Join(", ", unused)} not described by the layout, so their figures would be lost");
        }

        if (layout.SourceColumn is null && string.IsNullOrWhiteSpace(layout.DefaultSource))
        {
            throw new InvalidDataException($"{table.Name}:1: the file has no source column and the layout gives no default source");
        }
    }

    private static IEnumerable<(string Id, string Title, int MeasureIndex, Observation Observation)> ReadRow(
        TableLayout layout, CsvTable table, CsvRow row, IReadOnlyDictionary<string, string> topics)
    {
        var where = $"{table.Name}:{row.Line}";
        string Cell(string column) => table.Get(row, column).Trim();

        var period = Cell(layout.PeriodColumn);
        if (period.Length == 0)
        {
            throw new InvalidDataException($"{where}: empty {layout.PeriodColumn}");
        }

        var year = YearOf(period) ?? throw new InvalidDataException($"{where}: period '{period}' names no year");
        var (confidence, gap) = ParseConfidence(Cell(layout.ConfidenceColumn), where);

        var source = layout.SourceColumn is null ? string.Empty : Cell(layout.SourceColumn);
        if (source.Length == 0)
        {
            source = layout.DefaultSource ?? throw new InvalidDataException($"{where}: empty {layout.SourceColumn}: every figure needs a source");
        }

        var notes = new List<string>();
        if (gap)
        {
            notes.Add("the source file marks this row as a gap (no figure found)");
        }

        foreach (var context in layout.ContextColumns ?? [])
        {
            if (Cell(context) is { Length: > 0 } text)
            {
                notes.Add($"{context}: {text}");
            }
        }

        if (layout.NotesColumn is not null && Cell(layout.NotesColumn) is { Length: > 0 } note)
        {
            notes.Add(note);
        }

        string? keyAsWritten = null;
        string? key = null;
        if (layout.KeyColumn is not null)
        {
            keyAsWritten = Cell(layout.KeyColumn);
            key = keyAsWritten.ToLowerInvariant();
            if (!IdPattern().IsMatch(key))
            {
                throw new InvalidDataException($"{where}: '{keyAsWritten}' in {layout.KeyColumn} is not a usable series name (letters, digits, '_' and '.')");
            }

            if (layout.Prefix is null && !key.Contains('.', StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{where}: series id '{keyAsWritten}' needs a topic part, e.g. 'kaesong.{key}'");
            }
        }

        var produced = 0;
        var results = new List<(string, string, int, Observation)>();
        foreach (var measure in layout.Measures)
        {
            var unit = measure.Unit ?? Cell(layout.UnitColumn!);
            if (unit.Length == 0)
            {
                throw new InvalidDataException($"{where}: empty {layout.UnitColumn}");
            }

            var valueText = measure.Value is null ? string.Empty : Cell(measure.Value);
            var lowText = measure.Low is null ? string.Empty : Cell(measure.Low);
            var highText = measure.High is null ? string.Empty : Cell(measure.High);

            if (key is not null && layout.Splits is not null && layout.Splits.TryGetValue(key, out var parts))
            {
                var pieces = valueText.Split('/');
                if (pieces.Length != parts.Length)
                {
                    throw new InvalidDataException($"{where}: '{valueText}' should have {parts.Length} figures separated by '/' for {keyAsWritten}");
                }

                for (var i = 0; i < parts.Length; i++)
                {
                    var figure = ParseFigure(pieces[i], string.Empty, string.Empty, where);
                    var splitNotes = notes.Prepend($"part {i + 1} of {pieces.Length} of '{valueText}' ({keyAsWritten})");
                    results.Add(Make(measure, parts[i], parts[i], figure with { Raw = valueText }, unit, splitNotes));
                }

                produced++;
                continue;
            }

            var parsed = ParseFigure(valueText, lowText, highText, where);
            if (parsed.Raw.Length == 0)
            {
                continue;
            }

            results.Add(Make(measure, key, keyAsWritten, parsed, unit, notes));
            produced++;
        }

        if (produced == 0)
        {
            // Keep the row: a figure the source looked for and did not find is information too.
            var first = layout.Measures[0];
            var unit = first.Unit ?? Cell(layout.UnitColumn!);
            results.Add(Make(first, key, keyAsWritten, new Figure(null, null, null, string.Empty), unit, gap ? notes : notes.Prepend("no figure in the source row")));
        }

        return results;

        (string, string, int, Observation) Make(Measure measure, string? seriesKey, string? written, Figure figure, string unit, IEnumerable<string> noteParts)
        {
            var id = SeriesId(layout, seriesKey, measure);
            var title = TitleOf(layout, id, written, measure, unit, topics);
            var text = string.Join("; ", noteParts);
            var observation = new Observation(period, year, figure.Value, figure.Low, figure.High, figure.Raw, unit, confidence, source, text.Length == 0 ? null : text, row.Line);
            return (id, title, IndexOf(layout, measure), observation);
        }
    }

    private static int IndexOf(TableLayout layout, Measure measure)
    {
        for (var i = 0; i < layout.Measures.Count; i++)
        {
            if (ReferenceEquals(layout.Measures[i], measure))
            {
                return i;
            }
        }

        return -1;
    }

    private static string SeriesId(TableLayout layout, string? key, Measure measure)
    {
        if (layout.KeyColumn is null)
        {
            return $"{layout.Prefix}.{measure.Name}";
        }

        return layout.Prefix is null ? key + measure.Name : $"{layout.Prefix}.{key}{measure.Name}";
    }

    private static string TitleOf(TableLayout layout, string id, string? keyAsWritten, Measure measure, string unit, IReadOnlyDictionary<string, string> topics)
    {
        var topicKey = id[..id.IndexOf('.', StringComparison.Ordinal)];
        var topic = topics.TryGetValue(topicKey, out var label) ? label : topicKey;
        if (layout.KeyColumn is null)
        {
            return $"{topic}: {measure.Title ?? Humanize(measure.Name, unit)}";
        }

        if (layout.Prefix is null)
        {
            return $"{topic}: {Humanize(id[(topicKey.Length + 1)..], unit)}";
        }

        return $"{topic}: {Humanize(keyAsWritten!, unit)}{measure.Title}";
    }

    /// <summary>
    /// "firms_by_sector.textiles_pct" in pct → "firms by sector, textiles": the unit is dropped from the
    /// end of the name when it is a measurement unit (not a counted thing such as countries or zones).
    /// </summary>
    private static string Humanize(string name, string unit)
    {
        var suffix = "_" + unit;
        var measured = unit.Contains("pct", StringComparison.OrdinalIgnoreCase)
            || unit.Contains("usd", StringComparison.OrdinalIgnoreCase)
            || unit.Contains("krw", StringComparison.OrdinalIgnoreCase)
            || unit.Contains("kpw", StringComparison.OrdinalIgnoreCase)
            || unit.Contains("bbl", StringComparison.OrdinalIgnoreCase)
            || unit.StartsWith("kt", StringComparison.Ordinal)
            || unit.StartsWith("Mt", StringComparison.Ordinal)
            || unit is "km" or "pp_per_year";
        if (measured && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && name.Length > suffix.Length)
        {
            name = name[..^suffix.Length];
        }

        return name.Replace(".", ", ", StringComparison.Ordinal).Replace('_', ' ');
    }

    /// <summary>The first plausible year (1900-2099) written in a period such as "baseline_2016-17".</summary>
    internal static int? YearOf(string period)
    {
        var match = YearPattern().Match(period);
        return match.Success ? int.Parse(match.Value, CultureInfo.InvariantCulture) : null;
    }

    private static (Confidence Confidence, bool Gap) ParseConfidence(string text, string where) =>
        text.ToLowerInvariant() switch
        {
            "high" => (Confidence.High, false),
            "medium" => (Confidence.Medium, false),
            "low" => (Confidence.Low, false),
            "gap" => (Confidence.Low, true),
            _ => throw new InvalidDataException($"{where}: confidence '{text}' is not high, medium, low or gap"),
        };

    /// <summary>A figure read from a value cell and optional low and high cells.</summary>
    internal readonly record struct Figure(double? Value, double? Low, double? High, string Raw);

    /// <summary>
    /// Reads a value cell (a number, or a range "a-b") and separate low/high cells into one figure.
    /// Everything empty gives a figure with an empty <see cref="Figure.Raw"/>.
    /// </summary>
    internal static Figure ParseFigure(string valueText, string lowText, string highText, string where)
    {
        valueText = valueText.Trim();
        lowText = lowText.Trim();
        highText = highText.Trim();
        double? value = null, low = null, high = null;

        if (valueText.Length > 0)
        {
            if (TryNumber(valueText, out var number))
            {
                value = number;
            }
            else if (RangePattern().Match(valueText) is { Success: true } range)
            {
                if (lowText.Length > 0 || highText.Length > 0)
                {
                    throw new InvalidDataException($"{where}: '{valueText}' is a range and low/high cells are filled too");
                }

                low = double.Parse(range.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
                high = double.Parse(range.Groups[2].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
            else
            {
                throw new InvalidDataException($"{where}: '{valueText}' is neither a number nor a range like 5450-5500");
            }
        }

        if (lowText.Length > 0)
        {
            low = TryNumber(lowText, out var l) ? l : throw new InvalidDataException($"{where}: low '{lowText}' is not a number");
        }

        if (highText.Length > 0)
        {
            high = TryNumber(highText, out var h) ? h : throw new InvalidDataException($"{where}: high '{highText}' is not a number");
        }

        if (low > high)
        {
            throw new InvalidDataException($"{where}: low {Format(low)} is above high {Format(high)}");
        }

        if (value is not null && (value < low || value > high))
        {
            throw new InvalidDataException($"{where}: value {Format(value)} lies outside its range");
        }

        string raw;
        if (lowText.Length == 0 && highText.Length == 0)
        {
            raw = valueText;
        }
        else if (value is null && low is not null && low == high)
        {
            // Separate low and high columns holding the same number: a point figure.
            value = low;
            raw = lowText;
            low = high = null;
        }
        else
        {
            var bounds = (low, high) switch
            {
                ({ }, { }) => $"{lowText} to {highText}",
                ({ }, null) => $">= {lowText}",
                _ => $"<= {highText}",
            };
            raw = valueText.Length > 0 ? $"{valueText} ({bounds})" : bounds;
        }

        return new Figure(value, low, high, raw);
    }

    private static bool TryNumber(string text, out double number) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);

    private static string Format(double? number) => number?.ToString(CultureInfo.InvariantCulture) ?? "?";

    [GeneratedRegex(@"^[a-z0-9_]+(\.[a-z0-9_]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"(?<!\d)(19|20)\d\d(?!\d)")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"^(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)$")]
    private static partial Regex RangePattern();

    private sealed class SeriesBuilder(string id, string title, string unit, string file, string firstSeen, (int, int, int) rank)
    {
        public (int Layout, int Position, int Measure) Rank { get; } = rank;

        public string Id { get; } = id;

        public string Title { get; } = title;

        public string Unit { get; } = unit;

        public string File { get; } = file;

        public string FirstSeen { get; } = firstSeen;

        public List<Observation> Observations { get; } = [];
    }
}
