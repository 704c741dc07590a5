using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Statecraft.Economy;

namespace Statecraft.Cli;

/// <summary><c>statecraft calibrate [--json]</c>: runs the economy calibration on data up to 2016 and prints what it fitted.</summary>
internal static class CalibrateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var json = new Option<bool>("--json")
        {
            Description = "Print JSON: {\"fitted\": [...], \"checks\": [...], \"growth_fit\": [...], \"assumptions\": [...]}.",
        };
        var command = new Command(
            "calibrate",
            "Calibrate the economy model on the embedded data up to 2016 (never later) and print the fitted values, the 2016 structure " +
            "the model reproduces beside the data, the trend-growth fit, and every named assumption with its range and basis.");
        command.Options.Add(json);
        command.SetAction(parse => Run(parse.GetValue(json), stdout));
        return command;
    }

    internal static int Run(bool json, TextWriter stdout)
    {
        var result = Calibration.Korea;
        if (json)
        {
            WriteJson(result, stdout);
            return Program.Ok;
        }

        stdout.WriteLine($"Economy calibration on data up to {Calibration.LastYear} (docs/model.md, Calibration).");
        stdout.WriteLine();
        stdout.WriteLine("Fitted values");
        var fitted = new TextTable("name", "value", "unit", "rule");
        foreach (var f in result.Fitted) fitted.Add(f.Name, F(f.Value, 4), f.Unit, f.Rule);
        fitted.Write(stdout);

        stdout.WriteLine();
        stdout.WriteLine("2016 structure: data and model");
        var checks = new TextTable("figure", "observed", "model", "unit", "series");
        foreach (var c in result.Checks) checks.Add(c.Name, F(c.Observed, 2), F(c.Model, 2), c.Unit, c.Series);
        checks.Write(stdout);

        stdout.WriteLine();
        stdout.WriteLine("Trend growth, least squares on 2012-2016 (percent): observed = harvest + imports + trend + residual");
        var growth = new TextTable("year", "observed", "harvest", "imports", "net of both");
        foreach (var y in result.GrowthFit) growth.Add(y.Year.ToString(CultureInfo.InvariantCulture), F(y.ObservedPct, 2), F(y.AgriculturePct, 2), F(y.ImportsPct, 2), F(y.ResidualPct, 2));
        growth.Write(stdout);

        stdout.WriteLine();
        stdout.WriteLine("Named assumptions (default, range, basis)");
        var assumptions = new TextTable("name", "default", "low", "high", "unit", "basis");
        foreach (var a in EconomyAssumptions.All) assumptions.Add(a.Name, F(a.Default, 4), F(a.Low, 4), F(a.High, 4), a.Unit, a.Basis);
        assumptions.Write(stdout);

        stdout.WriteLine();
        stdout.WriteLine("Historical timeline: enforcement by partner (share of a binding measure's bite applied) and border closures");
        var timeline = HistoricalTimeline.Korea();
        var enforcement = new TextTable("partner", "from", "default", "low", "high", "basis");
        foreach (var path in timeline.Enforcement)
        {
            foreach (var segment in path.Segments)
                enforcement.Add(Names.Of(path.Partner), segment.From.ToString(), F(segment.Value, 2), F(segment.Low, 2), F(segment.High, 2), segment.Basis);
        }
        enforcement.Write(stdout);
        stdout.WriteLine();
        var closures = new TextTable("shock", "from", "until", "intensity", "basis");
        foreach (var shock in timeline.BorderClosures)
            closures.Add(shock.Id, shock.From.ToString(), shock.Until.ToString(), F(shock.Intensity, 2), shock.Basis);
        closures.Write(stdout);
        stdout.WriteLine();
        stdout.WriteLine($"Measures: the {timeline.Measures.Length} catalog measures at their in-force dates ('statecraft measures'); caps, exemptions and phase-ins in docs/model.md.");
        return Program.Ok;
    }

    private static void WriteJson(CalibrationResult result, TextWriter stdout)
    {
        Json.Write(stdout, new JsonObject
        {
            ["last_data_year"] = Calibration.LastYear,
            ["fitted"] = Json.Array(result.Fitted, f => new JsonObject { ["name"] = f.Name, ["value"] = f.Value, ["unit"] = f.Unit, ["rule"] = f.Rule }),
            ["checks"] = Json.Array(result.Checks, c => new JsonObject
            {
                ["name"] = c.Name, ["observed"] = c.Observed, ["model"] = c.Model, ["unit"] = c.Unit, ["series"] = c.Series,
            }),
            ["growth_fit"] = Json.Array(result.GrowthFit, y => new JsonObject
            {
                ["year"] = y.Year, ["observed_pct"] = y.ObservedPct, ["harvest_pct"] = y.AgriculturePct,
                ["imports_pct"] = y.ImportsPct, ["residual_pct"] = y.ResidualPct,
            }),
            ["assumptions"] = Json.Array(EconomyAssumptions.All, a => new JsonObject
            {
                ["name"] = a.Name, ["default"] = a.Default, ["low"] = a.Low, ["high"] = a.High, ["unit"] = a.Unit, ["basis"] = a.Basis,
            }),
            ["enforcement"] = Json.Array(HistoricalTimeline.Korea().Enforcement.SelectMany(p => p.Segments.Select(s => (p.Partner, s))), x => new JsonObject
            {
                ["partner"] = Names.Of(x.Partner), ["from"] = x.s.From.ToString(), ["default"] = x.s.Value, ["low"] = x.s.Low,
                ["high"] = x.s.High, ["basis"] = x.s.Basis,
            }),
            ["border_closures"] = Json.Array(HistoricalTimeline.Korea().BorderClosures, c => new JsonObject
            {
                ["id"] = c.Id, ["from"] = c.From.ToString(), ["until"] = c.Until.ToString(), ["intensity"] = c.Intensity, ["basis"] = c.Basis,
            }),
        });
    }

    private static string F(double value, int digits) => value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
