using Statecraft.Documents;
using Statecraft.Negotiation;
using Statecraft.Sanctions;
using Statecraft.Scenarios;
using Statecraft.Simulation;

namespace Statecraft.Tests.Simulation;

/// <summary>
/// <see cref="Sampling"/>: each distribution's sample mean and variance against the analytic moments
/// (within five standard errors) and its empirical CDF against the analytic CDF (Kolmogorov–Smirnov at
/// the 0.1% level); bounds; common random numbers by assumption name; the North's type against its prior.
/// </summary>
public sealed class SamplingTests
{
    private const int N = 20_000;
    private const ulong Seed = 977;

    private static readonly SourceLocation Nowhere = new("test.yaml", 1, 1);

    private static Assumption Named(string name, Distribution d, double? low = null, double? high = null) =>
        new(name, d, low, high, null, null, null, Nowhere);

    /// <summary>Trajectory i's draw of the assumption, on the stream <see cref="MonteCarlo.Draw"/> gives it.</summary>
    private static double[] DrawMany(Assumption a, int n = N, ulong seed = Seed) =>
        [.. Enumerable.Range(0, n).Select(i => Sampling.Draw(a, MonteCarlo.TrajectoryStream(seed, i).Derive(2).Derive(a.Name)))];

    /// <summary>A distribution with its analytic mean, variance, fourth central moment and CDF.</summary>
    public sealed record Case(string Label, Distribution Distribution, double Mean, double Variance, double FourthMoment, Func<double, double> Cdf)
    {
        public override string ToString() => Label;
    }

    private static Case Normal(double m, double s) =>
        new($"normal({m}, {s})", new NormalDistribution(m, s), m, s * s, 3 * Math.Pow(s, 4), x => Reference.NormalCdf((x - m) / s));

    private static Case Lognormal(double mu, double sigma)
    {
        var s2 = sigma * sigma;
        var variance = (Math.Exp(s2) - 1) * Math.Exp((2 * mu) + s2);
        var excessKurtosis = Math.Exp(4 * s2) + (2 * Math.Exp(3 * s2)) + (3 * Math.Exp(2 * s2)) - 6;
        return new($"lognormal({mu}, {sigma})", new LognormalDistribution(mu, sigma), Math.Exp(mu + (s2 / 2)), variance,
            (3 + excessKurtosis) * variance * variance, x => x <= 0 ? 0 : Reference.NormalCdf((Math.Log(x) - mu) / sigma));
    }

    private static Case Uniform(double a, double b) =>
        new($"uniform({a}, {b})", new UniformDistribution(a, b), (a + b) / 2, (b - a) * (b - a) / 12, Math.Pow(b - a, 4) / 80,
            x => Math.Clamp((x - a) / (b - a), 0, 1));

    private static Case Triangular(double a, double c, double b)
    {
        var variance = ((a * a) + (b * b) + (c * c) - (a * b) - (a * c) - (b * c)) / 18;
        return new($"triangular({a}, {c}, {b})", new TriangularDistribution(a, c, b), (a + b + c) / 3, variance,
            2.4 * variance * variance, // excess kurtosis -3/5
            x => x <= a ? 0 : x >= b ? 1 : x < c ? (x - a) * (x - a) / ((b - a) * (c - a)) : 1 - ((b - x) * (b - x) / ((b - a) * (b - c))));
    }

    private static Case Beta(double alpha, double beta, Func<double, double> cdf)
    {
        var s = alpha + beta;
        var variance = alpha * beta / (s * s * (s + 1));
        var excessKurtosis = 6 * ((((alpha - beta) * (alpha - beta)) * (s + 1)) - (alpha * beta * (s + 2))) / (alpha * beta * (s + 2) * (s + 3));
        return new($"beta({alpha}, {beta})", new BetaDistribution(alpha, beta), alpha / s, variance, (3 + excessKurtosis) * variance * variance, cdf);
    }

    /// <summary>The regularised incomplete beta function for whole shapes: P(at least a successes in a + b - 1 trials).</summary>
    private static double WholeBetaCdf(int a, int b, double x)
    {
        var m = a + b - 1;
        var sum = 0.0;
        for (var j = a; j <= m; j++) sum += Binomial(m, j) * Math.Pow(x, j) * Math.Pow(1 - x, m - j);
        return sum;
    }

    private static double Binomial(int n, int k)
    {
        var c = 1.0;
        for (var i = 1; i <= k; i++) c = c * (n - k + i) / i;
        return c;
    }

