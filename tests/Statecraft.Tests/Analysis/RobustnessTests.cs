using System.Collections.Immutable;
using Statecraft.Analysis;
using Statecraft.Negotiation;
using Statecraft.Output;
using Statecraft.Sanctions;
using Statecraft.Scenarios;
using Statecraft.Simulation;

using Statecraft.Tests.Scenarios;

namespace Statecraft.Tests.Analysis;

public class RobustnessTests
{
    private const string Extremes = """
        format: statecraft-assumption-sets/1
        sets:
          reformer-only:
            type_prior: {reformer: 1}
          staller-only:
            type_prior: {staller: 1}
        """;

    private static readonly Objective HighestStep = new([new ObjectiveTerm(1, Outcome.HighestStep)], []);

    private static Scenario Shipped(string name) => Statecraft.Tests.Scenarios.ShippedRoadmaps.Played(name);

    private static (AssumptionSetFile Sets, ImmutableArray<ImmutableArray<CompiledGame>> Games) Prepare(string yaml, params string[] strategies)
    {
        var load = AssumptionSets.Parse(yaml, "sets.yaml");
        Assert.True(load.IsValid, string.Join("\n", load.Diagnostics));
        var scenarios = strategies.Select(Shipped).ToList();
        Assert.Empty(AssumptionSets.Check(load.File!, scenarios));
        return (load.File!, Robustness.Compile(load.File!, scenarios, GameAssumptions.Defaults));
    }

    [Fact]
    public void A_staller_only_prior_erases_the_lead_engagement_has_with_a_reformer()
    {
        // The reformer prices every step at 0.6 of the hedger's security cost and weighs household income at 0.6;
        // the staller at 2.5 and 0.1 (GameAssumptions). delury-engagement pays for the early steps up front
        // (carve-outs, inter-Korean projects) while maximum-pressure offers relief only for the whole ladder, so a
        // reformer should climb clearly further under engagement; a staller, for whom each step costs about four
        // times as much, should climb hardly at all under either. Reasoning then predicts: under reformer-only,
        // engagement is best and pressure's regret is well above 0; under staller-only, each strategy climbs no
        // further than under reformer-only and the regrets are small; so engagement has the smaller maximum regret.
        var (sets, games) = Prepare(Extremes, "delury-engagement", "maximum-pressure");
        var r = Robustness.Evaluate(HighestStep, sets, games, new SimulationSettings(1024, SimulationSettings.DefaultSeed, 2));
        const int Reformer = 0, Staller = 1, Engagement = 0, Pressure = 1;

        // Every trajectory's North is of the set's one type: the prior reached the game.
        foreach (var s in r.Runs[Reformer].Result.Strategies) Assert.Equal(s.Summary.Trajectories, s.Summary.Types[(int)NorthType.Reformer]);
        foreach (var s in r.Runs[Staller].Result.Strategies) Assert.Equal(s.Summary.Trajectories, s.Summary.Types[(int)NorthType.Staller]);

        Assert.Equal(Engagement, r.Regret.Best[Reformer]);
        var pressure = r.Regret.Cells[Reformer][Pressure];
        Assert.True(pressure.Low > 0, $"pressure's regret under reformer-only: {pressure.Regret} [{pressure.Low}, {pressure.High}]");
        for (var s = 0; s < 2; s++) Assert.True(r.Values[Staller][s] <= r.Values[Reformer][s]);
        Assert.True(r.Regret.Cells[Staller].Max(c => c.Regret) < pressure.Regret / 4);
        Assert.Equal([Engagement, Pressure], r.Regret.Ranking.ToArray());
        Assert.Equal(pressure.Regret, r.Regret.Strategies[Pressure].MaxRegret);
    }

    [Fact]
    public void The_figures_and_intervals_are_those_compare_reports_for_the_same_assumptions()
    {
        // Under the reformer-leaning set, the baseline world with that prior is the reformer-reading world.
        var (sets, games) = Prepare(AssumptionSets.Shipped.Single(s => s.Name == "priors-2018").Text, "delury-engagement", "maximum-pressure");
        var settings = new SimulationSettings(1500, 11, 2);
        var r = Robustness.Evaluate(HighestStep, sets, games, settings);
        var k = sets.Sets.IndexOf(sets.Find("reformer-leaning")!);
        var plain = MonteCarlo.Run([GameCompiler.Compile(ShippedRoadmaps.Played("delury-engagement", ShippedWorlds.Find("reformer-reading"))), games[k][1]], settings);
        Assert.Equal(Outcomes.Of(plain.Strategies[0].Summary, Outcome.HighestStep), r.Values[k][0]);

        // The replayed pairing gives the interval compare computes from its own paired differences (engagement is
        // best here, compare's reference, so pressure's regret is minus its difference against the reference).
        Assert.Equal(0, r.Regret.Best[k]);
        var d = plain.Strategies[1].VersusFirst!.HighestStep;
        var cell = r.Regret.Cells[k][1];
        Assert.Equal(-d.Mean, cell.Regret, 12);
        Assert.Equal(-d.Interval95.High, cell.Low, 12);
        Assert.Equal(-d.Interval95.Low, cell.High, 12);
    }

    [Fact]
    public void The_result_is_the_same_bit_for_bit_for_any_thread_count_and_replay_window()
    {
        // Two batches of 1024, so the Monte Carlo has something to split between threads; two replay windows.
        var (sets, games) = Prepare(Extremes, "relief-only", "delury-engagement");
        var objective = Objective.Parse("p_complete + 0.002*gdp_index - 0.5*p_breakdown + inclusiveness", ["p_breakdown<=0.9"], out var error)!;
        Assert.Null(error);
        string Json(int threads, int window) =>
            RobustnessOutput.ToJson(Robustness.Evaluate(objective, sets, games, new SimulationSettings(1030, 5, threads), window)).ToJsonString();
        // Both changed at once, to keep the test fast: a dependence on either would show.
        Assert.Equal(Json(1, 4096), Json(3, 600));
    }
}
