using System.Collections.Immutable;
using Statecraft.Analysis;
using Statecraft.Negotiation;
using Statecraft.Scenarios;
using Statecraft.Simulation;
using Statecraft.Tests.Negotiation;

namespace Statecraft.Tests.Analysis;

public class TornadoTests
{
    private static readonly ImmutableArray<Outcome> Key = Outcomes.Key;

    [Fact]
    public void Factors_are_every_uncertain_assumption_and_none_that_cannot_vary()
    {
        var g = GameFixture.Shipped("delury-engagement");
        var space = new FactorSpace(g.Scenario);
        // The roadmap's two uncertain amounts and the baseline world's uncertain enforcement, then every game and economy
        // assumption with a range wider than a point.
        Assert.Equal(["rail_road_spend", "sez_support_spend", "china_enforcement"], space.Factors.Where(f => f.Family == FactorFamily.Scenario).Select(f => f.Name));
        Assert.Equal(GameAssumptions.All.Count(a => a.High > a.Low), space.Factors.Count(f => f.Family == FactorFamily.Game));
        Assert.Equal(Statecraft.Economy.EconomyAssumptions.All.Count(a => a.High > a.Low), space.Factors.Count(f => f.Family == FactorFamily.Economy));
        Assert.DoesNotContain(space.Factors, f => f.Name == "detection.none");
        Assert.All(space.Factors, f => Assert.True(f.Low < f.High, f.Name));
    }

    [Theory]
    [InlineData("beta", "distribution: beta\n    alpha: 5\n    beta: 2\n    bounds: [0.2, 1]")]
    [InlineData("triangular", "distribution: triangular\n    low: 10\n    mode: 100\n    high: 600")]
    [InlineData("normal", "distribution: normal\n    mean: 1\n    sd: 2\n    bounds: [0, 10]")]
    [InlineData("lognormal", "distribution: lognormal\n    meanlog: 3\n    sdlog: 0.5")]
    [InlineData("uniform", "distribution: uniform\n    low: -2\n    high: 5")]
    public void A_scenario_assumptions_ends_are_the_5th_and_95th_percentiles_of_what_simulate_draws(string name, string block)
    {
        var yaml = $"""
            format: statecraft/1
            name: quantiles
            start: 2018Q4
            horizon_quarters: 4
            assumptions:
              x:
                {block}
                source: test
            roadmap:
              phases:
                - name: one
                  steps:
                    - step: test_moratorium
                      verification: national_technical_means
            """;
        var scenario = GameFixture.Load(yaml);
        var a = scenario.Assumptions.Single();
        // Draw as simulate does (redrawn within the bounds) and compare the sample's percentiles with the quantile function.
        var draws = Enumerable.Range(0, 40_000).Select(i => Sampling.Draw(a, new StreamRandom(77).Derive((ulong)i))).ToList();
        var spread = Simulation.Reference.TypeSeven(draws, 0.99) - Simulation.Reference.TypeSeven(draws, 0.01);
        foreach (var p in new[] { 0.05, 0.5, 0.95 })
            Assert.True(Math.Abs(Simulation.Reference.TypeSeven(draws, p) - Quantiles.Of(a, p)) < 0.01 * spread, $"{name} at {p}: sample {Simulation.Reference.TypeSeven(draws, p)}, quantile {Quantiles.Of(a, p)}");
    }

    [Fact]
    public void Factors_a_roadmap_without_zones_or_assistance_never_reads_move_nothing_at_all()
    {
        // Maximum pressure offers nothing: no zone (zone_wage_yield, sez_wage_share), no technical assistance, no accession.
        var g = GameFixture.Shipped("maximum-pressure");
        var space = new FactorSpace(g.Scenario);
        string[] idle = ["zone_wage_yield", "technical_assistance_full_musd", "accession_milestone_gain", "default_amount_musd.sez_support"];
        string[] live = ["hanoi_ratio", "leakage"];
        var result = Tornado.Run(space, Key, new TrajectoryWindow(3, 0, 200), 2, [.. idle.Concat(live).Select(n => space.Find(n)!)]);
        foreach (var bar in result.Bars.Where(b => idle.Contains(b.Factor.Name)))
        {
            for (var k = 0; k < Key.Length; k++)
            {
                Assert.Equal(result.Base[k].Value, bar.Effects[k].AtLow);
                Assert.Equal(result.Base[k].Value, bar.Effects[k].AtHigh);
                Assert.Equal(0.0, bar.Effects[k].Span(result.Base[k].Value));
            }
        }

        // And the analysis can see an effect where there is one: leakage moves GDP even with nothing offered.
        var leakage = result.Bars.Single(b => b.Factor.Name == "leakage");
        Assert.True(leakage.Effects[Key.IndexOf(Outcome.GdpIndex)].Span(result.Base[1].Value) > 0.5);
    }

    [Fact]
    public void Swings_have_the_signs_the_model_implies()
    {
        var g = GameFixture.Shipped("delury-engagement");
        var space = new FactorSpace(g.Scenario);
        var names = new[] { "hanoi_ratio", "china_enforcement", "step_cost_ratio.yongbyon_shutdown" };
        var result = Tornado.Run(space, Key, new TrajectoryWindow(SimulationSettings.DefaultSeed, 0, 1500), 2, [.. names.Select(n => space.Find(n)!)]);
        Estimate Swing(string factor, Outcome o) => result.Bars.Single(b => b.Factor.Name == factor).Effects[Key.IndexOf(o)].Swing;

        // A higher reservation price for Yongbyon raises every step's security cost (each is a multiple of it), and a
        // dearer Yongbyon alone blocks the ladder at its fourth rung: both make completion rarer.
        Assert.True(Swing("hanoi_ratio", Outcome.PComplete).High < 0);
        Assert.True(Swing("step_cost_ratio.yongbyon_shutdown", Outcome.PComplete).High < 0);
        // Stricter Chinese enforcement stops more of the North's sanctioned trade: lower GDP at the horizon.
        Assert.True(Swing("china_enforcement", Outcome.GdpIndex).High < 0);
    }

    [Fact]
    public void The_screening_ranks_a_factor_first_when_it_has_the_widest_bar_for_some_outcome()
    {
        var g = GameFixture.Shipped("delury-engagement");
        var space = new FactorSpace(g.Scenario);
        var result = Tornado.Run(space, Key, new TrajectoryWindow(1, 0, 300), 2, [.. space.Factors.Take(12)]);
        var screened = result.Screened();
        Assert.Equal(12, screened.Length);
        Assert.Equal(12, screened.Distinct().Count());
        // Whichever factor is widest for some outcome scores 1, the most any factor can: one of them comes first.
        var widest = Key.Select((_, k) => result.Ranked(k).First().Factor).ToHashSet();
        Assert.Contains(screened[0], widest);
    }
}
