using System.Collections.Immutable;
using Statecraft.Analysis;
using Statecraft.Negotiation;
using Statecraft.Scenarios;
using Statecraft.Simulation;

namespace Statecraft.Tests.Analysis;

public class RegretTests
{
    [Fact]
    public void A_worked_example_by_hand()
    {
        // Set 0 favours strategy 0 (0.5 vs 0.3), set 1 strategy 1 (0.4 vs 0.1). Regrets: [0, 0.2] and [0.3, 0].
        // Strategy 1's worst regret (0.2) is smaller than strategy 0's (0.3): it is the minimax-regret choice.
        // Mean regrets: (0 + 0.3) / 2 = 0.15 and (0.2 + 0) / 2 = 0.1.
        var t = Regret.Of([[0.5, 0.3], [0.1, 0.4]]);
        Assert.Equal([0, 1], t.Best.ToArray());
        Assert.Equal(0.2, t.Cells[0][1].Regret, 15);
        Assert.Equal(0.3, t.Cells[1][0].Regret, 15);
        Assert.Equal(0.3, t.Strategies[0].MaxRegret, 15);
        Assert.Equal(0.15, t.Strategies[0].MeanRegret, 15);
        Assert.Equal(0.2, t.Strategies[1].MaxRegret, 15);
        Assert.Equal(0.1, t.Strategies[1].MeanRegret, 15);
        Assert.Equal([1, 0], t.Ranking.ToArray());
        Assert.Equal(2, t.Strategies[0].Rank);
    }

    [Fact]
    public void Invariants_hold_on_random_tables()
    {
        var random = new Random(20180918);
        for (var trial = 0; trial < 200; trial++)
        {
            var sets = random.Next(1, 5);
            var strategies = random.Next(1, 7);
            var values = Enumerable.Range(0, sets).Select(_ => Enumerable.Range(0, strategies).Select(_ => Math.Round(random.NextDouble(), 1)).ToArray()).ToArray();
            var t = Regret.Of(values);
            for (var k = 0; k < sets; k++)
            {
                Assert.Equal(values[k].Max(), values[k][t.Best[k]]);
                Assert.Equal(0, t.Cells[k][t.Best[k]].Regret);
                for (var s = 0; s < strategies; s++) Assert.True(t.Cells[k][s].Regret >= 0);
            }

            foreach (var s in t.Strategies)
            {
                Assert.True(s.MaxRegret >= s.MeanRegret - 1e-15);
                Assert.True(s.MeanRegret >= 0);
            }

            // The ranking's first has the smallest largest regret.
            Assert.Equal(t.Strategies.Min(s => s.MaxRegret), t.Strategies[t.Ranking[0]].MaxRegret);
            Assert.Equal(Enumerable.Range(0, strategies), t.Ranking.Order());
        }
    }

    [Fact]
    public void A_strategy_failing_a_bound_cannot_be_best_and_has_no_regret_there()
    {
        // Strategy 0 scores highest in set 0 but fails the bounds there: strategy 1 is set 0's best.
        var t = Regret.Of([[0.9, 0.5, 0.2], [0.3, 0.4, 0.35]], [[false, true, true], [true, true, true]]);
        Assert.Equal(1, t.Best[0]);
        Assert.True(double.IsNaN(t.Cells[0][0].Regret));
        Assert.False(t.Cells[0][0].MeetsBounds);
        Assert.Equal(1, t.Strategies[0].SetsFailingBounds);
        // Strategy 0 ranks last although its one defined regret (0.1) is smaller than strategy 2's (0.3).
        Assert.Equal(0.1, t.Strategies[0].MaxRegret, 15);
        Assert.Equal(0, t.Ranking[^1]);

        var none = Regret.Of([[0.9, 0.5]], [[false, false]]);
        Assert.Equal(-1, none.Best[0]);
        Assert.All(none.Cells[0], c => Assert.True(double.IsNaN(c.Regret)));
    }

    [Fact]
    public void The_contrast_of_a_single_chance_is_the_paired_difference()
    {
        var (x, y) = Columns(500, seed: 3, nanShare: 0);
        var single = new Objective([new ObjectiveTerm(1, Outcome.PComplete)], []);
        var expected = Statistics.PairedDifference(x.Column(Outcome.PComplete), y.Column(Outcome.PComplete));
        var got = ObjectiveContrast.Of(single, x, y);
        Assert.Equal(expected.Value, got.Value, 14);
        Assert.Equal(expected.Low, got.Low, 14);
        Assert.Equal(expected.High, got.High, 14);

        // With undefined values (inclusiveness without a net gain) it is still the delta method's interval.
        var (u, v) = Columns(500, seed: 4, nanShare: 0.2);
        var inclusiveness = new Objective([new ObjectiveTerm(1, Outcome.Inclusiveness)], []);
        var delta = Statistics.PairedDifference(u.Column(Outcome.Inclusiveness), v.Column(Outcome.Inclusiveness));
        var contrast = ObjectiveContrast.Of(inclusiveness, u, v);
        Assert.Equal(delta.Low, contrast.Low, 12);
        Assert.Equal(delta.High, contrast.High, 12);
    }

