using Statecraft.Economy;
using static Statecraft.Tests.Economy.EconomyFixture;

namespace Statecraft.Tests.Economy;

/// <summary>Accounting identities, steady states and the ramp-up rule of the economy model.</summary>
public sealed class EconomyModelTests
{
    private const int Quarters = 32;

    [Fact]
    public void Holdings_change_by_exactly_the_foreign_exchange_earned_less_the_imports_paid_for()
    {
        var p = Parameters;
        var path = Run(p, History(Quarters));

        var before = p.ReservesMusd;
        for (var q = 0; q < Quarters; q++)
        {
            var paid = path.Import(q, ImportCategory.RefinedPetroleum) + path.Import(q, ImportCategory.CapitalGoods)
                + path.Import(q, ImportCategory.OtherImports);
            Assert.Equal(path.ForeignExchangeIncomeMusd[q] - paid, path.ReservesMusd[q] - before, 6);
            before = path.ReservesMusd[q];
        }
    }

    [Fact]
    public void Gdp_is_the_sum_of_the_sectors_and_trade_totals_the_sum_of_their_lines()
    {
        var p = Parameters;
        var path = Run(p, History(Quarters));

        for (var q = 0; q < Quarters; q++)
        {
            Assert.Equal(Enum.GetValues<Sector>().Sum(s => path.Sector(q, s)), path.GdpIndex[q], 9);
            Assert.Equal(Lines.Where(Exposure.IsRecorded).Sum(l => path.Export(q, l)), path.RecordedExportsMusd[q], 9);
            Assert.Equal(Enum.GetValues<ImportCategory>().Sum(c => path.Import(q, c)), path.RecordedImportsMusd[q], 9);
            // Processing materials come in for the garments that go out.
            Assert.Equal((1 - p.TextileNetFxShare) * path.Export(q, ExportLine.Textiles), path.Import(q, ImportCategory.ProcessingMaterials), 9);
            Assert.InRange(path.ChinaTradeMusd[q], 0, path.RecordedExportsMusd[q] + path.RecordedImportsMusd[q]);
        }
    }

    [Fact]
    public void With_nothing_changing_and_no_trend_the_economy_stays_where_it_is()
    {
        var p = Parameters with { TrendGrowthQuarterly = 0 };
        var path = Run(p, Calibration.Unconstrained(40));

        for (var q = 1; q < 40; q++)
        {
            Assert.Equal(path.GdpIndex[0], path.GdpIndex[q], 9);
            Assert.Equal(path.RecordedExportsMusd[0], path.RecordedExportsMusd[q], 9);
            Assert.Equal(path.RecordedImportsMusd[0], path.RecordedImportsMusd[q], 9);
            Assert.Equal(path.RegimeRevenueMusd[0], path.RegimeRevenueMusd[q], 9);
            Assert.Equal(1.0, path.Capital[q], 12);
            Assert.Equal(1.0, path.InputIndex[q], 12);
        }
    }

    [Fact]
    public void The_2016_measures_held_constant_move_the_economy_only_slowly_and_only_through_its_buffers()
    {
        // 2016Q4's measures leave a small foreign-exchange shortfall: stocks run down, substitutes
        // grow and holdings are drawn, so output moves, but slowly and boundedly; exports, which
        // depend only on the measures, stay exactly where they are.
        var p = Parameters with { TrendGrowthQuarterly = 0 };
        var history = History(4);
        var held = new InstrumentPath(history.FirstQuarterOrdinal, 120);
        for (var q = 0; q < 120; q++)
        {
            Array.Copy(history.LineBite, 3 * Exposure.Lines * Exposure.Partners, held.LineBite, q * Exposure.Lines * Exposure.Partners, Exposure.Lines * Exposure.Partners);
            Array.Copy(history.ImportBite, 3 * Exposure.Categories, held.ImportBite, q * Exposure.Categories, Exposure.Categories);
            Array.Copy(history.Enforcement, 3 * Exposure.Partners, held.Enforcement, q * Exposure.Partners, Exposure.Partners);
        }

        var path = Run(p, held);

        Assert.InRange(path.GdpIndex[119] / path.GdpIndex[0], 0.995, 1.005);
        for (var q = 8; q < 120; q++)
        {
            Assert.InRange(Math.Abs((path.GdpIndex[q] / path.GdpIndex[q - 1]) - 1), 0, 1e-4);
            Assert.Equal(path.RecordedExportsMusd[0], path.RecordedExportsMusd[q], 9);
            Assert.True(path.ReservesMusd[q] < path.ReservesMusd[q - 1], "the shortfall is met partly from holdings");
        }
    }

