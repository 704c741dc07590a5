using Statecraft.Economy;
using static Statecraft.Tests.Economy.EconomyFixture;

namespace Statecraft.Tests.Economy;

/// <summary>Directions the model must respect whatever the numbers: blocking, relief, linkage, reform.</summary>
public sealed class MonotonicityTests
{
    private const int Quarters = 32;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void More_blocking_never_raises_any_export_line(int seed)
    {
        var random = new Random(seed);
        var p = Draws.Parameters(random);
        var baseline = History(Quarters);
        var tighter = baseline.Copy();
        for (var i = 0; i < 40; i++)
        {
            var index = random.Next(tighter.LineBite.Length);
            tighter.LineBite[index] = Math.Min(1, tighter.LineBite[index] + random.NextDouble());
        }

        var a = Run(p, baseline);
        var b = Run(p, tighter);

        for (var q = 0; q < Quarters; q++)
        {
            foreach (var line in Lines)
                Assert.True(b.Export(q, line) <= a.Export(q, line) + 1e-9, $"{line} rose in quarter {q} under more blocking");
            Assert.True(b.RecordedExportsMusd[q] <= a.RecordedExportsMusd[q] + 1e-9);
        }
    }

    [Theory]
    [InlineData("UNSC-2375-16")]
    [InlineData("UNSC-2371-8")]
    [InlineData("UNSC-2397-6")]
    [InlineData("UNSC-2397-8")]
    [InlineData("ROK-KAESONG-2016")]
    public void Relief_never_lowers_exports_and_raises_them_after_it_comes(string measure)
    {
        var p = Parameters;
        var relievedOn = new DateOnly(2019, 1, 1);
        var a = Run(p, History(Quarters));
        var b = Run(p, HistoryWithRelief(Quarters, measure, relievedOn));

        var total = new double[2];
        for (var q = 0; q < Quarters; q++)
        {
            foreach (var line in Lines)
                Assert.True(b.Export(q, line) >= a.Export(q, line) - 1e-9, $"{line} fell in quarter {q} after relief of {measure}");
            if (q >= 12)
            {
                total[0] += Lines.Sum(l => a.Export(q, l));
                total[1] += Lines.Sum(l => b.Export(q, l));
            }
        }

        // Kaesong also needs the UN joint-venture ban lifted, so its relief alone may earn nothing.
        if (measure != "ROK-KAESONG-2016") Assert.True(total[1] > total[0] * 1.001, $"relief of {measure} changed nothing");
    }

    [Fact]
    public void Reopening_kaesong_needs_both_the_south_korean_and_the_un_measures_relieved()
    {
        var p = Parameters;
        var relievedOn = new DateOnly(2019, 1, 1);
        var timeline = HistoricalTimeline.Korea();
        var both = timeline with
        {
            Measures = [.. timeline.Measures.Select(m => m.Id is "ROK-KAESONG-2016" or "UNSC-2375-18" ? m with { Ended = relievedOn } : m)],
        };
        var path = Run(p, InstrumentCompiler.Compile(both, Start, Quarters));
        var closed = Run(p, History(Quarters));

        Assert.Equal(0, closed.Export(20, ExportLine.SezOutput), 9);
        // 2020 onwards a border closure applies; 2019Q4 is the fourth quarter after relief.
        var expected = p.PotentialMusd[Exposure.At(ExportLine.SezOutput, Partner.SouthKorea)] / 4
            * Math.Pow(1 + p.TrendGrowthQuarterly, 15 - 1.5) * (1 - Math.Pow(1 - p.RampUp[(int)ExportLine.SezOutput], 4));
        Assert.Equal(expected, path.Export(15, ExportLine.SezOutput), 6);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Sez_linkage_conditions_never_lower_the_household_share_or_household_income(int seed)
    {
        var random = new Random(seed);
        var p = Draws.Parameters(random);
        var open = Calibration.Unconstrained(Quarters);
        var directHire = open.Copy();
        var sourcing = open.Copy();
        for (var q = 8; q < Quarters; q++)
        {
            directHire.DirectHire[q] = 1;
            sourcing.DomesticSourcing[q] = 1;
        }

        var a = Run(p, open);
        var hire = Run(p, directHire);
        var source = Run(p, sourcing);

        for (var q = 0; q < Quarters; q++)
        {
            Assert.True(hire.HouseholdShare(q) >= a.HouseholdShare(q) - 1e-12);
            Assert.True(hire.HouseholdIncomeMusd[q] >= a.HouseholdIncomeMusd[q] - 1e-9);
            Assert.True(source.HouseholdShare(q) >= a.HouseholdShare(q) - 1e-12);
            Assert.True(source.HouseholdIncomeMusd[q] >= a.HouseholdIncomeMusd[q] - 1e-9);
            Assert.True(source.GdpIndex[q] >= a.GdpIndex[q] - 1e-9);
        }

        // With the zone open, each condition moves income to households from quarter 8 on.
        Assert.True(hire.HouseholdShare(20) > a.HouseholdShare(20));
        Assert.True(hire.RegimeRevenueMusd[20] < a.RegimeRevenueMusd[20]);
        Assert.True(source.HouseholdIncomeMusd[20] > a.HouseholdIncomeMusd[20]);
    }

    [Fact]
    public void Technical_assistance_raises_reform_and_output_and_lowers_chinas_share()
    {
        var p = Parameters;
        var open = Calibration.Unconstrained(Quarters);
        var assisted = open.Copy();
        for (var q = 4; q < Quarters; q++) assisted.TechnicalAssistance[q] = 1;
        assisted.AccessionMilestone[16] = 0.1;

        var a = Run(p, open);
        var b = Run(p, assisted);

        for (var q = 5; q < Quarters; q++)
        {
            Assert.True(b.ReformIndex[q] > b.ReformIndex[q - 1], "reform rises every quarter of assistance");
            Assert.True(b.GdpIndex[q] > a.GdpIndex[q]);
            Assert.True(b.ChinaShare(q) < a.ChinaShare(q));
        }

        // The milestone closes a tenth of the remaining gap on top of assistance.
        var gapBefore = 1 - b.ReformIndex[16];
        var expected = 1 - (gapBefore * (1 - (p.TechnicalAssistanceRate + 0.1)));
        Assert.Equal(expected, b.ReformIndex[17], 12);
    }
}
