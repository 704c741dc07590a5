using System.Collections.Immutable;

namespace Statecraft.Economy;

/// <summary>A behavioural parameter of the economy model: its default, plausible range and reason.</summary>
public sealed record EconomyAssumption(
    string Name, double Default, double Low, double High, string Unit, string Basis,
    Func<EconomyParameters, double> Get, Func<EconomyParameters, double, EconomyParameters> Set);

/// <summary>
/// The named assumptions of the economy model. Each is a single number a user can see and change;
/// the basis says where the default comes from. Per-line values are listed line by line.
/// </summary>
public static class EconomyAssumptions
{
    public static readonly ImmutableArray<EconomyAssumption> All = Build();

    public static EconomyAssumption Find(string name) =>
        All.FirstOrDefault(a => a.Name == name) ?? throw new KeyNotFoundException($"no economy assumption '{name}'");

    /// <summary>Parameters with every assumption at its default, on top of a calibrated structure.</summary>
    public static EconomyParameters ApplyDefaults(EconomyParameters structure) =>
        All.Aggregate(structure, (p, a) => a.Set(p, a.Default));

    private static ImmutableArray<EconomyAssumption> Build()
    {
        var list = new List<EconomyAssumption>();
        void Scalar(string name, double value, double low, double high, string unit, string basis,
            Func<EconomyParameters, double> get, Func<EconomyParameters, double, EconomyParameters> set) =>
            list.Add(new EconomyAssumption(name, value, low, high, unit, basis, get, set));
        void PerLine(string prefix, ExportLine line, double value, double low, double high, string unit, string basis,
            Func<EconomyParameters, ImmutableArray<double>> get, Func<EconomyParameters, ImmutableArray<double>, EconomyParameters> set) =>
            list.Add(new EconomyAssumption($"{prefix}.{Names.Of(line)}", value, low, high, unit, basis,
                p => get(p)[(int)line], (p, v) => set(p, get(p).SetItem((int)line, v))));

        // Ramp-up after relief. Kaesong restarted in September 2013 after a five-month closure and
        // still produced USD 224m that year (kaesong.csv), so idle plant comes back within quarters;
        // labour needs visas and recruitment, tourism needs operators and marketing.
        var ramp = new (ExportLine Line, double Value, string Basis)[]
        {
            (ExportLine.Coal, 0.5, "mines and rail links stay in place; buyers return within a quarter or two"),
            (ExportLine.IronOreMetals, 0.4, "as coal, with more processing"),
            (ExportLine.Textiles, 0.3, "processing contracts must be re-signed and materials shipped"),
            (ExportLine.Seafood, 0.5, "fleets and buyers in place; seasonal"),
            (ExportLine.OtherGoods, 0.3, "mixed small lines"),
            (ExportLine.OverseasLabour, 0.15, "visas, recruitment and contracts of two to three years"),
            (ExportLine.Tourism, 0.25, "operators, routes and marketing; Mount Kumgang needs refurbishment"),
            (ExportLine.SezOutput, 0.3, "Kaesong 2013: closed April to September, USD 224m output that year (kaesong.csv)"),
        };
        foreach (var (line, value, basis) in ramp)
            PerLine("ramp_up", line, value, value * 0.5, Math.Min(1, value * 1.6), "share of gap per quarter", basis,
                p => p.RampUp, (p, a) => p with { RampUp = a });

        var take = new (ExportLine Line, double Value, double Low, double High, string Basis)[]
        {
            (ExportLine.Coal, 0.6, 0.4, 0.8, "state trading companies hold mining export licences; no published split"),
            (ExportLine.IronOreMetals, 0.6, 0.4, 0.8, "as coal"),
            (ExportLine.Textiles, 0.5, 0.3, 0.7, "processing fees shared between state trading firms and factories; no published split"),
            (ExportLine.Seafood, 0.5, 0.3, 0.7, "fishing rights and catches partly sold by military-linked firms; no published split"),
            (ExportLine.OtherGoods, 0.4, 0.2, 0.6, "many small, partly private traders"),
            (ExportLine.OverseasLabour, 0.73, 0.6, 0.85, "workers keep USD 120-150 a month (UN Special Rapporteur 2015) of USD 300-500m a year earned by 50,000-81,000 workers (offbook, overseas_workers series): 1 - 135*12*66,000/400m"),
            (ExportLine.Tourism, 0.8, 0.6, 0.95, "state tour agencies"),
            (ExportLine.SezOutput, 0.7, 0.5, 0.9, "Kaesong wages were paid to a state agency, which paid workers partly in kind and in won at the official rate"),
        };
        foreach (var (line, value, low, high, basis) in take)
            PerLine("regime_take", line, value, low, high, "share", basis, p => p.RegimeTake, (p, a) => p with { RegimeTake = a });

        Scalar("direct_hire_take", 0.15, 0.05, 0.3, "share",
            "under direct hire and pay the state keeps only a wage tax; set near income-tax rates of transition economies",
            p => p.DirectHireTake, (p, v) => p with { DirectHireTake = v });
        Scalar("domestic_sourcing_share", 0.2, 0.05, 0.4, "share of SEZ gross output",
            "Kaesong firms sourced almost nothing locally; a sourcing condition is assumed to reach a fifth of output",
            p => p.DomesticSourcingShare, (p, v) => p with { DomesticSourcingShare = v });
        Scalar("sez_wage_share", 0.24, 0.18, 0.3, "share of gross output",
            "Kaesong 2015: about USD 120m received of about USD 500m output (poc.kaesong_value_added_share_pct)",
            p => p.SezWageShare, (p, v) => p with { SezWageShare = v });
        Scalar("leakage", 0.2, 0.05, 0.4, "share of blocked value",
            "off-book exports (ship-to-ship coal, smuggling) recoup part of what measures block; HRI (2009) counts smuggling among the exposures",
            p => p.Leakage, (p, v) => p with { Leakage = v });
        Scalar("off_book_take", 0.9, 0.7, 1.0, "share", "off-book exports of blocked goods (ship-to-ship transfers, smuggling) are run by state organs; cyber theft is not modelled separately",
            p => p.OffBookTake, (p, v) => p with { OffBookTake = v });
        Scalar("reserve_cover", 0.5, 0.2, 0.8, "share of shortfall",
            "holdings of USD 4.0-4.8bn were kept nearly flat 2011-2016 (offbook.fx_reserves_minimum_estimate_jang_musd): the regime smooths, not spends down",
            p => p.ReserveCover, (p, v) => p with { ReserveCover = v });
        Scalar("reserve_draw_limit", 0.05, 0.02, 0.1, "share of holdings per quarter", "no more than about a fifth of holdings in a year",
            p => p.ReserveDrawLimit, (p, v) => p with { ReserveDrawLimit = v });
        Scalar("stockpile_rate", 0.5, 0.25, 1.0, "1/quarters of stock", "about two quarters of inputs in stock",
            p => p.StockpileRate, (p, v) => p with { StockpileRate = v });
        Scalar("substitution_rate", 0.05, 0.02, 0.1, "per quarter", "domestic substitutes take years: coal gasification for oil, local parts",
            p => p.SubstitutionRate, (p, v) => p with { SubstitutionRate = v });
        Scalar("substitution_max", 0.4, 0.2, 0.6, "share of missing inputs", "some inputs (machinery, fuel) have no domestic substitute",
            p => p.SubstitutionMax, (p, v) => p with { SubstitutionMax = v });
        Scalar("capital_share", 0.3, 0.25, 0.4, "elasticity", "conventional capital share of output",
            p => p.CapitalShare, (p, v) => p with { CapitalShare = v });
        Scalar("depreciation", 0.0125, 0.01, 0.02, "per quarter", "5% a year",
            p => p.Depreciation, (p, v) => p with { Depreciation = v });
        Scalar("investment_import_weight", 0.5, 0.3, 0.7, "share", "half of investment is imported machinery, vehicles and steel",
            p => p.InvestmentImportWeight, (p, v) => p with { InvestmentImportWeight = v });
        Scalar("reform_productivity", 0.3, 0.1, 0.5, "productivity gain at full reform",
            "Lee & Pyun (2016): integration and reform add about 3 points a year to growth (integration.lee_pyun2016_growth_boost_pp); a decade of that is about +30%",
            p => p.ReformProductivity, (p, v) => p with { ReformProductivity = v });
        Scalar("reform_diversification", 0.5, 0.2, 0.8, "share of China's trade moved at full reform",
            "reform and accession open other markets; China's share of trade was 83% in 2010 before other partners' measures (kotra.china_share_pct)",
            p => p.ReformDiversification, (p, v) => p with { ReformDiversification = v });
        Scalar("technical_assistance_rate", 0.03, 0.01, 0.06, "share of reform gap per quarter",
            "governance assistance works over a decade: full assistance closes about 60% of the gap in eight years (1 - 0.97^32)",
            p => p.TechnicalAssistanceRate, (p, v) => p with { TechnicalAssistanceRate = v });
        Scalar("weather_sd", 0.04, 0.02, 0.07, "log points", "one harvest shock a year; grain output fell 6.5% in the 2015 drought and recovered 6.7% in 2016 (food.grain_production_rda)",
            p => p.WeatherSd, (p, v) => p with { WeatherSd = v });
        return [.. list];
    }
}

/// <summary>Snake-case names of the model's enums, for output and assumption names.</summary>
public static class Names
{
    public static string Of(ExportLine line) => line switch
    {
        ExportLine.Coal => "coal",
        ExportLine.IronOreMetals => "iron_ore_metals",
        ExportLine.Textiles => "textiles",
        ExportLine.Seafood => "seafood",
        ExportLine.OtherGoods => "other_goods",
        ExportLine.OverseasLabour => "overseas_labour",
        ExportLine.Tourism => "tourism",
        ExportLine.SezOutput => "sez_output",
        _ => throw new ArgumentOutOfRangeException(nameof(line)),
    };

    public static string Of(ImportCategory category) => category switch
    {
        ImportCategory.CrudeOil => "crude_oil",
        ImportCategory.RefinedPetroleum => "refined_petroleum",
        ImportCategory.CapitalGoods => "capital_goods",
        ImportCategory.ProcessingMaterials => "processing_materials",
        ImportCategory.OtherImports => "other_imports",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    public static string Of(Sector sector) => sector.ToString().ToLowerInvariant();

    public static string Of(Partner partner) => partner switch
    {
        Partner.China => "china",
        Partner.SouthKorea => "south_korea",
        Partner.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(partner)),
    };
}
