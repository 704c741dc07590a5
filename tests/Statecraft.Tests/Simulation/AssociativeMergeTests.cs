using Statecraft.Simulation;

namespace Statecraft.Tests.Simulation;

/// <summary>
/// Merging is exactly associative: any grouping of the parts, in order, leaves the same state, bit for bit,
/// as adding every value to one accumulator. This is what makes shards of a run merge to the unsharded result.
/// </summary>
public sealed class AssociativeMergeTests
{
    private static double[] Values(int seed, int n)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(i => (i % 97) switch
        {
            0 => double.NaN,
            1 => 0.0,
            2 => -0.0,
            _ => 60 + (40 * Reference.StandardNormal(random)) + (random.NextDouble() * 1e-9),
        })];
    }

    private static StreamingQuantiles Filled(ReadOnlySpan<double> values)
    {
        var q = new StreamingQuantiles(0, 200, 2048, 4000);
        foreach (var v in values) q.Add(v);
        return q;
    }

    private static StreamingQuantiles Merged(StreamingQuantiles a, StreamingQuantiles b)
    {
        var m = new StreamingQuantiles(0, 200, 2048, 4000);
        m.Merge(a);
        m.Merge(b);
        return m;
    }

    private static void AssertSameState(StreamingQuantiles expected, StreamingQuantiles actual, string what)
    {
        static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Undefined, actual.Undefined);
        Assert.Equal(expected.IsExact, actual.IsExact);
        Assert.True(Bits(expected.Sum) == Bits(actual.Sum), $"{what}: sum {actual.Sum:R} against {expected.Sum:R}");
        Assert.True(Bits(expected.Mean) == Bits(actual.Mean), $"{what}: mean");
        Assert.True(Bits(expected.Min) == Bits(actual.Min), $"{what}: min {actual.Min:R} against {expected.Min:R}");
        Assert.True(Bits(expected.Max) == Bits(actual.Max), $"{what}: max");
        Assert.Equal(expected.ExactValues.ToArray().Select(Bits), actual.ExactValues.ToArray().Select(Bits));
        Assert.Equal(expected.HistogramCounts.ToArray(), actual.HistogramCounts.ToArray());
        for (var p = 0.0; p <= 1.0; p += 0.05) Assert.True(Bits(expected.Quantile(p)) == Bits(actual.Quantile(p)), $"{what}: quantile {p}");
    }

    [Theory]
    [InlineData(500, 700, 600)] // all three fit: the kept values concatenate
    [InlineData(1000, 1000, 1000)] // a and b fit together, b and c too, all three do not
    [InlineData(2048, 0, 1)] // the first alone is full; an empty part in the middle
    [InlineData(3000, 1500, 2500)] // parts already in histograms
    [InlineData(1, 2047, 5)]
    public void Streaming_quantiles_merged_in_either_grouping_equal_one_sequential_fill(int na, int nb, int nc)
    {
        var values = Values(na + nb + nc, na + nb + nc);
        var a = values[..na];
        var b = values[na..(na + nb)];
        var c = values[(na + nb)..];
        var sequential = Filled(values);

        AssertSameState(sequential, Merged(Filled(a), Merged(Filled(b), Filled(c))), "a + (b + c)");
        AssertSameState(sequential, Merged(Merged(Filled(a), Filled(b)), Filled(c)), "(a + b) + c");
    }

    [Fact]
    public void Of_equal_extremes_zero_and_minus_zero_the_first_stays_whatever_the_grouping()
    {
        var sequential = Filled([0.0, -0.0, 5]);
        var merged = Merged(Filled([0.0]), Filled([-0.0, 5]));

        Assert.Equal(BitConverter.DoubleToInt64Bits(0.0), BitConverter.DoubleToInt64Bits(sequential.Min));
        Assert.Equal(BitConverter.DoubleToInt64Bits(sequential.Min), BitConverter.DoubleToInt64Bits(merged.Min));
    }

    [Fact]
    public void Paired_differences_merged_in_any_grouping_give_the_same_bits_as_one_pass()
    {
        var values = Values(5, 7000).Select(v => v - 60).ToArray();
        var whole = new PairedDifference();
        foreach (var v in values) whole.Add(v);
        var random = new Random(6);
        for (var trial = 0; trial < 10; trial++)
        {
            var cuts = new SortedSet<int> { 0, values.Length };
            for (var c = 0; c < 6; c++) cuts.Add(random.Next(values.Length));
            var edges = cuts.ToArray();
            var parts = Enumerable.Range(0, edges.Length - 1).Select(i =>
            {
                var d = new PairedDifference();
                foreach (var v in values[edges[i]..edges[i + 1]]) d.Add(v);
                return d;
            }).ToList();
            // Merge neighbours in a random order, so the tree differs from trial to trial.
            while (parts.Count > 1)
            {
                var i = random.Next(parts.Count - 1);
                parts[i].Merge(parts[i + 1]);
                parts.RemoveAt(i + 1);
            }

            Assert.Equal(whole.Count, parts[0].Count);
            Assert.Equal(BitConverter.DoubleToInt64Bits(whole.Mean), BitConverter.DoubleToInt64Bits(parts[0].Mean));
            Assert.Equal(BitConverter.DoubleToInt64Bits(whole.Sd), BitConverter.DoubleToInt64Bits(parts[0].Sd));
        }
    }

    [Fact]
    public void A_reset_accumulator_refilled_equals_a_fresh_one()
    {
        var values = Values(7, 3000);
        var reused = Filled(values);
        reused.Reset();
        foreach (var v in values.AsSpan(0, 1200)) reused.Add(v);

        AssertSameState(Filled(values.AsSpan(0, 1200)), reused, "reset");

        var d = new PairedDifference();
        d.Add(5);
        d.Add(7);
        d.Reset();
        d.Add(1);
        d.Add(3);
        Assert.Equal((2L, 2.0, Math.Sqrt(2)), (d.Count, d.Mean, d.Sd));

        var counts = new IntegerDistribution(4);
        counts.Add(3);
        counts.Reset();
        counts.Add(1);
        Assert.Equal((1L, 0L, 1L), (counts.Count, counts[3], counts[1]));
    }
}
