using System.Collections.Concurrent;
using System.Collections.Immutable;
using Statecraft.Negotiation;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Analysis;

/// <summary>
/// Roadmaps as a search space: neighbours from <see cref="RoadmapMoves"/>, kept only when they validate
/// (<see cref="RoadmapRules"/>, on the records) and pass the feasibility check, and evaluated with <see cref="TrajectorySample"/> on common
/// trajectories. How a scenario becomes a game is given: one way (the scenario as written), or one per named
/// assumption set (<see cref="AssumptionSet.Apply"/>). Under several sets a candidate plays every trajectory under
/// each, and the search sees, per trajectory, the mean over the sets of each outcome (over the sets where it is
/// defined): the objective it maximises is then the objective averaged over the sets, weighted equally.
/// </summary>
/// <param name="catalog">The sanctions catalog the check and the game use.</param>
/// <param name="compilers">How a candidate scenario becomes a game, once per assumption set (one entry: no sets).</param>
/// <param name="threads">Worker threads; the results do not depend on them.</param>
/// <param name="allow">Which moves to make (null: all); a narrower space, as for a search over sequencing alone.</param>
public sealed class RoadmapSpace(Catalog catalog, IReadOnlyList<Func<Scenario, CompiledGame>> compilers, int threads, Func<RoadmapMove, bool>? allow = null) : ISearchSpace<RoadmapCandidate>
{
    /// <summary>A space whose candidates are compiled one way.</summary>
    public RoadmapSpace(Catalog catalog, Func<Scenario, CompiledGame> compile, int threads, Func<RoadmapMove, bool>? allow = null)
        : this(catalog, [compile], threads, allow)
    {
    }

    /// <summary>Compiled games kept at most; compiling takes about a millisecond, so a full cache is simply emptied.</summary>
    private const int CacheSize = 512;

    /// <summary>The least a window is cut into for the threads, so a split costs less than it saves.</summary>
    private const int SmallestPiece = 512;

    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> rejected = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CompiledGame> games = new(StringComparer.Ordinal);

    /// <summary>Moves turned away so far, by reason.</summary>
    public IReadOnlyDictionary<string, int> Rejected => rejected;

    /// <summary>Moves proposed so far, kept or not.</summary>
    public int Proposed { get; private set; }

    /// <summary>The original roadmap as a candidate, or null with why it cannot be one (it breaks a rule of <see cref="RoadmapRules"/>).</summary>
    public RoadmapCandidate? Start(Scenario original, out string? why)
    {
        var errors = RoadmapRules.Check(original, catalog).Where(d => d.Severity == Documents.Severity.Error).ToList();
        if (errors.Count > 0)
        {
            why = "the scenario does not validate: " + string.Join("; ", errors.Select(d => d.Message));
            return null;
        }

        why = null;
        var text = ScenarioWriter.Write(original, catalog);
        seen.Add(text);
        return new RoadmapCandidate(original, text, "the original roadmap");
    }

    /// <inheritdoc />
    public IReadOnlyList<(RoadmapCandidate Candidate, string Change)> Neighbours(RoadmapCandidate candidate)
    {
        var moves = RoadmapMoves.Around(candidate.Scenario, catalog).Where(m => allow is null || allow(m)).ToList();
        Proposed += moves.Count;
        var hood = RoadmapMoves.Admissible(moves, catalog, seen);
        foreach (var (why, count) in hood.Rejected) rejected[why] = rejected.GetValueOrDefault(why) + count;
        return [.. hood.Candidates.Select(c => (c, c.Explanation))];
    }

    /// <summary>How many ways a candidate is compiled (assumption sets; 1 without).</summary>
    public int Sets => compilers.Count;

    /// <inheritdoc />
    public OutcomeColumns[] Evaluate(IReadOnlyList<RoadmapCandidate> candidates, ulong seed, long first, int count, ImmutableArray<Outcome> outcomes)
    {
        if (compilers.Count == 1) return EvaluateUnder(0, candidates, seed, first, count, outcomes);
        var under = Enumerable.Range(0, compilers.Count).Select(s => EvaluateUnder(s, candidates, seed, first, count, outcomes)).ToArray();
        var results = new OutcomeColumns[candidates.Count];
        for (var c = 0; c < candidates.Count; c++)
        {
            results[c] = new OutcomeColumns(outcomes, count);
            for (var k = 0; k < outcomes.Length; k++)
            {
                var into = results[c].Column(k);
                for (var i = 0; i < count; i++)
                {
                    double sum = 0;
                    var n = 0;
                    foreach (var set in under)
                    {
                        var v = set[c].Column(k)[i];
                        if (double.IsNaN(v)) continue;
                        sum += v;
                        n++;
                    }

                    into[i] = n > 0 ? sum / n : double.NaN;
                }
            }
        }

        return results;
    }

    /// <summary>Each candidate's outcomes under assumption set <paramref name="set"/> alone (the index in the compilers given).</summary>
    public OutcomeColumns[] EvaluateUnder(int set, IReadOnlyList<RoadmapCandidate> candidates, ulong seed, long first, int count, ImmutableArray<Outcome> outcomes)
    {
        if (set < 0 || set >= compilers.Count) throw new ArgumentOutOfRangeException(nameof(set));
        if (games.Count > CacheSize) games.Clear();
        var results = new OutcomeColumns[candidates.Count];
        var window = new TrajectoryWindow(seed, first, count);
        var pieces = Math.Clamp(count / SmallestPiece, 1, Math.Max(1, threads / Math.Max(1, candidates.Count)));
        if (pieces == 1)
        {
            // Enough candidates to keep every thread busy: one window, candidates spread over the threads.
            TrajectorySample.Evaluate(candidates.Count, i => Variant.Of(Game(set, candidates[i])), window, outcomes, threads, (i, c) => results[i] = c);
            return results;
        }

        // Few candidates, many trajectories: cut the window so each thread plays a piece. A piece's outcomes depend
        // only on its trajectories, so the joined columns are those of the whole window for any thread count.
        var variants = candidates.Select(c => Variant.Of(Game(set, c))).ToArray();
        var bounds = Enumerable.Range(0, pieces + 1).Select(p => (int)((long)count * p / pieces)).ToArray();
        for (var i = 0; i < results.Length; i++) results[i] = new OutcomeColumns(outcomes, count);
        var work = (from v in Enumerable.Range(0, variants.Length) from p in Enumerable.Range(0, pieces) select (v, p)).ToArray();
        Parallel.For(0, work.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, w =>
        {
            var (v, p) = work[w];
            var piece = new TrajectoryWindow(seed, first + bounds[p], bounds[p + 1] - bounds[p]);
            var played = TrajectorySample.Evaluate([variants[v]], piece, outcomes, 1)[0];
            for (var k = 0; k < outcomes.Length; k++) Array.Copy(played.Column(k), 0, results[v].Column(k), bounds[p], piece.Count);
        });
        return results;
    }

    private CompiledGame Game(int set, RoadmapCandidate c) =>
        games.GetOrAdd(compilers.Count == 1 ? c.Text : $"{set}\n{c.Text}", _ => compilers[set](c.Scenario));
}
