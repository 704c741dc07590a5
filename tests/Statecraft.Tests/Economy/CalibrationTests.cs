using System.Globalization;
using Statecraft.Data;
using Statecraft.Economy;
using Statecraft.Sanctions;
using Statecraft.Scenarios;
using static Statecraft.Tests.Economy.EconomyFixture;

namespace Statecraft.Tests.Economy;

/// <summary>The calibration reproduces the 2016 structure, uses no later data, and agrees with estimates it was not fitted to.</summary>
public sealed class CalibrationTests
{
    private static CalibrationCheck Check(string name) => Calibration.Korea.Checks.Single(c => c.Name == name);

    [Theory]
    [InlineData("exports", 0.01)]
    [InlineData("imports", 0.01)]
    [InlineData("coal_exports", 0.005)]
    [InlineData("textile_exports", 0.005)]
    public void The_2016_trade_figures_are_reproduced_within_a_stated_relative_tolerance(string name, double tolerance)
    {
        var check = Check(name);
        Assert.InRange(check.Model / check.Observed, 1 - tolerance, 1 + tolerance);
    }

    [Fact]
    public void Chinas_2016_share_of_trade_is_reproduced_within_a_tenth_of_a_point() =>
        Assert.InRange(Check("china_share").Model - Check("china_share").Observed, -0.1, 0.1);

    [Fact]
    public void The_2016_change_in_holdings_is_reproduced_within_one_million_dollars() =>
        Assert.InRange(Check("holdings_change").Model - Check("holdings_change").Observed, -1, 1);

