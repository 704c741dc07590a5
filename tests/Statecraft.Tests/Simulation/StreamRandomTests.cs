using Statecraft.Negotiation;
using Statecraft.Simulation;

namespace Statecraft.Tests.Simulation;

/// <summary>
/// <see cref="StreamRandom"/>: the published SplitMix64 and FNV-1a values, uniformity, independence of
/// consecutive counters and of derived streams, and determinism.
/// </summary>
public sealed class StreamRandomTests
{
    private const int N = 100_000;

    /// <summary>The first outputs of Vigna's reference splitmix64.c from state 0.</summary>
    private static readonly ulong[] SplitMixFromZero = [0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL];

    [Fact]
    public void Mix_is_the_SplitMix64_output_function_and_the_stream_of_key_zero_is_the_reference_sequence()
    {
        const ulong golden = 0x9E3779B97F4A7C15UL;
        var zero = new StreamRandom(0);
        for (var i = 0; i < SplitMixFromZero.Length; i++)
        {
            Assert.Equal(SplitMixFromZero[i], StreamRandom.Mix(golden * (ulong)i));
            Assert.Equal((SplitMixFromZero[i] >> 11) / 9007199254740992.0, zero.Uniform((ulong)i));
        }
    }

    [Theory]
    [InlineData("", 0xCBF29CE484222325UL)]
    [InlineData("a", 0xAF63DC4C8601EC8CUL)]
    [InlineData("foobar", 0x85944171F73967E8UL)]
    public void A_stream_named_by_a_string_is_named_by_its_FNV_1a_hash(string name, ulong fnv1a)
    {
        var parent = new StreamRandom(123456789);

        Assert.Equal(parent.Derive(fnv1a), parent.Derive(name));
    }

    private static double[] Uniforms(StreamRandom s, int n = N) => [.. Enumerable.Range(0, n).Select(i => s.Uniform((ulong)i))];

    private static double Correlation(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = Reference.Mean(x), my = Reference.Mean(y), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }

    private static void AssertUniform(double[] u, string what)
    {
        var n = u.Length;
        Assert.All(u, v => Assert.True(v >= 0 && v < 1, $"{what}: {v} is outside [0, 1)"));
        var mean = Reference.Mean(u);
        Assert.True(Math.Abs(mean - 0.5) <= 5 * Math.Sqrt(1.0 / 12 / n), $"{what}: mean {mean}");
        // Variance of the sample variance of U(0, 1): (1/80 - 1/144) / n.
        var variance = Reference.Variance(u);
        Assert.True(Math.Abs(variance - (1.0 / 12)) <= 5 * Math.Sqrt(((1.0 / 80) - (1.0 / 144)) / n), $"{what}: variance {variance}");
        // Chi-square on 20 equal cells; 0.1% critical value with 19 degrees of freedom is 43.82.
        var cells = new int[20];
        foreach (var v in u) cells[(int)(v * 20)]++;
        var expected = n / 20.0;
        var chi2 = cells.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chi2 < 43.82, $"{what}: chi-square {chi2} on 19 degrees of freedom");
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(20180918UL)]
    [InlineData(ulong.MaxValue)]
    public void Uniform_draws_are_uniform_on_the_unit_interval_and_consecutive_counters_are_uncorrelated(ulong key)
    {
        var u = Uniforms(new StreamRandom(key));

        AssertUniform(u, $"key {key}");
        for (var lag = 1; lag <= 2; lag++)
        {
            var r = Correlation(u[..^lag], u[lag..]);
            Assert.True(Math.Abs(r) <= 5 / Math.Sqrt(N), $"lag-{lag} correlation {r}");
        }

        // Counters 2c and 2c + 1 make the two uniforms of one normal: they must be independent too.
        var even = Enumerable.Range(0, N / 2).Select(i => u[2 * i]).ToArray();
        var odd = Enumerable.Range(0, N / 2).Select(i => u[(2 * i) + 1]).ToArray();
        Assert.True(Math.Abs(Correlation(even, odd)) <= 5 / Math.Sqrt(N / 2));
    }

    [Fact]
    public void Normal_draws_are_standard_normal()
    {
        var s = new StreamRandom(99);
        var z = Enumerable.Range(0, N).Select(i => s.Normal((ulong)i)).ToArray();

        Assert.All(z, v => Assert.True(double.IsFinite(v)));
        Assert.True(Math.Abs(Reference.Mean(z)) <= 5 * Math.Sqrt(1.0 / N), $"mean {Reference.Mean(z)}");
        Assert.True(Math.Abs(Reference.Variance(z) - 1) <= 5 * Math.Sqrt(2.0 / N), $"variance {Reference.Variance(z)}");
        Assert.True(Reference.KolmogorovSmirnov(z, Reference.NormalCdf) < 1.95 / Math.Sqrt(N));
        Assert.True(Math.Abs(Correlation(z[..^1], z[1..])) <= 5 / Math.Sqrt(N));
    }

    [Fact]
    public void Derived_streams_differ_from_each_other_and_from_their_parent_and_are_uncorrelated()
    {
        var parent = new StreamRandom(20180918);
        var streams = new[] { parent, parent.Derive(0), parent.Derive(1), parent.Derive(2), parent.Derive("china_enforcement"), parent.Derive(1).Derive(1) };
        var draws = streams.Select(s => Uniforms(s, 20_000)).ToArray();

        Assert.Equal(streams.Length, streams.Select(s => s.Key).Distinct().Count());
        for (var i = 0; i < streams.Length; i++)
        {
            AssertUniform(draws[i], $"stream {i}");
            for (var j = i + 1; j < streams.Length; j++)
            {
                Assert.True(draws[i].Zip(draws[j]).Count(p => p.First == p.Second) <= 1, $"streams {i} and {j} share values");
                var r = Correlation(draws[i], draws[j]);
                Assert.True(Math.Abs(r) <= 5 / Math.Sqrt(20_000), $"streams {i} and {j}: correlation {r}");
            }
        }
    }

    [Fact]
    public void The_first_number_of_many_sibling_streams_is_uniform_and_uncorrelated_between_neighbours()
    {
        // What the Monte Carlo uses: trajectory i's stream, one per index, across batch boundaries.
        var first = Enumerable.Range(0, N).Select(i => MonteCarlo.TrajectoryStream(7, i).Uniform(0)).ToArray();

        AssertUniform(first, "trajectory streams");
        Assert.True(Math.Abs(Correlation(first[..^1], first[1..])) <= 5 / Math.Sqrt(N));
        Assert.Equal(N, first.Distinct().Count());
    }

    [Fact]
    public void Trajectory_streams_depend_only_on_the_seed_and_the_index()
    {
        var keys = new HashSet<ulong>();
        for (long i = 0; i < 3 * SimulationSettings.BatchSize; i += 97) Assert.True(keys.Add(MonteCarlo.TrajectoryStream(1, i).Key));
        Assert.NotEqual(MonteCarlo.TrajectoryStream(1, 5), MonteCarlo.TrajectoryStream(2, 5));
        // The same index within different batches is a different stream.
        Assert.NotEqual(MonteCarlo.TrajectoryStream(1, 5), MonteCarlo.TrajectoryStream(1, 5 + SimulationSettings.BatchSize));
        Assert.Equal(MonteCarlo.TrajectoryStream(1, 2000), MonteCarlo.TrajectoryStream(1, 2000));
    }

    [Fact]
    public void A_stream_is_deterministic_and_its_numbers_can_be_drawn_in_any_order()
    {
        var a = new StreamRandom(42).Derive("x");
        var b = new StreamRandom(42).Derive("x");
        var forward = Enumerable.Range(0, 500).Select(i => a.Uniform((ulong)i)).ToArray();
        var backward = Enumerable.Range(0, 500).Reverse().Select(i => b.Uniform((ulong)i)).Reverse().ToArray();

        Assert.Equal(a, b);
        Assert.Equal(forward, backward);
        Assert.Equal(a.Normal(17), b.Normal(17));
    }
}
