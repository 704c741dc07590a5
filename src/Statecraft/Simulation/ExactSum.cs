namespace Statecraft.Simulation;

/// <summary>
/// The exact sum of a stream of doubles, read correctly rounded. The running total is held as a short
/// list of non-overlapping partials in increasing order of magnitude whose exact (unrounded) sum is the
/// exact sum of everything added (Shewchuk, "Adaptive precision floating-point arithmetic and fast robust
/// geometric predicates", 1997; the algorithm behind Python's <c>math.fsum</c>). Because the value read
/// is the exact sum rounded once, it does not depend on the order or grouping of the additions: adding
/// in batches and merging the batches' sums in any grouping gives the same bits as one sequential fold,
/// which is what lets shards of a run on different machines merge bit-identically.
/// </summary>
/// <remarks>
/// Infinities and NaN are counted apart (a partial must be finite): the value is NaN after a NaN or
/// after infinities of both signs, else the infinity. A finite total beyond the double range (which no
/// simulated figure comes near) overflows to an infinity of its sign, and from then on that infinity is
/// the value. The partials of doubles whose exponents are spread over the whole range number at most
/// a few dozen; the store starts at <see cref="InitialCapacity"/> and only grows for sums spread wider
/// than that, so in practice <see cref="Add(double)"/> never allocates.
/// </remarks>
public sealed class ExactSum
{
    /// <summary>Partials preallocated: more than the ~40 that doubles spread over their whole exponent range need.</summary>
    public const int InitialCapacity = 48;

    private double[] partials = new double[InitialCapacity];
    private int count;

    /// <summary>+infinity values added (and finite totals that overflowed upwards).</summary>
    public long PositiveInfinities { get; private set; }

    /// <summary>-infinity values added (and finite totals that overflowed downwards).</summary>
    public long NegativeInfinities { get; private set; }

    /// <summary>NaN values added.</summary>
    public long NaNs { get; private set; }

    /// <summary>The partials, smallest magnitude first; their exact sum is the finite part of the total.</summary>
    public ReadOnlySpan<double> Partials => partials.AsSpan(0, count);

    /// <summary>The exact sum of every value added, rounded to the nearest double (ties to even).</summary>
    public double Value
    {
        get
        {
            if (NaNs > 0 || (PositiveInfinities > 0 && NegativeInfinities > 0)) return double.NaN;
            if (PositiveInfinities > 0) return double.PositiveInfinity;
            if (NegativeInfinities > 0) return double.NegativeInfinity;
            return Rounded();
        }
    }

    public void Add(double x)
    {
        if (!double.IsFinite(x))
        {
            Special(x);
            return;
        }

        // Add x to each partial from the smallest up by an exact two-sum: the rounded sum moves on
        // up as the new x, the rounding error (exact, and smaller than anything above it) stays behind
        // as a partial. Zero errors are dropped, so the list stays short.
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            var y = partials[i];
            if (Math.Abs(x) < Math.Abs(y)) (x, y) = (y, x);
            var hi = x + y;
            if (double.IsInfinity(hi))
            {
                Special(hi);
                return;
            }

            var lo = y - (hi - x);
            if (lo != 0) partials[kept++] = lo;
            x = hi;
        }

        if (kept == partials.Length) Array.Resize(ref partials, partials.Length * 2);
        partials[kept++] = x;
        count = kept;
    }

    /// <summary>Adds everything <paramref name="other"/> holds: the exact sum of the two.</summary>
    public void Add(ExactSum other)
    {
        if (ReferenceEquals(other, this)) throw new ArgumentException("a sum cannot be added to itself");
        for (var i = 0; i < other.count; i++) Add(other.partials[i]);
        PositiveInfinities += other.PositiveInfinities;
        NegativeInfinities += other.NegativeInfinities;
        NaNs += other.NaNs;
    }

    /// <summary>Adds the exact product <paramref name="a"/> x <paramref name="b"/> (its rounded value and the rounding error, by a fused multiply-add).</summary>
    public void AddProduct(double a, double b)
    {
        var hi = a * b;
        Add(hi);
        if (double.IsFinite(hi)) Add(Math.FusedMultiplyAdd(a, b, -hi));
    }

    /// <summary>Back to zero, keeping the store.</summary>
    public void Reset()
    {
        count = 0;
        PositiveInfinities = 0;
        NegativeInfinities = 0;
        NaNs = 0;
    }

    /// <summary>Copies <paramref name="other"/>'s state into this one.</summary>
    public void CopyFrom(ExactSum other)
    {
        Reset();
        Add(other);
    }

    /// <summary>Restores counts of non-finite values read back from a saved state (<see cref="Partials"/> are restored by <see cref="Add(double)"/>).</summary>
    public void AddSpecialCounts(long positiveInfinities, long negativeInfinities, long nans)
    {
        if (positiveInfinities < 0 || negativeInfinities < 0 || nans < 0) throw new ArgumentOutOfRangeException(nameof(positiveInfinities), "counts cannot be negative");
        PositiveInfinities += positiveInfinities;
        NegativeInfinities += negativeInfinities;
        NaNs += nans;
    }

    private void Special(double x)
    {
        if (double.IsNaN(x)) NaNs++;
        else if (x > 0) PositiveInfinities++;
        else NegativeInfinities++;
    }

    /// <summary>
    /// Rounds the exact sum of the partials once. Summing from the largest down, the first two-sum with a
    /// non-zero error decides: the partials below it are smaller than half an ulp of the result, so they
    /// can only matter when the error is exactly half an ulp (a tie), where they break the tie in their
    /// direction instead of to even.
    /// </summary>
    private double Rounded()
    {
        var n = count;
        if (n == 0) return 0.0;
        var hi = partials[--n];
        var lo = 0.0;
        while (n > 0)
        {
            var x = hi;
            var y = partials[--n];
            hi = x + y;
            lo = y - (hi - x);
            if (lo != 0) break;
        }

        if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0)))
        {
            // lo is a tie rounded to even; the rest pushes past the tie, so round the other way if
            // doubling lo moves hi by exactly that much.
            var y = lo * 2;
            var x = hi + y;
            if (y == x - hi) hi = x;
        }

        return hi;
    }
}
