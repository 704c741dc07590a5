using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Statecraft.Negotiation;
using Statecraft.Reports;
using Statecraft.Scenarios;
using Statecraft.Tests.Negotiation;

namespace Statecraft.Tests.Reports;

/// <summary>The HTML report: its sections, its inlined chart libraries, that it loads nothing, and that user text is escaped.</summary>
public sealed partial class HtmlReportTests
{
    private static readonly Lazy<string> Compared = new(() => ReportFixture.Render(
        ReportFixture.Run(300, GameFixture.Shipped("maximum-pressure"), GameFixture.Shipped("delury-engagement"), GameFixture.Shipped("kaesong-quick-hit"))));

    [GeneratedRegex(@"<(?<tag>script|link|img|iframe|object|embed|source|audio|video|base|form)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ElementTag();

    [GeneratedRegex(@"\b(?:src|href|srcset|action|data)\s*=\s*""(?<url>[^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex UrlAttribute();

    [GeneratedRegex(@"<script\b", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOpening();

    [GeneratedRegex(@"<script\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [Fact]
    public void A_comparison_report_has_every_section_and_each_chart_spec_parses_back_as_json_with_its_data()
    {
        var html = Compared.Value;

        foreach (var section in new[] { "outcomes", "gdp", "household-income", "steps", "comparison", "feasibility", "assumptions" })
        {
            Assert.Contains($"<h2 id=\"{section}\">", html, StringComparison.Ordinal);
            Assert.Contains($"<a href=\"#{section}\">", html, StringComparison.Ordinal);
        }

        foreach (var table in new[] { "outcomes-table", "talks-table", "comparison-table", "feasibility-summary", "feasibility-table", "scenario-assumptions", "game-assumptions", "economy-assumptions" })
            Assert.Contains($"<table id=\"{table}\">", html, StringComparison.Ordinal);

        var specs = ReportFixture.Specs(html);
        Assert.Equal(HtmlReport.ChartIds.Order(), specs.Keys.Order());
        foreach (var (id, spec) in specs)
        {
            Assert.Contains($"<div class=\"chart\" id=\"{id}\"></div>", html, StringComparison.Ordinal);
            Assert.NotEmpty(ReportFixture.Values(spec));
            Assert.True(spec.TryGetProperty("spec", out var inner) && (inner.TryGetProperty("mark", out _) || inner.TryGetProperty("layer", out _)), $"{id} has no marks");
        }

        // Every game assumption and every feasibility finding has its row.
        Assert.All(GameAssumptions.All, a => Assert.Contains($"<td>{WebUtility.HtmlEncode(a.Name)}</td>", html, StringComparison.Ordinal));
        Assert.Contains("<td>kaesong</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void One_strategy_has_no_comparison_section_but_every_other()
    {
        var html = ReportFixture.Render(ReportFixture.Run(200, GameFixture.Shipped("relief-only")), "simulate");

        Assert.DoesNotContain("id=\"comparison\"", html, StringComparison.Ordinal);
        Assert.Equal(HtmlReport.ChartIds.Where(id => id != "comparison").Order(), ReportFixture.Specs(html).Keys.Order());
        Assert.Contains("<h2 id=\"feasibility\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_three_chart_libraries_are_inlined_in_load_order()
    {
        var html = Compared.Value;
        var libraries = ChartLibraries.All;

        Assert.Equal(["vega", "vega-lite", "vega-embed"], libraries.Select(l => l.Name));
        var at = libraries.Select(l => html.IndexOf($"<script data-library=\"{l.Name}\">\n{l.Code}\n</script>", StringComparison.Ordinal)).ToList();
        Assert.All(at, i => Assert.True(i > 0));
        Assert.True(at[0] < at[1] && at[1] < at[2], "vega, then vega-lite, then vega-embed");
        // The real minified builds, not stubs: each defines its global and is of library size.
        Assert.Contains(".vega=", libraries[0].Code.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(".vegaLite=", libraries[1].Code.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(".vegaEmbed=", libraries[2].Code.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(libraries, l => Assert.True(l.Code.Length > 50_000, $"{l.Name} is {l.Code.Length} characters"));
        Assert.All(libraries, l => Assert.Matches(@"^\d+\.\d+\.\d+", l.Version));
        Assert.All(libraries, l => Assert.DoesNotContain("sourceMappingURL", l.Code, StringComparison.Ordinal));
        Assert.All(libraries, l => Assert.DoesNotContain("</script", l.Code, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_report_loads_nothing_from_a_url()
    {
        var html = Compared.Value;

        // Scripts are inline (no src); outside them no element that could fetch; links only to the page's own sections.
        var scripts = ScriptTag().Matches(html);
        Assert.Equal(3 + HtmlReport.ChartIds.Length + 1, scripts.Count);
        Assert.All(scripts, tag => Assert.DoesNotContain("src", tag.Value, StringComparison.OrdinalIgnoreCase));
        foreach (Match tag in ElementTag().Matches(WithoutScripts(html)))
            Assert.Equal("script", tag.Groups["tag"].Value, ignoreCase: true);

        foreach (Match attribute in UrlAttribute().Matches(WithoutScripts(html)))
            Assert.StartsWith("#", attribute.Groups["url"].Value, StringComparison.Ordinal);

        var style = html[html.IndexOf("<style>", StringComparison.Ordinal)..html.IndexOf("</style>", StringComparison.Ordinal)];
        Assert.DoesNotContain("url(", style, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", style, StringComparison.Ordinal);
        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';", html, StringComparison.Ordinal);

        // The charts' data are inline: no spec names a URL anywhere.
        foreach (var (id, spec) in ReportFixture.Specs(html))
            Assert.False(NamesUrl(spec), $"{id} has a url");
    }

    [Fact]
    public void User_text_appears_only_escaped_in_the_page_and_reads_back_exactly_from_the_chart_data()
    {
        const string hostile = "<script>alert(1)</script> & \"co\" 'x'";
        var shipped = ShippedScenarios.Find("delury-engagement")!.Text;
        var yaml = Regex.Replace(shipped, "^name: .*$", "name: " + JsonSerializer.Serialize(hostile), RegexOptions.Multiline);
        yaml = yaml.Replace("    source: judgement;", "    source: <b>judgement</b> & co;", StringComparison.Ordinal);
        Assert.NotEqual(shipped, yaml);
        var game = GameFixture.Compile(yaml);
        Assert.Equal(hostile, game.Scenario.Name);

        var html = ReportFixture.Render(ReportFixture.Run(200, GameFixture.Shipped("maximum-pressure"), game));

        Assert.DoesNotContain("alert(1)</script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>judgement", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" & \"co\"", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(hostile), WithoutScripts(html), StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;judgement&lt;/b&gt; &amp; co;", html, StringComparison.Ordinal);
        // Exactly the page's own scripts: three libraries, one spec per chart, the bootstrap.
        Assert.Equal(3 + HtmlReport.ChartIds.Length + 1, ScriptOpening().Matches(html).Count);

        // In the JSON blocks the text is escaped for a script element, and JSON.parse gives it back unchanged.
        foreach (var (id, spec) in ReportFixture.Specs(html))
        {
            var strategies = ReportFixture.Values(spec).Select(v => v.GetProperty("strategy").GetString()).ToHashSet();
            Assert.True(strategies.Contains(hostile) || id == "comparison" && strategies.Single() == hostile, id);
        }

        Assert.Contains("\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E \\u0026", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Script_json_escapes_every_character_that_could_end_a_script_element()
    {
        var text = HtmlReport.ScriptJson(new System.Text.Json.Nodes.JsonObject { ["t"] = "</script><!-- & '" });

        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
        Assert.DoesNotContain(">", text, StringComparison.Ordinal);
        Assert.DoesNotContain("&", text, StringComparison.Ordinal);
        Assert.Equal("</script><!-- & '", JsonDocument.Parse(text).RootElement.GetProperty("t").GetString());
    }

    /// <summary>The page without its script elements' content (the libraries' own strings are not the page's markup).</summary>
    private static string WithoutScripts(string html) => Regex.Replace(html, "<script\\b[^>]*>.*?</script>", "<script></script>", RegexOptions.Singleline);

    private static bool NamesUrl(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().Any(p => p.Name is "url" or "$schema" || NamesUrl(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Any(NamesUrl),
        JsonValueKind.String => e.GetString()!.Contains("://", StringComparison.Ordinal),
        _ => false,
    };
}
