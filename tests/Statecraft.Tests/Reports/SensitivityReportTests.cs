using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Statecraft.Analysis;
using Statecraft.Output;
using Statecraft.Reports;
using Statecraft.Tests.Cli;
using Statecraft.Tests.Negotiation;
using Statecraft.Tests.Web;

namespace Statecraft.Tests.Reports;

/// <summary>A small sensitivity analysis, tornado and Sobol, over the scenario's and the game's factors (no economy recalibration, so it is quick).</summary>
internal static class SensitivityFixture
{
    private static readonly Lazy<SensitivityResult> Analysed = new(() =>
    {
        var g = GameFixture.Shipped("delury-engagement");
        var space = new FactorSpace(g.Scenario, null, null, [FactorFamily.Scenario, FactorFamily.Game]);
        var tornado = Tornado.Run(space, Outcomes.Key, new TrajectoryWindow(5, 0, 120), 2);
        var chosen = tornado.Screened().Take(4).ToList();
        var sobol = Sobol.Run(space, chosen, Outcomes.Key, 12, new TrajectoryWindow(5, 0, 24), 50, 2);
        return new SensitivityResult(g.Scenario.Name, g.Scenario.Path, SensitivityMethod.Sobol, [], space.Factors.Length, tornado, sobol, true);
    });

    public static SensitivityResult Result => Analysed.Value;
}

public sealed partial class SensitivityReportTests
{
    private static readonly Lazy<string> Html = new(() => SensitivityReport.Render(SensitivityFixture.Result, "test"));

