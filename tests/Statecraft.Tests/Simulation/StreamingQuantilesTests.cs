using Statecraft.Simulation;

namespace Statecraft.Tests.Simulation;

/// <summary>
/// <see cref="StreamingQuantiles"/> against quantiles computed in the test: exact (type 7) while the
/// values fit, within one bin width after, and merges that agree with adding everything to one.
/// </summary>
public sealed class StreamingQuantilesTests
{
    private static readonly double[] Probabilities = [0, 0.05, 0.5, 0.95, 1];

    /// <summary>Small samples with ties, negative numbers, one value, two values and a sample that is all one value.</summary>
    public static TheoryData<double[]> SmallSamples() =>
    [
        [3.5],
        [-2, 7],
        [5, 5, 5, 5],
        [-3, 1.5, -3, 0, 2, 2, 2, -7.25, 9, 0, 1.5],
        [.. Enumerable.Range(0, 37).Select(i => ((i * 7919) % 23) - 11.5)],
        [.. Enumerable.Range(0, 1000).Select(i => Math.Round(Math.Sin(i) * 50, 1))],
    ];

    private static void AssertClose(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected}, got {actual} (tolerance {tolerance})");

    [Theory]
    [MemberData(nameof(SmallSamples))]
    public void Under_capacity_quantiles_are_the_exact_type_7_quantiles_and_the_mean_is_the_arithmetic_mean(double[] values)
    {
        var q = new StreamingQuantiles(-100, 100);
        foreach (var v in values) q.Add(v);

        Assert.True(q.IsExact);
        Assert.Equal(values.Length, q.Count);
        Assert.Equal(0, q.Undefined);
        Assert.Equal(values.Min(), q.Min);
        Assert.Equal(values.Max(), q.Max);
        AssertClose(Reference.Mean(values), q.Mean, 1e-12 * (1 + values.Max(Math.Abs)), "mean");
        foreach (var p in Probabilities)
            AssertClose(Reference.TypeSeven(values, p), q.Quantile(p), 1e-12 * (1 + values.Max(Math.Abs)), $"quantile {p}");
        Assert.Equal(values.Min(), q.Quantile(0));
        Assert.Equal(values.Max(), q.Quantile(1));
    }

    [Fact]
    public void Values_outside_the_histogram_range_are_still_exact_while_they_fit()
    {
        double[] values = [-1e6, 250, 3, 1e9, -42];
        var q = new StreamingQuantiles(0, 10, exactCapacity: 16);
        foreach (var v in values) q.Add(v);

        foreach (var p in Probabilities) AssertClose(Reference.TypeSeven(values, p), q.Quantile(p), 1e-6, $"quantile {p}");
    }

    [Fact]
    public void NaN_is_counted_as_undefined_and_left_out_of_count_mean_and_quantiles()
    {
        double[] values = [4, double.NaN, -1, 2, double.NaN, 10, double.NaN];
        var defined = values.Where(v => !double.IsNaN(v)).ToArray();
        var q = new StreamingQuantiles(-10, 10);
        foreach (var v in values) q.Add(v);

        Assert.Equal(3, q.Undefined);
        Assert.Equal(4, q.Count);
        Assert.Equal(-1, q.Min);
        Assert.Equal(10, q.Max);
        AssertClose(3.75, q.Mean, 1e-15, "mean");
        foreach (var p in Probabilities) AssertClose(Reference.TypeSeven(defined, p), q.Quantile(p), 1e-12, $"quantile {p}");
    }

    [Fact]
    public void An_empty_accumulator_or_one_with_only_NaN_has_no_mean_and_no_quantiles()
    {
        var empty = new StreamingQuantiles(0, 1);
        var onlyNaN = new StreamingQuantiles(0, 1);
        onlyNaN.Add(double.NaN);

        foreach (var q in new[] { empty, onlyNaN })
        {
            Assert.Equal(0, q.Count);
            Assert.True(double.IsNaN(q.Mean));
            Assert.True(double.IsNaN(q.Quantile(0.5)));
        }

        Assert.Equal(1, onlyNaN.Undefined);
    }

