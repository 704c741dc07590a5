using System.Numerics;
using Statecraft.Simulation;

namespace Statecraft.Tests.Simulation;

/// <summary>
/// <see cref="ExactSum"/> against sums worked out by hand and against an independent exact reference
/// (every double as an integer multiple of 2^-1074 in a BigInteger, rounded to nearest, ties to even).
/// </summary>
public sealed class ExactSumTests
{
    private static double Of(params double[] values)
    {
        var s = new ExactSum();
        foreach (var v in values) s.Add(v);
        return s.Value;
    }

    /// <summary>The exact sum of finite doubles, correctly rounded, computed with integers only.</summary>
    private static double Reference(IEnumerable<double> values)
    {
        var total = BigInteger.Zero;
        foreach (var v in values)
        {
            var bits = BitConverter.DoubleToInt64Bits(v);
            var exponent = (int)((bits >> 52) & 0x7FF);
            var mantissa = bits & 0xFFFFFFFFFFFFFL;
            if (exponent != 0) mantissa |= 1L << 52;
            // v = ±mantissa · 2^(max(exponent, 1) - 1075) = ±mantissa · 2^(max(exponent, 1) - 1) · 2^-1074.
            var scaled = new BigInteger(mantissa) << (Math.Max(exponent, 1) - 1);
            total += v < 0 || (v == 0 && bits < 0) ? -scaled : scaled;
        }

        var sign = total.Sign;
        var magnitude = BigInteger.Abs(total);
        var length = (int)magnitude.GetBitLength();
        var shift = Math.Max(0, length - 53);
        var kept = magnitude >> shift;
        if (shift > 0)
        {
            var remainder = magnitude - (kept << shift);
            var half = BigInteger.One << (shift - 1);
            if (remainder > half || (remainder == half && !kept.IsEven)) kept += 1;
        }

        return sign * Math.ScaleB((double)kept, shift - 1074);
    }

    [Fact]
    public void Sums_that_a_plain_fold_gets_wrong_come_out_exact()
    {
        Assert.Equal(1.0, Of(1e16, 1, -1e16));
        Assert.Equal(1.0, Of(1e100, 1, -1e100));
        // 0.1, 0.2 and 0.3 as doubles are 3602879701896397 · 2^-55, 3602879701896397 · 2^-54 and
        // 5404319552844595 · 2^-54: their exact sum is 2^-55 (a plain fold gives 2^-54).
        Assert.Equal(Math.ScaleB(1, -55), Of(0.1, 0.2, -0.3));
        Assert.Equal(Math.ScaleB(1, -60), Of(1, Math.ScaleB(1, -60), -1));
        Assert.Equal(0.0, Of(1e300, -1e300, 1e-300, -1e-300));
    }

    [Fact]
    public void Many_tenths_give_the_correctly_rounded_multiple_of_the_double_nearest_a_tenth()
    {
        // The double 0.1 is exactly 3602879701896397 / 2^55; n of them sum to n times that, rounded once.
        foreach (var n in new[] { 10, 1000, 123_457 })
        {
            var expected = Reference(Enumerable.Repeat(0.1, n));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(Of([.. Enumerable.Repeat(0.1, n)])));
        }

        // Ten of them are exactly 36028797018963970 / 2^55 = 1 + 2^-54, which rounds to 1; a plain fold ends below 1.
        Assert.Equal(1.0, Of([.. Enumerable.Repeat(0.1, 10)]));
        Assert.Equal(1.0, Reference(Enumerable.Repeat(0.1, 10)));
        Assert.NotEqual(1.0, Enumerable.Repeat(0.1, 10).Aggregate(0.0, (a, b) => a + b));
    }

    [Fact]
    public void A_tie_is_broken_by_the_partials_below_it_and_otherwise_goes_to_even()
    {
        var halfUlp = Math.ScaleB(1, -53);
        Assert.Equal(1.0, Of(1, halfUlp));
        Assert.Equal(1.0 + (2 * halfUlp), Of(1, halfUlp, Math.ScaleB(1, -106)));
        Assert.Equal(1.0, Of(1, halfUlp, -Math.ScaleB(1, -106)));
        Assert.Equal(1.0 + (4 * halfUlp), Of(1 + (2 * halfUlp), halfUlp));
    }

    [Fact]
    public void Infinities_and_NaN_are_counted_apart()
    {
        Assert.Equal(double.PositiveInfinity, Of(1, double.PositiveInfinity, -1e308));
        Assert.Equal(double.NegativeInfinity, Of(double.NegativeInfinity, 5));
        Assert.True(double.IsNaN(Of(double.PositiveInfinity, double.NegativeInfinity)));
        Assert.True(double.IsNaN(Of(1, double.NaN)));
        Assert.Equal(0.0, Of());
    }

    private static double[] WideValues(int seed, int n)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 31)))];
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 1000)]
    [InlineData(3, 20000)]
    public void Random_values_over_sixty_orders_of_magnitude_sum_to_the_exact_reference(int seed, int n)
    {
        var values = WideValues(seed, n);

        Assert.Equal(BitConverter.DoubleToInt64Bits(Reference(values)), BitConverter.DoubleToInt64Bits(Of(values)));
    }

    [Fact]
    public void Sums_of_parts_merged_in_any_grouping_and_order_give_the_same_bits()
    {
        var values = WideValues(9, 5000);
        var whole = Of(values);
        var random = new Random(10);
        for (var trial = 0; trial < 20; trial++)
        {
            // Random cuts, then the parts' sums combined in a random tree.
            var cuts = new SortedSet<int> { 0, values.Length };
            for (var c = 0; c < random.Next(1, 12); c++) cuts.Add(random.Next(0, values.Length));
            var edges = cuts.ToArray();
            var parts = new List<ExactSum>();
            for (var i = 0; i + 1 < edges.Length; i++)
            {
                var s = new ExactSum();
                foreach (var v in values.AsSpan(edges[i], edges[i + 1] - edges[i])) s.Add(v);
                parts.Add(s);
            }

            while (parts.Count > 1)
            {
                var a = random.Next(parts.Count);
                var into = parts[a];
                parts.RemoveAt(a);
                var b = random.Next(parts.Count);
                into.Add(parts[b]);
                parts[b] = into;
            }

            Assert.Equal(BitConverter.DoubleToInt64Bits(whole), BitConverter.DoubleToInt64Bits(parts[0].Value));
        }
    }

    [Fact]
    public void Adding_allocates_nothing_and_reset_starts_from_zero()
    {
        var values = WideValues(4, 10_000);
        var s = new ExactSum();
        foreach (var v in values) s.Add(v);
        s.Reset();
        Assert.Equal(0.0, s.Value);

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var v in values) s.Add(v);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(Reference(values), s.Value);
        Assert.InRange(s.Partials.Length, 1, ExactSum.InitialCapacity);
    }

    [Fact]
    public void A_two_product_adds_the_product_exactly()
    {
        // (1 + 2^-30)² = 1 + 2^-29 + 2^-60: the rounded product drops 2^-60, the error term keeps it.
        var x = 1 + Math.ScaleB(1, -30);
        var s = new ExactSum();
        s.AddProduct(x, x);
        s.Add(-1);
        s.Add(-Math.ScaleB(1, -29));

        Assert.Equal(Math.ScaleB(1, -60), s.Value);
    }
}
