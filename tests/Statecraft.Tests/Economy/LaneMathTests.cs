using System.Runtime.Intrinsics;
using Statecraft.Economy;

namespace Statecraft.Tests.Economy;

/// <summary>
/// The lanes' exponential and logarithm against the runtime's scalar ones (glibc here): within a few units in
/// the last place over the range, and the special values of IEEE 754.
/// </summary>
public sealed class LaneMathTests
{
    private const long MaxUlps = 4;

    [Theory]
    [InlineData(-1.0, 1.0)]
    [InlineData(-0.001, 0.001)]
    [InlineData(-40.0, 40.0)]
    [InlineData(-745.0, 709.0)]
    public void Exp_agrees_with_the_scalar_exp(double low, double high)
    {
        var random = new Random(1);
        for (var i = 0; i < 20_000; i++)
        {
            var x = Vector256.Create(Draw(random, low, high), Draw(random, low, high), Draw(random, low, high), Draw(random, low, high));
            var y = LaneMath.Exp(x);
            for (var k = 0; k < 4; k++) AssertUlps(Math.Exp(x[k]), y[k], $"exp({x[k]:R})");
        }
    }

    [Theory]
    [InlineData(0.5, 2.0)]
    [InlineData(0.999, 1.001)]
    [InlineData(1e-300, 1e300)]
    [InlineData(4.9e-324, 1e-308)]
    public void Log_agrees_with_the_scalar_log(double low, double high)
    {
        var random = new Random(2);
        for (var i = 0; i < 20_000; i++)
        {
            var x = Vector256.Create(LogUniform(random, low, high), LogUniform(random, low, high), LogUniform(random, low, high), LogUniform(random, low, high));
            var y = LaneMath.Log(x);
            for (var k = 0; k < 4; k++)
            {
                var expected = Math.Log(x[k]);
                // Near x = 1 the logarithm is near 0: compare with the absolute error one unit of x would make.
                if (Math.Abs(expected) < 1e-3) Assert.True(Math.Abs(expected - y[k]) <= MaxUlps * (Math.BitIncrement(1.0) - 1.0), $"log({x[k]:R}): {y[k]:R} vs {expected:R}");
                else AssertUlps(expected, y[k], $"log({x[k]:R})");
            }
        }
    }

    [Fact]
    public void Special_values_are_those_of_ieee_754()
    {
        var exp = LaneMath.Exp(Vector256.Create(0.0, double.NaN, 710.0, -746.0));
        Assert.Equal(1.0, exp[0]);
        Assert.True(double.IsNaN(exp[1]));
        Assert.Equal(double.PositiveInfinity, exp[2]);
        Assert.Equal(0.0, exp[3]);
        var log = LaneMath.Log(Vector256.Create(1.0, 0.0, -1.0, double.PositiveInfinity));
        Assert.Equal(0.0, log[0]);
        Assert.Equal(double.NegativeInfinity, log[1]);
        Assert.True(double.IsNaN(log[2]));
        Assert.Equal(double.PositiveInfinity, log[3]);
        Assert.True(double.IsNaN(LaneMath.Log(Vector256.Create(double.NaN))[0]));
        // Powers of two and e are met exactly or to the last place.
        AssertUlps(Math.Log(1024.0), LaneMath.Log(Vector256.Create(1024.0))[0], "log 1024");
        AssertUlps(Math.E, LaneMath.Exp(Vector256.Create(1.0))[0], "exp 1");
    }

    private static double Draw(Random random, double low, double high) => low + (random.NextDouble() * (high - low));

    private static double LogUniform(Random random, double low, double high) => Math.Exp(Math.Log(low) + (random.NextDouble() * (Math.Log(high) - Math.Log(low))));

    private static void AssertUlps(double expected, double actual, string what)
    {
        if (expected == actual) return;
        Assert.False(double.IsNaN(actual) || double.IsInfinity(actual), $"{what}: {actual:R}, expected {expected:R}");
        if (expected == 0.0 || double.IsSubnormal(expected))
        {
            Assert.True(Math.Abs(expected - actual) <= MaxUlps * double.Epsilon, $"{what}: {actual:R} vs {expected:R}");
            return;
        }

        var ulps = Math.Abs(BitConverter.DoubleToInt64Bits(expected) - BitConverter.DoubleToInt64Bits(actual));
        Assert.True(ulps <= MaxUlps, $"{what}: {actual:R} vs {expected:R} ({ulps} units in the last place)");
    }
}
