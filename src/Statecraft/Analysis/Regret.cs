using System.Collections.Immutable;
using Statecraft.Simulation;

namespace Statecraft.Analysis;

/// <summary>
/// One strategy under one assumption set: its objective, whether it meets the objective's bounds, and its
/// regret (the set's best objective minus its own, 0 for the best) with a 95% interval; regret is NaN when the
/// strategy fails a bound or no strategy meets them under the set.
/// </summary>
public readonly record struct RegretCell(double Objective, bool MeetsBounds, double Regret, double Low, double High);

/// <summary>A strategy's regret across the sets: the largest, the mean (sets weighted equally), and in how many sets it fails a bound.</summary>
/// <param name="Strategy">Index in the input's strategy order.</param>
/// <param name="MaxRegret">Largest regret over the sets where the strategy meets the bounds (NaN if none).</param>
/// <param name="MeanRegret">Mean regret over those sets.</param>
/// <param name="SetsFailingBounds">Sets in which the strategy fails a bound (or no strategy meets them).</param>
/// <param name="Rank">1 for the minimax-regret choice.</param>
public sealed record StrategyRegret(int Strategy, double MaxRegret, double MeanRegret, int SetsFailingBounds, int Rank);

/// <summary>Regret of every strategy under every set, and the minimax-regret ranking.</summary>
/// <param name="Best">[set]: the index of the set's best strategy, or -1 when no strategy meets the bounds under it.</param>
/// <param name="Cells">[set][strategy].</param>
/// <param name="Strategies">One per strategy, in input order.</param>
/// <param name="Ranking">Strategy indices from the smallest maximum regret on.</param>
public sealed record RegretTable(
    ImmutableArray<int> Best,
    ImmutableArray<ImmutableArray<RegretCell>> Cells,
    ImmutableArray<StrategyRegret> Strategies,
    ImmutableArray<int> Ranking);

/// <summary>
/// Regret over assumption sets (Savage's minimax-regret criterion): under each set, how far each strategy's
/// objective falls short of the best strategy's, and which strategy's worst shortfall is smallest. Works on a
/// plain matrix of objective values so <c>compare</c>, the roadmap search and tests share one definition.
/// </summary>
public static class Regret
{
    /// <summary>
    /// The regret table of <paramref name="objective"/>[set][strategy]. <paramref name="meetsBounds"/>[set][strategy]
    /// (all true when null) says which strategies are admissible: only they can be a set's best, and only they
    /// have a regret there. <paramref name="shortfall"/>(set, best, strategy) gives the 95% interval of the best's
    /// objective minus the strategy's (paired, on the same draws); without it the interval is NaN. Ties for best
    /// go to the first strategy; the ranking orders by sets failing bounds, then maximum regret, then mean regret,
    /// then input order.
    /// </summary>
    public static RegretTable Of(double[][] objective, bool[][]? meetsBounds = null, Func<int, int, int, Estimate>? shortfall = null)
    {
        var sets = objective.Length;
        if (sets == 0) throw new ArgumentException("at least one set", nameof(objective));
        var strategies = objective[0].Length;
        if (strategies == 0 || objective.Any(r => r.Length != strategies)) throw new ArgumentException("every set needs a value for each of at least one strategy", nameof(objective));
        if (meetsBounds is not null && (meetsBounds.Length != sets || meetsBounds.Any(r => r.Length != strategies))) throw new ArgumentException("meetsBounds must be [set][strategy] like objective", nameof(meetsBounds));
        bool Meets(int k, int s) => (meetsBounds?[k][s] ?? true) && !double.IsNaN(objective[k][s]);

        var best = ImmutableArray.CreateBuilder<int>(sets);
        var cells = ImmutableArray.CreateBuilder<ImmutableArray<RegretCell>>(sets);
        for (var k = 0; k < sets; k++)
        {
            var b = -1;
            for (var s = 0; s < strategies; s++)
            {
                if (Meets(k, s) && (b < 0 || objective[k][s] > objective[k][b])) b = s;
            }

            best.Add(b);
            var row = ImmutableArray.CreateBuilder<RegretCell>(strategies);
            for (var s = 0; s < strategies; s++)
            {
                var value = objective[k][s];
                if (b < 0 || !Meets(k, s))
                {
                    row.Add(new RegretCell(value, Meets(k, s), double.NaN, double.NaN, double.NaN));
                    continue;
                }

                var regret = objective[k][b] - value;
                // The best's shortfall against itself is 0 on every trajectory: no interval to estimate.
                var interval = s == b ? new Estimate(0, 0, 0) : shortfall?.Invoke(k, b, s) ?? Estimate.Undefined;
                row.Add(new RegretCell(value, true, regret, interval.Low, interval.High));
            }

            cells.Add(row.MoveToImmutable());
        }

        var table = cells.MoveToImmutable();
        var summaries = new (double Max, double Mean, int Failing)[strategies];
        for (var s = 0; s < strategies; s++)
        {
            double max = double.NaN, sum = 0;
            int n = 0, failing = 0;
            for (var k = 0; k < sets; k++)
            {
                var r = table[k][s].Regret;
                if (double.IsNaN(r))
                {
                    failing++;
                    continue;
                }

                max = double.IsNaN(max) ? r : Math.Max(max, r);
                sum += r;
                n++;
            }

            summaries[s] = (max, n > 0 ? sum / n : double.NaN, failing);
        }

        static int ByValue(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? double.IsNaN(a).CompareTo(double.IsNaN(b)) : a.CompareTo(b);
        var ranking = Enumerable.Range(0, strategies).ToList();
        ranking.Sort((a, b) =>
        {
            var c = summaries[a].Failing.CompareTo(summaries[b].Failing);
            if (c == 0) c = ByValue(summaries[a].Max, summaries[b].Max);
            if (c == 0) c = ByValue(summaries[a].Mean, summaries[b].Mean);
            return c != 0 ? c : a.CompareTo(b);
        });
        var rank = new int[strategies];
        for (var i = 0; i < ranking.Count; i++) rank[ranking[i]] = i + 1;
        return new RegretTable(
            best.MoveToImmutable(),
            table,
            [.. Enumerable.Range(0, strategies).Select(s => new StrategyRegret(s, summaries[s].Max, summaries[s].Mean, summaries[s].Failing, rank[s]))],
            [.. ranking]);
    }
}

/// <summary>What a strategy's objective term is centred on: its figure (the mean over defined values) and the share of trajectories where the outcome is defined.</summary>
public readonly record struct TermCentre(double Mean, double Defined)
{
    /// <summary>The centres of <paramref name="objective"/>'s terms from a Monte Carlo summary (the figures <c>compare</c> reports).</summary>
    public static ImmutableArray<TermCentre> Of(Objective objective, OutcomeAccumulator summary) =>
        [.. objective.Terms.Select(t => new TermCentre(Outcomes.Of(summary, t.Outcome), DefinedShare(summary, t.Outcome)))];

    /// <summary>The centres of <paramref name="objective"/>'s terms from per-trajectory columns.</summary>
    public static ImmutableArray<TermCentre> Of(Objective objective, OutcomeColumns columns) =>
        [.. objective.Terms.Select(t =>
        {
            var c = columns.Column(t.Outcome);
            var defined = c.Count(v => !double.IsNaN(v));
            return new TermCentre(Statistics.Mean(c), c.Length > 0 ? (double)defined / c.Length : double.NaN);
        })];

    private static double DefinedShare(OutcomeAccumulator s, Outcome o)
    {
        if (s.Trajectories == 0) return double.NaN;
        return o switch
        {
            Outcome.PComplete or Outcome.PBreakdown or Outcome.HighestStep => 1,
            // Only the end-of-horizon metrics can be undefined (inclusiveness where nobody gained); the summary counts the defined ones.
            _ => (double)s.End[(int)Outcomes.MetricOf(o)].Count / s.Trajectories,
        };
    }
}

/// <summary>
/// The 95% interval of one strategy's objective minus another's on the same trajectories (a weighted sum of
/// figures, each a mean over the trajectories where its outcome is defined). Each trajectory's influence on the
/// difference is Σ w·[(a − mean a)/share a − (b − mean b)/share b] over the terms (a term's deviation counts 0 where
/// its outcome is undefined): the delta method for a linear combination of ratio estimators, so the terms'
/// covariances are counted, not ignored. With one term and nothing undefined it is the paired-difference interval
/// of <see cref="Statistics.PairedDifference"/>. Streams over trajectories, so memory does not grow with them.
/// </summary>
public sealed class ObjectiveContrast(Objective objective, ImmutableArray<TermCentre> a, ImmutableArray<TermCentre> b)
{
    private double squares;
    private long count;

