using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Statecraft.Data;
using Statecraft.Economy;
using Statecraft.Sanctions;

namespace Statecraft.Cli;

/// <summary><c>statecraft backcast [--json | --csv]</c>: the economy model replayed over 2016–2023 beside the data.</summary>
internal static class BackcastCommand
{
    internal static readonly string[] CsvHeader =
    [
        "year", "source", "gdp_growth_pct", "exports_busd", "imports_busd", "china_share_pct", "regime_revenue_musd", "household_income_index",
    ];

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var json = new Option<bool>("--json")
        {
            Description = "Print JSON: {\"years\": [{\"year\", \"gdp_growth_pct\", \"exports_busd\", \"imports_busd\", \"china_share_pct\", " +
                "\"regime_revenue_musd\", \"household_income_index\", \"observed\": {same keys} | null}], \"calibration\": {...}}.",
        };
        var csv = new Option<bool>("--csv")
        {
            Description = "Print long-form CSV (year,source,...) with one row for the model and one for observed data per year.",
        };
        var runs = new Option<int>("--runs")
        {
            Description = "Also replay N times with the uncertain inputs drawn (assumptions within their ranges, enforcement, weather " +
                "after 2016) and show 90% intervals beside the central path. 0 (the default) shows the central path only.",
            DefaultValueFactory = _ => 0,
        };
        var seed = new Option<ulong>("--seed")
        {
            Description = "Master seed for --runs; the same seed gives the same intervals.",
            DefaultValueFactory = _ => 1UL,
        };
        var command = new Command(
            "backcast",
            "Replay 2016-2023 quarter by quarter from the 2016 calibration with the historical sanctions timeline, and print the model " +
            "beside the observed figures. The model never saw the years after 2016; see docs/model.md for every equation and parameter.");
        command.Options.Add(json);
        command.Options.Add(csv);
        command.Options.Add(runs);
        command.Options.Add(seed);
        command.SetAction(parse => Run(parse.GetValue(json), parse.GetValue(csv), parse.GetValue(runs), parse.GetValue(seed), stdout, stderr));
        return command;
    }

    /// <summary>Most runs accepted: enough for stable percentiles, few enough to finish in minutes.</summary>
    internal const int MaxRuns = 100_000;

    internal static int Run(bool json, bool csv, int runs, ulong seed, TextWriter stdout, TextWriter stderr)
    {
        if (json && csv)
        {
            stderr.WriteLine("statecraft backcast: error: --json and --csv cannot be used together; choose one.");
            return Program.BadInput;
        }

        if (runs is < 0 or 1 or > MaxRuns)
        {
            stderr.WriteLine($"statecraft backcast: error: --runs must be 0 (central path only) or 2 to {MaxRuns}, not {runs}.");
            return Program.BadInput;
        }

        var result = Backcast.Run(Dataset.Korea, Catalog.Korea, Calibration.Korea);
        var intervals = runs > 0
            ? Backcast.Intervals(Dataset.Korea, Catalog.Korea, runs, seed, Progress(runs, stderr))
            : (ImmutableArray<YearInterval>?)null;
        if (json) WriteJson(result, intervals, runs, seed, stdout);
        else if (csv) WriteCsv(result, intervals, stdout);
        else WriteText(result, intervals, runs, seed, stdout);
        return Program.Ok;
    }

    /// <summary>A one-line progress counter on a terminal; nothing when stderr is a file, a pipe or a test.</summary>
    private static Action<int>? Progress(int runs, TextWriter stderr)
    {
        if (!ReferenceEquals(stderr, Console.Error) || Console.IsErrorRedirected || runs < 20) return null;
        return done =>
        {
            if (done % Math.Max(1, runs / 100) != 0 && done != runs) return;
            var width = 30;
            var filled = done * width / runs;
            stderr.Write($"\rbackcast: [{new string('#', filled)}{new string('.', width - filled)}] {done}/{runs} runs");
            if (done == runs) stderr.WriteLine();
        };
    }

    private static void WriteText(BackcastResult result, ImmutableArray<YearInterval>? intervals, int runs, ulong seed, TextWriter stdout)
    {
        stdout.WriteLine("Backcast 2016-2023: the economy model calibrated on data up to 2016, replayed with the historical sanctions timeline.");
        stdout.WriteLine(intervals is null
            ? "Each cell: model (observed). Observed: Bank of Korea growth; KOTRA trade, excluding inter-Korean trade; '-' = no data."
            : $"Each cell: model [90% interval over {runs} runs, seed {seed}] (observed). Observed: Bank of Korea growth; KOTRA trade; '-' = no data.");
        stdout.WriteLine();
        var table = new TextTable("year", "GDP growth %", "exports USD bn", "imports USD bn", "China share %", "regime revenue USD m", "household income (2016=100)");
        foreach (var year in result.Years)
        {
            var m = year.Model;
            var o = year.Observed;
            var band = intervals?.Single(i => i.Year == year.Year);
            table.Add(
                year.Year.ToString(CultureInfo.InvariantCulture),
                Pair(m.GdpGrowthPct, band?.GdpGrowthPct, o?.GdpGrowthPct, "F1"),
                Pair(m.ExportsBusd, band?.ExportsBusd, o?.ExportsBusd, "F2"),
                Pair(m.ImportsBusd, band?.ImportsBusd, o?.ImportsBusd, "F2"),
                Pair(m.ChinaSharePct, band?.ChinaSharePct, o?.ChinaSharePct, "F1"),
                Pair(m.RegimeRevenueMusd, band?.RegimeRevenueMusd, null, "F0", showObserved: false),
                Pair(m.HouseholdIncomeIndex, band?.HouseholdIncomeIndex, null, "F1", showObserved: false));
        }
        table.Write(stdout);
        stdout.WriteLine();
        stdout.WriteLine("Regime revenue: the regime's hard-currency take of export lines and off-book income. Household income: per person.");
        stdout.WriteLine("Calibration: statecraft calibrate. Equations, parameters and sources: docs/model.md.");
    }

    private static void WriteJson(BackcastResult result, ImmutableArray<YearInterval>? intervals, int runs, ulong seed, TextWriter stdout)
    {
        var years = Json.Array(result.Years, y =>
        {
            var node = Figures(y.Model);
            node.Insert(0, "year", y.Year);
            node["observed"] = y.Observed is null ? null : Figures(y.Observed);
            if (intervals?.Single(i => i.Year == y.Year) is { } band)
            {
                node["interval_90"] = new JsonObject
                {
                    ["gdp_growth_pct"] = Band(band.GdpGrowthPct),
                    ["exports_busd"] = Band(band.ExportsBusd),
                    ["imports_busd"] = Band(band.ImportsBusd),
                    ["china_share_pct"] = Band(band.ChinaSharePct),
                    ["regime_revenue_musd"] = Band(band.RegimeRevenueMusd),
                    ["household_income_index"] = Band(band.HouseholdIncomeIndex),
                };
            }
            return node;
        });
        var calibration = new JsonObject
        {
            ["last_data_year"] = Calibration.LastYear,
            ["fitted"] = Json.Array(result.Calibration.Fitted, f => new JsonObject
            {
                ["name"] = f.Name, ["value"] = f.Value, ["unit"] = f.Unit, ["rule"] = f.Rule,
            }),
        };
        var root = new JsonObject { ["years"] = years, ["calibration"] = calibration };
        if (intervals is not null)
        {
            root["runs"] = runs;
            root["seed"] = seed;
        }
        Json.Write(stdout, root);
    }

    private static void WriteCsv(BackcastResult result, ImmutableArray<YearInterval>? intervals, TextWriter stdout)
    {
        stdout.WriteLine(string.Join(',', CsvHeader));
        foreach (var year in result.Years)
        {
            stdout.WriteLine(Row(year.Year, "model", year.Model));
            if (year.Observed is not null) stdout.WriteLine(Row(year.Year, "observed", year.Observed));
            if (intervals?.Single(i => i.Year == year.Year) is { } b)
            {
                stdout.WriteLine(Row(year.Year, "p05", new YearFigures(b.GdpGrowthPct.Low, b.ExportsBusd.Low, b.ImportsBusd.Low,
                    b.ChinaSharePct.Low, b.RegimeRevenueMusd.Low, b.HouseholdIncomeIndex.Low)));
                stdout.WriteLine(Row(year.Year, "p95", new YearFigures(b.GdpGrowthPct.High, b.ExportsBusd.High, b.ImportsBusd.High,
                    b.ChinaSharePct.High, b.RegimeRevenueMusd.High, b.HouseholdIncomeIndex.High)));
            }
        }
    }

    private static JsonArray Band((double Low, double High) band) => new(JsonValue.Create(band.Low), JsonValue.Create(band.High));

    private static string Row(int year, string source, YearFigures f) => string.Join(',',
        year.ToString(CultureInfo.InvariantCulture), source, Csv(f.GdpGrowthPct), Csv(f.ExportsBusd), Csv(f.ImportsBusd),
        Csv(f.ChinaSharePct), Csv(f.RegimeRevenueMusd), Csv(f.HouseholdIncomeIndex));

    private static string Csv(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static JsonObject Figures(YearFigures f) => new()
    {
        ["gdp_growth_pct"] = f.GdpGrowthPct,
        ["exports_busd"] = f.ExportsBusd,
        ["imports_busd"] = f.ImportsBusd,
        ["china_share_pct"] = f.ChinaSharePct,
        ["regime_revenue_musd"] = f.RegimeRevenueMusd,
        ["household_income_index"] = f.HouseholdIncomeIndex,
    };

    private static string Pair(double? model, (double Low, double High)? band, double? observed, string format, bool showObserved = true)
    {
        var text = Format(model, format);
        if (band is { } b) text += $" [{Format(b.Low, format)}, {Format(b.High, format)}]";
        return showObserved ? $"{text} ({Format(observed, format)})" : text;
    }

    private static string Format(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
