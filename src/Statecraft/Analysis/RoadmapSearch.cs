using System.Collections.Immutable;

namespace Statecraft.Analysis;

/// <summary>How the search spends its trajectories.</summary>
/// <param name="Budget">Trajectories to spend in all, over every candidate, confirmation included.</param>
/// <param name="Seed">Master seed of the search's trajectories; the confirmation uses a seed derived from it.</param>
/// <param name="FirstRound">Trajectories each candidate of a race plays in its first round.</param>
/// <param name="Eta">Successive halving keeps the best 1/Eta of a round and gives them Eta times the trajectories.</param>
/// <param name="Top">How many of the best candidates are confirmed and reported.</param>
/// <param name="ConfirmShare">Share of the budget kept for the confirmation of the top candidates and the original.</param>
public sealed record SearchSettings(long Budget, ulong Seed, int FirstRound = 128, int Eta = 3, int Top = 3, double ConfirmShare = 0.2)
{
    /// <summary>Trajectories each confirmed candidate (and the original) plays on the confirmation window.</summary>
    public int ConfirmRuns => (int)Math.Clamp(Budget * ConfirmShare / (Top + 1), 1, int.MaxValue);

    /// <summary>The seed of the confirmation window: trajectories the search never saw.</summary>
    public ulong ConfirmSeed => unchecked((Seed * 0x9E3779B97F4A7C15UL) ^ 0xC0F1A7E5EEDUL);
}

/// <summary>What the search needs of a space of candidates: their neighbours, an identity, and their outcomes on trajectories.</summary>
/// <typeparam name="T">A candidate.</typeparam>
public interface ISearchSpace<T>
{
    /// <summary>The neighbours of <paramref name="candidate"/> not offered before, each with a one-line account of the change.</summary>
    IReadOnlyList<(T Candidate, string Change)> Neighbours(T candidate);

    /// <summary>
    /// Each candidate's outcomes on trajectories <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1
    /// of the run with master seed <paramref name="seed"/>, the same trajectories for all (common random numbers).
    /// </summary>
    OutcomeColumns[] Evaluate(IReadOnlyList<T> candidates, ulong seed, long first, int count, ImmutableArray<Outcome> outcomes);
}

/// <summary>An estimate of the objective: its value with a 95% interval, and the bounds' shortfall at the point estimates.</summary>
public readonly record struct ObjectiveEstimate(Estimate Score, double Shortfall);

/// <summary>A candidate the search evaluated, with the changes that made it from the original and what it spent.</summary>
public sealed class SearchEntry<T>(int id, T candidate, ImmutableArray<string> changes, int parent)
{
    private readonly List<OutcomeColumns> parts = [];

    /// <summary>Order of first evaluation; 0 is the original.</summary>
    public int Id { get; } = id;

    public T Candidate { get; } = candidate;

    /// <summary>The changes from the original, oldest first.</summary>
    public ImmutableArray<string> Changes { get; } = changes;

    /// <summary>The id of the incumbent whose neighbour it is (-1 for the original).</summary>
    public int Parent { get; } = parent;

    /// <summary>Trajectories 0 to Played - 1 of the search window have been played.</summary>
    public int Played { get; private set; }

    /// <summary>The search's estimate on everything played, as last ranked.</summary>
    public ObjectiveEstimate Search { get; internal set; }

    /// <summary>How many races it was in.</summary>
    public int Races { get; internal set; }

    /// <summary>Whether it became the incumbent at some point.</summary>
    public bool WasIncumbent { get; internal set; }

    internal void Append(OutcomeColumns columns)
    {
        parts.Add(columns);
        Played += columns.Count;
    }

    /// <summary>The first <paramref name="n"/> trajectories' values of outcome column <paramref name="k"/>.</summary>
    internal double[] Column(int k, int n)
    {
        var result = new double[n];
        var at = 0;
        foreach (var p in parts)
        {
            var take = Math.Min(p.Count, n - at);
            if (take <= 0) break;
            Array.Copy(p.Column(k), 0, result, at, take);
            at += take;
        }

        return result;
    }
}