    [Fact]
    public void The_2016_sector_shares_are_reproduced_within_half_a_point_and_gdp_averages_100()
    {
        var shares = Calibration.Korea.Checks.Where(c => c.Name.StartsWith("share.", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enum.GetValues<Sector>().Length, shares.Count);
        foreach (var share in shares)
            Assert.InRange(share.Model - share.Observed, -0.5, 0.5);
        Assert.InRange(Check("gdp_index").Model, 99.5, 100.5);
    }

    [Fact]
    public void The_sector_shares_come_from_the_bank_of_korea_2016_figures()
    {
        var korea = Dataset.Korea;
        var shares = Calibration.Korea.Parameters.SectorShare;
        Assert.Equal(1.0, shares.Sum(), 12);
        var total = new[] { "agriculture_forestry_fishing_pct", "mining_manufacturing_pct", "electricity_gas_water_pct", "construction_pct", "services_pct" }
            .Sum(s => korea.Get("bok.sector_share." + s).ValueIn(2016));
        Assert.Equal(korea.Get("bok.sector_share.agriculture_forestry_fishing_pct").ValueIn(2016) / total, shares[(int)Sector.Agriculture], 12);
        Assert.Equal(korea.Get("bok.sector_share.services_pct").ValueIn(2016) / total, shares[(int)Sector.Services], 12);
    }

    [Fact]
    public void Changing_every_figure_after_2016_changes_nothing_in_the_calibration()
    {
        var altered = Calibration.Run(KoreaWithLaterYearsScaled(10), Catalog.Korea);
        var original = Calibration.Korea;

        Assert.Equal(original.Fitted.Select(f => f.Value), altered.Fitted.Select(f => f.Value));
        Assert.Equal(original.Parameters.PotentialMusd.ToArray(), altered.Parameters.PotentialMusd.ToArray());
        Assert.Equal(original.Parameters.SectorInputElasticity.ToArray(), altered.Parameters.SectorInputElasticity.ToArray());
    }

    [Fact]
    public void The_input_elasticity_meets_its_target_and_the_growth_fit_is_a_least_squares_mean()
    {
        var result = Calibration.Korea;
        var p = result.Parameters;
        var instruments2016 = InstrumentCompiler.Compile(HistoricalTimeline.Korea(), Start, 4);
        Assert.Equal(0.5, Calibration.FirstYearLossPct(p, 100, instruments2016), 3);

        // Least squares of a constant: residuals about the fitted trend sum to zero.
        var trend = 100 * result.Fitted.Single(f => f.Name == "trend_growth_annual").Value;
        Assert.Equal(0, result.GrowthFit.Sum(y => y.ResidualPct - trend), 9);
        Assert.Equal([2012, 2013, 2014, 2015, 2016], result.GrowthFit.Select(y => y.Year));
    }

    [Fact]
    public void The_kaesong_closure_costs_about_what_shin_2016_estimated_though_it_was_not_fitted_to_it()
    {
        // Shin (2016): the closure, USD 120m of foreign exchange, costs about 0.6% of real GDP.
        var estimate = -Dataset.Korea.Get("sanctions_impact.shin2016_kaesong_closure_gdp_pct").ValueIn(2016);
        var p = Parameters;
        var closed = Run(p, History(8));
        var open = Run(p, HistoryWithRelief(8, "ROK-KAESONG-2016", new DateOnly(2016, 2, 10)));

        var loss = 100 * (1 - (closed.GdpIndex.Skip(4).Sum() / open.GdpIndex.Skip(4).Sum()));
        Assert.InRange(loss, estimate * 0.5, estimate * 1.5);
    }

    [Fact]
    public void A_ban_on_mineral_exports_costs_the_order_of_magnitude_shin_2016_estimated()
    {
        // Shin (2016): a mineral export ban costs about 7.6% of real GDP (no buffers in that reckoning,
        // so the model, which has them, should come out lower but of the same order).
        var estimate = -Dataset.Korea.Get("sanctions_impact.shin2016_mineral_export_ban_gdp_pct").ValueIn(2016);
        var p = Parameters;
        var timeline = HistoricalTimeline.Korea();
        var withoutBan = timeline with { Measures = [.. timeline.Measures.Where(m => m.Id is not ("UNSC-2371-8" or "UNSC-2321-26" or "UNSC-2270-29"))] };
        var banned = Run(p, History(12));
        var notBanned = Run(p, InstrumentCompiler.Compile(withoutBan, Start, 12));

        var loss = 100 * (1 - (banned.GdpIndex.Skip(8).Sum() / notBanned.GdpIndex.Skip(8).Sum()));
        Assert.InRange(loss, estimate * 0.4, estimate * 1.2);
    }

    [Fact]
    public void The_foreign_exchange_lost_to_resolutions_2270_and_2321_is_of_the_order_the_south_korean_government_forecast()
    {
        // INSS and government (January 2017): about USD 1bn a year from 2270 and 2321 together.
        var forecast = Dataset.Korea.Get("sanctions_impact.inss2017_unscr2270_2321_fx_loss_musd_per_year").ValueIn(2017);
        var timeline = HistoricalTimeline.Korea();
        var asOf2017 = timeline with { Measures = [.. timeline.Measures.Where(m => m.InForce < new DateOnly(2017, 1, 1))] };
        var before2270 = timeline with { Measures = [.. timeline.Measures.Where(m => m.InForce < new DateOnly(2016, 3, 1))] };
        var p = Parameters;
        var with2321 = Run(p, InstrumentCompiler.Compile(asOf2017, Start, 8));
        var without = Run(p, InstrumentCompiler.Compile(before2270, Start, 8));

        var lost = without.ForeignExchangeIncomeMusd.Skip(4).Sum() - with2321.ForeignExchangeIncomeMusd.Skip(4).Sum();
        Assert.InRange(lost, forecast * 0.4, forecast * 1.2);
    }

    private static Dataset KoreaWithLaterYearsScaled(double factor)
    {
        var assembly = typeof(Dataset).Assembly;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(KoreaLayouts.ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".csv", StringComparison.Ordinal)) continue;
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            var name = resource[KoreaLayouts.ResourcePrefix.Length..];
            var text = reader.ReadToEnd();
            files[name] = name.StartsWith("after_2016/", StringComparison.Ordinal) ? Scale(text, factor) : text;
        }
        return DatasetLoader.Load("korea", KoreaLayouts.ResourcePrefix, files, KoreaLayouts.All, KoreaLayouts.TablesOnly, KoreaLayouts.Topics);
    }

    /// <summary>Multiplies every plain number after the year column of a CSV by <paramref name="factor"/>.</summary>
    private static string Scale(string csv, double factor)
    {
        var table = CsvTable.Parse(csv, "after_2016");
        var lines = new List<string> { CsvTable.Line(table.Header) };
        foreach (var row in table.Rows)
        {
            var cells = row.Fields.Select((cell, i) => i > 0 && double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                ? (v * factor).ToString("R", CultureInfo.InvariantCulture) : cell).ToArray();
            lines.Add(CsvTable.Line(cells));
        }
        return string.Join('\n', lines) + "\n";
    }
}
