using Statecraft.Negotiation;

namespace Statecraft.Analysis;

/// <summary>An estimate with a 95% interval.</summary>
public readonly record struct Estimate(double Value, double Low, double High)
{
    public static Estimate Undefined => new(double.NaN, double.NaN, double.NaN);
}

/// <summary>Means, paired differences and bootstrap intervals over per-trajectory columns.</summary>
public static class Statistics
{
    /// <summary>The 97.5% point of the standard normal.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The mean of the values that are not NaN (NaN if all are).</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        var n = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            sum += v;
            n++;
        }

        return n > 0 ? sum / n : double.NaN;
    }

    /// <summary>
    /// Mean of <paramref name="x"/> minus mean of <paramref name="y"/> on the same trajectories, with a 95% interval
    /// from the spread of the paired differences (normal approximation). Where a value is NaN (inclusiveness where nobody
    /// gained) each mean is over its own defined values, and the interval is the delta method's for the two ratio
    /// estimators, which reduces to the paired one when nothing is missing. This is the difference of the two figures the
    /// analyses rank (each variant's own mean), not the mean of the differences where both are defined that compare
    /// reports (docs/model.md, "Outcome measures", says why both).
    /// </summary>
    public static Estimate PairedDifference(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException("paired columns differ in length");
        var n = x.Length;
        double sx = 0, sy = 0;
        int nx = 0, ny = 0;
        for (var i = 0; i < n; i++)
        {
            if (!double.IsNaN(x[i])) { sx += x[i]; nx++; }
            if (!double.IsNaN(y[i])) { sy += y[i]; ny++; }
        }

        if (nx == 0 || ny == 0) return Estimate.Undefined;
        var mx = sx / nx;
        var my = sy / ny;
        // Each trajectory's influence on (mean x - mean y): (x_i - mx)/px - (y_i - my)/py, px = nx/n.
        double ss = 0;
        var px = (double)nx / n;
        var py = (double)ny / n;
        for (var i = 0; i < n; i++)
        {
            var u = double.IsNaN(x[i]) ? 0 : (x[i] - mx) / px;
            var v = double.IsNaN(y[i]) ? 0 : (y[i] - my) / py;
            ss += (u - v) * (u - v);
        }

        var d = mx - my;
        var se = n > 1 ? Math.Sqrt(ss / (n - 1) / n) : double.NaN;
        return new Estimate(d, d - (Z95 * se), d + (Z95 * se));
    }

    /// <summary>The mean with a 95% interval (normal approximation), over the defined values.</summary>
    public static Estimate MeanInterval(ReadOnlySpan<double> x)
    {
        var m = Mean(x);
        if (double.IsNaN(m)) return Estimate.Undefined;
        double ss = 0;
        var n = 0;
        foreach (var v in x)
        {
            if (double.IsNaN(v)) continue;
            ss += (v - m) * (v - m);
            n++;
        }

        var se = n > 1 ? Math.Sqrt(ss / (n - 1) / n) : double.NaN;
        return new Estimate(m, m - (Z95 * se), m + (Z95 * se));
    }

    /// <summary>
    /// The 2.5% and 97.5% points of <paramref name="replicates"/> (sorted in place): a percentile bootstrap interval.
    /// Linear interpolation between order statistics (R's type 7).
    /// </summary>
    public static (double Low, double High) PercentileInterval(double[] replicates)
    {
        var finite = replicates.Where(double.IsFinite).ToArray();
        if (finite.Length == 0) return (double.NaN, double.NaN);
        Array.Sort(finite);
        return (Quantile(finite, 0.025), Quantile(finite, 0.975));
    }

    /// <summary>The <paramref name="p"/> quantile of sorted values (R's type 7).</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>
    /// Fills <paramref name="rows"/> with a resample, with replacement, of 0..rows.Length-1, from replicate
    /// <paramref name="replicate"/> of <paramref name="stream"/>: the same stream and replicate give the same rows.
    /// </summary>
    public static void Resample(StreamRandom stream, int replicate, Span<int> rows)
    {
        var r = stream.Derive((ulong)replicate);
        var n = rows.Length;
        for (var i = 0; i < n; i++) rows[i] = (int)Math.Min(n - 1, Math.Floor(r.Uniform((ulong)i) * n));
    }
}