    [Fact]
    public void The_accumulator_is_exact_up_to_its_capacity_and_uses_the_histogram_after()
    {
        var values = Enumerable.Range(0, 201).Select(i => (i * 0.37) % 50).ToArray();
        var q = new StreamingQuantiles(0, 50, exactCapacity: 200, bins: 100);
        foreach (var v in values.Take(200)) q.Add(v);

        Assert.True(q.IsExact);
        foreach (var p in Probabilities) AssertClose(Reference.TypeSeven(values.Take(200), p), q.Quantile(p), 1e-12, $"quantile {p}");

        q.Add(values[200]);

        Assert.False(q.IsExact);
        Assert.Equal(201, q.Count);
        Assert.Equal(0.5, q.BinWidth);
        foreach (var p in Probabilities) AssertClose(Reference.TypeSeven(values, p), q.Quantile(p), q.BinWidth, $"quantile {p}");
    }

    /// <summary>50,000 values of a normal and of a skewed (exponential) sample: every quantile within one bin of the exact one.</summary>
    [Theory]
    [InlineData("normal")]
    [InlineData("exponential")]
    public void Beyond_capacity_quantiles_are_within_one_bin_width_of_the_exact_ones(string shape)
    {
        var random = new Random(2024);
        var values = Enumerable.Range(0, 50_000)
            .Select(_ => shape == "normal" ? 100 + (15 * Reference.StandardNormal(random)) : -20 * Math.Log(1 - random.NextDouble()))
            .ToArray();
        var q = new StreamingQuantiles(0, 400);
        foreach (var v in values) q.Add(v);

        Assert.False(q.IsExact);
        Assert.Equal(values.Length, q.Count);
        Assert.Equal(values.Min(), q.Min);
        Assert.Equal(values.Max(), q.Max);
        AssertClose(Reference.Mean(values), q.Mean, 1e-9, "mean");
        foreach (var p in new[] { 0, 0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999, 1 })
            AssertClose(Reference.TypeSeven(values, p), q.Quantile(p), q.BinWidth, $"quantile {p}");
    }

