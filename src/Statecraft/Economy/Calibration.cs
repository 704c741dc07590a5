using System.Collections.Immutable;
using Statecraft.Data;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Economy;

/// <summary>A value the calibration derives, with the rule or fit that produced it.</summary>
public sealed record FittedValue(string Name, double Value, string Unit, string Rule);

/// <summary>A 2016 figure from the dataset and what the calibrated model gives for it.</summary>
public sealed record CalibrationCheck(string Name, double Observed, double Model, string Unit, string Series);

/// <summary>One year of the trend-growth fit: observed growth, the parts explained, and the residual.</summary>
public sealed record GrowthFitYear(int Year, double ObservedPct, double AgriculturePct, double ImportsPct, double ResidualPct);

/// <summary>The calibrated parameters and the evidence of the fit.</summary>
public sealed record CalibrationResult(
    EconomyParameters Parameters,
    ImmutableArray<FittedValue> Fitted,
    ImmutableArray<CalibrationCheck> Checks,
    ImmutableArray<GrowthFitYear> GrowthFit);

/// <summary>
/// Calibrates the economy model on the dataset's figures up to 2016, and only those: later years
/// are the backcast's test. The procedure (docs/model.md, "Calibration"):
/// 1. the 2016 structure by rule (sector shares, export lines, import categories, China's share,
///    the foreign-exchange balance closing on the observed change in holdings);
/// 2. the input elasticity by bisection so that losing USD 100m a year of foreign exchange costs
///    0.5% of GDP in the first year (Shin 2016, a pre-2017 published estimate);
/// 3. trend growth by least squares on 2012–2016 growth net of the harvest and import effects.
/// </summary>
public static class Calibration
{
    /// <summary>The last year of data the calibration may read.</summary>
    public const int LastYear = 2016;

    /// <summary>KRW per USD, 2016 annual average (Bank of Korea ECOS); converts BoK's GNI to dollars.</summary>
    public const double KrwPerUsd2016 = 1160.5;

    /// <summary>Share of 2015 mineral-fuel exports that went to China (KOTRA via press; export_mix.csv source note).</summary>
    public const double CoalChinaShare = 0.973;

    /// <summary>Tourism earnings from Chinese visitors, USD m a year: an assumption (no figure in the dataset).</summary>
    public const double TourismChinaMusd = 40;

    /// <summary>Weights of each sector's input elasticity relative to the economy-wide one.</summary>
    public static readonly ImmutableArray<double> InputWeights = [0.25, 1.0, 1.5, 0.5, 1.5, 0.5];

    private static readonly Lazy<CalibrationResult> KoreaResult = new(() => Run(Dataset.Korea, Catalog.Korea));

    /// <summary>The calibration on the embedded dataset, computed once.</summary>
    public static CalibrationResult Korea => KoreaResult.Value;

