using System.Collections.Immutable;
using Statecraft.Analysis;
using Statecraft.Feasibility;
using Statecraft.Negotiation;
using Statecraft.Sanctions;
using Statecraft.Scenarios;
using Statecraft.Tests.Negotiation;
using Xunit.Abstractions;

namespace Statecraft.Tests.Analysis;

/// <summary>The roadmap moves and the search on real, small roadmap spaces.</summary>
public class RoadmapSpaceTests(ITestOutputHelper output)
{
    /// <summary>Two phases: aid and a suspension of the coal ban, neither colliding with a measure, so every placement and sequencing passes the check.</summary>
    private const string Small = """
        name: Small roadmap for the search
        start: 2018Q4
        horizon_quarters: 8
        roadmap:
          phases:
            - name: Freeze
              steps: [test_moratorium]
              incentives:
                - id: aid
                  kind: humanitarian_aid
                  amount_musd_per_year: 200
                  sequencing: on_verified_step
            - name: Sohae
              steps: [dismantle_launch_pad]
              incentives:
                - id: coal
                  kind: sanctions_relief
                  measures: [UNSC-2371-8]
                  route: suspension
                  sequencing: on_verified_step
        """;

    private static readonly Catalog Catalog = Catalog.Korea;

    private static bool Narrow(RoadmapMove m) => m.Kind is MoveKind.Resequence or MoveKind.MoveIncentive;

    private static RoadmapSpace Space(int threads = 2) => new(Catalog, s => GameCompiler.Compile(s, Catalog), threads, Narrow);

    [Fact]
    public void Every_move_on_the_shipped_scenarios_is_explained_and_kept_only_when_its_file_validates_and_passes_the_check()
    {
        foreach (var name in new[] { "delury-engagement", "cnas-conditional-development" })
        {
            var scenario = GameFixture.Shipped(name).Scenario;
            var moves = RoadmapMoves.Around(scenario, Catalog).ToList();
            Assert.All(moves, m => Assert.False(string.IsNullOrWhiteSpace(m.Explanation)));
            Assert.Equal(Enum.GetValues<MoveKind>().Order(), moves.Select(m => m.Kind).Distinct().Order());
            var hood = RoadmapMoves.Admissible(moves, Catalog, new HashSet<string>());
            Assert.Equal(moves.Count, hood.Candidates.Length + hood.Rejected.Values.Sum());
            Assert.NotEmpty(hood.Candidates);
            foreach (var c in hood.Candidates)
            {
                var load = ScenarioLoader.Parse(c.Text, "candidate.yaml", Catalog);
                Assert.True(load.IsValid, c.Explanation);
                Assert.True(FeasibilityCheck.Run(load.Scenario!, Catalog).Feasible, c.Explanation);
            }

            output.WriteLine($"{name}: {moves.Count} moves, {hood.Candidates.Length} kept; " + string.Join(", ", hood.Rejected.Select(r => $"{r.Value} {r.Key}")));
        }
    }

    [Fact]
    public void Moving_relief_after_the_project_it_unblocks_is_turned_away_by_the_check()
    {
        // In the Delury file, phase 2's suspension and Seoul's terminations open Kaesong; in phase 3 they would come too late.
        var scenario = GameFixture.Shipped("delury-engagement").Scenario;
        var move = RoadmapMoves.Around(scenario, Catalog).Single(m => m.Explanation.StartsWith("moved incentive 'lift-rok-measures' from phase 2 to phase 3", StringComparison.Ordinal));
        Assert.Null(RoadmapMoves.Admit(move.Scenario, Catalog, out var why));
        Assert.Equal("fail the feasibility check", why);
    }

    [Fact]
    public void The_search_finds_the_optimum_that_exhaustive_evaluation_finds_in_a_small_roadmap_space()
    {
        var start = Space().Start(GameFixture.Load(Small), out _)!;
        var objective = Objective.Parse("gdp_index", [], out _)!;

        // Every roadmap reachable with the narrow moves: each incentive in either phase with one of four sequencings
        // (8 x 8 placements); when both are in one phase, both orders are reachable (2 phases x 4 x 4 more files).
        var all = new List<RoadmapCandidate> { start };
        var seen = new HashSet<string>(StringComparer.Ordinal) { start.Text };
        for (var i = 0; i < all.Count; i++)
        {
            all.AddRange(RoadmapMoves.Admissible(RoadmapMoves.Around(all[i].Scenario, Catalog).Where(Narrow), Catalog, seen).Candidates);
        }

        Assert.Equal(96, all.Count);
        Assert.Equal(64, all.Select(Placement).Distinct().Count());
        var reads = objective.Reads;
        const int many = 1200;
        var columns = Space().Evaluate(all, 99, 0, many, reads);
        var scores = columns.Select(c => c.Mean(0)).ToArray();
        var order = Enumerable.Range(0, all.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();

        // The optimum, as far as 1,200 common trajectories can tell: the best roadmap and every one that is not
        // worse than it on the paired difference (sequencings that differ by a quarter or two are close to ties).
        var best = order[0];
        var optimal = Enumerable.Range(0, all.Count)
            .Where(i => Statistics.PairedDifference(columns[best].Column(0), columns[i].Column(0)).Low <= 0)
            .Select(i => Placement(all[i])).ToHashSet();
        output.WriteLine($"best {scores[best]:F4}, original {scores[0]:F4}; {optimal.Count} placements as good as the best:");
        foreach (var p in optimal) output.WriteLine("  " + p);
        Assert.True(optimal.Count <= 64 / 4, "the optimum is a small part of the space");
        Assert.DoesNotContain(Placement(start), optimal);

        var search = new RoadmapSearch<RoadmapCandidate>(Space(), objective, new SearchSettings(60_000, 5, Top: 2), Outcomes.Key);
        var result = search.Run(Space().Start(GameFixture.Load(Small), out _)!);
        output.WriteLine($"search: {result.Entries.Length} candidates, {result.Spent} trajectories, {result.Moves} moves, stopped: {result.Stopped}");
        Assert.Contains(Placement(result.Confirmed[0].Entry.Candidate), optimal);
        Assert.True(result.Spent <= 60_000);
        Assert.True(result.Entries.Length < all.Count * 2, "the search is not an exhaustive enumeration in disguise");
    }

    /// <summary>Where each incentive is and when it comes, by id: what the game sees of the roadmap's offers.</summary>
    private static string Placement(RoadmapCandidate c) => string.Join("; ",
        c.Scenario.Roadmap.AllIncentives.OrderBy(x => x.Incentive.Id, StringComparer.Ordinal).Select(x => $"{x.Incentive.Id} in {x.Phase.Number} {x.Incentive.Sequencing}"));

    [Fact]
    public void Search_results_do_not_depend_on_the_thread_count()
    {
        var objective = Objective.Parse("highest_step + 0.01*gdp_index", [], out _)!;
        SearchResult<RoadmapCandidate> Run(int threads)
        {
            var space = Space(threads);
            return new RoadmapSearch<RoadmapCandidate>(space, objective, new SearchSettings(12_000, 3, Top: 2), Outcomes.Key).Run(space.Start(GameFixture.Load(Small), out _)!);
        }

        var (one, three) = (Run(1), Run(3));
        Assert.Equal(one.Entries.Select(e => (e.Candidate.Text, e.Played, e.Search)), three.Entries.Select(e => (e.Candidate.Text, e.Played, e.Search)));
        Assert.Equal(one.Confirmed.Select(c => c.Objective), three.Confirmed.Select(c => c.Objective));
    }
}
