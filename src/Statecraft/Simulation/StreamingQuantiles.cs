namespace Statecraft.Simulation;

/// <summary>
/// Mean and quantiles of a stream of values in bounded memory. Up to <c>exactCapacity</c> values are
/// kept, and quantiles are exact (type 7, as R's default and NumPy's <c>linear</c>); beyond that the
/// values go into a fixed histogram over [low, high] and a quantile is off by at most one bin width
/// ((high - low) / bins), values outside the range count in end bins and quantiles are clamped to the
/// exact minimum and maximum. NaN values are counted and left out. Merging is exact for counts and
/// deterministic for sums when done in a fixed order, which is what makes results independent of the
/// thread count.
/// </summary>
public sealed class StreamingQuantiles
{
    private readonly double low;
    private readonly double high;
    private readonly int bins;
    private readonly int exactCapacity;
    private double[]? exact;
    private long[]? histogram;

    public StreamingQuantiles(double low, double high, int exactCapacity = 2048, int bins = 4000)
    {
        if (!(high > low)) throw new ArgumentException("the histogram range must have high > low");
        this.low = low;
        this.high = high;
        this.bins = bins;
        this.exactCapacity = exactCapacity;
        exact = new double[Math.Min(exactCapacity, 64)];
        Min = double.PositiveInfinity;
        Max = double.NegativeInfinity;
    }

    /// <summary>Values added (NaN excluded).</summary>
    public long Count { get; private set; }

    /// <summary>NaN values seen.</summary>
    public long Undefined { get; private set; }

    public double Sum { get; private set; }

    public double Min { get; private set; }

    public double Max { get; private set; }

    public double Mean => Count > 0 ? Sum / Count : double.NaN;

    /// <summary>True while every value is kept and quantiles are exact.</summary>
    public bool IsExact => histogram is null;

    /// <summary>Largest error of a quantile once the histogram is in use.</summary>
    public double BinWidth => (high - low) / bins;

    public void Add(double x)
    {
        if (double.IsNaN(x))
        {
            Undefined++;
            return;
        }

        Sum += x;
        if (x < Min) Min = x;
        if (x > Max) Max = x;
        if (histogram is null)
        {
            if (Count < exactCapacity)
            {
                if (Count == exact!.Length) Array.Resize(ref exact, Math.Min(exactCapacity, exact.Length * 2));
                exact[Count++] = x;
                return;
            }

            ToHistogram();
        }

        histogram![Bin(x)]++;
        Count++;
    }

    /// <summary>Adds everything <paramref name="other"/> holds, as if its values had been added here after ours.</summary>
    public void Merge(StreamingQuantiles other)
    {
        if (ReferenceEquals(other, this)) throw new ArgumentException("an accumulator cannot be merged into itself");
        if (other.low != low || other.high != high || other.bins != bins) throw new ArgumentException("merging accumulators with different ranges");
        Undefined += other.Undefined;
        if (other.Count == 0) return;
        if (histogram is null && other.histogram is null && Count + other.Count <= exactCapacity)
        {
            for (var i = 0; i < other.Count; i++) Add(other.exact![i]);
            return;
        }

        if (histogram is null) ToHistogram();
        if (other.histogram is null)
        {
            for (var i = 0; i < other.Count; i++) histogram![Bin(other.exact![i])]++;
        }
        else
        {
            for (var b = 0; b < bins; b++) histogram![b] += other.histogram[b];
        }

        Count += other.Count;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>The <paramref name="p"/>-quantile (type 7), or NaN when there are no values.</summary>
    public double Quantile(double p)
    {
        if (Count == 0) return double.NaN;
        var h = (Count - 1) * p;
        var lo = (long)Math.Floor(h);
        var hi = (long)Math.Ceiling(h);
        if (histogram is null)
        {
            var sorted = exact.AsSpan(0, (int)Count).ToArray();
            Array.Sort(sorted);
            return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
        }

        var a = OrderStatistic(lo);
        var b = OrderStatistic(hi);
        return a + ((h - lo) * (b - a));
    }

    private double OrderStatistic(long k)
    {
        long before = 0;
        var width = BinWidth;
        for (var b = 0; b < bins; b++)
        {
            var n = histogram![b];
            if (before + n > k)
            {
                var within = (k - before + 0.5) / n;
                return Math.Clamp(low + ((b + within) * width), Min, Max);
            }

            before += n;
        }

        return Max;
    }

    private void ToHistogram()
    {
        histogram = new long[bins];
        for (var i = 0; i < Count; i++) histogram[Bin(exact![i])]++;
        exact = null;
    }

    private int Bin(double x) => (int)Math.Clamp(Math.Floor((x - low) / (high - low) * bins), 0, bins - 1);
}

/// <summary>Counts of a whole number in [0, size): exact distribution and type-7 quantiles.</summary>
public sealed class IntegerDistribution(int size)
{
    private readonly long[] counts = new long[size];

    public long Count { get; private set; }

    public long this[int value] => counts[value];

    public int Size => counts.Length;

    public void Add(int value)
    {
        counts[value]++;
        Count++;
    }

    public void Merge(IntegerDistribution other)
    {
        for (var i = 0; i < counts.Length; i++) counts[i] += other.counts[i];
        Count += other.Count;
    }

    /// <summary>The <paramref name="p"/>-quantile (type 7) of the values counted, or NaN when none.</summary>
    public double Quantile(double p)
    {
        if (Count == 0) return double.NaN;
        var h = (Count - 1) * p;
        var lo = (long)Math.Floor(h);
        var hi = (long)Math.Ceiling(h);
        double a = At(lo), b = At(hi);
        return a + ((h - lo) * (b - a));
    }

    private int At(long k)
    {
        long before = 0;
        for (var v = 0; v < counts.Length; v++)
        {
            before += counts[v];
            if (before > k) return v;
        }

        return counts.Length - 1;
    }
}

/// <summary>Mean and variance of paired differences by Welford's method, merged by Chan's formula in a fixed order.</summary>
public sealed class PairedDifference
{
    public long Count { get; private set; }

    public double Mean { get; private set; }

    private double m2;

    public void Add(double difference)
    {
        if (double.IsNaN(difference)) return;
        Count++;
        var delta = difference - Mean;
        Mean += delta / Count;
        m2 += delta * (difference - Mean);
    }

    public void Merge(PairedDifference other)
    {
        if (other.Count == 0) return;
        if (Count == 0)
        {
            Count = other.Count;
            Mean = other.Mean;
            m2 = other.m2;
            return;
        }

        var n = Count + other.Count;
        var delta = other.Mean - Mean;
        Mean += delta * other.Count / n;
        m2 += other.m2 + (delta * delta * Count * other.Count / n);
        Count = n;
    }

    /// <summary>Sample standard deviation of the differences.</summary>
    public double Sd => Count > 1 ? Math.Sqrt(m2 / (Count - 1)) : double.NaN;

    /// <summary>Normal-approximation 95% interval for the mean difference.</summary>
    public (double Low, double High) Interval95
    {
        get
        {
            if (Count < 2) return (double.NaN, double.NaN);
            var half = 1.959963984540054 * Sd / Math.Sqrt(Count);
            return (Mean - half, Mean + half);
        }
    }
}
