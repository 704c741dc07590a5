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

/// <summary>The 5th and 95th percentiles of each figure in one year, over runs with the uncertain inputs drawn.</summary>
public sealed record YearInterval(
    int Year,
    (double Low, double High) GdpGrowthPct,
    (double Low, double High) ExportsBusd,
    (double Low, double High) ImportsBusd,
    (double Low, double High) ChinaSharePct,
    (double Low, double High) RegimeRevenueMusd,
    (double Low, double High) HouseholdIncomeIndex);

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

    private static int Quarters => (LastYear - Start.Year + 1) * 4;

    public static BackcastResult Run(Dataset dataset, Catalog catalog, CalibrationResult calibration)
    {
        var quarters = Quarters;
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
    /// Replays history <paramref name="runs"/> times with the uncertain inputs drawn: every named
    /// assumption uniform within its range (the structure recalibrated around each draw, so every
    /// run still reproduces 2016), one position within the enforcement paths' ranges, and normal
    /// harvest shocks (one a year) after 2016. Returns the 5th and 95th percentiles per year and figure.
    /// Run i draws from its own generator seeded from (<paramref name="seed"/>, i), so results do
    /// not depend on how runs are ordered or split.
    /// </summary>
    public static ImmutableArray<YearInterval> Intervals(Dataset dataset, Catalog catalog, int runs, ulong seed, Action<int>? progress = null)
    {
        if (runs < 2) throw new ArgumentOutOfRangeException(nameof(runs), "intervals need at least two runs");
        var quarters = Quarters;
        var timeline = HistoricalTimeline.Korea(catalog);
        var years = LastYear - FirstYear + 1;
        var samples = new double[6][,];
        for (var f = 0; f < 6; f++) samples[f] = new double[years, runs];
        var path = new EconomyPath(quarters);
        var historical = HistoricalWeather(dataset, quarters);
        var firstDrawn = (Calibration.LastYear + 1 - Start.Year) * 4;
        var shocks = Shocks.None(quarters);
        for (var run = 0; run < runs; run++)
        {
            var random = new Random(unchecked((int)Mix(seed, (ulong)run)));
            var draws = EconomyAssumptions.All.Select(a => a.Low + (random.NextDouble() * (a.High - a.Low))).ToArray();
            var position = random.NextDouble();
            var calibration = Calibration.Run(dataset, catalog,
                p => EconomyAssumptions.All.Select((a, i) => (a, i)).Aggregate(p, (acc, x) => x.a.Set(acc, draws[x.i])), position);
            var instruments = InstrumentCompiler.Compile(timeline, Start, quarters, position);
            // Harvests up to 2016 are history; later ones are drawn.
            var weather = Shocks.Draw(quarters, calibration.Parameters.WeatherSd, random, Start.Number);
            Array.Copy(historical.Weather, shocks.Weather, firstDrawn);
            Array.Copy(weather.Weather, firstDrawn, shocks.Weather, firstDrawn, quarters - firstDrawn);
            EconomyModel.Simulate(calibration.Parameters, instruments, shocks, path);
            for (var y = 0; y < years; y++)
            {
                var figures = ModelYear(path, FirstYear + y);
                double?[] values = [figures.GdpGrowthPct, figures.ExportsBusd, figures.ImportsBusd, figures.ChinaSharePct, figures.RegimeRevenueMusd, figures.HouseholdIncomeIndex];
                for (var f = 0; f < 6; f++) samples[f][y, run] = values[f]!.Value;
            }
            progress?.Invoke(run + 1);
        }

        var result = ImmutableArray.CreateBuilder<YearInterval>();
        for (var y = 0; y < years; y++)
        {
            (double, double) Band(int f)
            {
                var sorted = Enumerable.Range(0, runs).Select(r => samples[f][y, r]).Order().ToArray();
                return (Percentile(sorted, 0.05), Percentile(sorted, 0.95));
            }

            result.Add(new YearInterval(FirstYear + y, Band(0), Band(1), Band(2), Band(3), Band(4), Band(5)));
        }
        return result.ToImmutable();
    }

    /// <summary>Linear interpolation between order statistics (type 7, as R's and NumPy's default).</summary>
    public static double Percentile(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>SplitMix64 finaliser over (seed, index): a per-run seed independent of run order.</summary>
    private static ulong Mix(ulong seed, ulong index)
    {
        var z = seed + ((index + 1) * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
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
