using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Tests.Scenarios;

public class ScenarioWriterTests
{
    public static TheoryData<string> Shipped() => [.. ShippedScenarios.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Shipped))]
    public void A_shipped_scenario_written_back_reads_as_the_same_scenario_with_no_new_diagnostics(string name)
    {
        var shipped = ShippedScenarios.Find(name)!;
        var original = ScenarioLoader.Parse(shipped.Text, shipped.Path, Catalog.Korea);
        var text = ScenarioWriter.Write(original.Scenario!, Catalog.Korea, ["written by a test"]);
        var again = ScenarioLoader.Parse(text, "written.yaml", Catalog.Korea);
        Assert.True(again.IsValid, string.Join("\n", again.Diagnostics) + "\n" + text);
        Assert.Equal(original.Diagnostics.Select(d => d.Message), again.Diagnostics.Select(d => d.Message));
        Assert.Empty(ScenarioEquality.Differences(original.Scenario, again.Scenario));
        // The comparison is not blind: a changed note is seen.
        var changed = again.Scenario! with { Roadmap = again.Scenario.Roadmap with { Note = "other" } };
        Assert.NotEmpty(ScenarioEquality.Differences(original.Scenario, changed));
    }

    [Fact]
    public void Notes_texts_and_odd_values_survive_a_round_trip()
    {
        const string yaml = """
            name: "Odd: texts # and \"quotes\""
            description: >
              A long folded description that goes on for a while so that the writer has to wrap it over more than one
              line of the file, with a colon: here.
            start: 2018Q4
            horizon_quarters: 12
            assumptions:
              tiny: 0.00001
              spread:
                distribution: normal
                mean: -3.5
                sd: 1e-3
                bounds: [-10, 10]
            actors:
              north_korea:
                type_prior: {reformer: 0.5, hedger: 0.5}
                note: "yes"
              russia:
            sanctions:
              baseline: none
              add: [UNSC-2397-7, UNSC-1718-8A]
              note: two measures only
            roadmap:
              note: "line one\nline two"
              phases:
                - name: true
                  note: "  leading spaces"
                  steps:
                    - step: test_moratorium
                      note: a step note
                  conditions: [snapback_on_cheating]
                  incentives:
                    - id: aid
                      kind: humanitarian_aid
                      amount_musd_per_year: 12.5
                      sequencing: {after_quarters: 3}
            """;
        var original = ScenarioLoader.Parse(yaml, "odd.yaml", Catalog.Korea);
        Assert.True(original.IsValid, string.Join("\n", original.Diagnostics));
        var text = ScenarioWriter.Write(original.Scenario!, Catalog.Korea);
        var again = ScenarioLoader.Parse(text, "odd.yaml", Catalog.Korea);
        Assert.True(again.IsValid, string.Join("\n", again.Diagnostics) + "\n" + text);
        Assert.Empty(ScenarioEquality.Differences(original.Scenario, again.Scenario));
        Assert.Equal("line one\nline two", again.Scenario!.Roadmap.Note);
        Assert.Equal("a step note", again.Scenario.Roadmap.Phases[0].Steps[0].Note);
        Assert.Equal(2, again.Scenario.SanctionsInForce.Length);
    }

    [Fact]
    public void Leading_comments_are_the_comment_lines_before_the_first_key()
    {
        Assert.Equal(["Title", "", "more"], ScenarioWriter.LeadingComments("# Title\n#\n# more\nname: x\n# later\n"));
    }
}
