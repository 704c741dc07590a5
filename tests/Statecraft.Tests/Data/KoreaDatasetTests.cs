using System.Text.RegularExpressions;
using Statecraft.Data;

namespace Statecraft.Tests.Data;

/// <summary>The embedded Korea dataset against the figures in its source files.</summary>
public sealed class KoreaDatasetTests
{
    private static readonly Dataset Korea = Dataset.Korea;

    [Fact]
    public void Loads_once_and_holds_every_copied_and_extracted_file()
    {
        Assert.Same(Korea, Dataset.Korea);
        Assert.Equal("korea", Korea.Name);
        string[] expected =
        [
            "export_mix.csv", "gdp_growth_bok.csv", "gni_bok.csv", "kaesong.csv", "sector_shares_bok.csv", "trade_kotra.csv", "unsc_measures.csv",
            "structure/fdi_aid_to_2016.csv", "structure/food_to_2016.csv", "structure/fx_rice_to_2016.csv", "structure/imports_by_category.csv",
            "structure/offbook_revenue_reserves_to_2016.csv", "structure/oil_energy_to_2016.csv", "structure/population_labour.csv",
            "extracted/kaesong_kumgang_facts.csv", "extracted/overseas_workers_markets.csv", "extracted/sanctions_impact_estimates.csv",
            "extracted/structure_prose_figures.csv", "extracted/csv_text_figures.csv",
            "after_2016/macro_observed.csv",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Korea.Files);
    }

    [Fact]
    public void Every_data_row_of_every_file_with_figures_becomes_at_least_one_observation()
    {
        foreach (var file in Korea.Files.Where(f => !KoreaLayouts.TablesOnly.Contains(f)))
        {
            var rows = Korea.Table(file).Rows.Select(r => r.Line).ToHashSet();
            var represented = Korea.Series.Where(s => s.File == file).SelectMany(s => s.Observations).Select(o => o.Line).ToHashSet();
            Assert.True(rows.SetEquals(represented), $"{file}: rows {string.Join(",", rows.Except(represented))} have no observation");
        }
    }

    [Fact]
    public void Wide_files_give_one_observation_per_filled_figure_cell()
    {
        // trade_kotra.csv: 7 rows x 5 figure columns, minus the 6 empty cells (2010 imports; inter-Korean 2011-2015).
        Assert.Equal(7 * 5 - 6, Korea.Series.Where(s => s.File == "trade_kotra.csv").Sum(s => s.Observations.Count));
        Assert.Equal(17, Korea.Get("bok.real_gdp_growth_pct").Observations.Count);
    }

    [Fact]
    public void The_UN_measures_table_is_kept_as_a_table_not_as_series()
    {
        var table = Korea.Table("unsc_measures.csv");
        Assert.Equal(29, table.Rows.Count);
        Assert.Equal("2397", table.Get(table.Rows[^1], "resolution"));
        Assert.DoesNotContain(Korea.Series, s => s.File == "unsc_measures.csv");
    }

    [Fact]
    public void Every_observation_has_a_source_a_unit_and_a_year_in_range()
    {
        Assert.All(Korea.Series.SelectMany(s => s.Observations.Select(o => (s, o))), pair =>
        {
            var (series, o) = pair;
            Assert.False(string.IsNullOrWhiteSpace(o.Source), $"{series.Id} {o.Period}: no source");
            Assert.True(Enum.IsDefined(o.Confidence), $"{series.Id} {o.Period}: confidence");
            Assert.Equal(series.Unit, o.Unit);
            if (series.File == AfterFile)
            {
                Assert.InRange(o.Year, 2017, 2023);
            }
            else
            {
                // Calibration data: up to 2016, with a few 2017 figures kept as context (docs/data.md, Caveats).
                Assert.InRange(o.Year, 1975, 2017);
            }

            Assert.True(o.Line >= 2, $"{series.Id} {o.Period}: line {o.Line}");
        });
    }

