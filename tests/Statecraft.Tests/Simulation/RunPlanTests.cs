using Statecraft.Documents;
using Statecraft.Negotiation;
using Statecraft.Scenarios;
using Statecraft.Simulation;
using Statecraft.Tests.Cli;
using Statecraft.Tests.Negotiation;
using Statecraft.Tests.Scenarios;

namespace Statecraft.Tests.Simulation;

/// <summary>
/// Preparing a run (<see cref="RunPlan.Prepare"/>) and what comparing under one world means: a row of the matrix differs
/// only in the roadmaps, a column only in the world.
/// </summary>
public sealed class RunPlanTests
{
    private static readonly SimulationSettings Settings = new(1500, 20180918, 2);

    private static InputText Roadmap(string name) => new(ShippedScenarios.Find(name)!.Path, ShippedScenarios.Find(name)!.Text);

    private static InputText World(string name) => new(ShippedWorlds.PathOf(name), ShippedWorlds.FindFile(name)!.Text);

    private static InputText OldForm(string name) =>
        new($"old/{name}.yaml", File.ReadAllText(Repository.PathOf($"tests/Statecraft.Tests/Scenarios/old-form/{name}.yaml")));

    private static PreparedRun Prepared(RunPlan plan)
    {
        var p = plan.Prepare();
        Assert.True(p.IsValid, string.Join("\n", p.Diagnostics));
        return p.Run!;
    }

    [Fact]
    public void A_roadmap_compared_with_itself_under_one_world_differs_by_exactly_zero()
    {
        var run = Prepared(new RunPlan([Roadmap("delury-engagement"), Roadmap("delury-engagement")], [World("china-lax")], []));

        var result = MonteCarlo.Run(run.First, Settings);

        var d = result.Strategies[1].VersusFirst!;
        Assert.All(new[] { d.Complete, d.Breakdown, d.HighestStep }.Concat(d.End), x =>
        {
            // Inclusiveness is paired only where it is defined for both, so its count may be smaller.
            Assert.InRange(x.Count, Settings.Runs / 2, Settings.Runs);
            Assert.Equal(0.0, x.Mean);
            Assert.Equal(0.0, x.ExactSquares.Value);
        });
    }

    [Fact]
    public void Two_worlds_with_one_roadmap_differ_only_on_the_trajectories_where_the_world_changes_a_draw()
    {
        // reformer-reading differs from the baseline in the type prior alone, so on the same draws a trajectory whose
        // uniform gives the same type under both priors plays the same game, quarter for quarter.
        var run = Prepared(new RunPlan([Roadmap("delury-engagement")], [World("baseline-2018"), World("reformer-reading")], []));
        var baseline = run.Games[0][0];
        var reformer = run.Games[1][0];
        int same = 0, changed = 0, moved = 0;
        for (long k = 0; k < 400; k++)
        {
            var (a, drawA, _) = GameFixture.Play(baseline, k, Settings.Seed);
            var (b, drawB, _) = GameFixture.Play(reformer, k, Settings.Seed);
            if (drawA.Type == drawB.Type)
            {
                same++;
                Assert.Equal(a.Outcome.GdpPath, b.Outcome.GdpPath);
                Assert.Equal(a.Outcome.StepQuarter, b.Outcome.StepQuarter);
                Assert.Equal((a.Outcome.BreakdownQuarter, a.Outcome.HouseholdIncomeIndex), (b.Outcome.BreakdownQuarter, b.Outcome.HouseholdIncomeIndex));
            }
            else
            {
                changed++;
                if (!a.Outcome.GdpPath.SequenceEqual(b.Outcome.GdpPath)) moved++;
            }
        }

        // Both kinds occur (u below 1/3 is a reformer under both priors, u from 2/3 to 0.9 a staller under one and a
        // hedger under the other), and a changed type does change what happens.
        Assert.InRange(same, 100, 300);
        Assert.InRange(changed, 100, 300);
        Assert.True(moved > changed / 2, $"{moved} of {changed}");
    }

    [Fact]
    public void A_column_of_the_matrix_is_the_roadmap_simulated_alone_under_that_world_and_the_difference_is_the_worlds()
    {
        var matrix = Prepared(new RunPlan([Roadmap("relief-only"), Roadmap("cnas-conditional-development")], [World("baseline-2018"), World("china-strict")], []));
        var alone = Prepared(new RunPlan([Roadmap("cnas-conditional-development")], [World("china-strict")], []));

        var inMatrix = MonteCarlo.Run(matrix.Games[1], Settings).Strategies[1].Summary;
        var single = MonteCarlo.Run(alone.First, Settings).Strategies[0].Summary;
        var underBaseline = MonteCarlo.Run(matrix.Games[0], Settings).Strategies[1].Summary;

        Assert.Equal(single.Complete, inMatrix.Complete);
        Assert.Equal(single.Breakdowns, inMatrix.Breakdowns);
        Assert.Equal(single.End[(int)Metric.GdpIndex].Mean, inMatrix.End[(int)Metric.GdpIndex].Mean);
        // Stricter Chinese enforcement stops more of the North's sanctioned trade: a lower GDP index on the same draws.
        Assert.True(inMatrix.End[(int)Metric.GdpIndex].Mean < underBaseline.End[(int)Metric.GdpIndex].Mean);
    }