    /// <summary>
    /// Runs the whole procedure. <paramref name="assumptions"/> sets the named assumptions (default:
    /// every one at its default); the structure is then fitted around them, so a draw of the
    /// assumptions still reproduces 2016.
    /// </summary>
    public static CalibrationResult Run(
        Dataset dataset, Catalog catalog, Func<EconomyParameters, EconomyParameters>? assumptions = null, double? enforcementPosition = null)
    {
        var data = new Window(dataset);
        var fitted = new List<FittedValue>();

        // ---- sectors (Bank of Korea shares of nominal GDP, 2016; mining and manufacturing split as in 2012)
        var miningManufacturing = data.Value("bok.sector_share.mining_manufacturing_pct", 2016);
        var miningPart = data.Value("bok.sector_share.mining_pct", 2012)
            / (data.Value("bok.sector_share.mining_pct", 2012) + data.Value("bok.sector_share.manufacturing_pct", 2012));
        double[] sectorPct =
        [
            data.Value("bok.sector_share.agriculture_forestry_fishing_pct", 2016),
            miningManufacturing * miningPart,
            miningManufacturing * (1 - miningPart),
            data.Value("bok.sector_share.electricity_gas_water_pct", 2016),
            data.Value("bok.sector_share.construction_pct", 2016),
            data.Value("bok.sector_share.services_pct", 2016),
        ];
        var sectorShare = sectorPct.Select(v => v / sectorPct.Sum()).ToImmutableArray();
        var gdpMusd = data.Value("bok.nominal_gni_trillion_krw", 2016) * 1e6 / KrwPerUsd2016;
        fitted.Add(new("gdp_musd_2016", gdpMusd, "USD m", "BoK nominal GNI 2016 / KRW 1,160.5 per USD"));

        // ---- export lines, 2016 (USD m a year)
        var exports2016 = data.Value("kotra.exports_busd", 2016) * 1000;
        var scale = exports2016 / (data.Value("kotra.exports_busd", 2014) * 1000);
        var coal = data.Value("export_mix.coal_musd", 2016);
        var textiles = data.Value("exports.textiles_kotra_musd", 2016);
        var iron = (data.Value("export_mix.iron_ore_musd", 2014) + data.Value("export_mix.steel_musd", 2014)) * scale
            / (1 - OtherMetalsShare);
        var seafood = data.Value("export_mix.fish_crustaceans_musd", 2014) * scale;
        var other = exports2016 - coal - textiles - iron - seafood;
        if (other <= 0) throw new InvalidOperationException("calibration: the export lines exceed total exports");
        var labour = data.Central("offbook.overseas_workers_income_assumed_musd", 2016);
        var kaesong = data.Value("offbook.kaesong_cash_income_musd", 2015);
        var kumgang = data.Value("kumgang.lost_revenue_to_dprk_musd_per_year", 2008);

        // ---- imports, 2016
        var imports2016 = data.Value("kotra.imports_busd", 2016) * 1000;
        var nu = data.Value("poc.net_fx_share_of_gross_garment_exports_pct", 2016) / 100;
        var crude = data.Value("imports.of_which_crude_estimate_china_musd", 2016);
        var refined = data.Value("imports.hs27_excluding_crude_estimate_musd", 2016);
        var importScale = imports2016 / (data.Value("kotra.imports_busd", 2014) * 1000);
        var capitalGoods = ((data.Value("imports.boilers_machinery_musd", 2014) + data.Value("imports.electrical_machinery_musd", 2014)) * importScale)
            + data.Value("imports.vehicles_and_parts_musd", 2016) + data.Value("imports.iron_and_steel_musd", 2016);
        var materials = (1 - nu) * textiles;
        var otherImports = imports2016 - crude - refined - capitalGoods - materials;
        if (otherImports <= 0) throw new InvalidOperationException("calibration: the import categories exceed total imports");

        // ---- China's share: coal as reported; one share for the other goods lines and non-crude imports
        var chinaShare = data.Value("kotra.china_share_pct", 2016) / 100;
        var totalTrade = exports2016 + imports2016;
        var restShare = ((chinaShare * totalTrade) - (CoalChinaShare * coal) - crude) / (exports2016 - coal + imports2016 - crude);
        fitted.Add(new("china_share_other_flows", restShare, "share", "solves China's 92.5% of 2016 trade given coal 97.3% and pipeline crude 100%"));

        // ---- potentials: 2016 earnings divided by the share of 2016 the measures left open
        var instruments2016 = InstrumentCompiler.Compile(HistoricalTimeline.Korea(catalog), new Quarter(2016, 1), 4, enforcementPosition);
        var observed = new double[Exposure.Lines * Exposure.Partners];
        void Split(ExportLine line, double china, double southKorea, double rest)
        {
            observed[Exposure.At(line, Partner.China)] = china;
            observed[Exposure.At(line, Partner.SouthKorea)] = southKorea;
            observed[Exposure.At(line, Partner.Other)] = rest;
        }

        Split(ExportLine.Coal, coal * CoalChinaShare, 0, coal * (1 - CoalChinaShare));
        Split(ExportLine.IronOreMetals, iron * restShare, 0, iron * (1 - restShare));
        Split(ExportLine.Textiles, textiles * restShare, 0, textiles * (1 - restShare));
        Split(ExportLine.Seafood, seafood * restShare, 0, seafood * (1 - restShare));
        Split(ExportLine.OtherGoods, other * restShare, 0, other * (1 - restShare));
        Split(ExportLine.OverseasLabour, labour * LabourChinaShare, 0, labour * (1 - LabourChinaShare));

        var potential = new double[observed.Length];
        var openShare = OpenShare(instruments2016);
        for (var i = 0; i < observed.Length; i++)
            potential[i] = openShare[i] > 0 ? observed[i] / openShare[i] : observed[i];
        // Projects closed in 2016 or before keep the earnings they had when open.
        potential[Exposure.At(ExportLine.Tourism, Partner.China)] = TourismChinaMusd;
        potential[Exposure.At(ExportLine.Tourism, Partner.SouthKorea)] = kumgang;
        potential[Exposure.At(ExportLine.SezOutput, Partner.SouthKorea)] = kaesong;

        var reference = new double[Exposure.Lines];
        for (var l = 0; l < Exposure.Lines; l++)
        {
            for (var r = 0; r < Exposure.Partners; r++)
                reference[l] += potential[(l * Exposure.Partners) + r] * openShare[(l * Exposure.Partners) + r];
        }

        // ---- the foreign-exchange balance closes on the observed change in holdings
        var fdi = data.Value("fdi_aid.fdi_inflow_unctad_musd", 2016);
        var aid = data.Latest("fdi_aid.humanitarian_funding_total_musd");
        var plannedDraw = -data.Value("offbook.fx_holdings_change_per_year_bok_eri_musd", 2014);
        var netEarnings = reference.Select((v, l) => (ExportLine)l == ExportLine.Textiles ? nu * v : v).Sum();
        var freeImports = refined + capitalGoods + otherImports;
        var unrecorded = freeImports - plannedDraw - netEarnings - fdi - aid;

        var population2010 = data.Value("population.population_estimate_kostat", 2010);
        var population2016 = data.Value("population.population_estimate_kostat_bok", 2016);
        var structure = new EconomyParameters
        {
            PotentialMusd = [.. potential],
            ReferenceMusd = [.. reference],
            ImportBaseMusd = ImportDemand(instruments2016, restShare, [crude, refined, capitalGoods, 0.0, otherImports]),
            ImportChinaShare = restShare,
            SectorShare = sectorShare,
            SectorExportDependence = ExportDependence(sectorShare, gdpMusd, reference, nu),
            SectorInputElasticity = [.. new double[Exposure.Sectors]],
            GdpMusd2016 = gdpMusd,
            TextileNetFxShare = nu,
            FdiMusd = fdi,
            AidMusd = aid,
            UnrecordedInflowMusd = unrecorded,
            PlannedReserveDrawMusd = plannedDraw,
            ReservesMusd = data.Central("offbook.fx_reserves_minimum_estimate_jang_musd", 2011),
            PopulationMillion = population2016,
            PopulationGrowthQuarterly = Math.Pow(population2016 / population2010, 1.0 / 24) - 1,
            GovernmentShare = data.Value("bok.sector_share.government_services_pct", 2015) / 100,
            HouseholdIncomeMusd2016 = 1,
            TrendGrowthQuarterly = 0,
            RampUp = [.. new double[Exposure.Lines]],
            RegimeTake = [.. new double[Exposure.Lines]],
            DirectHireTake = 0, DomesticSourcingShare = 0, SezWageShare = 1, Leakage = 0, OffBookTake = 0,
            ReserveCover = 0, ReserveDrawLimit = 0, StockpileRate = 0, SubstitutionRate = 0, SubstitutionMax = 0,
            CapitalShare = 0, Depreciation = 0, InvestmentImportWeight = 0, ReformProductivity = 0,
            ReformDiversification = 0, TechnicalAssistanceRate = 0, WeatherSd = 0,
        };
        var parameters = CloseBalance((assumptions ?? EconomyAssumptions.ApplyDefaults)(structure), instruments2016);

        // ---- input elasticity and trend growth, solved together: the elasticity is bisected so that
        // USD 100m a year less foreign exchange costs 0.5% of GDP in year one (Shin 2016), the trend is
        // the least-squares mean of 2012-2016 growth net of harvest and import effects, and each
        // depends a little on the other, so the pair is iterated to a fixed point (three passes move
        // the elasticity by less than 1e-9).
        var shinLoss = -data.Value("sanctions_impact.shin2016_gdp_pct_per_100musd_fx_lost", 2016);
        var agricultureShare = sectorShare[(int)Sector.Agriculture];
        var theta = 0.0;
        var trendAnnual = 0.0;
        var years = new List<GrowthFitYear>();
        for (var pass = 0; pass < 4; pass++)
        {
            var current = parameters;
            theta = Bisect(t => FirstYearLossPct(WithElasticity(current, t), 100, instruments2016) - shinLoss, 0.0, 3.0);
            years.Clear();
            for (var year = 2012; year <= LastYear; year++)
            {
                var growth = data.Value("bok.real_gdp_growth_pct", year);
                var harvest = data.TryValue("food.grain_production_rda", year) is { } now && data.TryValue("food.grain_production_rda", year - 1) is { } before
                    ? 100 * agricultureShare * Math.Log(now / before) : 0.0;
                var importsEffect = 100 * theta * (1 - agricultureShare)
                    * Math.Log(data.Value("kotra.imports_busd", year) / data.Value("kotra.imports_busd", year - 1));
                years.Add(new(year, growth, harvest, importsEffect, growth - harvest - importsEffect));
            }

            trendAnnual = years.Average(y => y.ResidualPct) / 100;
            parameters = CloseBalance(
                WithElasticity(parameters, theta) with { TrendGrowthQuarterly = Math.Pow(1 + trendAnnual, 0.25) - 1 }, instruments2016);
        }

        fitted.Add(new("input_elasticity", theta, "elasticity",
            "bisection: first-year GDP loss from USD 100m a year less foreign exchange = 0.5% (Shin 2016), buffers off"));
        fitted.Add(new("trend_growth_annual", trendAnnual, "per year",
            "least squares on 2012-2016: mean of BoK growth less the harvest (grain, RDA) and import effects"));
        fitted.Add(new("unrecorded_inflow_musd", parameters.UnrecordedInflowMusd, "USD m a year",
            "closes the 2016 foreign-exchange balance on the observed change in holdings (-100), after off-book leakage"));

        // ---- household income index base: the 2016 model year
        var path2016 = RunHistory(parameters, catalog, 4, enforcementPosition);
        var household = Enumerable.Range(0, 4).Sum(q => path2016.HouseholdIncomeMusd[q]);
        parameters = parameters with { HouseholdIncomeMusd2016 = household };
        fitted.Add(new("household_income_musd_2016", household, "USD m a year", "(1 - government share) x GDP - regime take of GDP, model 2016"));

        var checks = Checks(data, RunHistory(parameters, catalog, 4, enforcementPosition), parameters, coal, textiles, sectorShare);
        return new CalibrationResult(parameters, [.. fitted], checks, [.. years]);
    }