    /// <summary>Trajectories added.</summary>
    public long Count => count;

    /// <summary>Adds every row of two column sets of the same trajectories (<paramref name="x"/> for the first strategy).</summary>
    public void Add(OutcomeColumns x, OutcomeColumns y)
    {
        if (x.Count != y.Count) throw new ArgumentException("paired columns differ in length");
        var terms = objective.Terms;
        var xs = new double[terms.Length][];
        var ys = new double[terms.Length][];
        for (var t = 0; t < terms.Length; t++)
        {
            xs[t] = x.Column(terms[t].Outcome);
            ys[t] = y.Column(terms[t].Outcome);
        }

        for (var i = 0; i < x.Count; i++)
        {
            var d = 0.0;
            for (var t = 0; t < terms.Length; t++)
            {
                var u = double.IsNaN(xs[t][i]) ? 0 : (xs[t][i] - a[t].Mean) / a[t].Defined;
                var v = double.IsNaN(ys[t][i]) ? 0 : (ys[t][i] - b[t].Mean) / b[t].Defined;
                d += terms[t].Weight * (u - v);
            }

            squares += d * d;
            count++;
        }
    }

    /// <summary>The interval around <paramref name="difference"/> (the first strategy's objective minus the second's).</summary>
    public Estimate Around(double difference)
    {
        if (double.IsNaN(difference) || count < 2) return new Estimate(difference, double.NaN, double.NaN);
        var se = Math.Sqrt(squares / (count - 1) / count);
        return new Estimate(difference, difference - (Statistics.Z95 * se), difference + (Statistics.Z95 * se));
    }

    /// <summary>
    /// The difference of two strategies' objectives with its interval, from per-trajectory columns held in memory: the
    /// same estimate as the streaming one, computed by <see cref="ObjectiveStatistics.Difference"/> (one definition for
    /// compare and the roadmap search).
    /// </summary>
    public static Estimate Of(Objective objective, OutcomeColumns x, OutcomeColumns y)
    {
        if (x.Count != y.Count) throw new ArgumentException("paired columns differ in length");
        return ObjectiveStatistics.Difference(objective, x.Outcomes, i => x.Column(i), i => y.Column(x.Outcomes[i]));
    }
}