/// <summary>What a search found: every candidate evaluated, the incumbent at the end, and the confirmation.</summary>
public sealed record SearchResult<T>(
    ImmutableArray<SearchEntry<T>> Entries,
    SearchEntry<T> Incumbent,
    ImmutableArray<Confirmed<T>> Confirmed,
    Confirmed<T> Original,
    long Spent,
    int Moves,
    string Stopped);

/// <summary>A candidate re-evaluated on the confirmation window, with its difference from the original on the same draws.</summary>
public sealed record Confirmed<T>(SearchEntry<T> Entry, ObjectiveEstimate Objective, ImmutableDictionary<Outcome, Estimate> Figures, Estimate VersusOriginal, ImmutableDictionary<Outcome, Estimate> FigureDifferences)
{
    /// <summary>The confirmation trajectories each figure is a mean over: all of them but where a conditional outcome (inclusiveness) is undefined.</summary>
    public ImmutableDictionary<Outcome, long> FigureN { get; init; } = ImmutableDictionary<Outcome, long>.Empty;
}

/// <summary>
/// Local search by successive halving with common random numbers. The incumbent's neighbours race it: every
/// runner plays the same trajectories; after each round the best 1/η by <see cref="Objective.Rank"/> of their
/// point estimates go on with η times as many (earlier trajectories are kept, only the new ones are played).
/// The race's winner replaces the incumbent when it is better on the paired difference of the objective (95%
/// interval above zero) or closer to meeting the bounds, and its neighbours race next, until the budget is spent
/// or no neighbour wins. Then the best candidates and the original are played on a fresh confirmation window,
/// so the figures reported are not inflated by having been picked as the best of many noisy estimates.
/// </summary>
public sealed class RoadmapSearch<T>(ISearchSpace<T> space, Objective objective, SearchSettings settings, ImmutableArray<Outcome> report)
{
    /// <summary>The fewest trajectories a first round may have: fewer say nothing about a chance of a few percent.</summary>
    private const int MinimumRound = 16;

    private readonly ImmutableArray<Outcome> reads = objective.Reads;
    private readonly List<SearchEntry<T>> entries = [];
    private long spent;

    /// <summary>Called after each evaluation with the trajectories spent so far and the budget.</summary>
    public Action<long, long>? Progress { get; init; }

    public SearchResult<T> Run(T original)
    {
        if (settings.Budget < 1) throw new ArgumentOutOfRangeException(nameof(settings), "the budget must be at least one trajectory");
        var searchBudget = settings.Budget - ((long)settings.ConfirmRuns * (settings.Top + 1));
        var incumbent = Add(original, [], -1);
        incumbent.WasIncumbent = true;
        var moves = 0;
        var stopped = "the budget was spent";
        while (true)
        {
            var neighbours = space.Neighbours(incumbent.Candidate);
            if (neighbours.Count == 0)
            {
                stopped = "the incumbent has no neighbours left to try";
                break;
            }

            // Too little left for a first round: say so, and do not list neighbours that were never played.
            if ((searchBudget - spent) / (neighbours.Count + 1) < MinimumRound)
            {
                stopped = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"the {Math.Max(0, searchBudget - spent):N0} trajectories left of the search's budget are too few for a first round of {MinimumRound} for the incumbent and each of its {neighbours.Count} neighbours (raise --budget)");
                break;
            }

            var runners = new List<SearchEntry<T>> { incumbent };
            runners.AddRange(neighbours.Select(n => Add(n.Candidate, incumbent.Changes.Add(n.Change), incumbent.Id)));
            foreach (var r in runners) r.Races++;
            var (finalists, complete) = Race(runners, searchBudget);

            // The finalists duel the incumbent in turn: where neighbours differ by less than a round can see, the
            // race's order among them is partly chance, and the runner-up may be the one that is better.
            var winner = finalists.FirstOrDefault(f => Beats(f, incumbent, searchBudget));
            if (winner is null)
            {
                stopped = complete ? "no neighbour of the incumbent was better on the paired difference" : "the budget was spent";
                break;
            }

            incumbent = winner;
            incumbent.WasIncumbent = true;
            moves++;
        }