    /// <summary>Simulates from 2016Q1 with the historical timeline and no shocks.</summary>
    public static EconomyPath RunHistory(EconomyParameters parameters, Catalog catalog, int quarters, double? enforcementPosition = null)
    {
        var instruments = InstrumentCompiler.Compile(HistoricalTimeline.Korea(catalog), new Quarter(2016, 1), quarters, enforcementPosition);
        var path = new EconomyPath(quarters);
        EconomyModel.Simulate(parameters, instruments, Shocks.None(quarters), path);
        return path;
    }

    /// <summary>
    /// Sets the unrecorded inflow so that the model's 2016 holdings change equals the planned
    /// (observed) drawdown. The balance is linear in the inflow while no imports are rationed, so a
    /// correction of the first guess is exact; a second pass guards against rounding.
    /// </summary>
    private static EconomyParameters CloseBalance(EconomyParameters parameters, InstrumentPath instruments2016)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            var path = new EconomyPath(instruments2016.Quarters);
            EconomyModel.Simulate(parameters, instruments2016, Shocks.None(instruments2016.Quarters), path);
            var change = path.ReservesMusd[instruments2016.Quarters - 1] - parameters.ReservesMusd;
            parameters = parameters with { UnrecordedInflowMusd = parameters.UnrecordedInflowMusd - (change + parameters.PlannedReserveDrawMusd) };
        }
        return parameters;
    }

    /// <summary>
    /// First-year GDP loss (%) from losing <paramref name="musdPerYear"/> of foreign exchange in the
    /// 2016 setting, with the buffers switched off (no reserve cover, no stocks, no substitution):
    /// the loss falls one for one on imports, as in the estimate it is calibrated to (a production
    /// function with imports as a factor). The buffers then soften every shock the model meets.
    /// </summary>
    public static double FirstYearLossPct(EconomyParameters parameters, double musdPerYear, InstrumentPath instruments)
    {
        parameters = parameters with { ReserveCover = 0, StockpileRate = 1, SubstitutionMax = 0 };
        var quarters = instruments.Quarters;
        var baseline = new EconomyPath(quarters);
        var shocked = new EconomyPath(quarters);
        EconomyModel.Simulate(parameters, instruments, Shocks.None(quarters), baseline);
        EconomyModel.Simulate(parameters with { UnrecordedInflowMusd = parameters.UnrecordedInflowMusd - musdPerYear }, instruments, Shocks.None(quarters), shocked);
        return 100 * (1 - (shocked.GdpIndex.Sum() / baseline.GdpIndex.Sum()));
    }

    /// <summary>Instruments from 2016Q1 with nothing in force (enforcement 1, with nothing to enforce): the unconstrained economy.</summary>
    public static InstrumentPath Unconstrained(int quarters)
    {
        var instruments = new InstrumentPath(EconomyModel.BaseOrdinal, quarters);
        for (var q = 0; q < quarters; q++)
        {
            foreach (var partner in Enum.GetValues<Partner>())
                instruments.Enforcement[instruments.PartnerIndex(q, partner)] = 1.0;
        }
        return instruments;
    }

    /// <summary>Spreads an economy-wide input elasticity over sectors by <see cref="InputWeights"/>, keeping the GDP-weighted mean.</summary>
    public static EconomyParameters WithElasticity(EconomyParameters parameters, double theta)
    {
        var weighted = parameters.SectorShare.Select((s, i) => s * InputWeights[i]).Sum();
        return parameters with { SectorInputElasticity = [.. InputWeights.Select(w => theta * w / weighted)] };
    }

    private const double OtherMetalsShare = 0.15;
    private const double LabourChinaShare = 0.6;

    /// <summary>2016 import demand: observed imports divided by the share of 2016 the measures left open.</summary>
    private static ImmutableArray<double> ImportDemand(InstrumentPath instruments, double chinaShare, double[] observed)
    {
        var demand = new double[observed.Length];
        for (var c = 0; c < observed.Length; c++)
        {
            var open = 0.0;
            for (var q = 0; q < instruments.Quarters; q++)
            {
                var enforcement = (chinaShare * instruments.Enforcement[instruments.PartnerIndex(q, Partner.China)])
                    + ((1 - chinaShare) * instruments.Enforcement[instruments.PartnerIndex(q, Partner.Other)]);
                open += (1 - (instruments.ImportBite[instruments.CategoryIndex(q, (ImportCategory)c)] * enforcement)) / instruments.Quarters;
            }
            demand[c] = observed[c] / open;
        }
        return [.. demand];
    }

    private static double[] OpenShare(InstrumentPath instruments)
    {
        var open = new double[Exposure.Lines * Exposure.Partners];
        for (var q = 0; q < instruments.Quarters; q++)
        {
            for (var i = 0; i < open.Length; i++)
            {
                var partner = i % Exposure.Partners;
                var bite = instruments.LineBite[(q * open.Length) + i] * instruments.Enforcement[(q * Exposure.Partners) + partner];
                open[i] += (1 - bite) / instruments.Quarters;
            }
        }
        return open;
    }

    private static ImmutableArray<double> ExportDependence(ImmutableArray<double> sectorShare, double gdpMusd, double[] reference, double nu)
    {
        double Of(params ExportLine[] lines) => lines.Sum(l => l == ExportLine.Textiles ? nu * reference[(int)l] : reference[(int)l]);
        var value = new double[Exposure.Sectors];
        value[(int)Sector.Agriculture] = Of(ExportLine.Seafood);
        value[(int)Sector.Mining] = Of(ExportLine.Coal, ExportLine.IronOreMetals);
        value[(int)Sector.Manufacturing] = Of(ExportLine.Textiles, ExportLine.OtherGoods, ExportLine.SezOutput);
        value[(int)Sector.Services] = Of(ExportLine.Tourism, ExportLine.OverseasLabour);
        // Export earnings count as the sector's value added; capped at the whole sector.
        return [.. value.Select((v, s) => Math.Min(1.0, v / (sectorShare[s] * gdpMusd)))];
    }

    private static double Bisect(Func<double, double> f, double low, double high)
    {
        var fLow = f(low);
        if (fLow >= 0) return low;
        if (f(high) <= 0) return high;
        for (var i = 0; i < 60; i++)
        {
            var mid = 0.5 * (low + high);
            if (f(mid) < 0) low = mid; else high = mid;
        }
        return 0.5 * (low + high);
    }

    private static ImmutableArray<CalibrationCheck> Checks(Window data, EconomyPath path, EconomyParameters p,
        double coal, double textiles, ImmutableArray<double> sectorShare)
    {
        double Year(double[] values) => values.Take(4).Sum();
        var gdp = Year(path.GdpIndex);
        var checks = new List<CalibrationCheck>
        {
            new("exports", data.Value("kotra.exports_busd", 2016), Year(path.RecordedExportsMusd) / 1000, "USD bn", "kotra.exports_busd"),
            new("imports", data.Value("kotra.imports_busd", 2016), Year(path.RecordedImportsMusd) / 1000, "USD bn", "kotra.imports_busd"),
            new("china_share", data.Value("kotra.china_share_pct", 2016),
                100 * Year(path.ChinaTradeMusd) / (Year(path.RecordedExportsMusd) + Year(path.RecordedImportsMusd)), "%", "kotra.china_share_pct"),
            new("coal_exports", coal, Enumerable.Range(0, 4).Sum(q => path.Export(q, ExportLine.Coal)), "USD m", "export_mix.coal_musd"),
            new("textile_exports", textiles, Enumerable.Range(0, 4).Sum(q => path.Export(q, ExportLine.Textiles)), "USD m", "exports.textiles_kotra_musd"),
            new("holdings_change", data.Value("offbook.fx_holdings_change_per_year_bok_eri_musd", 2014),
                path.ReservesMusd[3] - p.ReservesMusd, "USD m", "offbook.fx_holdings_change_per_year_bok_eri_musd"),
            new("gdp_index", 100, gdp / 4, "2016 = 100", "definition"),
        };
        foreach (var sector in Enum.GetValues<Sector>())
        {
            var output = Enumerable.Range(0, 4).Sum(q => path.Sector(q, sector));
            checks.Add(new($"share.{Names.Of(sector)}", 100 * sectorShare[(int)sector], 100 * output / gdp, "%", "bok.sector_share.*"));
        }
        return [.. checks];
    }

    /// <summary>Dataset access that refuses any year after <see cref="LastYear"/>.</summary>
    private sealed class Window(Dataset dataset)
    {
        public double Value(string id, int year) => dataset.Get(id).ValueIn(Guard(year));

        public double? TryValue(string id, int year) =>
            dataset.Get(id).In(Guard(year)) is { Value: { } value } ? value : null;

        public double Central(string id, int year) =>
            dataset.Get(id).In(Guard(year))?.Central ?? throw new KeyNotFoundException($"series '{id}' has no value for {year}");

        public double Latest(string id) =>
            dataset.Get(id).Observations.Where(o => o.Year <= LastYear && o.Value is not null).MaxBy(o => o.Year)?.Value
            ?? throw new KeyNotFoundException($"series '{id}' has no value up to {LastYear}");

        private static int Guard(int year) => year <= LastYear
            ? year
            : throw new InvalidOperationException($"calibration may not read {year}: data after {LastYear} are the backcast's test");
    }
}