    [Fact]
    public void Series_ids_are_unique_lower_case_dotted_and_every_series_has_figures()
    {
        var pattern = new Regex(@"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$");
        Assert.Equal(Korea.Series.Count, Korea.Series.Select(s => s.Id).Distinct().Count());
        Assert.All(Korea.Series, s =>
        {
            Assert.Matches(pattern, s.Id);
            Assert.NotEmpty(s.Observations);
            Assert.True(s.Observations.Select(o => (o.Year, o.Line)).SequenceEqual(s.Observations.Select(o => (o.Year, o.Line)).Order()), $"{s.Id} not sorted");
            Assert.Contains(s.Id[..s.Id.IndexOf('.')], KoreaLayouts.Topics.Keys);
        });
    }

    [Fact]
    public void KOTRA_2016_exports_and_imports()
    {
        Assert.Equal(2.82, Korea.Get("kotra.exports_busd").ValueIn(2016));
        Assert.Equal(3.73, Korea.Get("kotra.imports_busd").ValueIn(2016));
        Assert.Equal(6.55, Korea.Get("kotra.total_trade_busd").ValueIn(2016));
        Assert.Equal(92.5, Korea.Get("kotra.china_share_pct").ValueIn(2016));
        Assert.Equal(Confidence.High, Korea.Get("kotra.exports_busd").In(2016)!.Confidence);
    }

    [Fact]
    public void KOTRA_exports_plus_imports_equal_total_trade_within_rounding()
    {
        var total = Korea.Get("kotra.total_trade_busd");
        var exports = Korea.Get("kotra.exports_busd");
        var imports = Korea.Get("kotra.imports_busd");
        var checkedYears = 0;
        foreach (var year in total.Years)
        {
            if (exports.In(year)?.Value is { } x && imports.In(year)?.Value is { } m)
            {
                Assert.True(Math.Abs(x + m - total.ValueIn(year)) <= 0.02, $"{year}: {x} + {m} != {total.ValueIn(year)}");
                checkedYears++;
            }
        }

        Assert.Equal(6, checkedYears); // 2011-2016; 2010 has no import figure
    }

    [Fact]
    public void KOTRA_imports_agree_with_the_total_row_of_the_imports_by_category_file()
    {
        var categoryTotal = Korea.Get("imports.total_imports_excl_interkorean_musd");
        var kotra = Korea.Get("kotra.imports_busd");
        foreach (var year in new[] { 2011, 2014, 2015, 2016 })
        {
            Assert.Equal(kotra.ValueIn(year) * 1000, categoryTotal.ValueIn(year), 6);
        }
    }

    [Theory]
    [InlineData(2014, 1180, 37.2)]
    [InlineData(2015, 1080, 40.2)]
    public void Mineral_fuel_export_shares_match_values_over_KOTRA_exports(int year, double valueMusd, double sharePct)
    {
        Assert.Equal(valueMusd, Korea.Get("export_mix.mineral_fuels_musd").ValueIn(year));
        Assert.Equal(sharePct, Korea.Get("export_mix.mineral_fuels_share_pct").ValueIn(year));
        var implied = valueMusd / (Korea.Get("kotra.exports_busd").ValueIn(year) * 1000) * 100;
        Assert.True(Math.Abs(implied - sharePct) < 0.5, $"{year}: implied share {implied:F1}");
    }

    [Fact]
    public void Bank_of_Korea_growth()
    {
        var growth = Korea.Get("bok.real_gdp_growth_pct");
        Assert.Equal(3.9, growth.ValueIn(2016));
        Assert.Equal(-1.1, growth.ValueIn(2015));
        Assert.Equal(-1.0, growth.In(2006)!.Value);
        Assert.Equal("-1.0", growth.In(2006)!.Raw);
        Assert.Equal(Enumerable.Range(2000, 17), growth.Years);
    }

    [Fact]
    public void Sector_shares_and_their_ids()
    {
        Assert.Equal(21.7, Korea.Get("bok.sector_share.agriculture_forestry_fishing_pct").ValueIn(2016));
        Assert.Equal(33.2, Korea.Get("bok.sector_share.mining_manufacturing_pct").ValueIn(2016));
        Assert.Equal([2012], Korea.Get("bok.sector_share.mining_pct").Years);
    }

