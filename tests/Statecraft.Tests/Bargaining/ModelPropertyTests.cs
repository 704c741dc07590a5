using System.Globalization;
using System.Text;
using Statecraft.Bargaining;

namespace Statecraft.Tests.Bargaining;

/// <summary>
/// What must hold for any table, checked on random ones: the models' stated invariants, the median
/// against a brute-force weighted median, thread-count independence, and the degenerate cases
/// where the references stop with an error.
/// </summary>
public sealed class ModelPropertyTests
{
    private static string RandomKtab(Random rng, int actors, int dims)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Random,random table,{actors},{dims},\nActor,Description,Power");
        for (var d = 0; d < dims; d++)
        {
            text.Append(CultureInfo.InvariantCulture, $",P{d},S{d}");
        }

        text.Append('\n');
        for (var i = 0; i < actors; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"A{i},actor {i},{1 + (rng.NextDouble() * 99):F3}");
            var share = Enumerable.Range(0, dims).Select(_ => 0.05 + rng.NextDouble()).ToArray();
            var budget = 40 + (rng.NextDouble() * 60);
            for (var d = 0; d < dims; d++)
            {
                text.Append(CultureInfo.InvariantCulture, $",{rng.NextDouble() * 100:F2},{Math.Floor(100 * budget * share[d] / share.Sum()) / 100:F2}");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static SmpTable Smp(string text)
    {
        var load = SmpTable.Parse(text, "random.csv");
        Assert.True(load.IsValid, string.Join('\n', load.Diagnostics));
        return load.Table!;
    }

    /// <summary>A random table the reader accepts (drawn again until it has two distinct positions and a vote).</summary>
    private static EumTable RandomEum(Random rng, int actors)
    {
        while (true)
        {
            var text = new StringBuilder("Actor,Capability,Position,Salience\n");
            for (var i = 0; i < actors; i++)
            {
                // Positions on a coarse grid, so several actors often share one (as in real tables).
                text.Append(CultureInfo.InvariantCulture, $"A{i},{rng.NextDouble():F3},{rng.Next(0, 11) * 10},{rng.NextDouble():F2}\n");
            }

            if (EumTable.Parse(text.ToString(), "random.csv").Table is { } table)
            {
                return table;
            }
        }
    }

    [Fact]
    public void SMP_results_are_bit_identical_for_any_number_of_workers()
    {
        var rng = new Random(20180918);
        foreach (var (actors, dims) in new[] { (7, 3), (40, 2), (45, 4) })
        {
            var table = Smp(RandomKtab(rng, actors, dims));
            var one = SpatialModel.Run(table, threads: 1);
            foreach (var threads in new[] { 2, 3, 8 })
            {
                var many = SpatialModel.Run(table, threads);
                Assert.Equal(one.States.Count, many.States.Count);
                for (var t = 0; t < one.States.Count; t++)
                {
                    Assert.Equal(one.States[t].Positions.SelectMany(p => p), many.States[t].Positions.SelectMany(p => p));
                    Assert.Equal(one.States[t].WinProbabilities, many.States[t].WinProbabilities);
                    Assert.Equal(one.States[t].RiskAttitudes, many.States[t].RiskAttitudes);
                }

                Assert.Equal(one.Turns.SelectMany(t => t.Bargains.Select(b => (b.Initiator, b.Target, b.InitiatorWins, b.Gain))), many.Turns.SelectMany(t => t.Bargains.Select(b => (b.Initiator, b.Target, b.InitiatorWins, b.Gain))));
                Assert.Equal(one.Turns.Select(t => t.Ratio), many.Turns.Select(t => t.Ratio));
            }
        }
    }

    [Fact]
    public void SMP_invariants_hold_on_random_tables()
    {
        var rng = new Random(7);
        for (var k = 0; k < 12; k++)
        {
            var table = Smp(RandomKtab(rng, rng.Next(3, 16), rng.Next(1, 4)));
            var run = SpatialModel.Run(table);

            // The stopping rule: at least 2 and at most 100 turns; every turn before the last moved at least 2% of the first.
            Assert.InRange(run.Turns.Count, SpatialModel.MinTurns, SpatialModel.MaxTurns);
            Assert.True(run.Turns[^1].Ratio < SpatialModel.StopRatio || run.Turns.Count == SpatialModel.MaxTurns);
            Assert.All(run.Turns.Skip(1).SkipLast(1), t => Assert.True(t.Ratio >= SpatialModel.StopRatio));
            Assert.Equal(run.Turns[0].Distance + 1e-4, run.FirstStepDistance);

            foreach (var state in run.States)
            {
                // Risk attitudes span exactly [-0.5, 1]: the least likely position gets -0.5, the most likely +1.
                Assert.All(state.RiskAttitudes, r => Assert.InRange(r, -0.5 - 1e-12, 1 + 1e-12));
                Assert.Equal(1.0, state.RiskAttitudes.Max(), 12);
                Assert.Equal(-0.5, state.RiskAttitudes.Min(), 12);

                // Positions stay on the 0-100 scale; probabilities of the distinct positions sum to 1.
                Assert.All(state.Positions.SelectMany(p => p), p => Assert.InRange(p, 0, 100));
                var distinct = new List<int>();
                for (var i = 0; i < table.Actors.Count; i++)
                {
                    if (!distinct.Exists(r => Distance(state.Positions[i], state.Positions[r]) < 0.1))
                    {
                        distinct.Add(i);
                    }
                }

                if (distinct.TrueForAll(r => distinct.TrueForAll(q => q == r || Distance(state.Positions[r], state.Positions[q]) >= 0.2)))
                {
                    Assert.Equal(1.0, distinct.Sum(r => state.WinProbabilities[r]), 9);
                }
            }

            // A coordinate that moved is a bargain's, rounded to 10^-4 on the 0-1 scale: a multiple of 0.01.
            for (var t = 1; t < run.States.Count; t++)
            {
                for (var i = 0; i < table.Actors.Count; i++)
                {
                    for (var d = 0; d < table.Dimensions.Count; d++)
                    {
                        var p = run.States[t].Positions[i][d];
                        if (p != run.States[t - 1].Positions[i][d])
                        {
                            Assert.Equal(Math.Round(p * 100), p * 100, 6);
                        }
                    }
                }
            }

            // Every actor chooses from a queue holding at least its status quo; bargains move both principals toward each other.
            foreach (var turn in run.Turns)
            {
                Assert.All(turn.Choices, c => Assert.True(c.QueueSize >= 1 && c.Probability is > 0 and <= 1));
                Assert.All(turn.Bargains, b => Assert.True(b.Gain > SpatialModel.MinChallengeGain && b.InitiatorWins is > 0 and < 1));
            }
        }
    }

    private static double Distance(IReadOnlyList<double> a, IReadOnlyList<double> b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());

    [Fact]
    public void SMP_with_every_actor_at_one_point_notes_the_degenerate_election_and_stays_put()
    {
        var run = SpatialModel.Run(Smp("Same,all at one point,3,1,\nActor,Description,Power,P,S,\nA,a,10,50,50,\nB,b,20,50,80,\nC,c,30,50,10,\n"));

        Assert.Equal(2, run.Turns.Count);
        Assert.All(run.States, s => Assert.All(s.Positions, p => Assert.Equal(50.0, p[0])));
        Assert.All(run.States, s => Assert.All(s.RiskAttitudes, r => Assert.Equal(0.0, r)));
        Assert.NotEmpty(run.Notes);
        Assert.Contains("equally likely", run.Notes[0], StringComparison.Ordinal);
    }

    [Fact]
    public void EUM_median_is_the_capability_salience_weighted_median_of_the_positions()
    {
        var rng = new Random(11);
        for (var k = 0; k < 200; k++)
        {
            var table = RandomEum(rng, rng.Next(2, 12));
            var x = table.Actors.Select(a => a.Position).ToArray();
            var w = table.Actors.Select(a => a.Capability * a.Salience).ToArray();
            // Brute force: the actor position with the smallest weighted total distance.
            double Cost(double y) => x.Select((xk, i) => w[i] * Math.Abs(xk - y)).Sum();
            var best = x.Distinct().Min(Cost);
            var median = ExpectedUtilityModel.Median(x, w, x.Max() - x.Min());
            Assert.Contains(median, x);
            Assert.Equal(best, Cost(median), 9);
        }
    }

    [Fact]
    public void EUM_invariants_hold_on_random_tables()
    {
        var rng = new Random(3);
        for (var k = 0; k < 100; k++)
        {
            var table = RandomEum(rng, rng.Next(3, 14));
            var run = ExpectedUtilityModel.Run(table, 8);
            var low = table.Actors.Min(a => a.Position);
            var high = table.Actors.Max(a => a.Position);
            Assert.Equal(high - low, run.Width);
            foreach (var round in run.Rounds)
            {
                // Moves go to another actor's position or part of the way there: never outside the initial range.
                Assert.All(round.Positions, p => Assert.InRange(p, low, high));
                Assert.InRange(round.Mean, low - 1e-9, high + 1e-9);
                Assert.Contains(round.Median, round.Positions);
            }

            foreach (var round in run.Rounds.Skip(1))
            {
                Assert.All(round.RiskExponent, r => Assert.InRange(r, 0.5 - 1e-12, 2 + 1e-12));
                Assert.All(round.RiskAcceptance, r => Assert.InRange(r, -1 - 1e-12, 1 + 1e-12));
                if (round.Danger.Distinct().Count() > 1)
                {
                    Assert.Equal(1.0, round.RiskAcceptance.Max(), 12);
                    Assert.Equal(-1.0, round.RiskAcceptance.Min(), 12);
                }

                // No capitulations, and a compromise moves the receiver strictly between its old position and the proposer's.
                var before = run.Rounds[round.Round - 1].Positions;
                foreach (var offer in round.Offers)
                {
                    var from = before[offer.Receiver];
                    var to = before[offer.Proposer];
                    if (offer.Kind == EumOfferKind.Confrontation)
                    {
                        Assert.Equal(to, offer.NewPosition);
                        Assert.True(offer.ProposerChallenges > offer.ReceiverChallenges && offer.ReceiverChallenges > 0);
                    }
                    else
                    {
                        Assert.InRange(offer.NewPosition, Math.Min(from, to), Math.Max(from, to));
                        Assert.True(offer.ProposerChallenges > Math.Abs(offer.ReceiverChallenges) && offer.ReceiverChallenges < 0);
                    }
                }

                // Actors nobody made an acceptable offer to keep their positions.
                for (var a = 0; a < before.Count; a++)
                {
                    if (!round.Offers.Any(o => o.Receiver == a))
                    {
                        Assert.Equal(before[a], round.Positions[a]);
                    }
                }
            }
        }
    }

    [Fact]
    public void EUM_with_equal_dangers_treats_every_actor_as_risk_neutral()
    {
        // Two actors mirror each other exactly, so their dangers are equal: the reference divides 0 by 0 here.
        var load = EumTable.Parse("Actor,Capability,Position,Salience\nA,1,0,0.5\nB,1,10,0.5\n", "mirror.csv");
        var run = ExpectedUtilityModel.Run(load.Table!, 3);

        Assert.Equal(run.Rounds[1].Danger[0], run.Rounds[1].Danger[1]);
        Assert.All(run.Rounds.Skip(1), r => Assert.All(r.RiskExponent, e => Assert.Equal(1.0, e)));
        Assert.All(run.Rounds.SelectMany(r => r.Positions), p => Assert.True(double.IsFinite(p)));
    }
}
