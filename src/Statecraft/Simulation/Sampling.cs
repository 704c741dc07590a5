using Statecraft.Negotiation;
using Statecraft.Scenarios;

namespace Statecraft.Simulation;

/// <summary>
/// Draws from the scenario's distributions with a counter-based stream, one stream per assumption
/// named after it: two strategies that share an assumption's name and distribution get the same
/// value on the same trajectory (common random numbers), whatever else they draw.
/// </summary>
public static class Sampling
{
    private const int MaxTries = 1000;

    /// <summary>One draw of <paramref name="a"/>, redrawn until it lies within the assumption's bounds (clamped after 1000 tries).</summary>
    public static double Draw(Assumption a, StreamRandom stream)
    {
        ulong counter = 0;
        var low = a.LowerBound ?? double.NegativeInfinity;
        var high = a.UpperBound ?? double.PositiveInfinity;
        var x = 0.0;
        for (var attempt = 0; attempt < MaxTries; attempt++)
        {
            x = Draw(a.Distribution, stream, ref counter);
            if (x >= low && x <= high) return x;
        }

        return Math.Clamp(x, low, high);
    }

    /// <summary>One draw from <paramref name="d"/>, using the stream's numbers from <paramref name="counter"/> on.</summary>
    public static double Draw(Distribution d, StreamRandom stream, ref ulong counter)
    {
        switch (d)
        {
            case PointValue p:
                return p.Value;
            case NormalDistribution n:
                return n.Mean + (n.Sd * stream.Normal(counter++));
            case LognormalDistribution l:
                return Math.Exp(l.MeanLog + (l.SdLog * stream.Normal(counter++)));
            case UniformDistribution u:
                return u.Low + ((u.High - u.Low) * stream.Uniform(2 * counter++));
            case TriangularDistribution t:
            {
                var v = stream.Uniform(2 * counter++);
                var cut = (t.Mode - t.Low) / (t.High - t.Low);
                return v < cut
                    ? t.Low + Math.Sqrt(v * (t.High - t.Low) * (t.Mode - t.Low))
                    : t.High - Math.Sqrt((1.0 - v) * (t.High - t.Low) * (t.High - t.Mode));
            }

            case BetaDistribution b:
            {
                var x = Gamma(b.Alpha, stream, ref counter);
                var y = Gamma(b.Beta, stream, ref counter);
                return x / (x + y);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(d), d, "unknown distribution");
        }
    }

    /// <summary>
    /// Gamma with unit scale by Marsaglia and Tsang's squeeze method (ACM TOMS 26(3), 2000); shapes
    /// below 1 by the boost Gamma(k) = Gamma(k + 1) U^(1/k).
    /// </summary>
    public static double Gamma(double shape, StreamRandom stream, ref ulong counter)
    {
        if (shape < 1.0)
        {
            var boost = Math.Pow(1.0 - stream.Uniform(2 * counter++), 1.0 / shape);
            return Gamma(shape + 1.0, stream, ref counter) * boost;
        }

        var d = shape - (1.0 / 3.0);
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            var x = stream.Normal(counter++);
            var v = 1.0 + (c * x);
            if (v <= 0) continue;
            v = v * v * v;
            var u = stream.Uniform(2 * counter++);
            if (Math.Log(1.0 - u) < (0.5 * x * x) + d - (d * v) + (d * Math.Log(v))) return d * v;
        }
    }

    /// <summary>The type whose cumulative prior first exceeds <paramref name="u"/>.</summary>
    public static NorthType Type(ReadOnlySpan<double> prior, double u)
    {
        var cumulative = 0.0;
        for (var t = 0; t < prior.Length; t++)
        {
            cumulative += prior[t];
            if (u < cumulative) return (NorthType)t;
        }

        // Rounding can leave the cumulative sum a hair below 1: the last type with weight takes the rest.
        for (var t = prior.Length - 1; t >= 0; t--)
        {
            if (prior[t] > 0) return (NorthType)t;
        }

        return NorthType.Hedger;
    }
}