    [Fact]
    public void Kaesong_workers_and_the_files_default_source()
    {
        var workers = Korea.Get("kaesong.dprk_workers");
        Assert.Equal(54000, workers.ValueIn(2015));
        Assert.Equal(23529, workers.ValueIn(2007));
        Assert.Contains("Ministry of Unification", workers.In(2015)!.Source, StringComparison.Ordinal);
        Assert.Equal("November 2015; cash paid to the North in 2015 about USD 120m", workers.In(2015)!.Notes);
        Assert.Equal(7, Korea.Get("kaesong.wages_to_dprk_musd").ValueIn(2006));
    }

    [Fact]
    public void A_range_in_one_cell_is_split_into_low_and_high_and_keeps_its_text()
    {
        var rice = Korea.Get("fx_rice.rice_kpw_per_kg").At("2016-11-27")!;
        Assert.Null(rice.Value);
        Assert.Equal(5450, rice.Low);
        Assert.Equal(5500, rice.High);
        Assert.Equal("5450-5500", rice.Raw);
        Assert.Equal(5475, rice.Central);
        Assert.True(rice.IsRange);
        Assert.Contains("location: Pyongyang", rice.Notes, StringComparison.Ordinal);
        Assert.Equal(Confidence.Low, Korea.Get("fx_rice.rice_kpw_per_kg").At("2014-mid")!.Confidence);
    }

    [Fact]
    public void Separate_low_and_high_columns_make_a_range_or_a_point_when_equal()
    {
        var holdings = Korea.Get("offbook.fx_holdings_usd_bok_eri_musd").In(2014)!;
        Assert.Equal((3010.0, 6630.0), (holdings.Low!.Value, holdings.High!.Value));
        Assert.Equal("3010 to 6630", holdings.Raw);
        Assert.Equal(200, Korea.Get("offbook.fx_loss_from_unscr2270_musd").ValueIn(2016));
        Assert.Equal(-100, Korea.Get("offbook.fx_holdings_change_per_year_bok_eri_musd").ValueIn(2014));
    }

    [Fact]
    public void Two_figures_in_one_cell_become_two_series()
    {
        var male = Korea.Get("population.life_expectancy_male").In(2008)!;
        var female = Korea.Get("population.life_expectancy_female").In(2008)!;
        Assert.Equal((64.1, 71.0), (male.Value!.Value, female.Value!.Value));
        Assert.Equal("64.1/71.0", male.Raw);
        Assert.Equal(male.Line, female.Line);
        Assert.False(Korea.TryGet("population.life_expectancy_male_female", out _));
    }

