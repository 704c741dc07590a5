using System.Net;
using System.Text.Json;
using Statecraft.Documents;
using Statecraft.Scenarios;

namespace Statecraft.Tests.Web;

/// <summary>POST /api/outline: the fields the page's form edits, located exactly where the text writes them.</summary>
public sealed class WebOutlineTests
{
    [Fact]
    public async Task The_outline_of_a_shipped_scenario_locates_every_step_and_verification_at_its_text()
    {
        var yaml = ShippedScenarios.Find("maximum-pressure")!.Text;
        await using var server = await WebServer.StartAsync();
        var response = await server.PostJson("/api/outline", new { yaml });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outline = await WebServer.Json(response);
        Assert.True(outline.GetProperty("parsed").GetBoolean());
        var fields = outline.GetProperty("fields").EnumerateArray().ToList();

        var lines = yaml.Split('\n');
        foreach (var field in fields)
        {
            var line = lines[field.GetProperty("line").GetInt32() - 1];
            var written = line.Substring(field.GetProperty("column").GetInt32() - 1, field.GetProperty("length").GetInt32());
            if (field.GetProperty("style").GetString() == "plain")
                Assert.Equal(field.GetProperty("value").GetString(), written);
        }

        // The scenario's nine steps, each with its verification, in the order written, with their vocabularies.
        var scenario = ScenarioLoader.Parse(yaml, "maximum-pressure.yaml", Statecraft.Sanctions.Catalog.Korea).Scenario!;
        var demands = scenario.Roadmap.Phases.SelectMany(p => p.Steps).ToList();
        var steps = fields.Where(f => f.GetProperty("path").GetString()!.EndsWith(".step", StringComparison.Ordinal)).ToList();
        var levels = fields.Where(f => f.GetProperty("path").GetString()!.EndsWith(".verification", StringComparison.Ordinal)).ToList();
        Assert.Equal(demands.Select(d => YamlName.Of(d.Step)), steps.Select(f => f.GetProperty("value").GetString()));
        Assert.Equal(demands.Select(d => YamlName.Of(d.Verification)), levels.Select(f => f.GetProperty("value").GetString()));
        Assert.Equal("roadmap.phases[0].steps[1].verification", levels[1].GetProperty("path").GetString());
        Assert.All(steps, f => Assert.Equal(YamlName<Step>.All, Choices(f)));
        Assert.All(levels, f => Assert.Equal(YamlName<Verification>.All, Choices(f)));
        Assert.Contains("no_provocation", fields.Where(f => f.GetProperty("path").GetString()!.Contains(".conditions[", StringComparison.Ordinal)).Select(f => f.GetProperty("value").GetString()));
        Assert.Contains(fields, f => f.GetProperty("path").GetString()!.EndsWith(".incentives[0].kind", StringComparison.Ordinal) && f.GetProperty("value").GetString() == "sanctions_relief");
        Assert.Equal(JsonValueKind.Null, fields.Single(f => f.GetProperty("path").GetString() == "roadmap.phases[0].name").GetProperty("choices").ValueKind);
    }

    [Fact]
    public async Task Text_that_is_not_yaml_has_no_fields_and_says_where_it_breaks()
    {
        await using var server = await WebServer.StartAsync();
        var response = await server.PostJson("/api/outline", new { yaml = "roadmap:\n  phases: [\n    - name: x\n  bad: : :\n" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outline = await WebServer.Json(response);
        Assert.False(outline.GetProperty("parsed").GetBoolean());
        Assert.Equal(0, outline.GetProperty("fields").GetArrayLength());
        var error = outline.GetProperty("diagnostics")[0];
        Assert.Equal("error", error.GetProperty("severity").GetString());
        Assert.True(error.GetProperty("line").GetInt32() >= 1);
    }

    [Fact]
    public async Task A_quoted_phase_name_covers_its_quotes()
    {
        const string Yaml = "roadmap:\n  phases:\n    - name: \"Phase 1: freeze\"  # why\n      steps: [test_moratorium]\n";
        await using var server = await WebServer.StartAsync();
        var fields = (await WebServer.Json(await server.PostJson("/api/outline", new { yaml = Yaml }))).GetProperty("fields");
        var name = fields[0];
        Assert.Equal("Phase 1: freeze", name.GetProperty("value").GetString());
        Assert.Equal("double_quoted", name.GetProperty("style").GetString());
        Assert.Equal("\"Phase 1: freeze\"", Yaml.Split('\n')[2].Substring(name.GetProperty("column").GetInt32() - 1, name.GetProperty("length").GetInt32()));
        Assert.Equal("roadmap.phases[0].steps[0].step", fields[1].GetProperty("path").GetString());
    }

    [Fact]
    public async Task An_empty_value_is_left_to_the_text_and_an_unknown_one_is_listed_as_written()
    {
        const string Yaml = "roadmap:\n  phases:\n    - name: one\n      steps:\n        - step: test_moratorium\n          verification:\n        - step: inspections\n          verification: satellites\n";
        await using var server = await WebServer.StartAsync();
        var fields = (await WebServer.Json(await server.PostJson("/api/outline", new { yaml = Yaml }))).GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(
            ["roadmap.phases[0].name", "roadmap.phases[0].steps[0].step", "roadmap.phases[0].steps[1].step", "roadmap.phases[0].steps[1].verification"],
            fields.Select(f => f.GetProperty("path").GetString()));
        Assert.Equal("satellites", fields[3].GetProperty("value").GetString());
        Assert.Equal(8, fields[3].GetProperty("line").GetInt32());
        Assert.Equal(25, fields[3].GetProperty("column").GetInt32());
    }

    private static List<string> Choices(JsonElement field) => [.. field.GetProperty("choices").EnumerateArray().Select(c => c.GetString()!)];
}