    [Fact]
    public void Every_roadmap_of_a_run_is_played_with_the_worlds_beliefs_and_none_of_its_own()
    {
        var run = Prepared(new RunPlan([OldForm("delury-engagement"), OldForm("maximum-pressure")], [World("china-lax")], []));

        foreach (var g in run.First)
        {
            static IEnumerable<string> Parameters(IEnumerable<ActorSettings> actors) =>
                actors.SelectMany(a => a.Parameters.Select(p => $"{a.Actor}.{p.Key}={p.Value}")).Order(StringComparer.Ordinal);
            Assert.Equal(Parameters(ShippedWorlds.Find("china-lax")!.Actors), Parameters(g.Scenario.Actors));
            Assert.Equal(0.5, g.Scenario.Assumptions.Single(a => a.Name == "china_enforcement").Distribution.Central, 12);
            Assert.DoesNotContain(g.Scenario.Assumptions, a => a.Name is "china_enforcement_relaxed" or "china_enforcement_pressed");
            Assert.Equal(1.0 / 3, g.TypePrior[(int)NorthType.Reformer], 12);
        }
    }

    [Fact]
    public void An_old_file_under_a_world_plays_bit_for_bit_as_its_split_roadmap_does()
    {
        var old = Prepared(new RunPlan([OldForm("relief-only"), OldForm("kaesong-quick-hit")], [], []));
        var split = Prepared(new RunPlan([Roadmap("relief-only"), Roadmap("kaesong-quick-hit")], [], []));

        var a = Output.SimulationOutput.ToJson(MonteCarlo.Run(old.First, Settings));
        var b = Output.SimulationOutput.ToJson(MonteCarlo.Run(split.First, Settings));

        // Only the paths the files are known by differ.
        Assert.Equal(b.ToJsonString().Replace("scenarios/", "old/", StringComparison.Ordinal), a.ToJsonString());
    }

    [Fact]
    public void Roadmaps_whose_embedded_worlds_differ_are_refused_under_the_embedded_world()
    {
        var p = new RunPlan([OldForm("relief-only"), OldForm("delury-engagement")], [], []) { Embedded = true }.Prepare();

        Assert.False(p.IsValid);
        var d = Assert.Single(p.Diagnostics, x => x.Severity == Severity.Error);
        Assert.Equal("old/delury-engagement.yaml", d.Location.Path);
        Assert.True(d.Location.Line > 0);
        Assert.Contains("comparing them would pair beliefs, not strategies", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Roadmaps_that_embed_the_same_beliefs_are_played_under_them_with_the_embedded_world()
    {
        var p = Prepared(new RunPlan([OldForm("relief-only"), OldForm("pyongyang-declaration-2018")], [], []) { Embedded = true });

        Assert.True(p.Worlds.Single().IsEmbedded);
        Assert.All(p.First, g => Assert.Equal(new BetaDistribution(7, 3), g.Scenario.Assumptions.Single(a => a.Name == "china_enforcement").Distribution));
    }

    [Fact]
    public void A_start_the_economy_cannot_play_is_a_located_error_not_an_exception()
    {
        var text = ShippedScenarios.Find("relief-only")!.Text.Replace("start: 2018Q4", "start: 2015Q2", StringComparison.Ordinal);
        var line = text.Split('\n').ToList().FindIndex(l => l.StartsWith("start:", StringComparison.Ordinal)) + 1;

        var p = new RunPlan([new InputText("early.yaml", text)], [], []).Prepare();

        Assert.False(p.IsValid);
        var d = Assert.Single(p.Diagnostics, x => x.Severity == Severity.Error);
        Assert.Equal(new SourceLocation("early.yaml", line, 8), d.Location);
        Assert.Contains("start 2015Q2 is before 2016Q1", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_worlds_game_values_are_played_and_a_set_change_overrides_them()
    {
        var world = """
            format: statecraft-world/1
            name: High bar
            game:
              hanoi_ratio: 0.9
              reask_quarters: 6
            """;
        var run = Prepared(new RunPlan([Roadmap("relief-only")], [new InputText("high.yaml", world)], ["hanoi_ratio=0.3"]));

        Assert.Equal(0.3, run.Parameters[0].HanoiRatio);
        Assert.Equal(6, run.Parameters[0].ReaskQuarters);
        Assert.Equal(0.3, run.Changes.HanoiRatio);
        Assert.Equal(GameAssumptions.Defaults.ReaskQuarters, run.Changes.ReaskQuarters);
    }

    [Fact]
    public void Bad_set_changes_and_a_world_named_twice_are_diagnostics()
    {
        var p = new RunPlan([Roadmap("relief-only")], [World("china-lax"), World("china-lax")], ["hanoi_ratio", "hanoi_ration=0.3", "hanoi_ratio=9"]).Prepare();

        Assert.False(p.IsValid);
        Assert.Contains(p.Diagnostics, d => d.Location == GameAssumptions.SetOption && d.Message.Contains("takes NAME=VALUE", StringComparison.Ordinal));
        Assert.Contains(p.Diagnostics, d => d.Message.Contains("did you mean 'hanoi_ratio'?", StringComparison.Ordinal));
        Assert.Contains(p.Diagnostics, d => d.Message.Contains("outside its range", StringComparison.Ordinal));
        Assert.Contains(p.Diagnostics, d => d.Message.Contains("world 'china-lax' is given twice", StringComparison.Ordinal));
    }

    [Fact]
    public void A_world_name_that_is_neither_shipped_nor_a_file_lists_the_valid_choices()
    {
        Assert.Null(RunPlan.WorldText("china-lox", out var problem));

        Assert.Contains("did you mean 'china-lax'?", problem!.Message, StringComparison.Ordinal);
        Assert.Contains("baseline-2018", problem.Message, StringComparison.Ordinal);
        Assert.Contains(RunPlan.EmbeddedWorld, problem.Message, StringComparison.Ordinal);
    }
}