    [Fact]
    public void A_row_marked_gap_is_kept_with_no_figure()
    {
        var gap = Korea.Get("imports.machinery_electrical_plastics_textiles_total_musd").In(2016)!;
        Assert.Null(gap.Value);
        Assert.False(gap.IsRange);
        Assert.Equal(string.Empty, gap.Raw);
        Assert.Equal(Confidence.Low, gap.Confidence);
        Assert.Contains("gap", gap.Notes, StringComparison.Ordinal);
        Assert.Contains("hs_code: HS84-85/39/50-63", gap.Notes, StringComparison.Ordinal);
        var error = Assert.Throws<KeyNotFoundException>(() => Korea.Get("imports.machinery_electrical_plastics_textiles_total_musd").ValueIn(2016));
        Assert.Contains("no figure", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fx_rice.kpw_per_usd", "2016-spring", 2016, 8128)]
    [InlineData("fx_rice.kpw_per_usd", "2015-06-12/18", 2015, 8150)]
    [InlineData("fx_rice.kpw_per_usd", "2015-07-30/08-05", 2015, 8200)]
    [InlineData("fdi_aid.cerf_cumulative_musd", "2007-2014", 2007, 96.9)]
    [InlineData("oil_energy.total_oil_use_no_sanctions_counterfactual", "baseline_2016-17", 2016, 850)]
    [InlineData("oil_energy.total_oil_imports_all_sources", "2016-17_12m_before_Sep2017", 2016, 8.5)]
    [InlineData("population.total_fertility_rate", "2015-2020", 2015, 1.94)]
    [InlineData("kumgang.cumulative_visitors", "1998_to_2008-07", 1998, 1960000)]
    public void Periods_of_every_shape_load_with_their_first_year(string id, string period, int year, double value)
    {
        var observation = Korea.Get(id).At(period)!;
        Assert.Equal(year, observation.Year);
        Assert.Equal(value, observation.Value);
    }

    [Fact]
    public void Several_observations_in_a_year_need_AllIn_or_At()
    {
        var rate = Korea.Get("fx_rice.kpw_per_usd");
        Assert.Equal(7, rate.AllIn(2016).Count);
        var error = Assert.Throws<InvalidOperationException>(() => rate.In(2016));
        Assert.Contains("2016-spring", error.Message, StringComparison.Ordinal);
        Assert.Equal(8020, rate.At("2016-05")!.Value);
    }

    [Fact]
    public void A_missing_year_is_a_clear_KeyNotFoundException()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Korea.Get("kotra.exports_busd").ValueIn(2017));
        Assert.Contains("kotra.exports_busd", error.Message, StringComparison.Ordinal);
        Assert.Contains("2010, 2011, 2012, 2013, 2014, 2015, 2016", error.Message, StringComparison.Ordinal);
        Assert.Null(Korea.Get("kotra.exports_busd").In(2017));
    }

