using Statecraft.Simulation;

namespace Statecraft.Tests.Simulation;

/// <summary><see cref="IntegerDistribution"/>: counts and type-7 quantiles of whole numbers, checked against the sorted sample.</summary>
public sealed class IntegerDistributionTests
{
    private static readonly double[] Probabilities = [0, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 1];

    private static IntegerDistribution Of(int size, IEnumerable<int> values)
    {
        var d = new IntegerDistribution(size);
        foreach (var v in values) d.Add(v);
        return d;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 9)]
    [InlineData(10, 7)]
    [InlineData(333, 40)]
    [InlineData(5000, 12)]
    public void Quantiles_are_the_exact_type_7_quantiles_of_the_integer_sample(int n, int size)
    {
        var random = new Random(n + size);
        // Skewed values with many ties and empty cells in between.
        var values = Enumerable.Range(0, n).Select(_ => Math.Min(size - 1, (int)Math.Floor(size * Math.Pow(random.NextDouble(), 2)))).ToArray();
        var d = Of(size, values);

        Assert.Equal(n, d.Count);
        Assert.Equal(size, d.Size);
        for (var v = 0; v < size; v++) Assert.Equal(values.Count(x => x == v), d[v]);
        foreach (var p in Probabilities)
        {
            var expected = Reference.TypeSeven(values.Select(x => (double)x), p);
            Assert.True(Math.Abs(expected - d.Quantile(p)) <= 1e-12 * size, $"quantile {p}: expected {expected}, got {d.Quantile(p)}");
        }
    }

    [Fact]
    public void The_median_of_an_even_sample_interpolates_between_the_middle_values()
    {
        var d = Of(10, [1, 2, 7, 9]);

        Assert.Equal(4.5, d.Quantile(0.5));
        Assert.Equal(1, d.Quantile(0));
        Assert.Equal(9, d.Quantile(1));
        Assert.Equal(1 + (0.15 * 1), d.Quantile(0.05), 12); // h = 3 * 0.05 = 0.15 between 1 and 2
    }

    [Fact]
    public void An_empty_distribution_has_no_quantiles() => Assert.True(double.IsNaN(new IntegerDistribution(4).Quantile(0.5)));

    [Fact]
    public void Merging_equals_counting_everything_in_one()
    {
        var random = new Random(3);
        var a = Enumerable.Range(0, 300).Select(_ => random.Next(15)).ToArray();
        var b = Enumerable.Range(0, 77).Select(_ => random.Next(5, 20)).ToArray();
        var merged = Of(20, a);
        merged.Merge(Of(20, b));
        var one = Of(20, a.Concat(b));

        Assert.Equal(one.Count, merged.Count);
        for (var v = 0; v < 20; v++) Assert.Equal(one[v], merged[v]);
        foreach (var p in Probabilities) Assert.Equal(one.Quantile(p), merged.Quantile(p));
    }
}
