using System.Globalization;
using System.Text.RegularExpressions;
using Statecraft.Documents;
using Statecraft.Economy;
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
    public void Every_complete_world_example_in_the_format_doc_loads_without_diagnostics()
    {
        var doc = File.ReadAllText(Repository.PathOf("docs/scenario-format.md"));
        var examples = YamlBlock().Matches(doc).Select(m => m.Groups[1].Value)
            .Where(y => y.Contains(ScenarioLoader.WorldFormatTag, StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(examples);
        Assert.All(examples, y =>
        {
            var load = ScenarioLoader.ParseWorld(y, "docs/scenario-format.md");
            Assert.True(load.IsValid, string.Join('\n', load.Diagnostics));
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

    /// <summary>
    /// The named-assumption table in model.md has one row per assumption, and each default is written
    /// exactly as <c>double.ToString(CultureInfo.InvariantCulture)</c> prints it (the shortest decimal
    /// that is the code's value); the range is compared to nine decimals.
    /// </summary>
    [Fact]
    public void Every_economy_assumption_is_in_model_md_with_the_default_the_code_uses()
    {
        var rows = TableRows("docs/model.md", "| name | default | low | high | unit | basis |");
        Assert.Equal(EconomyAssumptions.All.Select(a => $"`{a.Name}`").Order(), rows.Select(r => r[1]).Order());
        foreach (var assumption in EconomyAssumptions.All)
        {
            var cells = rows.Single(r => r[1] == $"`{assumption.Name}`");
            Assert.True(assumption.Default.ToString(CultureInfo.InvariantCulture) == cells[2],
                $"{assumption.Name}: model.md says {cells[2]}, the code {assumption.Default.ToString(CultureInfo.InvariantCulture)}");
            Assert.Equal(assumption.Low, double.Parse(cells[3], CultureInfo.InvariantCulture), 9);
            Assert.Equal(assumption.High, double.Parse(cells[4], CultureInfo.InvariantCulture), 9);
            Assert.Equal(assumption.Unit, cells[5]);
        }
    }

    /// <summary>Every row of the compiler's bite table is in model.md with its intensity (to three decimals) and phase-in.</summary>
    [Fact]
    public void Every_measure_bite_is_in_model_md_with_its_intensity_and_phase_in()
    {
        var rows = TableRows("docs/model.md", "| measure | activity | intensity | phase-in (quarters) | what it is | basis |");
        Assert.Equal(InstrumentCompiler.Bites.Length, rows.Count);
        foreach (var bite in InstrumentCompiler.Bites)
        {
            var cells = rows.Single(r => r[1] == $"`{bite.MeasureId}`" && r[2] == $"`{bite.Activity}`");
            Assert.Equal(bite.Intensity, double.Parse(cells[3], CultureInfo.InvariantCulture), 3);
            Assert.Equal(bite.PhaseInQuarters, int.Parse(cells[4], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Model_md_names_every_export_line_import_category_sector_and_partner()
    {
        var doc = File.ReadAllText(Repository.PathOf("docs/model.md"));
        var names = Enum.GetValues<ExportLine>().Select(Names.Of)
            .Concat(Enum.GetValues<ImportCategory>().Select(Names.Of))
            .Concat(Enum.GetValues<Sector>().Select(Names.Of))
            .Concat(Enum.GetValues<Partner>().Select(Names.Of));
        Assert.All(names, name => Assert.Contains($"`{name}`", doc, StringComparison.Ordinal));
    }

    [Fact]
    public void The_enforcement_paths_and_border_closures_in_model_md_are_the_ones_the_code_uses()
    {
        var timeline = HistoricalTimeline.Korea();
        var enforcement = TableRows("docs/model.md", "| partner | from | default | low | high | basis |");
        var segments = timeline.Enforcement.SelectMany(path => path.Segments.Select(segment => (path.Partner, Segment: segment))).ToList();
        Assert.Equal(segments.Count, enforcement.Count);
        foreach (var (partner, segment) in segments)
        {
            var cells = enforcement.Single(r => r[1] == Names.Of(partner) && r[2] == segment.From.ToString());
            Assert.Equal(segment.Value, double.Parse(cells[3], CultureInfo.InvariantCulture), 9);
            Assert.Equal(segment.Low, double.Parse(cells[4], CultureInfo.InvariantCulture), 9);
            Assert.Equal(segment.High, double.Parse(cells[5], CultureInfo.InvariantCulture), 9);
        }

        var closures = TableRows("docs/model.md", "| from | until | intensity `c` | basis |");
        Assert.Equal(timeline.BorderClosures.Length, closures.Count);
        foreach (var closure in timeline.BorderClosures)
        {
            var cells = closures.Single(r => r[1] == closure.From.ToString() && r[2] == closure.Until.ToString());
            Assert.Equal(closure.Intensity, double.Parse(cells[3], CultureInfo.InvariantCulture), 9);
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

    /// <summary>The cells of each row of the Markdown table whose header line is <paramref name="header"/> (cell 0 is the empty text before the first bar).</summary>
    private static List<string[]> TableRows(string relativePath, string header)
    {
        var lines = File.ReadAllLines(Repository.PathOf(relativePath));
        var start = Array.FindIndex(lines, l => l == header);
        Assert.True(start >= 0, $"{relativePath} has no table headed '{header}'");
        return lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries)).ToList();
    }
}