    [Fact]
    public void The_streaming_contrast_added_in_pieces_is_the_in_memory_one()
    {
        // compare streams windows of trajectories through ObjectiveContrast; the search holds them in memory: one estimate.
        var (x, y) = Columns(600, seed: 9, nanShare: 0.15);
        var objective = new Objective([new ObjectiveTerm(1, Outcome.PComplete), new ObjectiveTerm(0.01, Outcome.Inclusiveness)], []);
        var whole = ObjectiveContrast.Of(objective, x, y);
        var streaming = new ObjectiveContrast(objective, TermCentre.Of(objective, x), TermCentre.Of(objective, y));
        foreach (var (from, to) in new[] { (0, 250), (250, 600) })
        {
            OutcomeColumns Piece(OutcomeColumns c)
            {
                var p = new OutcomeColumns(c.Outcomes, to - from);
                for (var k = 0; k < c.Outcomes.Length; k++) Array.Copy(c.Column(k), from, p.Column(k), 0, to - from);
                return p;
            }

            streaming.Add(Piece(x), Piece(y));
        }

        var around = streaming.Around(whole.Value);
        Assert.Equal(whole.Low, around.Low, 12);
        Assert.Equal(whole.High, around.High, 12);
    }

    [Fact]
    public void The_contrast_of_a_weighted_objective_is_the_paired_difference_of_per_trajectory_scores()
    {
        // With nothing undefined, the objective of means is the mean of per-trajectory scores w1*a + w2*b, so the
        // interval must equal the plain paired interval of the score columns, covariance between terms included.
        var (x, y) = Columns(800, seed: 9, nanShare: 0);
        var objective = new Objective([new ObjectiveTerm(1, Outcome.PComplete), new ObjectiveTerm(0.02, Outcome.GdpIndex), new ObjectiveTerm(-0.5, Outcome.PBreakdown)], []);
        double[] Score(OutcomeColumns c) => [.. Enumerable.Range(0, c.Count).Select(i => objective.Score(o => c.Column(o)[i]))];
        var expected = Statistics.PairedDifference(Score(x), Score(y));
        var got = ObjectiveContrast.Of(objective, x, y);
        Assert.Equal(expected.Value, got.Value, 12);
        Assert.Equal(expected.Low, got.Low, 12);
        Assert.Equal(expected.High, got.High, 12);
    }

    /// <summary>Two correlated strategies' columns: a shared draw plus each one's own, so pairing matters.</summary>
    private static (OutcomeColumns X, OutcomeColumns Y) Columns(int n, int seed, double nanShare)
    {
        ImmutableArray<Outcome> outcomes = [Outcome.PComplete, Outcome.PBreakdown, Outcome.GdpIndex, Outcome.Inclusiveness];
        var x = new OutcomeColumns(outcomes, n);
        var y = new OutcomeColumns(outcomes, n);
        var r = new Random(seed);
        for (var i = 0; i < n; i++)
        {
            var shared = r.NextDouble();
            x.Column(Outcome.PComplete)[i] = shared < 0.3 ? 1 : 0;
            y.Column(Outcome.PComplete)[i] = shared < 0.2 || r.NextDouble() < 0.05 ? 1 : 0;
            x.Column(Outcome.PBreakdown)[i] = shared > 0.8 ? 1 : 0;
            y.Column(Outcome.PBreakdown)[i] = shared > 0.7 ? 1 : 0;
            x.Column(Outcome.GdpIndex)[i] = 100 + (10 * shared) + r.NextDouble();
            y.Column(Outcome.GdpIndex)[i] = 98 + (12 * shared) + r.NextDouble();
            x.Column(Outcome.Inclusiveness)[i] = r.NextDouble() < nanShare ? double.NaN : 0.5 + (0.3 * shared);
            y.Column(Outcome.Inclusiveness)[i] = r.NextDouble() < nanShare ? double.NaN : 0.4 + (0.4 * shared);
        }

        return (x, y);
    }
}
