using System.Collections.Immutable;
using Statecraft.Analysis;
using Statecraft.Scenarios;
using Statecraft.Simulation;
using Statecraft.Tests.Negotiation;

namespace Statecraft.Tests.Analysis;

public class TrajectorySampleTests
{
    private static readonly ImmutableArray<Outcome> All = Outcomes.All;

    [Fact]
    public void A_variant_with_nothing_fixed_gives_the_figures_simulate_reports_on_the_same_trajectories()
    {
        var g = GameFixture.Shipped("delury-engagement");
        const int runs = 600;
        var summary = MonteCarlo.Run([g], new SimulationSettings(runs, 31, 2)).Strategies[0].Summary;
        var columns = TrajectorySample.Evaluate([Variant.Of(g)], new TrajectoryWindow(31, 0, runs), All, 2)[0];
        Assert.Equal(Outcomes.Of(summary, Outcome.PComplete), columns.Mean(All.IndexOf(Outcome.PComplete)));
        Assert.Equal(Outcomes.Of(summary, Outcome.PBreakdown), columns.Mean(All.IndexOf(Outcome.PBreakdown)));
        Assert.Equal(Outcomes.Of(summary, Outcome.HighestStep), columns.Mean(All.IndexOf(Outcome.HighestStep)), 12);
        foreach (var o in new[] { Outcome.GdpIndex, Outcome.Inclusiveness, Outcome.RegimeRevenueBusd })
        {
            var expected = Outcomes.Of(summary, o);
            Assert.Equal(expected, columns.Mean(All.IndexOf(o)), Math.Abs(expected) * 1e-12);
        }
    }

    [Fact]
    public void Holding_an_assumption_fixed_is_the_scenario_with_that_assumption_written_as_a_point_value()
    {
        var g = GameFixture.Shipped("delury-engagement");
        var index = g.Assumptions.IndexOf(g.Assumptions.Single(a => a.Name == "china_enforcement"));
        var pointed = g.Scenario with
        {
            Assumptions = g.Assumptions.SetItem(index, g.Assumptions[index] with { Distribution = new PointValue(0.9) }),
        };
        var written = Statecraft.Negotiation.GameCompiler.Compile(pointed);
        var window = new TrajectoryWindow(5, 100, 203);
        var results = TrajectorySample.Evaluate(
            [new Variant(g, [(index, 0.9)]), Variant.Of(written), Variant.Of(g)], window, All, 1);
        for (var k = 0; k < All.Length; k++) Assert.Equal(results[1].Column(k), results[0].Column(k));
        // And the fixed value matters: the free draw gives other outcomes on some trajectory.
        Assert.NotEqual(results[2].Column(All.IndexOf(Outcome.GdpIndex)), results[0].Column(All.IndexOf(Outcome.GdpIndex)));
    }

    [Fact]
    public void Columns_do_not_depend_on_the_thread_count()
    {
        var g = GameFixture.Shipped("cnas-conditional-development");
        var space = new FactorSpace(g.Scenario);
        var variants = space.Factors.Take(6).Select(f => space.At(f, f.High)).ToList();
        var window = new TrajectoryWindow(9, 0, 90);
        var one = TrajectorySample.Evaluate(variants, window, Outcomes.Key, 1);
        var three = TrajectorySample.Evaluate(variants, window, Outcomes.Key, 3);
        for (var v = 0; v < variants.Count; v++)
            for (var k = 0; k < Outcomes.Key.Length; k++) Assert.Equal(one[v].Column(k), three[v].Column(k));
    }
}