        var (confirmed, baseline) = Confirm(incumbent);
        return new SearchResult<T>([.. entries], incumbent, confirmed, baseline, spent, moves, stopped);
    }

    private SearchEntry<T> Add(T candidate, ImmutableArray<string> changes, int parent)
    {
        var e = new SearchEntry<T>(entries.Count, candidate, changes, parent);
        entries.Add(e);
        return e;
    }

    /// <summary>
    /// Successive halving among <paramref name="runners"/> (the incumbent first): the best η runners other than the
    /// incumbent, best first, and whether the race ran to its end within the budget. The incumbent races so that every round's
    /// ranking is on the same trajectories as it, but it is not the winner: whether the best neighbour beats it is
    /// the duel's question, and an incumbent ahead by chance in a flat region must not end the search early.
    /// </summary>
    private (IReadOnlyList<SearchEntry<T>> Finalists, bool Complete) Race(List<SearchEntry<T>> runners, long budget)
    {
        var alive = runners;

        // A large neighbourhood on a small budget starts with fewer trajectories rather than not at all.
        var n = (int)Math.Min(settings.FirstRound, (budget - spent) / Math.Max(1, runners.Count));
        if (n < MinimumRound) return ([], false);
        List<SearchEntry<T>> Best(List<SearchEntry<T>> ranked) => [.. ranked.Where(r => r != runners[0]).Take(settings.Eta)];
        while (true)
        {
            var cost = alive.Sum(r => (long)Math.Max(0, n - r.Played));
            if (spent + cost > budget)
            {
                // Not enough left for the round: decide on what every runner has played.
                return (Best(Ranked(alive, alive.Min(r => r.Played))), false);
            }

            Extend(alive, n);
            var ranked = Ranked(alive, n);

            // With η or fewer neighbours left, the best goes to the duel with the incumbent, which plays on while undecided.
            var neighbours = ranked.Count(r => r != runners[0]);
            if (neighbours <= settings.Eta) return (Best(ranked), true);
            var keep = Math.Max(1, (int)Math.Ceiling(ranked.Count / (double)settings.Eta));

            // The incumbent stays in every round, so the neighbours are always ranked on trajectories it has played.
            alive = [.. ranked.Take(keep).Where(r => r != runners[0]).Prepend(runners[0])];
            n = (int)Math.Min(int.MaxValue / 2, (long)n * settings.Eta);
        }
    }

    /// <summary>
    /// Whether <paramref name="challenger"/> should replace <paramref name="incumbent"/>: closer to meeting the bounds,
    /// or as close and better on the paired difference. While the interval straddles zero, both play more
    /// (doubling) as long as the budget allows, up to 16 times what they had.
    /// </summary>
    private bool Beats(SearchEntry<T> challenger, SearchEntry<T> incumbent, long budget)
    {
        var n = Math.Min(challenger.Played, incumbent.Played);
        var limit = (long)n * 16;
        while (true)
        {
            var (x, y) = (Estimate(challenger, n), Estimate(incumbent, n));
            if (x.Shortfall < y.Shortfall) return true;
            if (x.Shortfall > y.Shortfall) return false;
            var d = Difference(challenger, incumbent, n);
            if (d.Low > 0) return true;
            if (d.High < 0 || double.IsNaN(d.Value)) return false;
            var next = (long)n * 2;
            var cost = Math.Max(0, next - challenger.Played) + Math.Max(0, next - incumbent.Played);
            if (next > limit || next > int.MaxValue / 2 || spent + cost > budget) return false;
            n = (int)next;
            Extend([challenger, incumbent], n);
        }
    }

    /// <summary>Plays trajectories up to <paramref name="n"/> for each runner that has fewer, grouping runners that start at the same trajectory.</summary>
    private void Extend(IReadOnlyList<SearchEntry<T>> runners, int n)
    {
        foreach (var group in runners.Where(r => r.Played < n).GroupBy(r => r.Played).OrderBy(g => g.Key))
        {
            var members = group.OrderBy(r => r.Id).ToList();
            var first = group.Key;
            var columns = space.Evaluate([.. members.Select(m => m.Candidate)], settings.Seed, first, n - first, reads);
            for (var i = 0; i < members.Count; i++) members[i].Append(columns[i]);
            spent += (long)members.Count * (n - first);
            Progress?.Invoke(spent, settings.Budget);
        }
    }

    /// <summary>The runners best first on their first <paramref name="n"/> trajectories; ties go to the earlier candidate, so the order is deterministic.</summary>
    private List<SearchEntry<T>> Ranked(IEnumerable<SearchEntry<T>> runners, int n)
    {
        var scored = runners.Select(r => (Entry: r, Estimate: r.Search = Estimate(r, n))).ToList();
        scored.Sort((a, b) =>
        {
            var c = Objective.Rank((a.Estimate.Score.Value, a.Estimate.Shortfall), (b.Estimate.Score.Value, b.Estimate.Shortfall));
            return c != 0 ? c : a.Entry.Id.CompareTo(b.Entry.Id);
        });
        return [.. scored.Select(s => s.Entry)];
    }

    private ObjectiveEstimate Estimate(SearchEntry<T> e, int n) => ObjectiveStatistics.Of(objective, reads, k => e.Column(k, n));

    private Estimate Difference(SearchEntry<T> a, SearchEntry<T> b, int n) =>
        ObjectiveStatistics.Difference(objective, reads, k => a.Column(k, n), k => b.Column(k, n));

    /// <summary>
    /// The candidates to confirm: the final incumbent, then the best of the others that reached a race's last
    /// round (those have the most trajectories behind their estimates), by their search estimates.
    /// </summary>
    private (ImmutableArray<Confirmed<T>>, Confirmed<T>) Confirm(SearchEntry<T> incumbent)
    {
        var original = entries[0];
        var others = entries.Where(e => e != incumbent && e != original && e.Played > 0)
            .OrderByDescending(e => e.Played)
            .ThenBy(e => e.Id)
            .Take(Math.Max(settings.Top * 4, 12))
            .ToList();
        others.Sort((a, b) =>
        {
            var c = Objective.Rank((a.Search.Score.Value, a.Search.Shortfall), (b.Search.Score.Value, b.Search.Shortfall));
            return c != 0 ? c : a.Id.CompareTo(b.Id);
        });
        var chosen = new List<SearchEntry<T>>();
        if (incumbent != original) chosen.Add(incumbent);
        chosen.AddRange(others.Take(settings.Top - chosen.Count));
        var all = new List<SearchEntry<T>> { original };
        all.AddRange(chosen);
        var outcomes = reads.Union(report).Order().ToImmutableArray();
        var n = settings.ConfirmRuns;
        var columns = space.Evaluate([.. all.Select(e => e.Candidate)], settings.ConfirmSeed, 0, n, outcomes);
        spent += (long)all.Count * n;
        Progress?.Invoke(spent, settings.Budget);
        var readIndex = reads.Select(o => outcomes.IndexOf(o)).ToArray();
        Func<int, double[]> Of(int c) => k => columns[c].Column(readIndex[k]);
        var baseColumns = columns[0];
        Confirmed<T> Make(int c) => new(
            all[c],
            ObjectiveStatistics.Of(objective, reads, Of(c)),
            outcomes.ToImmutableDictionary(o => o, o => Statistics.MeanInterval(columns[c].Column(o))),
            ObjectiveStatistics.Difference(objective, reads, Of(c), Of(0)),
            outcomes.ToImmutableDictionary(o => o, o => Statistics.PairedDifference(columns[c].Column(o), baseColumns.Column(o))))
        {
            FigureN = outcomes.ToImmutableDictionary(o => o, o => columns[c].Defined(outcomes.IndexOf(o))),
        };
        var confirmed = Enumerable.Range(1, all.Count - 1).Select(Make).ToList();
        confirmed.Sort((a, b) =>
        {
            var c = Objective.Rank((a.Objective.Score.Value, a.Objective.Shortfall), (b.Objective.Score.Value, b.Objective.Shortfall));
            return c != 0 ? c : a.Entry.Id.CompareTo(b.Entry.Id);
        });
        return ([.. confirmed], Make(0));
    }
}