    [Fact]
    public void A_range_is_not_silently_read_as_a_point()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Korea.Get("offbook.fx_reserves_minimum_estimate_jang_musd").ValueIn(2011));
        Assert.Contains("4000 to 4800", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_id_lists_the_nearest_ids()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Korea.Get("kotra.export_busd"));
        Assert.Contains("kotra.exports_busd", error.Message, StringComparison.Ordinal);
        Assert.False(Korea.TryGet("kotra.export_busd", out _));
        Assert.True(Korea.TryGet("kotra.exports_busd", out var series));
        Assert.Equal("busd", series.Unit);
    }

    private const string AfterFile = "after_2016/macro_observed.csv";

    private static readonly string[] AfterIds =
    [
        "after2016.real_gdp_growth_pct", "after2016.total_trade_busd", "after2016.exports_busd", "after2016.imports_busd", "after2016.china_share_pct",
    ];

    [Fact]
    public void The_backcast_test_set_is_its_own_topic_and_file()
    {
        Assert.Equal(AfterIds, Korea.Match("after2016").Select(s => s.Id));
        Assert.All(Korea.Series.Where(s => s.File == AfterFile), s => Assert.StartsWith("after2016.", s.Id, StringComparison.Ordinal));
        Assert.All(Korea.Match("after2016"), s => Assert.Equal(AfterFile, s.File));

        // A calibration that selects bok or kotra cannot take in a year after 2016.
        Assert.All(Korea.Match("bok").Concat(Korea.Match("kotra")), s => Assert.True(s.Years[^1] <= 2016, $"{s.Id} runs to {s.Years[^1]}"));
    }

    [Fact]
    public void The_backcast_test_set_covers_2017_to_2023_and_no_earlier_year()
    {
        var table = Korea.Table(AfterFile);
        var years = table.Rows.Select(r => int.Parse(table.Get(r, "year"), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(2017, 7), years);
        Assert.DoesNotContain(years, y => y <= 2016);
        Assert.All(AfterIds, id => Assert.All(Korea.Get(id).Observations, o => Assert.InRange(o.Year, 2017, 2023)));
    }

    [Fact]
    public void No_file_but_the_test_set_has_figures_after_2017()
    {
        var late = Korea.Series.Where(s => s.File != AfterFile).SelectMany(s => s.Observations.Where(o => o.Year > 2017).Select(o => $"{s.Id} {o.Period}"));
        Assert.Empty(late);
    }

    [Fact]
    public void Every_test_set_row_has_a_confidence_a_source_with_an_address_and_both_publishers()
    {
        var table = Korea.Table(AfterFile);
        Assert.All(table.Rows, row =>
        {
            var source = table.Get(row, "source");
            Assert.Contains(table.Get(row, "confidence"), new[] { "high", "medium", "low" });
            Assert.Contains("Bank of Korea", source, StringComparison.Ordinal);
            Assert.Contains("KOTRA", source, StringComparison.Ordinal);
            Assert.Matches(@"https?://\S+", source);
            Assert.True(Regex.Matches(source, @"released \d{4}-\d{2}-\d{2}").Count >= 2, $"line {row.Line}: the BoK and KOTRA release dates");

            // A figure found in no stored page stays empty, and the notes must say what is believed and that it is unverified.
            var notes = table.Get(row, "notes");
            foreach (var column in new[] { "real_gdp_growth_pct", "total_trade_busd", "exports_busd", "imports_busd", "china_share_pct" })
            {
                if (table.Get(row, column).Trim().Length == 0)
                {
                    Assert.Contains("unverified", notes, StringComparison.Ordinal);
                }
            }
        });

        Assert.All(AfterIds.SelectMany(id => Korea.Get(id).Observations), o =>
        {
            Assert.False(string.IsNullOrWhiteSpace(o.Source));
            Assert.Contains("never used in calibration", o.Notes, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Test_set_exports_plus_imports_equal_total_trade_within_rounding()
    {
        var total = Korea.Get("after2016.total_trade_busd");
        var exports = Korea.Get("after2016.exports_busd");
        var imports = Korea.Get("after2016.imports_busd");
        var checkedYears = 0;
        foreach (var year in total.Years)
        {
            if (exports.In(year)?.Value is { } x && imports.In(year)?.Value is { } m)
            {
                // 2017-2019 are stated to USD 0.01bn, so two rounded parts may miss the rounded total by 0.01.
                Assert.True(Math.Abs(x + m - total.ValueIn(year)) <= 0.015, $"{year}: {x} + {m} != {total.ValueIn(year)}");
                checkedYears++;
            }
        }

        Assert.Equal(7, checkedYears);
    }

    [Fact]
    public void Test_set_shares_and_growth_are_plausible()
    {
        Assert.All(Korea.Get("after2016.china_share_pct").Observations, o => Assert.InRange(o.Value!.Value, 80, 100));
        Assert.All(Korea.Get("after2016.real_gdp_growth_pct").Observations, o => Assert.InRange(o.Value!.Value, -10, 10));
        Assert.All(new[] { "after2016.total_trade_busd", "after2016.exports_busd", "after2016.imports_busd" }, id =>
            Assert.All(Korea.Get(id).Observations, o => Assert.True(o.Value > 0, $"{id} {o.Period}")));
    }

    [Fact]
    public void Test_set_figures_as_published()
    {
        var growth = Korea.Get("after2016.real_gdp_growth_pct");
        Assert.Equal(-3.5, growth.ValueIn(2017));
        Assert.Equal(-4.5, growth.ValueIn(2020));
        Assert.Equal(3.1, growth.ValueIn(2023));
        Assert.Equal(5.55, Korea.Get("after2016.total_trade_busd").ValueIn(2017));
        Assert.Equal(0.24, Korea.Get("after2016.exports_busd").ValueIn(2018));
        Assert.Equal(88.2, Korea.Get("after2016.china_share_pct").ValueIn(2020));
        Assert.Equal(98.3, Korea.Get("after2016.china_share_pct").ValueIn(2023));
        Assert.Equal("Observed after 2016 (backcast test set): real GDP growth (Bank of Korea)", growth.Title);
    }

    [Fact]
    public void Match_selects_an_id_or_a_whole_topic_prefix()
    {
        Assert.Equal(5, Korea.Match("kotra").Count);
        Assert.Equal(5, Korea.Match("kotra.").Count);
        Assert.Single(Korea.Match("kotra.exports_busd"));
        Assert.Empty(Korea.Match("kot"));
        Assert.Equal(8, Korea.Match("bok.sector_share").Count);
    }

    [Fact]
    public void Census_age_shares_sum_to_one_hundred()
    {
        var sum = new[] { "age_0_14", "age_15_64", "age_65_plus" }.Sum(a => Korea.Get("population." + a).ValueIn(2008));
        Assert.Equal(100.0, sum, 6);
    }

    [Fact]
    public void Figures_from_the_md_notes_are_loaded_with_their_sources()
    {
        Assert.Equal(148074, Korea.Get("kumgang.visitors").ValueIn(1999));
        Assert.Equal(3.185, Korea.Get("kaesong.cumulative_production_busd").Observations.Single().Value);
        Assert.Equal(70, Korea.Get("kaesong.minimum_monthly_wage_usd").Observations.Single().Value);
        Assert.Equal(95, Korea.Match("kaesong.firms_by_sector").Sum(s => s.ValueIn(2016)));

        var elasticity = Korea.Get("sanctions_impact.shin2016_gdp_pct_per_100musd_fx_lost").In(2016)!;
        Assert.Equal(-0.5, elasticity.Value);
        Assert.Contains("Shin Yong-do (2016)", elasticity.Source, StringComparison.Ordinal);
        Assert.Equal(Confidence.Medium, elasticity.Confidence);
        Assert.Equal(-7.6, Korea.Get("sanctions_impact.shin2016_mineral_export_ban_gdp_pct").ValueIn(2016));

        var workersBan = Korea.Get("sanctions_impact.shin2016_overseas_workers_ban_gdp_pct").In(2016)!;
        Assert.Equal((-2.5, -1.5), (workersBan.Low!.Value, workersBan.High!.Value));
        var hri = Korea.Get("sanctions_impact.hri2009_trade_sanctions_gni_pct").In(2009)!;
        Assert.Equal((-8.5, -2.0), (hri.Low!.Value, hri.High!.Value));

        var poc = Korea.Get("poc.net_fx_share_of_gross_garment_exports_pct").Observations.Single();
        Assert.Equal((25.0, 20.0, 30.0), (poc.Value!.Value, poc.Low!.Value, poc.High!.Value));
        Assert.Equal(Confidence.Low, poc.Confidence);

        var lowerBound = Korea.Get("overseas_workers.count").In(2015)!;
        Assert.Equal(50000, lowerBound.Low);
        Assert.Null(lowerBound.High);
        Assert.Null(lowerBound.Central);
        Assert.Equal(">= 50000", lowerBound.Raw);
    }

    [Fact]
    public void Where_an_md_gives_no_confidence_the_extracted_row_says_it_was_assigned_here()
    {
        var kaesongFacts = Korea.Series.Where(s => s.File == "extracted/kaesong_kumgang_facts.csv").SelectMany(s => s.Observations).ToList();
        Assert.NotEmpty(kaesongFacts);
        Assert.All(
            kaesongFacts.Where(o => o.Notes?.Contains("marks it low", StringComparison.Ordinal) != true),
            o => Assert.Contains("confidence assigned in Statecraft", o.Notes, StringComparison.Ordinal));
    }

    [Fact]
    public void The_docs_table_lists_every_series()
    {
        string? root = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && root is null; dir = dir.Parent)
        {
            root = File.Exists(Path.Combine(dir.FullName, "Statecraft.slnx")) ? dir.FullName : null;
        }

        Assert.NotNull(root);
        var docs = File.ReadAllText(Path.Combine(root, "docs", "data.md"));
        var missing = Korea.Series.Select(s => s.Id).Where(id => !docs.Contains($"`{id}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "docs/data.md does not list: " + string.Join(", ", missing));
        Assert.Contains($"**{Korea.Series.Count} series with {Korea.ObservationCount} observations**", docs, StringComparison.Ordinal);
    }
}
