using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Statecraft.Feasibility;
using Statecraft.Negotiation;
using Statecraft.Reports;
using Statecraft.Sanctions;
using Statecraft.Simulation;
using Statecraft.Tests.Negotiation;

namespace Statecraft.Tests.Reports;

/// <summary>Small runs rendered as reports, and the chart specs read back out of the HTML.</summary>
internal static partial class ReportFixture
{
    [GeneratedRegex("<script type=\"application/json\" id=\"spec-(?<id>[^\"]+)\" data-chart=\"(?<chart>[^\"]+)\">(?<json>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex SpecBlock();

    public static SimulationResult Run(int runs, params CompiledGame[] games) => GameFixture.Run(runs, games);

    public static string Render(SimulationResult result, string command = "compare") => HtmlReport.Render(new ReportContents(
        command, "test", result, [.. result.Strategies.Select(s => FeasibilityCheck.Run(s.Game.Scenario, Catalog.Korea))]));

    /// <summary>Every chart spec in the page by chart id, parsed with System.Text.Json (a block that is not JSON fails the test).</summary>
    public static ImmutableDictionary<string, JsonElement> Specs(string html)
    {
        var specs = ImmutableDictionary.CreateBuilder<string, JsonElement>();
        foreach (Match m in SpecBlock().Matches(html))
        {
            Assert.Equal(m.Groups["id"].Value, m.Groups["chart"].Value);
            using var doc = JsonDocument.Parse(m.Groups["json"].Value);
            specs.Add(m.Groups["id"].Value, doc.RootElement.Clone());
        }

        return specs.ToImmutable();
    }

    /// <summary>The rows a spec draws (its inline data).</summary>
    public static List<JsonElement> Values(JsonElement spec) => [.. spec.GetProperty("data").GetProperty("values").EnumerateArray()];
}
