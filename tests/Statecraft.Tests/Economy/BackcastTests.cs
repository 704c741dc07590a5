using System.Globalization;
using System.Text.Json;
using Statecraft.Data;
using Statecraft.Economy;
using Statecraft.Sanctions;
using Statecraft.Tests.Cli;

namespace Statecraft.Tests.Economy;

/// <summary>The 2016–2023 replay: what it reports, beside which data, and how close it comes to years it never saw.</summary>
public sealed class BackcastTests
{
    private static readonly BackcastResult Result = Backcast.Run(Dataset.Korea, Catalog.Korea, Calibration.Korea);

    [Fact]
    public void It_reports_every_year_from_2016_to_2023_with_the_observed_figures_beside_them()
    {
        Assert.Equal(Enumerable.Range(2016, 8), Result.Years.Select(y => y.Year));
        var korea = Dataset.Korea;
        Assert.Equal(korea.Get("bok.real_gdp_growth_pct").ValueIn(2016), Result.Years[0].Observed!.GdpGrowthPct);
        Assert.Equal(korea.Get("kotra.exports_busd").ValueIn(2016), Result.Years[0].Observed!.ExportsBusd);
        foreach (var year in Result.Years.Skip(1))
        {
            Assert.Equal(korea.Get("after2016.real_gdp_growth_pct").ValueIn(year.Year), year.Observed!.GdpGrowthPct);
            Assert.Equal(korea.Get("after2016.imports_busd").ValueIn(year.Year), year.Observed.ImportsBusd);
            Assert.Equal(korea.Get("after2016.china_share_pct").ValueIn(year.Year), year.Observed.ChinaSharePct);
        }
    }

    [Fact]
    public void The_2016_year_matches_the_calibration_data()
    {
        var y = Result.Years[0];
        Assert.InRange(y.Model.ExportsBusd!.Value, 2.79, 2.85);
        Assert.InRange(y.Model.ImportsBusd!.Value, 3.69, 3.77);
        Assert.InRange(y.Model.ChinaSharePct!.Value, 92.3, 92.7);
    }

    [Fact]
    public void The_yearly_figures_are_the_sums_of_the_quarters()
    {
        // 2015 is quarters 0-3; 2018 is quarters 12-15.
        var path = Result.Path;
        var exports2018 = Enumerable.Range(12, 4).Sum(q => path.RecordedExportsMusd[q]) / 1000;
        var growth2018 = 100 * ((Enumerable.Range(12, 4).Sum(q => path.GdpIndex[q]) / Enumerable.Range(8, 4).Sum(q => path.GdpIndex[q])) - 1);
        var y2018 = Result.Years.Single(y => y.Year == 2018).Model;
        Assert.Equal(exports2018, y2018.ExportsBusd!.Value, 12);
        Assert.Equal(growth2018, y2018.GdpGrowthPct!.Value, 12);
    }

    [Fact]
    public void Out_of_sample_exports_stay_within_a_fifth_of_a_billion_dollars_of_kotra_every_year()
    {
        // The recorded export collapse is driven by the measures and enforcement, not fitted: a test.
        foreach (var year in Result.Years.Skip(1))
            Assert.InRange(year.Model.ExportsBusd!.Value - year.Observed!.ExportsBusd!.Value, -0.2, 0.2);
    }

    [Fact]
    public void Out_of_sample_growth_has_the_observed_sign_in_every_year_that_moved_by_more_than_one_percent()
    {
        foreach (var year in Result.Years.Skip(1).Where(y => Math.Abs(y.Observed!.GdpGrowthPct!.Value) > 1))
            Assert.Equal(Math.Sign(year.Observed!.GdpGrowthPct!.Value), Math.Sign(year.Model.GdpGrowthPct!.Value));
    }

    [Fact]
    public void The_pandemic_closure_shows_as_the_deepest_trade_trough()
    {
        var trade = Result.Years.ToDictionary(y => y.Year, y => y.Model.ExportsBusd!.Value + y.Model.ImportsBusd!.Value);
        Assert.Equal(trade.Values.Min(), Math.Min(trade[2020], trade[2021]));
    }

    [Fact]
    public void Backcast_json_has_the_documented_shape()
    {
        var run = CliRun.Of("backcast", "--json");
        Assert.Equal(0, run.Exit);
        using var doc = JsonDocument.Parse(run.Out);
        var years = doc.RootElement.GetProperty("years").EnumerateArray().ToList();
        Assert.Equal(8, years.Count);
        foreach (var year in years)
        {
            foreach (var key in new[] { "year", "gdp_growth_pct", "exports_busd", "imports_busd", "china_share_pct" })
                Assert.True(year.TryGetProperty(key, out _), $"missing {key}");
            var observed = year.GetProperty("observed");
            Assert.True(observed.ValueKind is JsonValueKind.Object or JsonValueKind.Null);
            if (observed.ValueKind == JsonValueKind.Object)
                Assert.Equal(JsonValueKind.Number, observed.GetProperty("exports_busd").ValueKind);
        }
        Assert.Equal(-3.5, years[1].GetProperty("observed").GetProperty("gdp_growth_pct").GetDouble());
    }

