using System.Collections.Immutable;
using Statecraft.Negotiation;

namespace Statecraft.Analysis;

/// <summary>A factor's first-order and total Sobol indices for one outcome, each with a 95% bootstrap interval.</summary>
public sealed record SobolIndex(Estimate First, Estimate Total);

/// <summary>One outcome's decomposition.</summary>
/// <param name="Outcome">The outcome.</param>
/// <param name="Mean">The outcome's mean over the design's A and B rows.</param>
/// <param name="Variance">The variance the indices divide (over the A and B rows).</param>
/// <param name="Indices">Per factor, in <see cref="SobolResult.Factors"/> order.</param>
/// <param name="Rows">Rows of the design used (rows where the outcome was undefined at some point are left out).</param>
public sealed record SobolOutcome(Outcome Outcome, double Mean, double Variance, ImmutableArray<SobolIndex> Indices, int Rows)
{
    /// <summary>The sum of the first-order indices: 1 less this is the share of the variance due to interactions.</summary>
    public double SumFirst => Indices.Sum(i => i.First.Value);
}

/// <summary>A variance-based sensitivity analysis of a strategy.</summary>
/// <param name="Factors">The factors varied, all at once.</param>
/// <param name="Samples">N, the rows of each of the design's matrices A and B.</param>
/// <param name="Inner">The trajectories each design point is played on (the same for every point).</param>
/// <param name="Bootstrap">Bootstrap replicates behind the intervals.</param>
/// <param name="ByOutcome">One decomposition per outcome.</param>
public sealed record SobolResult(ImmutableArray<Factor> Factors, int Samples, TrajectoryWindow Inner, int Bootstrap, ImmutableArray<SobolOutcome> ByOutcome)
{
    /// <summary>Design points played: N (k + 2).</summary>
    public int Points => Samples * (Factors.Length + 2);
}

/// <summary>
/// Saltelli's sampling design for first-order and total Sobol indices (Saltelli 2002; Saltelli et al. 2010,
/// Computer Physics Communications 181, 259-270): two independent N x k matrices A and B of uniforms, and for
/// each factor i the matrix AB_i, A with column i taken from B. The model is run on the N (k + 2) rows.
/// </summary>
public static class SaltelliDesign
{
    /// <summary>
    /// The uniforms of block <paramref name="block"/> (0 = A, 1 = B, 2 + i = AB_i), row <paramref name="row"/>, for
    /// <paramref name="k"/> factors, from <paramref name="stream"/>. Values lie strictly inside (0, 1), so every
    /// inverse distribution function is finite.
    /// </summary>
    public static void Row(StreamRandom stream, int k, int block, int row, Span<double> u)
    {
        if (u.Length != k) throw new ArgumentException("one uniform per factor");
        for (var i = 0; i < k; i++)
        {
            var fromB = block == 1 || block == 2 + i;
            var counter = ((ulong)row * (ulong)(2 * k)) + (ulong)(fromB ? k + i : i);
            // Uniform gives multiples of 2^-53 in [0, 1); the half-step puts them strictly inside, except that the
            // largest, 1 - 2^-53, plus half a step rounds to 1: the clamp keeps it below.
            u[i] = Math.Min(stream.Uniform(counter) + (0.5 / (1UL << 53)), 1.0 - (1.0 / (1UL << 53)));
        }
    }

    /// <summary>
    /// First-order and total indices from the model's values on the design: <paramref name="a"/>[j] = f(A_j),
    /// <paramref name="b"/>[j] = f(B_j), <paramref name="ab"/>[i][j] = f(AB_i,j); V the variance of f over the A and
    /// B rows. Both by Jansen's estimators (Jansen 1999; Saltelli et al. 2010, table 2): first order
    /// S_i = (V - mean_j (f(B_j) - f(AB_i,j))^2 / 2) / V, since B_j and AB_i,j share only factor i; total
    /// T_i = mean_j (f(A_j) - f(AB_i,j))^2 / (2V), since A_j and AB_i,j share every factor but i. Both read only
    /// differences of f, so they do not degrade when the outcome's mean is large beside its spread (GDP near 110
    /// with a spread of 3), as the product form f(B)(f(AB) - f(A)) does. Intervals: percentile bootstrap over
    /// the rows (each replicate resamples the rows once and recomputes V and every index from them).
    /// </summary>
    public static (ImmutableArray<SobolIndex> Indices, double Mean, double Variance, int Rows) Estimate(
        double[] a, double[] b, IReadOnlyList<double[]> ab, int bootstrap, StreamRandom stream)
    {
        var k = ab.Count;
        // Rows where the outcome is undefined at some point of the row are left out of every sum.
        var rows = new List<int>();
        for (var j = 0; j < a.Length; j++)
        {
            var ok = double.IsFinite(a[j]) && double.IsFinite(b[j]);
            for (var i = 0; i < k && ok; i++) ok = double.IsFinite(ab[i][j]);
            if (ok) rows.Add(j);
        }

        var n = rows.Count;
        var fa = rows.Select(j => a[j]).ToArray();
        var fb = rows.Select(j => b[j]).ToArray();
        var fab = ab.Select(col => rows.Select(j => col[j]).ToArray()).ToArray();
        if (n < 2) return ([.. Enumerable.Range(0, k).Select(_ => new SobolIndex(Analysis.Estimate.Undefined, Analysis.Estimate.Undefined))], double.NaN, double.NaN, n);

        var identity = Enumerable.Range(0, n).ToArray();
        var first = new double[k];
        var total = new double[k];
        var (mean, variance) = Indices(fa, fb, fab, identity, first, total);
        var firstReplicates = new double[k][];
        var totalReplicates = new double[k][];
        for (var i = 0; i < k; i++)
        {
            firstReplicates[i] = new double[bootstrap];
            totalReplicates[i] = new double[bootstrap];
        }

        var resample = new int[n];
        var f = new double[k];
        var t = new double[k];
        for (var r = 0; r < bootstrap; r++)
        {
            Statistics.Resample(stream, r, resample);
            Indices(fa, fb, fab, resample, f, t);
            for (var i = 0; i < k; i++)
            {
                firstReplicates[i][r] = f[i];
                totalReplicates[i][r] = t[i];
            }
        }

        var indices = ImmutableArray.CreateBuilder<SobolIndex>(k);
        for (var i = 0; i < k; i++)
        {
            var (fl, fh) = bootstrap > 0 ? Statistics.PercentileInterval(firstReplicates[i]) : (double.NaN, double.NaN);
            var (tl, th) = bootstrap > 0 ? Statistics.PercentileInterval(totalReplicates[i]) : (double.NaN, double.NaN);
            indices.Add(new SobolIndex(new Estimate(first[i], fl, fh), new Estimate(total[i], tl, th)));
        }

        return (indices.MoveToImmutable(), mean, variance, n);
    }

