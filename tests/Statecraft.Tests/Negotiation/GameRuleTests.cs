using Statecraft.Negotiation;
using Statecraft.Scenarios;
using Statecraft.Simulation;

namespace Statecraft.Tests.Negotiation;

/// <summary>Invariants of the game: what the rules allow, checked over many trajectories of every shipped roadmap.</summary>
public sealed class GameRuleTests
{
    public static TheoryData<string> Strategies => new()
    {
        "maximum-pressure", "relief-only", "delury-engagement", "cnas-conditional-development", "kaesong-quick-hit", "pyongyang-declaration-2018",
    };

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Steps_come_only_in_roadmap_order_and_never_after_a_breakdown(string name)
    {
        var g = GameFixture.Shipped(name);
        var ladder = g.Phases.SelectMany(p => p.Steps).ToList();
        var w = new GameWorkspace(g);
        for (var k = 0; k < 300; k++)
        {
            var (_, _, _) = GameFixture.Play(g, k, w: w);
            var o = w.Outcome;
            var previous = -1;
            var reachedAll = true;
            foreach (var step in ladder)
            {
                var at = o.StepQuarter[(int)step];
                if (at < 0)
                {
                    reachedAll = false;
                    continue;
                }

                Assert.True(reachedAll, $"trajectory {k}: {step} verified although an earlier step of the roadmap was not");
                Assert.True(at >= previous, $"trajectory {k}: {step} verified before the step ahead of it");
                // The game's own breakdown stops steps; a party's walk-away ends the talks as measured but the game plays on.
                if (o.FormalBreakdownQuarter >= 0) Assert.True(at <= o.FormalBreakdownQuarter, $"trajectory {k}: {step} verified after the breakdown");
                previous = at;
            }

            foreach (var step in Enum.GetValues<Step>().Where(s => !ladder.Contains(s)))
                Assert.Equal(-1, o.StepQuarter[(int)step]);
            for (var q = 1; q < g.Horizon; q++) Assert.True(o.StepPath[q] >= o.StepPath[q - 1]);
            Assert.Equal(o.StepQuarter.Count(x => x >= 0), o.StepPath[g.Horizon - 1]);
            Assert.Equal(o.CompleteHonest, o.StepQuarter[(int)Step.CompleteDenuclearization] >= 0 && !o.Cheated);
        }
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void No_incentive_is_delivered_before_the_relief_it_needs_and_blocked_ones_never(string name)
    {
        var g = GameFixture.Shipped(name);
        var w = new GameWorkspace(g);
        var deliveredAnything = false;
        for (var k = 0; k < 200; k++)
        {
            var (_, _, events) = GameFixture.Play(g, k, w: w);
            var delivered = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (_, text) in events.Where(e => e.Text.StartsWith("delivered: ", StringComparison.Ordinal)))
            {
                var id = text["delivered: ".Length..];
                var incentive = g.Incentives.Single(i => i.Id == id);
                Assert.False(incentive.LegallyBlocked, $"{id} is blocked by an unrelieved measure but was delivered");
                foreach (var need in incentive.NeedsRelief)
                    Assert.True(delivered.Contains(g.Incentives[need].Id), $"trajectory {k}: {id} delivered before {g.Incentives[need].Id}, the relief it needs");
                delivered.Add(id);
                deliveredAnything = true;
            }
        }

        Assert.True(deliveredAnything || name == "maximum-pressure", "no incentive delivered in 200 trajectories: the test would check nothing");
    }

    /// <summary>
    /// The quarter each incentive must fall due in, from its sequencing rule and the trajectory's own phase starts,
    /// phase ends and verified steps: upfront at its phase's start, after k quarters k quarters later, on a verified
    /// step the quarter after that step (or after its phase's end) and never before its phase starts; never when that
    /// quarter comes after the breakdown or the horizon. The game checks pending incentives only in quarters one could
    /// fall due, so this catches a quarter it skips wrongly as well as one it never reaches.
    /// </summary>
    [Theory]
    [MemberData(nameof(Strategies))]
    public void Incentives_fall_due_exactly_when_their_sequencing_rule_says(string name)
    {
        var g = GameFixture.Shipped(name);
        var w = new GameWorkspace(g);
        var checkedDue = 0;
        for (var k = 0; k < 300; k++)
        {
            GameFixture.Play(g, k, w: w);
            var o = w.Outcome;
            var last = o.FormalBreakdownQuarter >= 0 ? o.FormalBreakdownQuarter : g.Horizon - 1;
            for (var i = 0; i < g.Incentives.Length; i++)
            {
                var inc = g.Incentives[i];
                var start = w.PhaseStart[inc.Phase];
                int? expected = start < 0 ? null : inc.Rule switch
                {
                    SequencingRule.Upfront => start,
                    SequencingRule.AfterQuarters => start + inc.AfterQuarters,
                    _ when inc.TriggerStep >= 0 => o.StepQuarter[inc.TriggerStep] >= 0 ? Math.Max(start, o.StepQuarter[inc.TriggerStep] + 1) : null,
                    _ => w.PhaseDone[inc.Phase] >= 0 ? Math.Max(start, w.PhaseDone[inc.Phase] + 1) : null,
                };
                if (expected is { } due && due <= last)
                {
                    Assert.True(due == w.DueQuarter[i], $"trajectory {k}: {inc.Id} ({inc.Rule}) fell due in quarter {w.DueQuarter[i]}, its rule says {due}");
                    checkedDue++;
                }
                else
                {
                    Assert.True(w.DueQuarter[i] == -1, $"trajectory {k}: {inc.Id} ({inc.Rule}) fell due in quarter {w.DueQuarter[i]}, its rule says never (by quarter {last})");
                }
            }
        }

        Assert.True(checkedDue > 0 || name == "maximum-pressure", "no incentive fell due in 300 trajectories: the test would check nothing");
    }

