using System.Globalization;
using System.Text.RegularExpressions;
using Statecraft.Documents;
using Statecraft.Sanctions;
using Statecraft.Scenarios;
using Statecraft.Tests.Cli;

namespace Statecraft.Tests;

/// <summary>Docs that state facts about the code must agree with it; examples must work as written.</summary>
public sealed partial class DocsTests
{
    [GeneratedRegex("```yaml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex Number();

    [Fact]
    public void Every_complete_scenario_example_in_the_format_doc_validates()
    {
        var doc = File.ReadAllText(Repository.PathOf("docs/scenario-format.md"));
        var examples = YamlBlock().Matches(doc).Select(m => m.Groups[1].Value)
            .Where(y => y.Contains("\nroadmap:", StringComparison.Ordinal) && y.Contains("name:", StringComparison.Ordinal) && !y.Contains("error", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.NotEmpty(examples);
        Assert.All(examples, y =>
        {
            var load = ScenarioLoader.Parse(y, "docs/scenario-format.md", Catalog.Korea);
            Assert.True(load.Diagnostics.Count == 0, string.Join('\n', load.Diagnostics));
        });
    }

    [Fact]
    public void The_actor_defaults_in_model_md_are_the_ones_the_code_uses()
    {
        var doc = File.ReadAllLines(Repository.PathOf("docs/model.md"));
        foreach (var spec in ActorParameterSpec.All)
        {
            var row = doc.Single(l => l.StartsWith($"| `{spec.Name}` |", StringComparison.Ordinal));
            var cells = row.Split('|', StringSplitOptions.TrimEntries);
            var actors = cells[2].Split(',', StringSplitOptions.TrimEntries);
            var values = Number().Matches(cells[3]).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(spec.Defaults.Keys.Select(YamlName.Of).Order(), actors.Order());
            for (var i = 0; i < actors.Length; i++)
            {
                YamlName<ActorId>.TryParse(actors[i], out var actor);
                Assert.Equal(spec.Defaults[actor], values.Count == 1 ? values[0] : values[i], 3);
            }
        }
    }

    [Fact]
    public void The_README_test_command_is_what_CI_runs()
    {
        var ci = File.ReadAllText(Repository.PathOf(".ci/run"));
        var readme = File.ReadAllText(Repository.PathOf("README.md"));

        Assert.Contains("\ndotnet test\n", ci, StringComparison.Ordinal);
        Assert.Contains("dotnet test ", readme, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project src/Statecraft.Cli -- run", readme, StringComparison.Ordinal);
    }
}
