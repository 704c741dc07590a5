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
        var command = new Command(
            "backcast",
            "Replay 2016-2023 quarter by quarter from the 2016 calibration with the historical sanctions timeline, and print the model " +
            "beside the observed figures. The model never saw the years after 2016; see docs/model.md for every equation and parameter.");
        command.Options.Add(json);
        command.Options.Add(csv);
        command.SetAction(parse => Run(parse.GetValue(json), parse.GetValue(csv), stdout, stderr));
        return command;
    }

    internal static int Run(bool json, bool csv, TextWriter stdout, TextWriter stderr)
    {
        if (json && csv)
        {
            stderr.WriteLine("statecraft backcast: error: --json and --csv cannot be used together; choose one.");
            return Program.BadInput;
        }

        var result = Backcast.Run(Dataset.Korea, Catalog.Korea, Calibration.Korea);
        if (json) WriteJson(result, stdout);
        else if (csv) WriteCsv(result, stdout);
        else WriteText(result, stdout);
        return Program.Ok;
    }

    private static void WriteText(BackcastResult result, TextWriter stdout)
    {
        stdout.WriteLine("Backcast 2016-2023: the economy model calibrated on data up to 2016, replayed with the historical sanctions timeline.");
        stdout.WriteLine("Each cell: model (observed). Observed: Bank of Korea growth; KOTRA trade, excluding inter-Korean trade; '-' = no data.");
        stdout.WriteLine();
        var table = new TextTable("year", "GDP growth %", "exports USD bn", "imports USD bn", "China share %", "regime revenue USD m", "household income (2016=100)");
        foreach (var year in result.Years)
        {
            var m = year.Model;
            var o = year.Observed;
            table.Add(
                year.Year.ToString(CultureInfo.InvariantCulture),
                Pair(m.GdpGrowthPct, o?.GdpGrowthPct, "F1"),
                Pair(m.ExportsBusd, o?.ExportsBusd, "F2"),
                Pair(m.ImportsBusd, o?.ImportsBusd, "F2"),
                Pair(m.ChinaSharePct, o?.ChinaSharePct, "F1"),
                Format(m.RegimeRevenueMusd, "F0"),
                Format(m.HouseholdIncomeIndex, "F1"));
        }
        table.Write(stdout);
        stdout.WriteLine();
        stdout.WriteLine("Regime revenue: the regime's hard-currency take of export lines and off-book income. Household income: per person.");
        stdout.WriteLine("Calibration: statecraft calibrate. Equations, parameters and sources: docs/model.md.");
    }

    private static void WriteJson(BackcastResult result, TextWriter stdout)
    {
        var years = Json.Array(result.Years, y =>
        {
            var node = Figures(y.Model);
            node.Insert(0, "year", y.Year);
            node["observed"] = y.Observed is null ? null : Figures(y.Observed);
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
        Json.Write(stdout, new JsonObject { ["years"] = years, ["calibration"] = calibration });
    }

    private static void WriteCsv(BackcastResult result, TextWriter stdout)
    {
        stdout.WriteLine(string.Join(',', CsvHeader));
        foreach (var year in result.Years)
        {
            stdout.WriteLine(Row(year.Year, "model", year.Model));
            if (year.Observed is not null) stdout.WriteLine(Row(year.Year, "observed", year.Observed));
        }
    }

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

    private static string Pair(double? model, double? observed, string format) =>
        $"{Format(model, format)} ({Format(observed, format)})";

    private static string Format(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
