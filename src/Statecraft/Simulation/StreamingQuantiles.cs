namespace Statecraft.Simulation;

/// <summary>
/// Mean and quantiles of a stream of values in bounded memory. Up to <c>exactCapacity</c> values are
/// kept, and quantiles are exact (type 7, as R's default and NumPy's <c>linear</c>); beyond that the
/// values go into a fixed histogram over [low, high] and a quantile is off by at most one bin width
/// ((high - low) / bins), values outside the range count in end bins and quantiles are clamped to the
/// exact minimum and maximum. NaN values are counted and left out.
/// </summary>
/// <remarks>
/// Merging is exactly associative: the state after adding values is "the values in order while they fit,
/// else the histogram of all of them", the minimum and maximum are the first extreme met in order, and the
/// sum is exact (<see cref="ExactSum"/>), so merging parts in any grouping (batches on threads, shards on
/// machines) gives the same bits as adding every value to one accumulator in order (for parts of the
/// same capacity, as every accumulator of one figure in a run has).
/// </remarks>
public sealed class StreamingQuantiles
{
    private readonly double low;
    private readonly double high;
    private readonly int bins;
    private readonly int exactCapacity;
    private readonly ExactSum sum = new();

    // Kept when the histogram takes over, so a Reset for reuse allocates nothing.
    private double[] exact;
    private long[]? histogram;
    private bool binned;

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

    /// <summary>The sum of the values, exact and then rounded once.</summary>
    public double Sum => sum.Value;

    /// <summary>The exact sum itself, for saving a partial result.</summary>
    public ExactSum ExactTotal => sum;

    public double Min { get; private set; }

    public double Max { get; private set; }

    public double Mean => Count > 0 ? sum.Value / Count : double.NaN;

    /// <summary>True while every value is kept and quantiles are exact.</summary>
    public bool IsExact => !binned;

    /// <summary>Largest error of a quantile once the histogram is in use.</summary>
    public double BinWidth => (high - low) / bins;

    /// <summary>Histogram bins once the values no longer fit.</summary>
    public int Bins => bins;

    /// <summary>Most values kept exactly.</summary>
    public int ExactCapacity => exactCapacity;

    /// <summary>The values kept, in the order added (empty once the histogram is in use).</summary>
    public ReadOnlySpan<double> ExactValues => binned ? [] : exact.AsSpan(0, (int)Count);

    /// <summary>The histogram's counts (empty while the values are kept exactly).</summary>
    public ReadOnlySpan<long> HistogramCounts => binned ? histogram : [];

