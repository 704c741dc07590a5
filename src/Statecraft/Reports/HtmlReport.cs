using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Statecraft.Documents;
using Statecraft.Economy;
using Statecraft.Feasibility;
using Statecraft.Negotiation;
using Statecraft.Output;
using Statecraft.Sanctions;
using Statecraft.Scenarios;
using Statecraft.Simulation;

namespace Statecraft.Reports;

/// <summary>What a report is made of: a finished run, each strategy's feasibility check, and who made it.</summary>
/// <param name="Command">The command that ran (run, simulate, compare, merge), named in the heading.</param>
/// <param name="ToolVersion">The statecraft version, named in the heading.</param>
/// <param name="Result">The simulation or comparison.</param>
/// <param name="Feasibility">Each strategy's feasibility check, in the result's order.</param>
public sealed record ReportContents(string Command, string ToolVersion, SimulationResult Result, ImmutableArray<FeasibilityReport> Feasibility);

/// <summary>One chart of the report: the element id it is drawn in, its section's title, and its Vega-Lite spec with the data inline.</summary>
public sealed record ReportChart(string Id, string Title, JsonObject Spec);

/// <summary>
/// The HTML report: one self-contained file with the charts (drawn in the browser by Vega-Lite, whose
/// code is inlined), the feasibility table and the assumptions with their sources. It loads nothing:
/// no script, style, font or data comes from a URL, and its content security policy forbids it.
/// Every piece of user text (scenario names, incentive ids, descriptions, sources) is HTML-encoded
/// where it is shown, and JSON in a script block has its &lt; escaped, so no text can end a block.
/// docs/report.md describes each section.
/// </summary>
public static class HtmlReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Ids of the chart blocks, in page order: the element a chart goes in, and its spec's script block (<c>spec-ID</c>).</summary>
    public static readonly ImmutableArray<string> ChartIds = ["gdp-fan", "household-income-fan", "steps-reached", "comparison"];

    /// <summary>
    /// The report's charts in page order (<see cref="ChartIds"/>; the comparison only with two or more
    /// strategies). The report and the web page (GET /api/jobs/ID/charts) draw the same specs.
    /// </summary>
    /// <summary>The report's charts as a JSON array of <c>{"id", "title", "spec"}</c> (data inline), as the run store keeps them with each run.</summary>
    public static string ChartsJson(SimulationResult result) =>
        new System.Text.Json.Nodes.JsonArray([.. Charts(result).Select(c => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject { ["id"] = c.Id, ["title"] = c.Title, ["spec"] = c.Spec.DeepClone() })]).ToJsonString();

    public static ImmutableArray<ReportChart> Charts(SimulationResult result)
    {
        var labels = ReportFigures.Labels(result);
        var reached = ReportFigures.StepsReached(result);
        var charts = ImmutableArray.CreateBuilder<ReportChart>();
        charts.Add(new ReportChart(ChartIds[0], "GDP paths",
            ChartSpecs.Fan(ReportFigures.GdpFan(result), labels, "GDP, 2018 = 100: median, 50% and 90% bands", "GDP (2018 = 100)")));
        charts.Add(new ReportChart(ChartIds[1], "Household-income paths",
            ChartSpecs.Fan(ReportFigures.HouseholdIncomeFan(result), labels, "Household income per person, 2018 = 100: median, 50% and 90% bands", "household income (2018 = 100)")));
        charts.Add(new ReportChart(ChartIds[2], "Steps reached over time", ChartSpecs.StepsReached(reached, labels, ChartSpecs.InOrder(
            Enumerable.Range(0, TrajectoryOutcome.Steps).Select(s => YamlName.Of((Step)s)).Where(s => reached.Any(r => r.Step == s))))));
        if (result.Strategies.Length > 1)
        {
            var rows = ReportFigures.Comparison(result);
            charts.Add(new ReportChart(ChartIds[3], "Strategy comparison", ChartSpecs.Comparison(rows, labels.Skip(1).ToList(), ChartSpecs.InOrder(rows.Select(r => r.Label)))));
        }

        return charts.ToImmutable();
    }

    /// <summary>The report as one HTML document.</summary>
    public static string Render(ReportContents contents)
    {
        var result = contents.Result;
        if (contents.Feasibility.Length != result.Strategies.Length)
            throw new ArgumentException($"{contents.Feasibility.Length} feasibility reports for {result.Strategies.Length} strategies", nameof(contents));
        var labels = ReportFigures.Labels(result);
        var charts = Charts(result);
        var b = new StringBuilder(2_000_000);
        var first = result.Strategies[0];
        var title = result.Strategies.Length == 1 ? $"Statecraft report: {labels[0]}" : $"Statecraft report: {labels.Length} strategies compared";

        OpenPage(b, title);
        b.Append("<h1>").Append(H(title)).Append("</h1>\n");
        var settings = string.Create(Inv, $"statecraft {contents.ToolVersion}, command '{contents.Command}': {result.Settings.Runs:N0} trajectories per strategy, seed {result.Settings.Seed}, start {first.Game.Start}, horizon {first.Game.Horizon} quarters.");
        b.Append("<p class=\"meta\">").Append(H(settings))
            .Append(" The North's type and each scenario's uncertain assumptions are drawn per trajectory; every strategy plays the same draws.</p>\n");
        b.Append("<p class=\"meta\">This report states the model's assumptions and shows their consequences; it does not recommend a policy. " +
            "Every rule and default is documented in docs/model.md, and this report's figures in docs/report.md.</p>\n");
        Contents(b, result.Strategies.Length > 1);

        Outcomes(b, result, labels);

        Section(b, "gdp", "GDP paths");
        b.Append("<p>Real GDP per quarter (2018 = 100) over the trajectories: the light band holds the middle 90% (5th to 95th percentile), " +
            "the dark band the middle 50% (25th to 75th), the line is the median.</p>\n");
        Chart(b, charts[0]);

        Section(b, "household-income", "Household-income paths");
        b.Append("<p>Household income per person per quarter (2018 = 100), with the same bands.</p>\n");
        Chart(b, charts[1]);

        Section(b, "steps", "Steps reached over time");
        b.Append("<p>For each denuclearization step the roadmap demands: the share of all trajectories in which the step had been verified by the end of each quarter. " +
            "At the horizon each curve equals the step's P(reached).</p>\n");
        Chart(b, charts[2]);

        if (result.Strategies.Length > 1) Comparison(b, result, labels, charts);
        FeasibilityTable(b, contents.Feasibility, labels);
        Assumptions(b, result, labels);

        ClosePage(b);
        return b.ToString();
    }

    /// <summary>
    /// The page's opening up to its body: the content security policy, the title and the style. Shared with the
    /// sensitivity report (<see cref="SensitivityReport"/>) so both read and load alike.
    /// </summary>
    internal static void OpenPage(StringBuilder b, string title)
    {
        b.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        // Nothing may be fetched: the report must read the same offline, years later.
        b.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:\">\n");
        b.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        b.Append("<title>").Append(H(title)).Append("</title>\n");
        b.Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
    }

    /// <summary>The page's end: the footer naming the chart libraries, the libraries inlined, and the script that draws every chart block.</summary>
    internal static void ClosePage(StringBuilder b)
    {
        b.Append("<footer><p>Charts drawn in the browser by ");
        b.Append(string.Join(", ", ChartLibraries.All.Select(l => H($"{l.Name} {l.Version}"))));
        b.Append(" (BSD-3-Clause), inlined below so the file opens offline.</p></footer>\n");
        foreach (var library in ChartLibraries.All)
        {
            b.Append("<script data-library=\"").Append(H(library.Name)).Append("\">\n").Append(library.Code).Append("\n</script>\n");
        }

        b.Append("<script>\n").Append(Bootstrap).Append("</script>\n</body>\n</html>\n");
    }

    private static void Contents(StringBuilder b, bool comparison)
    {
        b.Append("<nav><ul>");
        (string Id, string Title)[] sections =
        [
            ("outcomes", "Outcomes at the horizon"), ("gdp", "GDP paths"), ("household-income", "Household-income paths"), ("steps", "Steps reached over time"),
            .. comparison ? new[] { ("comparison", "Strategy comparison") } : [], ("feasibility", "Sanctions feasibility"), ("assumptions", "Assumptions and sources"),
        ];
        foreach (var (id, name) in sections) b.Append("<li><a href=\"#").Append(id).Append("\">").Append(H(name)).Append("</a></li>");
        b.Append("</ul></nav>\n");
    }

    internal static void Section(StringBuilder b, string id, string title) =>
        b.Append("<h2 id=\"").Append(id).Append("\">").Append(H(title)).Append("</h2>\n");

    /// <summary>A chart: its element, and its Vega-Lite spec in a JSON block the page script hands to vega-embed.</summary>
    internal static void Chart(StringBuilder b, ReportChart chart)
    {
        var (id, spec) = (chart.Id, chart.Spec);
        b.Append("<div class=\"chart\" id=\"").Append(id).Append("\"></div>\n");
        b.Append("<script type=\"application/json\" id=\"spec-").Append(id).Append("\" data-chart=\"").Append(id).Append("\">")
            .Append(ScriptJson(spec)).Append("</script>\n");
    }

    /// <summary>
    /// JSON safe inside a script element: the default JavaScript encoder writes &lt;, &gt;, &amp; and quotes
    /// as \u escapes, so no user text in the data can close the block or open a comment.
    /// </summary>
    public static string ScriptJson(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.Default }))
        {
            node.WriteTo(w);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Outcomes(StringBuilder b, SimulationResult result, ImmutableArray<string> labels)
    {
        Section(b, "outcomes", "Outcomes at the horizon");
        b.Append("<p>Economy figures are for the final year: median [5th-95th percentile] over the trajectories. " +
            "A figure defined on only some trajectories gives their number, n, and reads n/a where there are none.</p>\n");
        var rows = result.Strategies.Select((s, i) =>
        {
            var a = s.Summary;
            var n = (double)a.Trajectories;
            return new[]
            {
                labels[i], s.Game.Scenario.Path, Pct(a.Complete / n), Pct(a.Breakdowns / n), Pct(a.Stalls / n), Pct(a.Cheated / n),
                Band(a, Metric.GdpIndex, "F1"), Band(a, Metric.HouseholdIncomeIndex, "F1"),
                Band(a, Metric.RegimeRevenueBusd, "F2"), Band(a, Metric.ChinaSharePct, "F1"), Band(a, Metric.Inclusiveness, "F2"),
            };
        });
        Table(b, "outcomes-table",
            ["strategy", "scenario file", "P(complete, honest)", "P(breakdown)", "P(stalled)", "P(a step faked)", "GDP (2018 = 100)", "household income (2018 = 100)",
                "regime revenue (USD bn)", "China's share of trade (%)", "inclusiveness"],
            rows);

        b.Append("<h3>How the talks ended</h3>\n<p>Each trajectory's talks at the horizon: completed or still moving, broken down (by the first cause), or stalled. " +
            "The quarters are from the start, median [5th-95th percentile] over the n trajectories that broke down or stalled.</p>\n");
        Table(b, "talks-table",
            ["strategy", "completed or still moving", .. SimulationOutput.BreakdownCauses.Select(c => $"breakdown: {NegotiationGame.Name(c)}"), "stalled", "quarter of breakdown", "quarter the stall began"],
            result.Strategies.Select((s, i) =>
            {
                var a = s.Summary;
                var n = (double)a.Trajectories;
                string[] row =
                [
                    labels[i], Pct(a.Causes[(int)BreakdownCause.None] / n), .. SimulationOutput.BreakdownCauses.Select(c => Pct(a.Causes[(int)c] / n)), Pct(a.Stalls / n),
                    Quarters(a.BreakdownTime), Quarters(a.StallTime),
                ];
                return row;
            }));
        Definitions(b, result.Strategies[0].Game.Game);
    }

    /// <summary>What each figure of the report means, in brief; docs/model.md ("Outcome measures") has the full definitions.</summary>
    private static void Definitions(StringBuilder b, GameParameters game)
    {
        b.Append("<h3>Definitions</h3>\n<dl id=\"definitions\">\n");
        (string Term, string Meaning)[] items =
        [
            ("P(complete, honest)", "the share of trajectories in which complete denuclearization was verified by the horizon and no step was faked."),
            ("P(reached) of a step", "the share of trajectories in which the step was verified (faked or not); its quarters are over the n that reached it."),
            ("P(breakdown)", "the share whose talks were broken off: by a provocation against the current phase's conditions (a minor one only once talks are under way, i.e. once an incentive has fallen due or been delivered or the North has taken a step), by detected cheating, by the North's walk-out, or by a government party to the roadmap walking away after an election while talks were under way and the roadmap was not completed (party_withdrew). The first of these is the cause."),
            ("P(stalled)", string.Create(Inv, $"the share whose talks were never broken off and not completed, but in which nothing moved (no step taken, in hand or verified, no delivery) in the last {game.StallQuarters:G} quarters or more (stall_quarters); talks that never got under way count here.")),
            ("P(a step faked)", "the share in which the North claimed a step while keeping the capability."),
            ("completed or still moving", "neither a breakdown nor a stall: the roadmap's last phase was completed, or something moved in the last stall_quarters quarters."),
            ("quarter of breakdown, quarter the stall began", "quarters from the start (0 is the start quarter), over the n trajectories that broke down or stalled; n/a when there are none."),
            ("GDP, household income", "each trajectory's mean over the final year (the last four quarters), 2018 = 100 on the no-deal history; household income is per person."),
            ("regime revenue", "the regime's hard-currency revenue in the final year, USD bn."),
            ("China's share of trade", "China's share of recorded trade in the final year, %."),
            ("highest step, reform index, sanctions leverage (in the comparison)", "the highest rung verified (faked steps included); the reform index at the end (0 to 1); the foreign exchange the measures in force block at the end, as a % of what they blocked in the first quarter."),
            ("inclusiveness", "households' share of the gains from the year before the start to the final year (households' gain per person, at the final year's population; a side that lost counts as gaining nothing), over the n trajectories where households or the regime gained; n/a where none did."),
            ("paired difference", "the mean over the same trajectories of a strategy's figure minus the reference's, with its 95% interval; for inclusiveness only over the n trajectories where both define it."),
        ];
        foreach (var (term, meaning) in items) b.Append("<dt>").Append(H(term)).Append("</dt><dd>").Append(H(meaning)).Append("</dd>\n");
        b.Append("</dl>\n");
    }

    private static void Comparison(StringBuilder b, SimulationResult result, ImmutableArray<string> labels, ImmutableArray<ReportChart> charts)
    {
        Section(b, "comparison", "Strategy comparison");
        b.Append("<p>Each strategy against the reference, ").Append(H(labels[0])).Append(", on the same draws (common random numbers): " +
            "the mean of the per-trajectory difference and its 95% interval (mean ± 1.96 standard errors). An interval that excludes zero is a difference the run resolves.</p>\n");
        var rows = ReportFigures.Comparison(result);
        Chart(b, charts[3]);
        Table(b, "comparison-table", ["strategy", "reference", "outcome", "mean difference", "95% interval", "trajectories"],
            rows.Select(r => new[]
            {
                r.Strategy, r.Reference, r.Label, r.N == 0 ? Undefined : Num(r.Mean), r.N < 2 ? Undefined : $"[{Num(r.Low)}, {Num(r.High)}]", r.N.ToString(Inv),
            }));
    }

    private static void FeasibilityTable(StringBuilder b, ImmutableArray<FeasibilityReport> reports, ImmutableArray<string> labels)
    {
        Section(b, "feasibility", "Sanctions feasibility");
        b.Append("<p>Each incentive checked against the sanctions in force (statecraft check FILE gives the full report): the measures it collides with " +
            "that the roadmap does not relieve in time, and whose consent its relief needs. In the simulation a blocked incentive is never delivered; " +
            "one whose relief comes late waits for it.</p>\n");
        Table(b, "feasibility-summary", ["strategy", "feasible incentives", "blocked"],
            reports.Select((r, i) => new[]
            {
                labels[i], $"{r.Findings.Count(f => f.Feasible)}/{r.Findings.Length}",
                string.Join(", ", r.Findings.Where(f => !f.Feasible).Select(f => f.Incentive.Id)),
            }));
        Table(b, "feasibility-table", ["strategy", "phase", "incentive", "kind", "provider", "feasible", "unrelieved or late measures", "consent needed"],
            reports.SelectMany((r, i) => r.Findings.Select(f => new[]
            {
                labels[i], $"{f.Phase.Number}: {f.Phase.Name}", f.Incentive.Id, YamlName.Of(f.Incentive.Kind), YamlName.Of(f.Incentive.Provider),
                f.Feasible ? "yes" : "no",
                string.Join("; ", f.Collisions.Where(c => c.IsBlocking).Select(c => $"{c.Measure.Id} ({c.Measure.Title})")),
                string.Join("; ", f.Collisions.SelectMany(c => c.Consent).Concat(f.Provides.SelectMany(p => p.Consent)).Concat(f.OtherConsent.Select(o => o.Party))
                    .Distinct().Select(VocabularyText.Describe)),
            })));
    }

    private static void Assumptions(StringBuilder b, SimulationResult result, ImmutableArray<string> labels)
    {
        Section(b, "assumptions", "Assumptions and sources");
        b.Append("<h3>Each scenario's uncertain assumptions</h3>\n<p>Drawn afresh for every trajectory from the distribution the scenario file gives, within its bounds.</p>\n");
        Table(b, "scenario-assumptions", ["strategy", "assumption", "distribution", "bounds", "unit", "description", "source"],
            result.Strategies.SelectMany((s, i) => s.Game.Scenario.Assumptions.Select(a => new[]
            {
                labels[i], a.Name, Describe(a.Distribution), Bounds(a.LowerBound, a.UpperBound), a.Unit ?? "", a.Description ?? "", a.Source ?? "",
            })));

        var game = result.Strategies[0].Game.Game;
        b.Append("<h3>Game assumptions</h3>\n<p>The negotiation game's named parameters, the same for every strategy: the value this run used " +
            "(changed with --set where it differs from the default), the plausible range and the basis of the default.</p>\n");
        Table(b, "game-assumptions", ["assumption", "value in this run", "default", "range", "unit", "basis"],
            GameAssumptions.All.Select(a => new[]
            {
                a.Name, Num(a.Get(game)) + (a.Get(game) == a.Default ? "" : " (set)"), Num(a.Default), $"[{Num(a.Low)}, {Num(a.High)}]", a.Unit, a.Basis,
            }));

        var economy = result.Strategies[0].Game.Economy;
        b.Append("<h3>Economy assumptions</h3>\n<p>The economy model's behavioural parameters (statecraft calibrate lists them with the calibration); " +
            "the structure is fitted on data up to 2016.</p>\n");
        Table(b, "economy-assumptions", ["assumption", "value", "range", "unit", "basis"],
            EconomyAssumptions.All.Select(a => new[] { a.Name, Num(a.Get(economy)), $"[{Num(a.Low)}, {Num(a.High)}]", a.Unit, a.Basis }));
    }

    internal static void Table(StringBuilder b, string id, string[] header, IEnumerable<string[]> rows)
    {
        b.Append("<div class=\"table\"><table id=\"").Append(id).Append("\">\n<thead><tr>");
        foreach (var h in header) b.Append("<th>").Append(H(h)).Append("</th>");
        b.Append("</tr></thead>\n<tbody>\n");
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            b.Append("<tr>");
            foreach (var cell in row) b.Append("<td>").Append(H(cell)).Append("</td>");
            b.Append("</tr>\n");
        }

        if (!any) b.Append("<tr><td colspan=\"").Append(header.Length.ToString(Inv)).Append("\">none</td></tr>\n");
        b.Append("</tbody></table></div>\n");
    }

    internal static string Describe(Distribution d) => d switch
    {
        PointValue p => Num(p.Value),
        NormalDistribution n => $"normal(mean {Num(n.Mean)}, sd {Num(n.Sd)})",
        LognormalDistribution l => $"lognormal(meanlog {Num(l.MeanLog)}, sdlog {Num(l.SdLog)}; median {Num(l.Central)})",
        BetaDistribution x => $"beta(alpha {Num(x.Alpha)}, beta {Num(x.Beta)}; mean {Num(x.Central)})",
        UniformDistribution u => $"uniform({Num(u.Low)} to {Num(u.High)})",
        TriangularDistribution t => $"triangular(low {Num(t.Low)}, mode {Num(t.Mode)}, high {Num(t.High)})",
        _ => $"{d.Name} (central {Num(d.Central)})",
    };

    private static string Bounds(double? low, double? high) => (low, high) switch
    {
        (null, null) => "",
        ({ } l, null) => $"at least {Num(l)}",
        (null, { } h) => $"at most {Num(h)}",
        ({ } l, { } h) => $"[{Num(l)}, {Num(h)}]",
    };

    internal static string Num(double x) => double.IsFinite(x) ? x.ToString("G4", Inv) : "-";

    private static string Pct(double p) => double.IsFinite(p) ? string.Create(Inv, $"{100 * p:F1}%") : "-";

    private const string Undefined = "n/a";

    /// <summary>Median [5th-95th] of a final-year metric, with its n when it is conditional: the text table's figure.</summary>
    private static string Band(OutcomeAccumulator a, Metric m, string format) => Output.SimulationOutput.Band(a, m, format);

    private static string Quarters(IntegerDistribution d) => d.Count == 0
        ? string.Create(Inv, $"{Undefined} (n=0)")
        : string.Create(Inv, $"{d.Quantile(0.5):F0} [{d.Quantile(0.05):F0}-{d.Quantile(0.95):F0}] (n={d.Count})");

    /// <summary>HTML-encoded text: &lt;, &gt;, &amp;, quotes and apostrophes become entities.</summary>
    internal static string H(string text) => WebUtility.HtmlEncode(text);

    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 1180px; padding: 0 1em; color: #222; line-height: 1.4; }
        h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; } h3 { margin-top: 1.5em; }
        .meta { color: #555; } nav ul { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; padding: 0; list-style: none; }
        .chart { margin: 1em 0; overflow-x: auto; } .chart-error { color: #a00; white-space: pre-wrap; }
        .table { overflow-x: auto; } table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0 1.5em; }
        th, td { border: 1px solid #ddd; padding: 0.25em 0.5em; text-align: left; vertical-align: top; } th { background: #f4f4f4; }
        footer { margin-top: 3em; color: #666; font-size: 0.85em; }

        """;

    // The page's own code: hand each spec to vega-embed; if drawing fails, say so where the chart would be.
    private const string Bootstrap = """
        (function () {
          var blocks = document.querySelectorAll('script[type="application/json"][data-chart]');
          Array.prototype.forEach.call(blocks, function (block) {
            var target = document.getElementById(block.getAttribute('data-chart'));
            var fail = function (error) {
              target.className += ' chart-error';
              target.textContent = 'This chart could not be drawn: ' + error;
            };
            try {
              vegaEmbed(target, JSON.parse(block.textContent), { mode: 'vega-lite', renderer: 'svg', actions: false }).catch(fail);
            } catch (error) {
              fail(error);
            }
          });
        })();

        """;
}