    [Fact]
    public void With_a_trend_every_quarter_grows_by_exactly_the_trend()
    {
        var p = Parameters;
        var path = Run(p, Calibration.Unconstrained(40));

        for (var q = 1; q < 40; q++)
            Assert.Equal(1 + p.TrendGrowthQuarterly, path.GdpIndex[q] / path.GdpIndex[q - 1], 12);
    }

    [Fact]
    public void A_relieved_line_closes_its_gap_at_its_ramp_up_rate_each_quarter()
    {
        var p = Parameters with { ReformDiversification = 0 };
        var relief = new DateOnly(2019, 1, 1);
        var path = Run(p, HistoryWithRelief(16, "UNSC-2375-16", relief));

        // Share of the textile potential earned, quarter by quarter (no closure before 2020, no reform).
        double Open(int q)
        {
            var potential = Enum.GetValues<Partner>().Sum(r => p.PotentialMusd[Exposure.At(ExportLine.Textiles, r)]);
            var trend = Math.Pow(1 + p.TrendGrowthQuarterly, q - 1.5);
            return path.Export(q, ExportLine.Textiles) / (potential * trend / 4);
        }

        var reliefQuarter = 12; // 2019Q1
        var rho = p.RampUp[(int)ExportLine.Textiles];
        var gap = 1 - Open(reliefQuarter - 1);
        Assert.True(gap > 0.5, $"textiles should be mostly blocked before relief, gap {gap}");
        for (var k = 0; k < 4; k++)
            Assert.Equal(gap * Math.Pow(1 - rho, k + 1), 1 - Open(reliefQuarter + k), 9);
    }

    [Fact]
    public void A_measure_that_comes_into_force_bites_at_once()
    {
        var p = Parameters;
        var path = Run(p, History(12));

        // Resolution 2375's textile ban (11 September 2017) covers a fifth of 2017Q3 and all of 2017Q4.
        var before = path.Export(6, ExportLine.Textiles) / path.Export(5, ExportLine.Textiles);
        var after = path.Export(7, ExportLine.Textiles) / path.Export(5, ExportLine.Textiles);
        Assert.InRange(before, 0.7, 0.95);
        Assert.InRange(after, 0.0, 0.25);
    }

    [Fact]
    public void A_reused_path_gives_exactly_what_a_fresh_one_gives()
    {
        var p = Parameters;
        var reused = new EconomyPath(Quarters);
        EconomyModel.Simulate(p, HistoryWithRelief(Quarters, "UNSC-2371-8", new DateOnly(2018, 1, 1)), Shocks.None(Quarters), reused);
        EconomyModel.Simulate(p, History(Quarters), Shocks.None(Quarters), reused);
        var fresh = Run(p, History(Quarters));

        Assert.Equal(fresh.GdpIndex, reused.GdpIndex);
        Assert.Equal(fresh.Exports, reused.Exports);
        Assert.Equal(fresh.ReservesMusd, reused.ReservesMusd);
    }

    [Fact]
    public void A_border_closure_cuts_trade_but_not_the_crude_pipeline_or_the_workers_abroad()
    {
        var p = Parameters;
        var open = Calibration.Unconstrained(8);
        var closed = open.Copy();
        for (var q = 4; q < 8; q++) closed.BorderClosure[q] = 0.8;
        var a = Run(p, open);
        var b = Run(p, closed);

        for (var q = 4; q < 8; q++)
        {
            Assert.Equal(0.2 * a.RecordedExportsMusd[q], b.RecordedExportsMusd[q], 6);
            Assert.Equal(a.Import(q, ImportCategory.CrudeOil), b.Import(q, ImportCategory.CrudeOil), 9);
            Assert.Equal(a.Export(q, ExportLine.OverseasLabour), b.Export(q, ExportLine.OverseasLabour), 9);
            Assert.True(b.GdpIndex[q] < a.GdpIndex[q]);
        }
    }
}