/// <summary>The objective's estimate and paired differences from per-trajectory outcome columns.</summary>
public static class ObjectiveStatistics
{
    /// <summary>
    /// The objective on the columns of <paramref name="reads"/> (<paramref name="column"/> gives column k): the weighted
    /// sum of the outcomes' means with a 95% interval from each trajectory's influence on it (the delta method, so a
    /// NaN-able outcome such as inclusiveness is averaged over its defined values), and the bounds' shortfall.
    /// </summary>
    public static ObjectiveEstimate Of(Objective objective, ImmutableArray<Outcome> reads, Func<int, double[]> column)
    {
        var cols = Enumerable.Range(0, reads.Length).Select(column).ToArray();
        var means = cols.Select(c => Statistics.Mean(c)).ToArray();
        var score = objective.Score(o => means[reads.IndexOf(o)]);
        var shortfall = objective.Shortfall(o => means[reads.IndexOf(o)]);
        var se = StandardError(objective, reads, cols, null);
        return new ObjectiveEstimate(new Estimate(score, score - (Statistics.Z95 * se), score + (Statistics.Z95 * se)), shortfall);
    }

    /// <summary>The objective of <paramref name="x"/> minus that of <paramref name="y"/> on the same trajectories, with a paired 95% interval.</summary>
    public static Estimate Difference(Objective objective, ImmutableArray<Outcome> reads, Func<int, double[]> x, Func<int, double[]> y)
    {
        var xs = Enumerable.Range(0, reads.Length).Select(x).ToArray();
        var ys = Enumerable.Range(0, reads.Length).Select(y).ToArray();
        var mx = xs.Select(c => Statistics.Mean(c)).ToArray();
        var my = ys.Select(c => Statistics.Mean(c)).ToArray();
        var d = objective.Score(o => mx[reads.IndexOf(o)]) - objective.Score(o => my[reads.IndexOf(o)]);
        if (double.IsNaN(d)) return Analysis.Estimate.Undefined;
        var se = StandardError(objective, reads, xs, ys);
        return new Estimate(d, d - (Statistics.Z95 * se), d + (Statistics.Z95 * se));
    }

    /// <summary>
    /// The standard error of the weighted sum of means (or of its paired difference when <paramref name="ys"/> is given):
    /// trajectory i's influence is the sum over terms of weight × (value - mean) / (share of trajectories where the outcome is defined).
    /// </summary>
    private static double StandardError(Objective objective, ImmutableArray<Outcome> reads, double[][] xs, double[][]? ys)
    {
        var n = xs.Length == 0 ? 0 : xs[0].Length;
        if (n < 2) return double.NaN;
        var influence = new double[n];
        void Add(double[] c, double w)
        {
            var m = Statistics.Mean(c);
            var defined = c.Count(v => !double.IsNaN(v));
            if (defined == 0) return;
            var share = (double)defined / n;
            for (var i = 0; i < n; i++)
            {
                if (!double.IsNaN(c[i])) influence[i] += w * (c[i] - m) / share;
            }
        }

        foreach (var t in objective.Terms)
        {
            var k = reads.IndexOf(t.Outcome);
            Add(xs[k], t.Weight);
            if (ys is not null) Add(ys[k], -t.Weight);
        }

        var ss = 0.0;
        foreach (var v in influence) ss += v * v;
        return Math.Sqrt(ss / (n - 1) / n);
    }
}