    public static TheoryData<Case> Cases() =>
    [
        Normal(3, 2),
        Normal(-40, 0.01),
        Lognormal(0.5, 0.4),
        Uniform(-2, 5),
        Triangular(1, 2, 6),
        Triangular(0, 0, 1),
        Triangular(10, 30, 30),
        Beta(7, 3, x => WholeBetaCdf(7, 3, Math.Clamp(x, 0, 1))),
        Beta(0.5, 0.5, x => 2 / Math.PI * Math.Asin(Math.Sqrt(Math.Clamp(x, 0, 1)))),
        Beta(4, 4, x => WholeBetaCdf(4, 4, Math.Clamp(x, 0, 1))),
        Beta(1, 1, x => Math.Clamp(x, 0, 1)),
        Beta(0.3, 2, x => double.NaN), // no simple closed-form CDF: moments only
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sample_mean_and_variance_match_the_analytic_moments_within_five_standard_errors(Case c)
    {
        var x = DrawMany(Named("x", c.Distribution));
        var mean = Reference.Mean(x);
        var variance = Reference.Variance(x);
        var seMean = Math.Sqrt(c.Variance / N);
        var seVariance = Math.Sqrt((c.FourthMoment / N) - (c.Variance * c.Variance * (N - 3) / ((double)N * (N - 1))));

        Assert.All(x, v => Assert.True(double.IsFinite(v)));
        Assert.True(Math.Abs(mean - c.Mean) <= 5 * seMean, $"{c.Label}: mean {mean}, analytic {c.Mean}, standard error {seMean}");
        Assert.True(Math.Abs(variance - c.Variance) <= 5 * seVariance, $"{c.Label}: variance {variance}, analytic {c.Variance}, standard error {seVariance}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_empirical_distribution_matches_the_analytic_CDF(Case c)
    {
        if (double.IsNaN(c.Cdf(0.5))) return;
        var x = DrawMany(Named("x", c.Distribution), seed: Seed + 1);

        var d = Reference.KolmogorovSmirnov(x, c.Cdf);

        Assert.True(d < 1.95 / Math.Sqrt(N), $"{c.Label}: Kolmogorov–Smirnov distance {d}, 0.1% critical value {1.95 / Math.Sqrt(N)}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Draws_lie_in_the_distribution_s_support(Case c)
    {
        var (low, high) = c.Distribution.Support;
        var x = DrawMany(Named("x", c.Distribution), 5000);

        Assert.All(x, v => Assert.InRange(v, low, high));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(3.7)]
    public void Gamma_with_unit_scale_has_mean_and_variance_equal_to_its_shape(double shape)
    {
        var x = Enumerable.Range(0, N).Select(i =>
        {
            ulong counter = 0;
            return Sampling.Gamma(shape, new StreamRandom(Seed).Derive((ulong)i), ref counter);
        }).ToArray();
        // Fourth central moment of Gamma(k, 1): 3k^2 + 6k.
        var seMean = Math.Sqrt(shape / N);
        var seVariance = Math.Sqrt(((3 * shape * shape) + (6 * shape) - (shape * shape)) / N);

        Assert.All(x, v => Assert.True(v > 0));
        Assert.True(Math.Abs(Reference.Mean(x) - shape) <= 5 * seMean, $"mean {Reference.Mean(x)}");
        Assert.True(Math.Abs(Reference.Variance(x) - shape) <= 5 * seVariance, $"variance {Reference.Variance(x)}");
    }

    [Fact]
    public void A_point_value_is_always_the_value()
    {
        var x = DrawMany(Named("p", new PointValue(0.42)), 100);

        Assert.All(x, v => Assert.Equal(0.42, v));
    }

    [Fact]
    public void Draws_outside_the_bounds_are_redrawn_so_a_bounded_uniform_is_uniform_on_the_bounds()
    {
        var x = DrawMany(Named("u", new UniformDistribution(0, 10), 2, 5));

        Assert.All(x, v => Assert.InRange(v, 2, 5));
        Assert.True(Math.Abs(Reference.Mean(x) - 3.5) <= 5 * Math.Sqrt(0.75 / N), $"mean {Reference.Mean(x)}");
        Assert.True(Reference.KolmogorovSmirnov(x, v => (v - 2) / 3) < 1.95 / Math.Sqrt(N));
    }

    [Fact]
    public void A_normal_bounded_on_both_sides_is_the_truncated_normal()
    {
        const double a = -0.5, b = 1.0;
        var x = DrawMany(Named("n", new NormalDistribution(0, 1), a, b));
        var mass = Reference.NormalCdf(b) - Reference.NormalCdf(a);
        var mean = (Reference.NormalDensity(a) - Reference.NormalDensity(b)) / mass;
        var variance = 1 + (((a * Reference.NormalDensity(a)) - (b * Reference.NormalDensity(b))) / mass) - (mean * mean);

        Assert.All(x, v => Assert.InRange(v, a, b));
        Assert.True(Math.Abs(Reference.Mean(x) - mean) <= 5 * Math.Sqrt(variance / N), $"mean {Reference.Mean(x)}, analytic {mean}");
        Assert.True(Reference.KolmogorovSmirnov(x, v => (Reference.NormalCdf(v) - Reference.NormalCdf(a)) / mass) < 1.95 / Math.Sqrt(N));
    }

    [Fact]
    public void A_normal_bounded_below_only_is_the_half_normal()
    {
        var x = DrawMany(Named("h", new NormalDistribution(0, 2), 0, null));
        var mean = 2 * Math.Sqrt(2 / Math.PI);
        var variance = 4 * (1 - (2 / Math.PI));

        Assert.All(x, v => Assert.True(v >= 0));
        Assert.True(Math.Abs(Reference.Mean(x) - mean) <= 5 * Math.Sqrt(variance / N), $"mean {Reference.Mean(x)}, analytic {mean}");
        Assert.True(Math.Abs(Reference.Variance(x) - variance) <= 0.05 * variance, $"variance {Reference.Variance(x)}, analytic {variance}");
    }

    [Fact]
    public void Bounds_the_distribution_almost_never_reaches_still_give_a_value_within_the_bounds()
    {
        var x = DrawMany(Named("far", new NormalDistribution(0, 1), 9, 10), 20);

        Assert.All(x, v => Assert.InRange(v, 9, 10));
    }

    [Fact]
    public void The_same_stream_and_assumption_name_give_the_same_value_and_other_names_other_values()
    {
        var trajectory = MonteCarlo.TrajectoryStream(Seed, 12345).Derive(2);
        var beta = new BetaDistribution(7, 3);
        var a = Named("china_enforcement", beta);
        var sameName = new Assumption("china_enforcement", beta, 0, 1, "described differently", "share", "elsewhere", new SourceLocation("other.yaml", 9, 3));

        var first = Sampling.Draw(a, trajectory.Derive(a.Name));

        Assert.Equal(first, Sampling.Draw(a, trajectory.Derive(a.Name)));
        Assert.Equal(first, Sampling.Draw(sameName, trajectory.Derive(sameName.Name)));
        Assert.NotEqual(first, Sampling.Draw(a, trajectory.Derive("china_enforcement_relaxed")));
        Assert.NotEqual(first, Sampling.Draw(a, MonteCarlo.TrajectoryStream(Seed, 12346).Derive(2).Derive(a.Name)));
    }

    private static CompiledGame Shipped(string name) => Statecraft.Tests.Scenarios.ShippedRoadmaps.Compiled(name);

    [Fact]
    public void Strategies_sharing_an_assumption_draw_the_same_value_for_it_on_every_trajectory_whatever_else_they_draw()
    {
        var games = new[] { Shipped("relief-only"), Shipped("kaesong-quick-hit"), Shipped("pyongyang-declaration-2018") };
        var workspaces = games.Select(g => new GameWorkspace(g)).ToArray();
        var index = games.Select(g => g.Assumptions.Select(a => a.Name).ToList().IndexOf("china_enforcement")).ToArray();
        Assert.All(index, i => Assert.True(i >= 0));
        Assert.Single(games[0].Assumptions);
        Assert.True(games[2].Assumptions.Length > 2);
        var distinct = new HashSet<double>();

        for (var t = 0; t < 300; t++)
        {
            var stream = MonteCarlo.TrajectoryStream(Seed, t);
            var draws = games.Select((g, s) => MonteCarlo.Draw(g, stream, workspaces[s])).ToArray();
            var value = workspaces[0].Assumptions[index[0]];
            for (var s = 1; s < games.Length; s++)
            {
                Assert.Equal(value, workspaces[s].Assumptions[index[s]]);
                // The same type prior (the default, 1/3 each) gives the same type.
                Assert.Equal(draws[0].Type, draws[s].Type);
            }

            distinct.Add(value);
        }

        Assert.Equal(300, distinct.Count);
    }

    [Fact]
    public void An_assumption_s_draw_does_not_depend_on_its_place_in_the_file_or_on_the_other_assumptions()
    {
        var shipped = ShippedScenarios.Find("delury-engagement")!;
        const string extra = "assumptions:\n  aaa_drawn_first:\n    distribution: lognormal\n    meanlog: 3.7\n    sdlog: 0.5\n    bounds: [0, 500]\n";
        Assert.Contains("assumptions:\n  rail_road_spend:", shipped.Text, StringComparison.Ordinal);
        var load = ScenarioLoader.Parse(shipped.Text.Replace("assumptions:\n", extra, StringComparison.Ordinal), "extra.yaml", Catalog.Korea);
        Assert.True(load.IsValid, string.Join('\n', BesidesUnused(load.Diagnostics)));
        var games = new[] { Shipped("delury-engagement"), GameCompiler.Compile(ShippedWorlds.Baseline.Apply(load.Scenario!)) };
        // The roadmap's amounts, then the world's beliefs; the extra one first in the second.
        Assert.Equal(["rail_road_spend", "sez_support_spend", "china_enforcement"], games[0].Assumptions.Select(a => a.Name));
        Assert.Equal(["aaa_drawn_first", "rail_road_spend", "sez_support_spend", "china_enforcement"], games[1].Assumptions.Select(a => a.Name));
        var workspaces = games.Select(g => new GameWorkspace(g)).ToArray();

        for (var t = 0; t < 200; t++)
        {
            var stream = MonteCarlo.TrajectoryStream(Seed, t);
            MonteCarlo.Draw(games[0], stream, workspaces[0]);
            MonteCarlo.Draw(games[1], stream, workspaces[1]);

            for (var i = 0; i < 3; i++) Assert.Equal(workspaces[0].Assumptions[i], workspaces[1].Assumptions[i + 1]);
            Assert.NotEqual(workspaces[1].Assumptions[0], workspaces[1].Assumptions[1]);
        }
    }

    private static IEnumerable<Documents.Diagnostic> BesidesUnused(IEnumerable<Documents.Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.Severity == Documents.Severity.Error);

    [Fact]
    public void Type_picks_each_type_for_its_share_of_the_unit_interval()
    {
        double[] prior = [0.2, 0.5, 0.3];
        const int grid = 10_000;
        var counts = new int[3];
        for (var i = 0; i < grid; i++) counts[(int)Sampling.Type(prior, (i + 0.5) / grid)]++;

        for (var t = 0; t < 3; t++) Assert.InRange(counts[t], (prior[t] * grid) - 1, (prior[t] * grid) + 1);
        Assert.Equal(NorthType.Reformer, Sampling.Type(prior, 0));
        Assert.Equal(NorthType.Staller, Sampling.Type(prior, Math.BitDecrement(1.0)));
    }

    [Fact]
    public void A_type_without_weight_is_never_picked_even_when_rounding_leaves_the_prior_short_of_one()
    {
        double[] shortOfOne = [0.6, 0.4 - 1e-12, 0];
        double[] firstEmpty = [0, 0.7, 0.3];

        Assert.Equal(NorthType.Hedger, Sampling.Type(shortOfOne, Math.BitDecrement(1.0)));
        Assert.Equal(NorthType.Hedger, Sampling.Type(shortOfOne, 0.9999999999999));
        Assert.Equal(NorthType.Hedger, Sampling.Type(firstEmpty, 0));
    }

    [Theory]
    [InlineData("delury-engagement")]
    [InlineData("relief-only")]
    public void Drawn_types_and_willingness_follow_the_compiled_prior(string name)
    {
        const int n = 6000;
        var g = Shipped(name);
        var w = new GameWorkspace(g);
        var types = new int[3];
        var cheat = new int[3];
        var reform = new int[3];
        for (var i = 0; i < n; i++)
        {
            var d = MonteCarlo.Draw(g, MonteCarlo.TrajectoryStream(Seed, i), w);
            types[(int)d.Type]++;
            if (d.CheatWilling) cheat[(int)d.Type]++;
            if (d.ReformWilling) reform[(int)d.Type]++;
        }

        Assert.Equal(1.0, g.TypePrior.Sum(), 12);
        for (var t = 0; t < 3; t++)
        {
            var p = g.TypePrior[t];
            Assert.True(Math.Abs(((double)types[t] / n) - p) <= 5 * Math.Sqrt(p * (1 - p) / n) + 1e-12, $"{(NorthType)t}: {types[t]} of {n}, prior {p}");
            if (types[t] < 100) continue;
            var c = g.Game.CheatWillingness[t];
            var r = g.Game.ReformWillingness[t];
            Assert.True(Math.Abs(((double)cheat[t] / types[t]) - c) <= 5 * Math.Sqrt(c * (1 - c) / types[t]) + 1e-12, $"{(NorthType)t} cheat willingness");
            Assert.True(Math.Abs(((double)reform[t] / types[t]) - r) <= 5 * Math.Sqrt(r * (1 - r) / types[t]) + 1e-12, $"{(NorthType)t} reform willingness");
        }
    }
}
