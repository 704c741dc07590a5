using Statecraft.Analysis;
using Statecraft.Negotiation;

namespace Statecraft.Tests.Analysis;

/// <summary>
/// The estimators against the Ishigami function (Ishigami and Homma 1990), whose indices are known in closed form:
/// f(x) = sin x1 + a sin^2 x2 + b x3^4 sin x1 with x uniform on [-pi, pi]^3; a = 7, b = 0.1 as in Saltelli et al. (2010).
/// </summary>
public class SobolTests
{
    private const double A = 7, B = 0.1;

    private static double Ishigami(ReadOnlySpan<double> x) => Math.Sin(x[0]) + (A * Math.Pow(Math.Sin(x[1]), 2)) + (B * Math.Pow(x[2], 4) * Math.Sin(x[0]));

    /// <summary>
    /// The analytic partial variances, derived here: with E[sin^2] = 1/2, E[x^4] = pi^4/5 and E[x^8] = pi^8/9 on
    /// [-pi, pi], V1 = (1 + b pi^4/5)^2 / 2, V2 = a^2/8, V13 = b^2 pi^8 (1/18 - 1/50), and no other term.
    /// </summary>
    private static (double[] First, double[] Total) Analytic()
    {
        var v1 = 0.5 * Math.Pow(1 + (B * Math.Pow(Math.PI, 4) / 5), 2);
        var v2 = A * A / 8;
        var v13 = B * B * Math.Pow(Math.PI, 8) * ((1.0 / 18) - (1.0 / 50));
        var v = v1 + v2 + v13;
        return ([v1 / v, v2 / v, 0], [(v1 + v13) / v, v2 / v, v13 / v]);
    }

    private static (double[] A, double[] B, double[][] AB) Design(int n, StreamRandom stream)
    {
        var a = new double[n];
        var b = new double[n];
        var ab = new[] { new double[n], new double[n], new double[n] };
        Span<double> u = stackalloc double[3];
        Span<double> x = stackalloc double[3];
        for (var j = 0; j < n; j++)
        {
            for (var block = 0; block < 5; block++)
            {
                SaltelliDesign.Row(stream, 3, block, j, u);
                for (var i = 0; i < 3; i++) x[i] = -Math.PI + (2 * Math.PI * u[i]);
                var f = Ishigami(x);
                if (block == 0) a[j] = f;
                else if (block == 1) b[j] = f;
                else ab[block - 2][j] = f;
            }
        }

        return (a, b, ab);
    }

    [Fact]
    public void The_analytic_indices_are_the_published_ones()
    {
        // Saltelli et al. (2010), section 5: S1 = 0.3139, S2 = 0.4424, S3 = 0; ST3 = 0.2437.
        var (first, total) = Analytic();
        Assert.Equal(0.3139, first[0], 4);
        Assert.Equal(0.4424, first[1], 4);
        Assert.Equal(0.2437, total[2], 4);
    }

    [Fact]
    public void Estimates_on_a_large_design_are_within_two_hundredths_of_the_analytic_indices()
    {
        var (first, total) = Analytic();
        var (a, b, ab) = Design(1 << 15, new StreamRandom(2024).Derive("ishigami"));
        var (indices, _, variance, rows) = SaltelliDesign.Estimate(a, b, ab, 100, new StreamRandom(7));
        Assert.Equal(1 << 15, rows);
        // V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2 = 13.84 (Saltelli et al. 2010).
        Assert.Equal(13.84, variance, 0.4);
        for (var i = 0; i < 3; i++)
        {
            Assert.InRange(indices[i].First.Value, first[i] - 0.02, first[i] + 0.02);
            Assert.InRange(indices[i].Total.Value, total[i] - 0.02, total[i] + 0.02);
            Assert.True(indices[i].First.Low <= indices[i].First.Value && indices[i].First.Value <= indices[i].First.High);
        }
    }