    /// <summary>The indices from the rows listed in <paramref name="rows"/> (with repeats, for a bootstrap replicate).</summary>
    private static (double Mean, double Variance) Indices(double[] fa, double[] fb, double[][] fab, int[] rows, double[] first, double[] total)
    {
        var n = rows.Length;
        double sum = 0;
        foreach (var j in rows) sum += fa[j] + fb[j];
        var mean = sum / (2 * n);
        double ss = 0;
        foreach (var j in rows) ss += ((fa[j] - mean) * (fa[j] - mean)) + ((fb[j] - mean) * (fb[j] - mean));
        var variance = ss / (2 * n);
        for (var i = 0; i < fab.Length; i++)
        {
            double s = 0, st = 0;
            var col = fab[i];
            foreach (var j in rows)
            {
                s += (fb[j] - col[j]) * (fb[j] - col[j]);
                st += (fa[j] - col[j]) * (fa[j] - col[j]);
            }

            first[i] = variance > 0 ? (variance - (s / (2 * n))) / variance : 0;
            total[i] = variance > 0 ? st / (2 * n) / variance : 0;
        }

        return (mean, variance);
    }
}

/// <summary>
/// Variance-based sensitivity of a strategy (docs/model.md, "Sensitivity"): every factor is drawn at once on
/// Saltelli's design, from its distribution (a scenario assumption) or uniformly over its range (a game or
/// economy assumption), and each design point is the strategy with those values, played on the same inner
/// trajectories. The function decomposed is an outcome's figure over those trajectories (a chance or a mean),
/// so the indices say how much of the spread of that figure, as the factors range over their uncertainty, each
/// factor explains alone (first order) and with its interactions (total). The North's type, the events and the
/// assumptions not varied stay as <c>simulate</c> draws them, the same on every point (common random numbers):
/// a factor that changes nothing gets indices of exactly 0.
/// </summary>
public static class Sobol
{
    /// <summary>Bootstrap replicates by default.</summary>
    public const int DefaultBootstrap = 500;

    public static SobolResult Run(
        FactorSpace space, IReadOnlyList<Factor> factors, ImmutableArray<Outcome> outcomes, int samples, TrajectoryWindow inner,
        int bootstrap, int threads, Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        var k = factors.Count;
        if (k < 1) throw new ArgumentException("a variance-based analysis needs at least one factor");
        if (samples < 2) throw new ArgumentOutOfRangeException(nameof(samples), "at least 2 samples");
        var design = new StreamRandom(inner.Seed).Derive("sobol design");
        var blocks = k + 2;
        var points = samples * blocks;
        // figure[outcome][block][row]
        var figure = outcomes.Select(_ => Enumerable.Range(0, blocks).Select(_ => new double[samples]).ToArray()).ToArray();
        var chosen = factors.ToArray();
        TrajectorySample.Evaluate(
            points,
            v =>
            {
                // Row-major: the k + 2 points of one row are played one after another.
                var (row, block) = (v / blocks, v % blocks);
                Span<double> u = stackalloc double[k];
                SaltelliDesign.Row(design, k, block, row, u);
                var values = new double[k];
                for (var i = 0; i < k; i++) values[i] = chosen[i].Quantile(u[i]);
                return space.At(chosen, values);
            },
            inner, outcomes, threads,
            (v, columns) =>
            {
                var (row, block) = (v / blocks, v % blocks);
                for (var o = 0; o < outcomes.Length; o++) figure[o][block][row] = columns.Mean(o);
            },
            done => progress?.Invoke(done, points), cancel);

        var bootstrapStream = new StreamRandom(inner.Seed).Derive("sobol bootstrap");
        var results = ImmutableArray.CreateBuilder<SobolOutcome>(outcomes.Length);
        for (var o = 0; o < outcomes.Length; o++)
        {
            var f = figure[o];
            var (indices, mean, variance, rows) = SaltelliDesign.Estimate(f[0], f[1], f[2..], bootstrap, bootstrapStream.Derive((ulong)o));
            results.Add(new SobolOutcome(outcomes[o], mean, variance, indices, rows));
        }

        return new SobolResult([.. chosen], samples, inner, bootstrap, results.MoveToImmutable());
    }
}