    [GeneratedRegex(@"<(?<tag>script|link|img|iframe|object|embed|source|audio|video|base|form)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ElementTag();

    [GeneratedRegex(@"\b(?:src|href|srcset|action|data)\s*=\s*""(?<url>[^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex UrlAttribute();

    [GeneratedRegex(@"<script\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [Fact]
    public void Each_tornado_draws_the_widest_factors_of_the_json_with_both_ends_and_their_swing()
    {
        var r = SensitivityFixture.Result;
        var json = JsonDocument.Parse(SensitivityOutput.ToJson(r).ToJsonString()).RootElement;
        var specs = ReportFixture.Specs(Html.Value);
        var entries = json.GetProperty("tornado").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);

        foreach (var outcome in json.GetProperty("outcomes").EnumerateArray().Select(o => o.GetString()!))
        {
            var id = "tornado-" + outcome.Replace('_', '-');
            var rows = ReportFixture.Values(specs[id]);
            var factors = rows.Select(v => v.GetProperty("factor").GetString()!).Distinct().ToList();
            Assert.InRange(factors.Count, 1, SensitivityCharts.TornadoRows);
            Assert.Equal(2 * factors.Count, rows.Count);

            // The bars are the widest of the JSON's: the same spans, widest first (ties may list either factor first).
            var widest = entries.Values.Select(e => e.GetProperty("effects").GetProperty(outcome).GetProperty("span").GetDouble())
                .Where(s => s > 0).OrderDescending().Take(SensitivityCharts.TornadoRows).ToList();
            Assert.Equal(widest, factors.Select(f => entries[f].GetProperty("effects").GetProperty(outcome).GetProperty("span").GetDouble()));

            var baseValue = json.GetProperty("base").GetProperty(outcome).GetProperty("value").GetDouble();
            foreach (var f in factors)
            {
                var e = entries[f];
                var effect = e.GetProperty("effects").GetProperty(outcome);
                var low = rows.Single(v => v.GetProperty("factor").GetString() == f && v.GetProperty("end").GetString() == SensitivityCharts.LowEnd);
                var high = rows.Single(v => v.GetProperty("factor").GetString() == f && v.GetProperty("end").GetString() == SensitivityCharts.HighEnd);
                Assert.Equal(effect.GetProperty("at_low").GetDouble(), low.GetProperty("value").GetDouble());
                Assert.Equal(effect.GetProperty("at_high").GetDouble(), high.GetProperty("value").GetDouble());
                Assert.Equal(e.GetProperty("low").GetDouble(), low.GetProperty("setting").GetDouble());
                Assert.Equal(e.GetProperty("high").GetDouble(), high.GetProperty("setting").GetDouble());
                Assert.Equal(baseValue, low.GetProperty("base").GetDouble());
                Assert.Equal(effect.GetProperty("swing").GetProperty("low").GetDouble(), high.GetProperty("swing_low").GetDouble());
                Assert.Equal(effect.GetProperty("swing").GetProperty("high").GetDouble(), high.GetProperty("swing_high").GetDouble());
                Assert.Contains(" to ", low.GetProperty("range").GetString(), StringComparison.Ordinal);
            }

            // The axis lists the factors in the same order as the data, so the chart reads widest first.
            var sort = specs[id].GetProperty("layer")[0].GetProperty("encoding").GetProperty("y").GetProperty("sort").EnumerateArray().Select(s => s.GetString()!).ToList();
            Assert.Equal(factors, sort);
        }
    }

    [Fact]
    public void Each_sobol_chart_has_both_indices_of_every_factor_with_their_intervals_largest_total_first()
    {
        var r = SensitivityFixture.Result;
        var s = r.Sobol!;
        var specs = ReportFixture.Specs(Html.Value);

        foreach (var d in s.ByOutcome)
        {
            var rows = ReportFixture.Values(specs[SensitivityCharts.SobolId(d.Outcome)]);
            Assert.Equal(2 * s.Factors.Length, rows.Count);
            for (var i = 0; i < s.Factors.Length; i++)
            {
                var mine = rows.Where(v => v.GetProperty("factor").GetString() == s.Factors[i].Name).ToList();
                var first = mine.Single(v => v.GetProperty("index").GetString() == SensitivityCharts.FirstOrder);
                var total = mine.Single(v => v.GetProperty("index").GetString() == SensitivityCharts.Total);
                Assert.Equal(d.Indices[i].First.Value, first.GetProperty("estimate").GetDouble());
                Assert.Equal(d.Indices[i].First.Low, first.GetProperty("low").GetDouble());
                Assert.Equal(d.Indices[i].Total.High, total.GetProperty("high").GetDouble());
            }

            var totals = rows.Where(v => v.GetProperty("index").GetString() == SensitivityCharts.Total).Select(v => v.GetProperty("estimate").GetDouble()).ToList();
            Assert.Equal(totals.OrderDescending(), totals);
        }
    }

    [Fact]
    public void The_report_states_its_settings_explains_itself_and_lists_every_factor_with_its_basis()
    {
        var html = Html.Value;
        var r = SensitivityFixture.Result;

        foreach (var section in new[] { "how-to-read", "base", "factors" }.Concat(SensitivityCharts.Charts(r).Select(c => SensitivityReport.SectionOf(c.Id))))
        {
            Assert.Contains($"<h2 id=\"{section}\">", html, StringComparison.Ordinal);
            Assert.Contains($"<a href=\"#{section}\">", html, StringComparison.Ordinal);
        }

        Assert.Contains(WebUtility.HtmlEncode(r.Scenario), html, StringComparison.Ordinal);
        Assert.Contains("120 trajectories per variant, seed 5", html, StringComparison.Ordinal);
        Assert.Contains("Saltelli&#39;s design of 12 rows (72 points)", html, StringComparison.Ordinal);

        var table = html[html.IndexOf("<table id=\"factors-table\">", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Equal(r.Tornado.Bars.Length, Regex.Matches(table, "<tr><td>").Count);
        foreach (var f in r.Tornado.Bars.Select(b => b.Factor))
            Assert.Contains($"<tr><td>{WebUtility.HtmlEncode(f.Name)}</td><td>{f.FamilyName}</td>", table, StringComparison.Ordinal);
        Assert.All(r.Tornado.Bars.Select(b => b.Factor.Basis).Distinct(), basis => Assert.Contains(WebUtility.HtmlEncode(basis), table, StringComparison.Ordinal));
    }

    [Fact]
    public void The_report_inlines_the_chart_libraries_and_loads_nothing_from_a_url()
    {
        var html = Html.Value;
        var charts = SensitivityCharts.Charts(SensitivityFixture.Result);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
        foreach (var library in ChartLibraries.All)
            Assert.Contains($"<script data-library=\"{library.Name}\">\n{library.Code}\n</script>", html, StringComparison.Ordinal);
        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';", html, StringComparison.Ordinal);

        var scripts = ScriptTag().Matches(html);
        Assert.Equal(ChartLibraries.All.Length + charts.Length + 1, scripts.Count);
        Assert.All(scripts, tag => Assert.DoesNotContain("src", tag.Value, StringComparison.OrdinalIgnoreCase));
        var page = Regex.Replace(html, "<script\\b[^>]*>.*?</script>", "<script></script>", RegexOptions.Singleline);
        foreach (Match tag in ElementTag().Matches(page)) Assert.Equal("script", tag.Groups["tag"].Value, ignoreCase: true);
        foreach (Match attribute in UrlAttribute().Matches(page)) Assert.StartsWith("#", attribute.Groups["url"].Value, StringComparison.Ordinal);

        // Every id once: the page script draws each chart into the element with the chart's id.
        var ids = Regex.Matches(page, "\\bid=\"(?<id>[^\"]+)\"").Select(m => m.Groups["id"].Value).ToList();
        Assert.Equal(ids.Distinct(), ids);

        var specs = ReportFixture.Specs(html);
        Assert.Equal(charts.Select(c => c.Id).Order(), specs.Keys.Order());
        // In page order: the tornadoes, then the Sobol charts.
        var at = charts.Select(c => html.IndexOf($"<div class=\"chart\" id=\"{c.Id}\"></div>", StringComparison.Ordinal)).ToList();
        Assert.Equal(at.Order(), at);
        foreach (var (id, spec) in specs)
        {
            Assert.Contains($"<div class=\"chart\" id=\"{id}\"></div>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("://", spec.GetRawText(), StringComparison.Ordinal);
            Assert.False(spec.TryGetProperty("$schema", out _));
            Assert.NotEmpty(ReportFixture.Values(spec));
        }
    }

    [Fact]
    public void A_hostile_scenario_name_appears_only_escaped()
    {
        const string hostile = "<script>alert(1)</script> & co";
        var html = SensitivityReport.Render(SensitivityFixture.Result with { Scenario = hostile }, "test");

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(hostile), html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_is_a_new_file_an_existing_one_is_never_overwritten()
    {
        using var dir = new TempDir();
        Assert.Equal("report.html", SensitivityReport.Write(SensitivityFixture.Result, "test", dir.Path));
        var path = Path.Combine(dir.Path, "report.html");
        File.WriteAllText(path, "mine");

        Assert.Throws<IOException>(() => SensitivityReport.Write(SensitivityFixture.Result, "test", dir.Path));
        Assert.Equal("mine", File.ReadAllText(path));
    }

    [Fact]
    public void The_command_saves_the_report_beside_the_json_and_says_so()
    {
        using var dir = new TempDir();
        var folder = Path.Combine(dir.Path, "out");
        var run = CliRun.Of("sensitivity", "delury-engagement", "--factors", "scenario", "--runs", "40", "--out", folder);

        Assert.Equal(0, run.Exit);
        Assert.Contains($"saved sensitivity.json, tornado.csv, report.html in {folder}", run.Err, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(folder, "report.html"));
        Assert.Contains("<h2 id=\"tornado-p-complete-section\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"sobol-", html, StringComparison.Ordinal);
        Assert.Contains("method tornado", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_draws_every_chart_in_a_browser_without_errors()
    {
        using var dir = new TempDir();
        SensitivityReport.Write(SensitivityFixture.Result, "test", dir.Path);
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync();
        var problems = Chromium.WatchForProblems(page);
        await page.GotoAsync(new Uri(Path.Combine(dir.Path, "report.html")).AbsoluteUri);

        var charts = SensitivityCharts.Charts(SensitivityFixture.Result);
        await Microsoft.Playwright.Assertions.Expect(page.Locator(".chart svg")).ToHaveCountAsync(charts.Length, new() { Timeout = 30_000 });
        await Microsoft.Playwright.Assertions.Expect(page.Locator(".chart-error")).ToHaveCountAsync(0);
        // A tornado has two bars per factor shown, drawn as SVG paths of the bar mark.
        var bars = await page.Locator("#tornado-gdp-index svg g.mark-rect path").CountAsync();
        Assert.Equal(ReportFixture.Values(ReportFixture.Specs(File.ReadAllText(Path.Combine(dir.Path, "report.html")))["tornado-gdp-index"]).Count, bars);
        await Chromium.Shot(page, "sensitivity-report");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void An_outcome_no_factor_moves_gets_a_sentence_instead_of_an_empty_chart()
    {
        // Maximum pressure with the zones' and technical assistance's factors only: the roadmap reads none of them.
        var g = GameFixture.Shipped("maximum-pressure");
        var space = new FactorSpace(g.Scenario);
        var idle = new[] { "zone_wage_yield", "technical_assistance_full_musd" }.Select(n => space.Find(n)!).ToList();
        var tornado = Tornado.Run(space, Outcomes.Key, new TrajectoryWindow(2, 0, 40), 2, idle);
        var html = SensitivityReport.Render(new SensitivityResult(g.Scenario.Name, g.Scenario.Path, SensitivityMethod.Tornado, [], space.Factors.Length, tornado, null, true), "test");
        foreach (var o in Outcomes.Key)
        {
            Assert.DoesNotContain($"id=\"{SensitivityCharts.TornadoId(o)}\"", html, StringComparison.Ordinal);
            Assert.Contains(WebUtility.HtmlEncode($"{Outcomes.Name(o)}: {Outcomes.Meaning(o)}. None of the 2 factors moves it"), html, StringComparison.Ordinal);
        }

        // And the fixture's report, where factors do move the outcomes, has every chart.
        foreach (var o in Outcomes.Key) Assert.Contains($"id=\"{SensitivityCharts.TornadoId(o)}\"", Html.Value, StringComparison.Ordinal);
    }
}