    [Fact]
    public void Backcast_text_and_csv_show_model_and_observed_side_by_side()
    {
        var text = CliRun.Of("backcast");
        Assert.Equal(0, text.Exit);
        Assert.Contains("2018", text.Out, StringComparison.Ordinal);
        Assert.Contains("(-4.1)", text.Out, StringComparison.Ordinal);

        var csv = CliRun.Of("backcast", "--csv");
        Assert.Equal(0, csv.Exit);
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("year,source,gdp_growth_pct,exports_busd,imports_busd,china_share_pct,regime_revenue_musd,household_income_index", lines[0]);
        Assert.Equal(17, lines.Length);
        var observed2018 = lines.Single(l => l.StartsWith("2018,observed,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(-4.1, double.Parse(observed2018[2], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Asking_for_json_and_csv_together_is_a_usage_error()
    {
        var run = CliRun.Of("backcast", "--json", "--csv");
        Assert.Equal(2, run.Exit);
        Assert.Contains("choose one", run.Err, StringComparison.Ordinal);
        Assert.False(run.ShowsStackTrace);
    }

    [Fact]
    public void Calibrate_prints_the_fitted_values_the_checks_and_every_assumption()
    {
        var run = CliRun.Of("calibrate", "--json");
        Assert.Equal(0, run.Exit);
        using var doc = JsonDocument.Parse(run.Out);
        var fitted = doc.RootElement.GetProperty("fitted").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Contains("input_elasticity", fitted);
        Assert.Contains("trend_growth_annual", fitted);
        Assert.Equal(EconomyAssumptions.All.Length, doc.RootElement.GetProperty("assumptions").GetArrayLength());
        Assert.Equal(2016, doc.RootElement.GetProperty("last_data_year").GetInt32());

        var text = CliRun.Of("calibrate");
        Assert.Contains("input_elasticity", text.Out, StringComparison.Ordinal);
        Assert.Contains("ramp_up.textiles", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Intervals_repeat_exactly_with_the_seed_and_bracket_a_spread()
    {
        var a = Backcast.Intervals(Dataset.Korea, Catalog.Korea, 12, 42);
        var b = Backcast.Intervals(Dataset.Korea, Catalog.Korea, 12, 42);
        var c = Backcast.Intervals(Dataset.Korea, Catalog.Korea, 12, 43);

        Assert.Equal(a.ToArray(), b.ToArray());
        Assert.NotEqual(a.ToArray(), c.ToArray());
        foreach (var year in a)
        {
            Assert.True(year.GdpGrowthPct.Low <= year.GdpGrowthPct.High);
            Assert.True(year.ExportsBusd.Low <= year.ExportsBusd.High);
        }
        // Drawn assumptions and enforcement spread the 2018 export collapse.
        var y2018 = a.Single(y => y.Year == 2018);
        Assert.True(y2018.ExportsBusd.High - y2018.ExportsBusd.Low > 0.05);
    }

    [Fact]
    public void Percentiles_interpolate_between_order_statistics_as_r_and_numpy_do()
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        // R: quantile(1:10, c(0.05, 0.95)) gives 1.45 and 9.55.
        Assert.Equal(1.45, Backcast.Percentile(sorted, 0.05), 12);
        Assert.Equal(9.55, Backcast.Percentile(sorted, 0.95), 12);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("-3")]
    [InlineData("100001")]
    public void A_runs_count_out_of_range_is_a_usage_error_with_the_range(string runs)
    {
        var run = CliRun.Of("backcast", "--runs", runs);
        Assert.Equal(2, run.Exit);
        Assert.Contains("2 to 100000", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Backcast_with_runs_adds_intervals_to_json_and_csv()
    {
        var run = CliRun.Of("backcast", "--runs", "5", "--seed", "9", "--json");
        Assert.Equal(0, run.Exit);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal(5, doc.RootElement.GetProperty("runs").GetInt32());
        var band = doc.RootElement.GetProperty("years")[2].GetProperty("interval_90").GetProperty("exports_busd");
        Assert.Equal(2, band.GetArrayLength());

        var csv = CliRun.Of("backcast", "--runs", "5", "--csv");
        Assert.Contains("\n2018,p05,", csv.Out, StringComparison.Ordinal);
        Assert.Contains("\n2018,p95,", csv.Out, StringComparison.Ordinal);
    }
}
