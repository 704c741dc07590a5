using Statecraft.Simulation;

namespace Statecraft.Tests.Simulation;

/// <summary><see cref="PairedDifference"/>: the mean and standard deviation from exact sums against two passes, merges, and the interval's coverage.</summary>
public sealed class PairedDifferenceTests
{
    private static PairedDifference Of(IEnumerable<double> values)
    {
        var d = new PairedDifference();
        foreach (var v in values) d.Add(v);
        return d;
    }

    private static double[] Sample(int seed, int n, double mean, double sd)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => mean + (sd * Reference.StandardNormal(random)))];
    }

    [Theory]
    [InlineData(2, 0.0, 1.0)]
    [InlineData(10, -3.0, 0.5)]
    [InlineData(1000, 1e6, 2.0)] // a large offset: the one-pass sum-of-squares formula would lose digits here
    [InlineData(5000, 0.25, 40.0)]
    public void Mean_and_standard_deviation_equal_the_two_pass_computation(int n, double mean, double sd)
    {
        var values = Sample(n, n, mean, sd);
        var d = Of(values);

        Assert.Equal(n, d.Count);
        var expectedMean = Reference.Mean(values);
        var expectedSd = Math.Sqrt(Reference.Variance(values));
        Assert.True(Math.Abs(expectedMean - d.Mean) <= 1e-12 * Math.Abs(expectedMean), $"mean {d.Mean}, expected {expectedMean}");
        Assert.True(Math.Abs(expectedSd - d.Sd) <= 1e-12 * expectedSd, $"sd {d.Sd}, expected {expectedSd}");
        var (low, high) = d.Interval95;
        var half = 1.959963984540054 * expectedSd / Math.Sqrt(n);
        Assert.True(Math.Abs(expectedMean - half - low) <= 1e-9 * Math.Max(1, Math.Abs(mean)), $"low {low}");
        Assert.True(Math.Abs(expectedMean + half - high) <= 1e-9 * Math.Max(1, Math.Abs(mean)), $"high {high}");
    }

    [Fact]
    public void NaN_differences_are_left_out()
    {
        var d = Of([1, double.NaN, 3, double.NaN]);

        Assert.Equal(2, d.Count);
        Assert.Equal(2, d.Mean);
        Assert.Equal(Math.Sqrt(2), d.Sd, 15);
    }

    [Fact]
    public void With_fewer_than_two_differences_there_is_no_spread_or_interval()
    {
        var one = Of([4]);

        Assert.Equal(4, one.Mean);
        Assert.True(double.IsNaN(one.Sd));
        Assert.True(double.IsNaN(one.Interval95.Low));
        Assert.True(double.IsNaN(new PairedDifference().Interval95.High));
    }

    [Fact]
    public void Merging_parts_in_order_equals_the_whole()
    {
        var values = Sample(11, 3000, 7.5, 3);
        var whole = Of(values);
        // Uneven parts, an empty part at the start and in the middle, one part of a single value.
        int[] cuts = [0, 0, 1, 400, 400, 1024, 2047, 2999, 3000];
        var merged = new PairedDifference();
        for (var i = 0; i + 1 < cuts.Length; i++) merged.Merge(Of(values[cuts[i]..cuts[i + 1]]));

        // Exact sums: the merged parts give the whole's bits, not merely close numbers.
        Assert.Equal(whole.Count, merged.Count);
        Assert.Equal(BitConverter.DoubleToInt64Bits(whole.Mean), BitConverter.DoubleToInt64Bits(merged.Mean));
        Assert.Equal(BitConverter.DoubleToInt64Bits(whole.Sd), BitConverter.DoubleToInt64Bits(merged.Sd));
        Assert.True(Math.Abs(Math.Sqrt(Reference.Variance(values)) - merged.Sd) <= 1e-12);
    }

    [Fact]
    public void The_95_percent_interval_covers_the_true_mean_in_about_95_percent_of_samples()
    {
        const int repetitions = 400, n = 50;
        const double trueMean = 2.0;
        var random = new Random(20180918);
        var covered = 0;
        for (var r = 0; r < repetitions; r++)
        {
            var d = new PairedDifference();
            for (var i = 0; i < n; i++) d.Add(trueMean + (1.5 * Reference.StandardNormal(random)));
            var (low, high) = d.Interval95;
            if (low <= trueMean && trueMean <= high) covered++;
        }

        Assert.InRange((double)covered / repetitions, 0.90, 0.99);
    }
}
