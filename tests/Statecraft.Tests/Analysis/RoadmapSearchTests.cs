using System.Collections.Immutable;
using Statecraft.Analysis;
using Statecraft.Negotiation;

namespace Statecraft.Tests.Analysis;

/// <summary>The search engine on a synthetic space whose optimum is known by construction.</summary>
public class RoadmapSearchTests
{
    /// <summary>
    /// Points of a 16 x 16 grid; a point's chance of "complete" is a bump peaking at (11, 4), played as trajectory
    /// i succeeding when its common uniform u_i is below the chance (common random numbers, as the game's draws
    /// are); gdp_index is the point's x, with no noise, so a bound on it moves the optimum.
    /// </summary>
    private sealed class Grid : ISearchSpace<(int X, int Y)>
    {
        private readonly HashSet<(int, int)> offered = [];

        public int Evaluations { get; private set; }

        public static double Chance((int X, int Y) p) =>
            0.05 + (0.8 * Math.Exp(-(((p.X - 11) * (p.X - 11)) + ((p.Y - 4) * (p.Y - 4))) / 120.0));

        public IReadOnlyList<((int X, int Y) Candidate, string Change)> Neighbours((int X, int Y) c)
        {
            offered.Add(c);
            var result = new List<((int, int), string)>();
            for (var dx = -1; dx <= 1; dx++)
                for (var dy = -1; dy <= 1; dy++)
                {
                    var n = (c.X + dx, c.Y + dy);
                    if (n.Item1 is < 0 or > 15 || n.Item2 is < 0 or > 15 || !offered.Add(n)) continue;
                    result.Add((n, $"to {n}"));
                }

            return result;
        }

        public OutcomeColumns[] Evaluate(IReadOnlyList<(int X, int Y)> candidates, ulong seed, long first, int count, ImmutableArray<Outcome> outcomes)
        {
            Evaluations++;
            var stream = new StreamRandom(seed);
            return [.. candidates.Select(c =>
            {
                var columns = new OutcomeColumns(outcomes, count);
                for (var i = 0; i < count; i++)
                {
                    var u = stream.Uniform((ulong)(first + i));
                    for (var k = 0; k < outcomes.Length; k++)
                    {
                        columns.Column(k)[i] = outcomes[k] switch
                        {
                            Outcome.PComplete => u < Chance(c) ? 1 : 0,
                            Outcome.GdpIndex => c.X,
                            _ => double.NaN,
                        };
                    }
                }

                return columns;
            })];
        }
    }

    private static SearchResult<(int X, int Y)> Search(Objective objective, long budget, out Grid grid)
    {
        grid = new Grid();
        var search = new RoadmapSearch<(int X, int Y)>(grid, objective, new SearchSettings(budget, 42, FirstRound: 128, Eta: 3, Top: 3), [Outcome.PComplete]);
        return search.Run((1, 14));
    }

    [Fact]
    public void The_search_climbs_from_a_far_corner_to_the_known_optimum_within_its_budget()
    {
        var result = Search(Objective.Default, 600_000, out _);
        Assert.Equal((11, 4), result.Incumbent.Candidate);
        Assert.Equal((11, 4), result.Confirmed[0].Entry.Candidate);
        Assert.True(result.Spent <= 600_000, $"spent {result.Spent}");
        Assert.True(result.Moves >= 9, "at least the grid distance from (1, 14) to (11, 4) in diagonal moves");

        // The confirmation is on fresh draws, and the optimum's gain over the start is large and sure.
        var gain = result.Confirmed[0].VersusOriginal;
        var truth = Grid.Chance((11, 4)) - Grid.Chance((1, 14));
        Assert.True(gain.Low > 0 && gain.Low <= truth && truth <= gain.High, $"gain {gain} vs true {truth}");

        // Each entry's changes are its path from the start: one more than its parent's.
        foreach (var e in result.Entries.Skip(1)) Assert.Equal(result.Entries[e.Parent].Changes.Length + 1, e.Changes.Length);
    }

    [Fact]
    public void A_bound_moves_the_optimum_to_the_best_point_that_meets_it()
    {
        var objective = Objective.Parse("p_complete", ["gdp_index<=8"], out var error)!;
        Assert.Null(error);
        var result = Search(objective, 600_000, out _);

        // Among points with x <= 8 the chance peaks at (8, 4); the bound holds exactly there.
        Assert.Equal((8, 4), result.Incumbent.Candidate);
        Assert.Equal(0, result.Confirmed[0].Objective.Shortfall);
    }

    [Fact]
    public void The_same_seed_gives_the_same_search_and_a_small_budget_is_respected()
    {
        var a = Search(Objective.Default, 30_000, out _);
        var b = Search(Objective.Default, 30_000, out _);
        Assert.True(a.Spent <= 30_000);
        Assert.Equal(a.Entries.Select(e => (e.Candidate, e.Played)), b.Entries.Select(e => (e.Candidate, e.Played)));
        Assert.Equal(a.Confirmed.Select(c => c.Objective.Score), b.Confirmed.Select(c => c.Objective.Score));
    }

    [Fact]
    public void The_objective_interval_is_the_paired_difference_interval_for_a_single_term()
    {
        var x = new[] { 1.0, 0, 1, 1, 0, 1, double.NaN, 0 };
        var y = new[] { 0.0, 0, 1, 0, 0, 1, 1, double.NaN };
        var reads = ImmutableArray.Create(Outcome.Inclusiveness);
        var objective = Objective.Parse("inclusiveness", [], out _)!;
        var d = ObjectiveStatistics.Difference(objective, reads, _ => x, _ => y);
        var expected = Statistics.PairedDifference(x, y);
        Assert.Equal(expected.Value, d.Value, 12);
        Assert.Equal(expected.Low, d.Low, 12);
        Assert.Equal(expected.High, d.High, 12);
        var mean = ObjectiveStatistics.Of(objective, reads, _ => x).Score;
        var direct = Statistics.MeanInterval(x);
        Assert.Equal(direct.Value, mean.Value, 12);
    }
}