    public void Add(double x)
    {
        if (double.IsNaN(x))
        {
            Undefined++;
            return;
        }

        sum.Add(x);
        if (x < Min) Min = x;
        if (x > Max) Max = x;
        if (!binned)
        {
            if (Count < exactCapacity)
            {
                if (Count == exact.Length) Array.Resize(ref exact, Math.Min(exactCapacity, exact.Length * 2));
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
        if (other.low != low || other.high != high || other.bins != bins)
            throw new ArgumentException("merging accumulators with different ranges");
        Undefined += other.Undefined;
        if (other.Count == 0) return;
        if (!binned && !other.binned && Count + other.Count <= exactCapacity)
        {
            if (Count + other.Count > exact.Length) Array.Resize(ref exact, (int)Math.Min(exactCapacity, Math.Max(Count + other.Count, 2L * exact.Length)));
            other.exact.AsSpan(0, (int)other.Count).CopyTo(exact.AsSpan((int)Count));
        }
        else
        {
            if (!binned) ToHistogram();
            if (!other.binned)
            {
                for (var i = 0; i < other.Count; i++) histogram![Bin(other.exact[i])]++;
            }
            else
            {
                for (var b = 0; b < bins; b++) histogram![b] += other.histogram![b];
            }
        }

        Count += other.Count;
        sum.Add(other.sum);
        // Strict comparisons, as in Add: of equal extremes (0 and -0) the first in order stays.
        if (other.Min < Min) Min = other.Min;
        if (other.Max > Max) Max = other.Max;
    }

    /// <summary>Empty again, over the same range, keeping the stores so reuse allocates nothing.</summary>
    public void Reset()
    {
        Count = 0;
        Undefined = 0;
        sum.Reset();
        Min = double.PositiveInfinity;
        Max = double.NegativeInfinity;
        if (binned) Array.Clear(histogram!);
        binned = false;
    }

    /// <summary>
    /// Rebuilds a saved state: the values kept exactly (in order), or the histogram with its count,
    /// minimum and maximum; <paramref name="savedSum"/> is the saved exact sum. Throws
    /// <see cref="ArgumentException"/> when the parts are inconsistent.
    /// </summary>
    public void Restore(ReadOnlySpan<double> values, ReadOnlySpan<long> histogramCounts, long count, long undefined, double min, double max, ExactSum savedSum)
    {
        if (count < 0 || undefined < 0) throw new ArgumentException("counts cannot be negative");
        Reset();
        Undefined = undefined;
        if (histogramCounts.IsEmpty)
        {
            if (values.Length != count || count > exactCapacity) throw new ArgumentException($"{values.Length} values kept for a count of {count} (at most {exactCapacity} are kept)");
            foreach (var v in values) Add(v);
            if (BitConverter.DoubleToInt64Bits(sum.Value) != BitConverter.DoubleToInt64Bits(savedSum.Value))
                throw new ArgumentException($"a sum of {savedSum.Value:R} for values that add up to {sum.Value:R}");
            return;
        }
        else
        {
            if (!values.IsEmpty) throw new ArgumentException("both kept values and a histogram");
            if (histogramCounts.Length != bins) throw new ArgumentException($"a histogram of {histogramCounts.Length} bins where {bins} are used");
            long total = 0;
            foreach (var c in histogramCounts)
            {
                if (c < 0) throw new ArgumentException("a negative histogram count");
                total += c;
            }

            if (total != count || count <= exactCapacity) throw new ArgumentException($"a histogram of {total} values for a count of {count} (a histogram holds more than {exactCapacity})");
            if (!(min <= max)) throw new ArgumentException("a minimum above the maximum");
            histogram ??= new long[bins];
            histogramCounts.CopyTo(histogram);
            binned = true;
            Count = count;
            Min = min;
            Max = max;
        }

        sum.Add(savedSum);
    }

    /// <summary>The <paramref name="p"/>-quantile (type 7), or NaN when there are no values.</summary>
    public double Quantile(double p)
    {
        if (Count == 0) return double.NaN;
        var h = (Count - 1) * p;
        var lo = (long)Math.Floor(h);
        var hi = (long)Math.Ceiling(h);
        if (!binned)
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
        histogram ??= new long[bins];
        for (var i = 0; i < Count; i++) histogram[Bin(exact[i])]++;
        binned = true;
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

    /// <summary>The counts, by value.</summary>
    public ReadOnlySpan<long> Counts => counts;

    public void Merge(IntegerDistribution other)
    {
        if (other.counts.Length != counts.Length) throw new ArgumentException("merging distributions of different sizes");
        for (var i = 0; i < counts.Length; i++) counts[i] += other.counts[i];
        Count += other.Count;
    }

    public void Reset()
    {
        Array.Clear(counts);
        Count = 0;
    }

    /// <summary>Rebuilds saved counts; throws <see cref="ArgumentException"/> when they do not fit.</summary>
    public void Restore(ReadOnlySpan<long> saved)
    {
        if (saved.Length != counts.Length) throw new ArgumentException($"{saved.Length} counts where values 0 to {counts.Length - 1} are counted");
        long total = 0;
        foreach (var c in saved)
        {
            if (c < 0) throw new ArgumentException("a negative count");
            total += c;
        }

        saved.CopyTo(counts);
        Count = total;
    }

    /// <summary>The mean of the values counted, or NaN when none.</summary>
    public double Mean
    {
        get
        {
            if (Count == 0) return double.NaN;
            // Whole counts times whole values: exact in a double up to 2^53, far beyond any run.
            double sum = 0;
            for (var v = 0; v < counts.Length; v++) sum += v * (double)counts[v];
            return sum / Count;
        }
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

/// <summary>
/// Mean and standard deviation of paired differences, from the count, the exact sum of the differences and
/// the exact sum of their squares. The three are exactly associative, so batches and shards merge to the
/// same bits in any grouping.
/// </summary>
/// <remarks>
/// Why this is accurate: each square d² is added as its exact two-product (the rounded square and its
/// rounding error from a fused multiply-add), so Σd² is exact, and so is Σd. With m the mean rounded to
/// a double, Σ(d - m)² = Σd² - 2mΣd + nm² holds exactly for any m; the right side is formed exactly (the
/// products of -2m with each partial of Σd and of n with the two halves of m² are exact two-products)
/// and rounded once. It differs from the true m2 = Σ(d - mean)² by n(mean - m)² ≤ n(u·mean)², u = 2⁻⁵³,
/// a relative error of about u²·mean²/sd², far below one rounding even for a mean 10⁸ standard
/// deviations from zero; the one-pass Σd² - (Σd)²/n in doubles would lose u·mean²/sd² instead. The
/// result is clamped at 0, where it can only land by that last rounding.
/// </remarks>
public sealed class PairedDifference
{
    private readonly ExactSum sum = new();
    private readonly ExactSum squares = new();

    public long Count { get; private set; }

    /// <summary>The mean difference; NaN with no pair to average (a conditional measure defined on neither side), never a made-up 0.</summary>
    public double Mean => Count > 0 ? sum.Value / Count : double.NaN;

    /// <summary>Σd, exact: for saving a partial result.</summary>
    public ExactSum ExactSum => sum;

    /// <summary>Σd², exact: for saving a partial result.</summary>
    public ExactSum ExactSquares => squares;

    public void Add(double difference)
    {
        if (double.IsNaN(difference)) return;
        Count++;
        sum.Add(difference);
        squares.AddProduct(difference, difference);
    }

    public void Merge(PairedDifference other)
    {
        if (ReferenceEquals(other, this)) throw new ArgumentException("an accumulator cannot be merged into itself");
        Count += other.Count;
        sum.Add(other.sum);
        squares.Add(other.squares);
    }

    public void Reset()
    {
        Count = 0;
        sum.Reset();
        squares.Reset();
    }

    /// <summary>Rebuilds a saved state.</summary>
    public void Restore(long count, ExactSum savedSum, ExactSum savedSquares)
    {
        if (count < 0) throw new ArgumentException("a negative count");
        Reset();
        Count = count;
        sum.Add(savedSum);
        squares.Add(savedSquares);
    }

    /// <summary>Σ(d - mean)², see the remarks.</summary>
    private double SquaredDeviations()
    {
        var m = Mean;
        var total = new ExactSum();
        total.Add(squares);
        foreach (var p in sum.Partials) total.AddProduct(-2 * m, p);
        var mmHi = m * m;
        var mmLo = Math.FusedMultiplyAdd(m, m, -mmHi);
        total.AddProduct(Count, mmHi);
        total.AddProduct(Count, mmLo);
        return Math.Max(0, total.Value);
    }

    /// <summary>Sample standard deviation of the differences.</summary>
    public double Sd => Count > 1 ? Math.Sqrt(SquaredDeviations() / (Count - 1)) : double.NaN;

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
