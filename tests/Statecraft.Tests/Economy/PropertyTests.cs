using Statecraft.Economy;
using static Statecraft.Tests.Economy.EconomyFixture;

namespace Statecraft.Tests.Economy;

/// <summary>Random parameters within their ranges, random instruments and random weather: every output finite and non-negative.</summary>
public sealed class PropertyTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(100, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_output_is_finite_and_no_quantity_is_negative(int seed)
    {
        var random = new Random(seed);
        var p = Draws.Parameters(random);
        const int quarters = 60;
        var instruments = InstrumentCompiler.Compile(HistoricalTimeline.Korea(), Start, quarters, random.NextDouble());
        for (var i = 0; i < instruments.LineBite.Length; i++)
        {
            if (random.NextDouble() < 0.2) instruments.LineBite[i] = random.NextDouble();
        }
        for (var q = 0; q < quarters; q++)
        {
            if (random.NextDouble() < 0.1) instruments.BorderClosure[q] = random.NextDouble();
            instruments.TechnicalAssistance[q] = random.NextDouble() < 0.3 ? random.NextDouble() : 0;
            instruments.AccessionMilestone[q] = random.NextDouble() < 0.05 ? random.NextDouble() * 0.3 : 0;
            instruments.DirectHire[q] = random.Next(2);
            instruments.DomesticSourcing[q] = random.Next(2);
            instruments.ExtraAidMusd[q] = random.NextDouble() < 0.2 ? random.NextDouble() * 500 : 0;
        }
        var shocks = Shocks.Draw(quarters, p.WeatherSd * 3, random);

        var path = Run(p, instruments, shocks);

        void NonNegative(string what, double[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                Assert.True(double.IsFinite(values[i]), $"{what}[{i}] = {values[i]} (seed {seed})");
                Assert.True(values[i] >= 0, $"{what}[{i}] = {values[i]} is negative (seed {seed})");
            }
        }

        NonNegative("gdp", path.GdpIndex);
        NonNegative("sector output", path.SectorOutput);
        NonNegative("exports", path.Exports);
        NonNegative("imports", path.Imports);
        NonNegative("china trade", path.ChinaTradeMusd);
        NonNegative("reserves", path.ReservesMusd);
        NonNegative("off-book", path.OffBookMusd);
        NonNegative("regime revenue", path.RegimeRevenueMusd);
        NonNegative("household income", path.HouseholdIncomeMusd);
        NonNegative("household index", path.HouseholdIncomeIndex);
        NonNegative("capital", path.Capital);
        NonNegative("input index", path.InputIndex);
        for (var q = 0; q < quarters; q++)
        {
            Assert.InRange(path.ReformIndex[q], 0, 1);
            Assert.InRange(path.ImportRationing[q], 0, 1);
            Assert.InRange(path.ChinaShare(q), 0, 1);
            Assert.InRange(path.HouseholdShare(q), 0, 1);
        }
    }

    [Fact]
    public void Weather_draws_are_one_a_year_with_the_standard_deviation_asked_for_and_repeat_with_the_seed()
    {
        var a = Shocks.Draw(80000, 0.04, new Random(7));
        var b = Shocks.Draw(80000, 0.04, new Random(7));
        var late = Shocks.Draw(9, 0.04, new Random(7), firstQuarterNumber: 3);

        Assert.Equal(a.Weather, b.Weather);
        var years = Enumerable.Range(0, 20000).Select(y => a.Weather[4 * y]).ToArray();
        for (var q = 0; q < 80000; q++) Assert.Equal(years[q / 4], a.Weather[q]);
        var mean = years.Average();
        var sd = Math.Sqrt(years.Sum(w => (w - mean) * (w - mean)) / (years.Length - 1));
        Assert.InRange(mean, -0.001, 0.001);
        Assert.InRange(sd, 0.039, 0.041);
        // A path from a third quarter changes harvest at the next first quarter.
        Assert.Equal(late.Weather[0], late.Weather[1]);
        Assert.NotEqual(late.Weather[1], late.Weather[2]);
        Assert.Equal(late.Weather[2], late.Weather[5]);
        Assert.NotEqual(late.Weather[5], late.Weather[6]);
    }
}