    [Fact]
    public void Values_outside_the_range_fall_in_the_end_bins_and_quantiles_stay_within_the_minimum_and_maximum()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 3000).Select(_ => (random.NextDouble() * 30) - 10).ToArray(); // [-10, 20) against a range [0, 10)
        var q = new StreamingQuantiles(0, 10, exactCapacity: 100);
        foreach (var v in values) q.Add(v);

        Assert.False(q.IsExact);
        var previous = double.NegativeInfinity;
        for (var p = 0.0; p <= 1.0; p += 0.01)
        {
            var x = q.Quantile(p);
            Assert.InRange(x, q.Min, q.Max);
            Assert.True(x >= previous, $"quantiles decrease at p = {p}");
            previous = x;
        }

        // Inside the range the bin bound holds: a third of the values lie below 0 and a third above 10.
        foreach (var p in new[] { 0.4, 0.5, 0.6 }) AssertClose(Reference.TypeSeven(values, p), q.Quantile(p), q.BinWidth, $"quantile {p}");
    }

    private static StreamingQuantiles Filled(IEnumerable<double> values, int capacity)
    {
        var q = new StreamingQuantiles(-50, 150, capacity, 2000);
        foreach (var v in values) q.Add(v);
        return q;
    }

    private static double[] Sample(int seed, int n, int undefinedEvery)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(i => i % undefinedEvery == 0 ? double.NaN : Math.Round(50 + (20 * Reference.StandardNormal(random)), 2))];
    }

    /// <summary>(size of the first part, size of the second part): both exact and fitting, both exact and not fitting, exact with histogram, histogram with exact, histogram with histogram.</summary>
    [Theory]
    [InlineData(120, 150)]
    [InlineData(250, 200)]
    [InlineData(180, 1500)]
    [InlineData(1500, 180)]
    [InlineData(1200, 2500)]
    public void Merging_two_accumulators_agrees_with_adding_all_values_to_one(int first, int second)
    {
        const int capacity = 300;
        var a = Sample(1, first, 17);
        var b = Sample(2, second, 13);
        var all = a.Concat(b).ToArray();
        var merged = Filled(a, capacity);
        merged.Merge(Filled(b, capacity));
        var one = Filled(all, capacity);
        var defined = all.Where(v => !double.IsNaN(v)).ToArray();

        Assert.Equal(one.Count, merged.Count);
        Assert.Equal(defined.Length, merged.Count);
        Assert.Equal(all.Length - defined.Length, merged.Undefined);
        Assert.Equal(one.Min, merged.Min);
        Assert.Equal(one.Max, merged.Max);
        Assert.Equal(defined.Length <= capacity, merged.IsExact);
        Assert.Equal(one.IsExact, merged.IsExact);
        AssertClose(Reference.Mean(defined), merged.Mean, 1e-10, "mean");
        var tolerance = merged.IsExact ? 1e-12 : merged.BinWidth;
        foreach (var p in Probabilities)
        {
            AssertClose(Reference.TypeSeven(defined, p), merged.Quantile(p), tolerance, $"quantile {p}");
            // The histogram holds the same counts whichever way the values arrived.
            AssertClose(one.Quantile(p), merged.Quantile(p), merged.IsExact ? 1e-12 : 0, $"quantile {p} against one accumulator");
        }
    }

    [Fact]
    public void Merging_into_an_empty_accumulator_or_merging_an_empty_one_changes_nothing_but_undefined_counts()
    {
        var values = Sample(3, 500, 11);
        var defined = values.Where(v => !double.IsNaN(v)).ToArray();
        var intoEmpty = Filled([], 300);
        intoEmpty.Merge(Filled(values, 300));
        var withEmpty = Filled(values, 300);
        var nanOnly = Filled([double.NaN, double.NaN], 300);
        withEmpty.Merge(nanOnly);

        Assert.Equal(defined.Length, intoEmpty.Count);
        Assert.Equal(defined.Length, withEmpty.Count);
        Assert.Equal(values.Length - defined.Length + 2, withEmpty.Undefined);
        foreach (var q in new[] { intoEmpty, withEmpty })
        {
            Assert.Equal(defined.Min(), q.Min);
            Assert.Equal(defined.Max(), q.Max);
            foreach (var p in Probabilities) AssertClose(Reference.TypeSeven(defined, p), q.Quantile(p), q.BinWidth, $"quantile {p}");
        }
    }

    [Fact]
    public void Merging_the_same_parts_in_the_same_order_twice_is_bit_identical()
    {
        var parts = new[] { Sample(4, 900, 7), Sample(5, 40, 7), Sample(6, 1800, 7), Sample(7, 300, 7) };

        StreamingQuantiles MergeAll()
        {
            var total = new StreamingQuantiles(-50, 150, 2048, 2000);
            foreach (var part in parts) total.Merge(Filled(part, 1024));
            return total;
        }

        var x = MergeAll();
        var y = MergeAll();

        Assert.False(x.IsExact);
        Assert.Equal(x.Count, y.Count);
        Assert.Equal(x.Undefined, y.Undefined);
        Assert.Equal(BitConverter.DoubleToInt64Bits(x.Sum), BitConverter.DoubleToInt64Bits(y.Sum));
        Assert.Equal(BitConverter.DoubleToInt64Bits(x.Mean), BitConverter.DoubleToInt64Bits(y.Mean));
        for (var p = 0.0; p <= 1.0; p += 0.0125)
            Assert.Equal(BitConverter.DoubleToInt64Bits(x.Quantile(p)), BitConverter.DoubleToInt64Bits(y.Quantile(p)));
    }

    [Fact]
    public void Merging_accumulators_over_different_ranges_is_refused()
    {
        var q = new StreamingQuantiles(0, 10);

        Assert.Throws<ArgumentException>(() => q.Merge(new StreamingQuantiles(0, 20)));
        Assert.Throws<ArgumentException>(() => q.Merge(new StreamingQuantiles(0, 10, bins: 10)));
        Assert.Throws<ArgumentException>(() => new StreamingQuantiles(5, 5));
    }
}