    [Fact]
    public void The_bootstrap_intervals_cover_the_analytic_indices_about_as_often_as_they_claim()
    {
        var (first, total) = Analytic();
        var truth = first.Concat(total).ToArray();
        int covered = 0, intervals = 0;
        for (var replicate = 0; replicate < 40; replicate++)
        {
            var (a, b, ab) = Design(1024, new StreamRandom(99).Derive((ulong)replicate));
            var (indices, _, _, _) = SaltelliDesign.Estimate(a, b, ab, 300, new StreamRandom(5).Derive((ulong)replicate));
            var estimates = indices.Select(x => x.First).Concat(indices.Select(x => x.Total)).ToArray();
            for (var i = 0; i < truth.Length; i++)
            {
                intervals++;
                if (estimates[i].Low <= truth[i] && truth[i] <= estimates[i].High) covered++;
            }
        }

        // 95% intervals over 240 cases: a binomial(240, 0.95) falls below 0.88 with probability under 1e-4; a
        // bootstrap that ignored the design's variability would cover far less.
        Assert.InRange(covered / (double)intervals, 0.88, 1.0);
    }

    [Fact]
    public void A_function_of_one_factor_gives_that_factor_everything_and_the_others_nothing()
    {
        var n = 512;
        var stream = new StreamRandom(3);
        var a = new double[n];
        var b = new double[n];
        var ab = new[] { new double[n], new double[n] };
        Span<double> u = stackalloc double[2];
        for (var j = 0; j < n; j++)
        {
            for (var block = 0; block < 4; block++)
            {
                SaltelliDesign.Row(stream, 2, block, j, u);
                var f = Math.Exp(u[0]);
                if (block == 0) a[j] = f;
                else if (block == 1) b[j] = f;
                else ab[block - 2][j] = f;
            }
        }

        var (indices, _, _, _) = SaltelliDesign.Estimate(a, b, ab, 50, new StreamRandom(1));
        // Factor 2 never enters: AB_2 equals A row by row, so its total index is exactly 0. B and AB_1 share factor 1,
        // all f reads, so factor 1's first-order index is exactly 1. The other two are estimates of 1 and 0.
        Assert.Equal(0.0, indices[1].Total.Value);
        Assert.Equal(1.0, indices[0].First.Value, 10);
        Assert.InRange(indices[0].Total.Value, 0.9, 1.1);
        Assert.InRange(indices[1].First.Value, -0.2, 0.2);
    }

    [Fact]
    public void On_the_simulation_a_factor_the_roadmap_never_reads_has_a_total_index_of_exactly_zero_for_any_thread_count()
    {
        // Maximum pressure offers no zone, so the zones' wage yield cannot matter; leakage moves the economy.
        var g = Tests.Negotiation.GameFixture.Shipped("maximum-pressure");
        var space = new FactorSpace(g.Scenario);
        Factor[] factors = [space.Find("leakage")!, space.Find("zone_wage_yield")!];
        var inner = new TrajectoryWindow(8, 0, 24);
        var one = Sobol.Run(space, factors, Outcomes.Key, 24, inner, 50, 1);
        var two = Sobol.Run(space, factors, Outcomes.Key, 24, inner, 50, 2);
        var gdp = one.ByOutcome.Single(o => o.Outcome == Outcome.GdpIndex);
        Assert.Equal(0.0, gdp.Indices[1].Total.Value);
        Assert.True(gdp.Indices[0].Total.Value > 0.9, $"leakage's total index {gdp.Indices[0].Total.Value}");
        Assert.Equal(24 * 4, one.Points);
        for (var o = 0; o < one.ByOutcome.Length; o++)
        {
            Assert.Equal(one.ByOutcome[o].Variance, two.ByOutcome[o].Variance);
            Assert.Equal(one.ByOutcome[o].Indices.ToArray(), two.ByOutcome[o].Indices.ToArray());
        }
    }
}
