using System.Collections.Immutable;
using Statecraft.Data;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Economy;

/// <summary>Yearly figures the backcast reports; every field may be missing on the observed side.</summary>
public sealed record YearFigures(
    double? GdpGrowthPct,
    double? ExportsBusd,
    double? ImportsBusd,
    double? ChinaSharePct,
    double? RegimeRevenueMusd,
    double? HouseholdIncomeIndex);

/// <summary>One year of the backcast: the model's figures and, where the dataset has them, the observed ones.</summary>
public sealed record BackcastYear(int Year, YearFigures Model, YearFigures? Observed);

/// <summary>The replay of 2016–2023 from the 2016 calibration with the historical timeline.</summary>
public sealed record BackcastResult(ImmutableArray<BackcastYear> Years, CalibrationResult Calibration, EconomyPath Path, Quarter First);

/// <summary>
/// Replays history quarter by quarter from the 2016 calibration: the catalog's measures at their
/// in-force dates, the default enforcement paths, the 2020–2023 border closure, and the harvests of
/// 2015–2016 (RDA grain output; later harvests are not in the calibration data, so weather is normal).
/// The run starts in 2015 so that 2016 has a growth rate.
/// </summary>
public static class Backcast
{
    public const int FirstYear = 2016;
    public const int LastYear = 2023;

    private static readonly Quarter Start = new(FirstYear - 1, 1);

    public static BackcastResult Run(Dataset dataset, Catalog catalog, CalibrationResult calibration)
    {
        var quarters = (LastYear - Start.Year + 1) * 4;
        var instruments = InstrumentCompiler.Compile(HistoricalTimeline.Korea(catalog), Start, quarters);
        var shocks = HistoricalWeather(dataset, quarters);
        var path = new EconomyPath(quarters);
        EconomyModel.Simulate(calibration.Parameters, instruments, shocks, path);

        var years = ImmutableArray.CreateBuilder<BackcastYear>();
        for (var year = FirstYear; year <= LastYear; year++)
            years.Add(new BackcastYear(year, ModelYear(path, year), ObservedYear(dataset, year)));
        return new BackcastResult(years.ToImmutable(), calibration, path, Start);
    }

    /// <summary>
    /// Agricultural shocks for 2015 and 2016 from grain output relative to its 2013–2016 mean
    /// (calibration-window data); normal weather afterwards.
    /// </summary>
    public static Shocks HistoricalWeather(Dataset dataset, int quarters)
    {
        var shocks = Shocks.None(quarters);
        var grain = dataset.Get("food.grain_production_rda");
        var window = Enumerable.Range(2013, 4).Select(y => grain.ValueIn(y)).ToArray();
        var mean = window.Average();
        for (var year = Start.Year; year <= Calibration.LastYear; year++)
        {
            var shock = Math.Log(grain.ValueIn(year) / mean);
            for (var q = 0; q < 4; q++)
            {
                var index = ((year - Start.Year) * 4) + q;
                if (index < quarters) shocks.Weather[index] = shock;
            }
        }
        return shocks;
    }

    private static YearFigures ModelYear(EconomyPath path, int year)
    {
        double Sum(double[] values, int y) => Enumerable.Range((y - Start.Year) * 4, 4).Sum(q => values[q]);
        var exports = Sum(path.RecordedExportsMusd, year);
        var imports = Sum(path.RecordedImportsMusd, year);
        return new YearFigures(
            100 * ((Sum(path.GdpIndex, year) / Sum(path.GdpIndex, year - 1)) - 1),
            exports / 1000,
            imports / 1000,
            100 * Sum(path.ChinaTradeMusd, year) / (exports + imports),
            Sum(path.RegimeRevenueMusd, year),
            Sum(path.HouseholdIncomeIndex, year) / 4);
    }

    /// <summary>Observed figures: BoK and KOTRA up to 2016, the after-2016 test set later; null when the dataset has none.</summary>
    private static YearFigures? ObservedYear(Dataset dataset, int year)
    {
        double? Find(params string[] ids)
        {
            foreach (var id in ids)
            {
                if (dataset.TryGet(id, out var series) && series.In(year) is { Value: { } value }) return value;
            }
            return null;
        }

        var figures = new YearFigures(
            Find("bok.real_gdp_growth_pct", "after2016.real_gdp_growth_pct"),
            Find("kotra.exports_busd", "after2016.exports_busd"),
            Find("kotra.imports_busd", "after2016.imports_busd"),
            Find("kotra.china_share_pct", "after2016.china_share_pct"),
            null,
            null);
        return figures is { GdpGrowthPct: null, ExportsBusd: null, ImportsBusd: null, ChinaSharePct: null } ? null : figures;
    }
}
