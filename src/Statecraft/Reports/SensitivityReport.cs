using System.Globalization;
using System.Text;
using Statecraft.Analysis;

namespace Statecraft.Reports;

/// <summary>
/// The report of <c>statecraft sensitivity</c>: one self-contained HTML file in the page shell of
/// <see cref="HtmlReport"/> (same policy, style, inlined libraries and chart script), with the settings, a
/// tornado per outcome, with Sobol the indices per outcome, and every factor with its range and basis.
/// docs/report.md describes each section.
/// </summary>
public static class SensitivityReport
{
    public const string FileName = "report.html";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Writes <see cref="FileName"/> into <paramref name="folder"/> as a new file (an existing one is an
    /// <see cref="IOException"/>, never overwritten, as for the other commands' reports); returns its name.
    /// </summary>
    public static string Write(SensitivityResult result, string toolVersion, string folder)
    {
        var html = Render(result, toolVersion);
        Documents.UserFile.WriteNew(Path.Combine(folder, FileName), html);
        return FileName;
    }

    /// <summary>The report as one HTML document.</summary>
    public static string Render(SensitivityResult r, string toolVersion)
    {
        var t = r.Tornado;
        var charts = SensitivityCharts.Charts(r);
        var b = new StringBuilder(2_000_000);
        var title = $"Statecraft sensitivity: {r.Scenario}";
        HtmlReport.OpenPage(b, title);
        b.Append("<h1>").Append(H(title)).Append("</h1>\n");
        Settings(b, r, toolVersion);
        Contents(b, r);
        HowToRead(b, r);
        Base(b, t);

        for (var k = 0; k < t.Outcomes.Length; k++)
        {
            var outcome = t.Outcomes[k];
            HtmlReport.Section(b, SectionOf(SensitivityCharts.TornadoId(outcome)), $"Tornado: {Outcomes.Name(outcome)}");
            var moving = t.Bars.Count(x => x.Effects[k].Span(t.Base[k].Value) > 0);
            var shown = SensitivityCharts.Shown(t, k);
            if (moving == 0)
            {
                // An empty chart would only draw an axis: say what it would have shown.
                b.Append("<p>").Append(H($"{Outcomes.Name(outcome)}: {Outcomes.Meaning(outcome)}. None of the {t.Bars.Length} factors moves it: with any one of them at " +
                    $"either end of its range it stays at the base, {Figure(outcome, t.Base[k].Value)}, on the trajectories played.")).Append("</p>\n");
                continue;
            }

            b.Append("<p>").Append(H($"{Outcomes.Name(outcome)}: {Outcomes.Meaning(outcome)}. {moving} of {t.Bars.Length} factors move it at all; " +
                $"the chart shows the {shown.Count} widest, the table below it every one that moves it, widest first.")).Append("</p>\n");
            HtmlReport.Chart(b, charts.Single(c => c.Id == SensitivityCharts.TornadoId(outcome)));
            HtmlReport.Table(b, SensitivityCharts.TornadoId(outcome) + "-table", ["rank", "factor", "family", "range (low to high)", "at low end", "at high end", "swing (high minus low) [95%]"],
                t.Ranked(k).Where(x => x.Effects[k].Span(t.Base[k].Value) > 0).Select((x, i) => new[]
                {
                    (i + 1).ToString(Inv), x.Factor.Name, x.Factor.FamilyName, SensitivityCharts.Range(x.Factor),
                    Figure(outcome, x.Effects[k].AtLow) + N(outcome, x.Effects[k].LowN), Figure(outcome, x.Effects[k].AtHigh) + N(outcome, x.Effects[k].HighN),
                    $"{Figure(outcome, x.Effects[k].Swing.Value)} [{Figure(outcome, x.Effects[k].Swing.Low)}, {Figure(outcome, x.Effects[k].Swing.High)}]",
                }));
        }

        if (r.Sobol is { } s)
        {
            foreach (var d in s.ByOutcome)
            {
                HtmlReport.Section(b, SectionOf(SensitivityCharts.SobolId(d.Outcome)), $"Sobol indices: {Outcomes.Name(d.Outcome)}");
                b.Append("<p>").Append(H(
                    string.Create(Inv, $"Mean over the design {Figure(d.Outcome, d.Mean)}, standard deviation {Figure(d.Outcome, Math.Sqrt(d.Variance))}, from {d.Rows:N0} of {s.Samples:N0} rows ") +
                    string.Create(Inv, $"(a row where the outcome is undefined at some point is left out). The first-order indices sum to {d.SumFirst:F2}: ") +
                    "one less that is the share of the variance due to interactions between the factors."))
                    .Append("</p>\n");
                HtmlReport.Chart(b, charts.Single(c => c.Id == SensitivityCharts.SobolId(d.Outcome)));
                HtmlReport.Table(b, SensitivityCharts.SobolId(d.Outcome) + "-table", ["factor", "family", "first order [95%]", "total [95%]"],
                    d.Indices.Select((x, i) => (x, i)).OrderByDescending(p => double.IsNaN(p.x.Total.Value) ? double.NegativeInfinity : p.x.Total.Value).ThenBy(p => p.i)
                        .Select(p => new[] { s.Factors[p.i].Name, s.Factors[p.i].FamilyName, Index(p.x.First), Index(p.x.Total) }));
            }
        }

        Factors(b, r);
        HtmlReport.ClosePage(b);
        return b.ToString();
    }

    private static void Settings(StringBuilder b, SensitivityResult r, string toolVersion)
    {
        var t = r.Tornado;
        b.Append("<p class=\"meta\">").Append(H(
            $"statecraft {toolVersion}, command 'sensitivity', method {(r.Method == SensitivityMethod.Sobol ? "sobol" : "tornado")}, scenario file {r.Path}. " +
            string.Create(Inv, $"Tornado: {t.Bars.Length} of {r.FactorsConsidered} uncertain factors, each held at the low and at the high end of its range, ") +
            string.Create(Inv, $"{t.Window.Count:N0} trajectories per variant, seed {t.Window.Seed}") +
            (r.Set.Length > 0 ? "; game assumptions changed: " + string.Join(", ", r.Set) : "") + "."));
        if (r.Sobol is { } s)
        {
            b.Append(H(
                string.Create(Inv, $" Sobol: {s.Factors.Length} factors {(r.Screened ? "chosen by the tornado's ranking" : "named by the user")}, drawn together on Saltelli's design of ") +
                string.Create(Inv, $"{s.Samples:N0} rows ({s.Points:N0} points), each point played on the same {s.Inner.Count:N0} trajectories; intervals from {s.Bootstrap:N0} bootstrap replicates.")));
        }

        b.Append("</p>\n");
        b.Append("<p class=\"meta\">This report states which of the model's assumptions its outcomes depend on, under the ranges shown; it does not recommend a policy. " +
            "The method is documented in docs/model.md and this report's figures in docs/report.md; sensitivity.json and tornado.csv (with Sobol also sobol.csv) beside this file hold every number.</p>\n");
    }

    private static void Contents(StringBuilder b, SensitivityResult r)
    {
        var sections = new List<(string Id, string Title)> { ("how-to-read", "How to read this"), ("base", "The strategy as written") };
        sections.AddRange(r.Tornado.Outcomes.Select(o => (SectionOf(SensitivityCharts.TornadoId(o)), $"Tornado: {Outcomes.Name(o)}")));
        if (r.Sobol is { } s) sections.AddRange(s.ByOutcome.Select(d => (SectionOf(SensitivityCharts.SobolId(d.Outcome)), $"Sobol: {Outcomes.Name(d.Outcome)}")));
        sections.Add(("factors", "Factors and sources"));
        b.Append("<nav><ul>");
        foreach (var (id, name) in sections) b.Append("<li><a href=\"#").Append(id).Append("\">").Append(H(name)).Append("</a></li>");
        b.Append("</ul></nav>\n");
    }

    private static void HowToRead(StringBuilder b, SensitivityResult r)
    {
        HtmlReport.Section(b, "how-to-read", "How to read this");
        b.Append("<p>A <b>tornado</b> varies one factor at a time while every other stays as the scenario writes it. Each factor has two bars: " +
            "from the base (the vertical line: the strategy as written) to the outcome with the factor at the low end of its range, and to the outcome with it at " +
            "the high end. A scenario assumption's ends are the ").Append(H(string.Create(Inv, $"{Factor.TailShare * 100:0}th and {100 - (Factor.TailShare * 100):0}th")))
            .Append(" percentiles of its distribution; a game or economy assumption's are the ends of its plausible range. Factors are listed widest first. " +
            "Every variant is played on the same trajectories, so a swing (the outcome at the high end minus at the low end) is a paired difference, and its " +
            "95% interval (in the tooltip and the table) measures the factor's effect, not the noise of the draws. A bar is not a probability: the ranges are " +
            "judgements, and a wider range gives a wider bar.</p>\n");
        if (r.Sobol is not null)
        {
            b.Append("<p><b>Sobol indices</b> vary the chosen factors all at once, each over its distribution (a game or economy assumption uniformly over its range). " +
                "A factor's first-order index is the share of the outcome's variance it explains alone; its total index adds its interactions with the others. " +
                "A total well above the first order means the factor matters through interactions; a total near zero means it can be fixed anywhere in its range " +
                "without changing the outcome's spread. Error bars are 95% bootstrap intervals; an estimate slightly below zero is sampling noise around zero.</p>\n");
        }
    }

    private static void Base(StringBuilder b, TornadoResult t)
    {
        HtmlReport.Section(b, "base", "The strategy as written");
        b.Append("<p>Each outcome with every factor as the scenario writes it (scenario assumptions drawn per trajectory), with its 95% interval.</p>\n");
        HtmlReport.Table(b, "base-table", ["outcome", "meaning", "base [95%]"],
            t.Outcomes.Select((o, k) => new[] { Outcomes.Name(o), Outcomes.Meaning(o), $"{Figure(o, t.Base[k].Value)} [{Figure(o, t.Base[k].Low)}, {Figure(o, t.Base[k].High)}]{N(o, t.BaseN[k])}" }));
    }

    /// <summary>" (n=...)" after a conditional outcome's figure (a mean over the trajectories that define it), as the text output writes it.</summary>
    private static string N(Outcome outcome, long n) => Outcomes.IsConditional(outcome) ? string.Create(Inv, $" (n={n})") : "";

    private static void Factors(StringBuilder b, SensitivityResult r)
    {
        HtmlReport.Section(b, "factors", "Factors and sources");
        b.Append("<p>Every factor varied, in the order the analysis lists them: where it is written down (family), its value as written, the ends of its tornado range, " +
            "what the variance-based analysis draws it from, and the basis or source of the figures (as the scenario file, docs/model.md or the economy's calibration gives them).</p>\n");
        HtmlReport.Table(b, "factors-table", ["factor", "family", "unit", "as written", "low end", "high end", "drawn from (Sobol)", "basis or source"],
            r.Tornado.Bars.Select(x => x.Factor).Select(f => new[]
            {
                f.Name, f.FamilyName, f.Unit, HtmlReport.Num(f.Base), HtmlReport.Num(f.Low), HtmlReport.Num(f.High),
                f.Assumption is { } a ? HtmlReport.Describe(a.Distribution) : "uniform over the range", f.Basis,
            }));
    }

    /// <summary>A chart's section: an id of its own, since the chart's element has the chart's id (an id is unique in a page).</summary>
    public static string SectionOf(string chartId) => chartId + "-section";

    private static string Index(Estimate e) => double.IsNaN(e.Value) ? "n/a" : string.Create(Inv, $"{e.Value:F3} [{e.Low:F3}, {e.High:F3}]");

    /// <summary>A chance to three decimals, anything else to two, as the console writes them.</summary>
    private static string Figure(Outcome o, double x) => !double.IsFinite(x) ? "n/a" : x.ToString(Outcomes.IsChance(o) ? "F3" : "F2", Inv);

    private static string H(string text) => HtmlReport.H(text);
}
