namespace Statecraft.Tests.Simulation;

/// <summary>Reference computations written independently of the library: exact quantiles, moments, normal CDF.</summary>
internal static class Reference
{
    /// <summary>
    /// Hyndman and Fan's type 7 (R's default): with the sample sorted as x[1..n], h = (n - 1)p + 1 and
    /// Q(p) = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]), written here in R's own form
    /// (1 - g) x[j] + g x[j + 1] on a one-based index.
    /// </summary>
    public static double TypeSeven(IEnumerable<double> values, double p)
    {
        var x = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
        var n = x.Length;
        if (n == 0) return double.NaN;
        var h = ((n - 1) * p) + 1;
        var j = (int)Math.Floor(h);
        var g = h - j;
        var lower = x[j - 1];
        var upper = x[Math.Min(j, n - 1)];
        return g == 0 ? lower : ((1 - g) * lower) + (g * upper);
    }

    public static double Mean(IReadOnlyList<double> x)
    {
        var sum = 0.0;
        foreach (var v in x) sum += v;
        return sum / x.Count;
    }

    /// <summary>Sample variance, two passes.</summary>
    public static double Variance(IReadOnlyList<double> x)
    {
        var mean = Mean(x);
        var sum = 0.0;
        foreach (var v in x) sum += (v - mean) * (v - mean);
        return sum / (x.Count - 1);
    }

    /// <summary>A standard normal from System.Random by Box–Muller (independent of the library's streams).</summary>
    public static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Standard normal CDF by the complementary error function (Numerical Recipes erfcc, |error| below 1.2e-7).</summary>
    public static double NormalCdf(double z)
    {
        var x = Math.Abs(z) / Math.Sqrt(2.0);
        var t = 1.0 / (1.0 + (0.5 * x));
        var erfc = t * Math.Exp((-x * x) - 1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806
            + (t * (0.27886807 + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277))))))))))))))))));
        var upperTail = 0.5 * erfc;
        return z >= 0 ? 1.0 - upperTail : upperTail;
    }

    public static double NormalDensity(double z) => Math.Exp(-0.5 * z * z) / Math.Sqrt(2.0 * Math.PI);

    /// <summary>Kolmogorov–Smirnov distance between a sample and a continuous CDF.</summary>
    public static double KolmogorovSmirnov(IEnumerable<double> sample, Func<double, double> cdf)
    {
        var x = sample.OrderBy(v => v).ToArray();
        var n = x.Length;
        var d = 0.0;
        for (var i = 0; i < n; i++)
        {
            var f = cdf(x[i]);
            d = Math.Max(d, Math.Max(((i + 1.0) / n) - f, f - ((double)i / n)));
        }

        return d;
    }
}