    [Fact]
    public void The_quick_hit_never_reopens_Kaesong_because_US_measures_still_block_it()
    {
        var g = GameFixture.Shipped("kaesong-quick-hit");
        Assert.True(g.Incentives.Single(i => i.Id == "kaesong").LegallyBlocked);
        var w = new GameWorkspace(g);
        for (var k = 0; k < 100; k++)
        {
            var (_, _, events) = GameFixture.Play(g, k, w: w);
            Assert.DoesNotContain(events, e => e.Text == "delivered: kaesong");
        }
    }

    private const string Relief = """
        format: statecraft/1
        name: Relief for a faked step
        start: 2018Q4
        horizon_quarters: 24
        actors:
          north_korea:
            type_prior: {staller: 1}
          us:
            consent_propensity: 1
          china:
            consent_propensity: 1
          russia:
            consent_propensity: 1
        roadmap:
          phases:
            - name: Yongbyon for export relief
              steps:
                - step: yongbyon_shutdown
                  verification: intrusive_inspection
              conditions: [snapback_on_cheating]
              incentives:
                - id: relief
                  kind: sanctions_relief
                  measures: [UNSC-2375-16, UNSC-2371-9, UNSC-2371-8]
                  route: ROUTE
                  sequencing: on_verified_step
        """;

    /// <summary>Every staller fakes the step when it pays; detection is the intrusive level's.</summary>
    private static readonly GameParameters Cheats = GameAssumptions.Defaults with
    {
        CheatWillingness = [1.0, 1.0, 1.0],
    };

    [Fact]
    public void Snapback_restores_exactly_the_suspended_measures()
    {
        var g = GameFixture.Compile(Relief.Replace("ROUTE", "suspension", StringComparison.Ordinal), Cheats);
        var relieved = new[] { "UNSC-2375-16", "UNSC-2371-9", "UNSC-2371-8" };
        var w = new GameWorkspace(g);
        var snapbacks = 0;
        for (var k = 0; k < 200; k++)
        {
            var (_, _, events) = GameFixture.Play(g, k, w: w);
            if (!w.Outcome.CheatingDetected || !events.Any(e => e.Text == "delivered: relief")) continue;
            var breakdown = w.Outcome.FormalBreakdownQuarter;
            var back = events.Where(e => e.Quarter == breakdown && e.Text.StartsWith("back in force: ", StringComparison.Ordinal))
                .Select(e => e.Text["back in force: ".Length..].Split(' ')[0]).Order().ToList();
            Assert.Equal(relieved.Order().ToList(), back);
            Assert.All(events.Where(e => e.Text.StartsWith("back in force: ", StringComparison.Ordinal)), e => Assert.Contains("snapback", e.Text, StringComparison.Ordinal));
            // Every measure is again exactly as at the start, so the last quarter bites as the first did.
            Assert.Equal(g.InForceAtStart.ToArray(), w.Shares);
            snapbacks++;
        }

        Assert.True(snapbacks >= 20, $"only {snapbacks} trajectories reached a snapback: the test would check too little");
    }

    [Fact]
    public void Relief_that_snaps_back_keeps_more_leverage_after_a_breakdown_than_termination()
    {
        var suspension = GameFixture.Compile(Relief.Replace("ROUTE", "suspension", StringComparison.Ordinal), Cheats);
        var termination = GameFixture.Compile(Relief.Replace("ROUTE", "termination", StringComparison.Ordinal), Cheats);
        var result = GameFixture.Run(1500, suspension, termination);
        var s = result.Strategies[0].Summary;
        var t = result.Strategies[1].Summary;
        Assert.True(s.Detected > 300 && t.Detected > 300, "too few detected cheats to compare");

        // Paired on the same draws: termination leaves less of the measures' bite in force at the end.
        var leverage = result.Strategies[1].VersusFirst!.End[(int)Metric.LeveragePct];
        Assert.True(leverage.Interval95.High < 0, $"termination minus suspension leverage {leverage.Mean:F1} [{leverage.Interval95.Low:F1}, {leverage.Interval95.High:F1}]");
        Assert.True(s.End[(int)Metric.LeveragePct].Mean > 90, "after a detected cheat the suspended measures are all back");
    }
}
