using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Statecraft.Data;

namespace Statecraft.Cli;

/// <summary><c>statecraft data [--series ID]... [--json | --csv]</c>: lists the embedded dataset's series.</summary>
internal static class DataCommand
{
    /// <summary>Longest source text shown in the text table before it is cut with "...".</summary>
    private const int SourceWidth = 72;

    /// <summary>Column order of the long-form CSV written by <c>--csv</c>.</summary>
    internal static readonly string[] CsvHeader = ["series_id", "period", "year", "value", "low", "high", "unit", "confidence", "source", "notes"];

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var series = new Option<string[]>("--series")
        {
            Description = "Only these series: an exact id, or a topic prefix such as 'kotra' or 'bok.sector_share.' (repeatable).",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print JSON: {\"dataset\", \"series\": [{\"id\", \"title\", \"unit\", \"file\", \"observations\": [...]}]}.",
        };
        var csv = new Option<bool>("--csv")
        {
            Description = "Print one long-form CSV (series_id,period,year,value,low,high,unit,confidence,source,notes) for R, pandas or a spreadsheet.",
        };

        var command = new Command(
            "data",
            "List the embedded Korea dataset: every series with its years, values (or ranges), confidence and source. " +
            "Figures run to 2016 on purpose: the model is calibrated on them.");
        command.Options.Add(series);
        command.Options.Add(json);
        command.Options.Add(csv);
        command.SetAction(parseResult => Run(
            Dataset.Korea,
            parseResult.GetValue(series) ?? [],
            parseResult.GetValue(json),
            parseResult.GetValue(csv),
            stdout,
            stderr));
        return command;
    }

    /// <summary>Writes the selected series in the chosen format; returns the exit code.</summary>
    internal static int Run(Dataset dataset, IReadOnlyList<string> filters, bool json, bool csv, TextWriter stdout, TextWriter stderr)
    {
        if (json && csv)
        {
            stderr.WriteLine("statecraft data: error: --json and --csv cannot be used together; choose one.");
            return Program.BadInput;
        }

        var selected = Select(dataset, filters, stderr);
        if (selected is null)
        {
            return Program.BadInput;
        }

        if (json)
        {
            DatasetOutput.WriteJson(dataset, selected, stdout);
        }
        else if (csv)
        {
            WriteCsv(selected, stdout);
        }
        else
        {
            WriteText(dataset, selected, stdout);
        }

        return Program.Ok;
    }

    /// <summary>The series the filters select, in dataset order; null (after a message) if a filter selects nothing.</summary>
    private static IReadOnlyList<Series>? Select(Dataset dataset, IReadOnlyList<string> filters, TextWriter stderr)
    {
        if (filters.Count == 0)
        {
            return dataset.Series;
        }

        var chosen = new HashSet<string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var filter in filters)
        {
            var matched = dataset.Match(filter);
            if (matched.Count == 0)
            {
                stderr.WriteLine(
                    $"statecraft data: error: unknown series '{filter}'; nearest: {string.Join(", ", dataset.Nearest(filter))}. " +
                    "Run 'statecraft data' for the full list.");
                ok = false;
            }

            chosen.UnionWith(matched.Select(s => s.Id));
        }

        return ok ? dataset.Series.Where(s => chosen.Contains(s.Id)).ToArray() : null;
    }

    private static void WriteText(Dataset dataset, IReadOnlyList<Series> selected, TextWriter stdout)
    {
        var count = selected.Sum(s => s.Observations.Count);
        stdout.WriteLine($"dataset {dataset.Name}: {selected.Count} series, {count} observations. Figures run to 2016 on purpose (calibration).");
        stdout.WriteLine("Use --json or --csv for notes and full sources.");
        foreach (var series in selected)
        {
            stdout.WriteLine();
            stdout.WriteLine($"{series.Id}  {series.Title}  [{series.Unit}]  ({series.File})");
            var figures = series.Observations.Select(Figure).ToArray();
            var periodWidth = Math.Max("period".Length, series.Observations.Max(o => o.Period.Length));
            var figureWidth = Math.Max("value".Length, figures.Max(f => f.Length));
            stdout.WriteLine($"  {"period".PadRight(periodWidth)}  {"value".PadLeft(figureWidth)}  {"conf",-6}  source");
            for (var i = 0; i < figures.Length; i++)
            {
                var o = series.Observations[i];
                stdout.WriteLine(
                    $"  {o.Period.PadRight(periodWidth)}  {figures[i].PadLeft(figureWidth)}  {Name(o.Confidence),-6}  {Truncate(o.Source, SourceWidth)}");
            }
        }
    }

    /// <summary>
    /// "2.70" (a point, as written), "5450 to 5500", "25 (20 to 30)", "&gt;= 30000", or "n/a" when the source has no figure.
    /// </summary>
    internal static string Figure(Observation o)
    {
        var bounds = (o.Low, o.High) switch
        {
            ({ } low, { } high) => $"{Number(low)} to {Number(high)}",
            ({ } low, null) => $">= {Number(low)}",
            (null, { } high) => $"<= {Number(high)}",
            _ => null,
        };
        return (o.Value, bounds) switch
        {
            ({ } value, null) => double.TryParse(o.Raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var written) && written == value
                ? o.Raw
                : Number(value),
            ({ } value, { } b) => $"{Number(value)} ({b})",
            (null, { } b) => b,
            _ => "n/a",
        };
    }

    /// <summary>RFC 4180: CRLF line ends, fields quoted only when they need it, empty for a missing number.</summary>
    private static void WriteCsv(IReadOnlyList<Series> selected, TextWriter stdout)
    {
        var text = new StringBuilder();
        text.Append(CsvTable.Line(CsvHeader)).Append("\r\n");
        foreach (var series in selected)
        {
            foreach (var o in series.Observations)
            {
                text.Append(CsvTable.Line(
                [
                    series.Id,
                    o.Period,
                    o.Year.ToString(CultureInfo.InvariantCulture),
                    Number(o.Value),
                    Number(o.Low),
                    Number(o.High),
                    o.Unit,
                    Name(o.Confidence),
                    o.Source,
                    o.Notes,
                ])).Append("\r\n");
            }
        }

        stdout.Write(text.ToString());
    }

    private static string Number(double? number) => number?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Name(Confidence confidence) => confidence.ToString().ToLowerInvariant();

    private static string Truncate(string text, int width) => text.Length <= width ? text : text[..(width - 3)].TrimEnd() + "...";
}
