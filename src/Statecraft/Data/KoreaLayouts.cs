namespace Statecraft.Data;

/// <summary>The declarations that turn the embedded Korea files into series (see docs/data.md for the id scheme).</summary>
internal static class KoreaLayouts
{
    /// <summary>Folder of the embedded files: resource names are this plus the file's relative path.</summary>
    public const string ResourcePrefix = "Data/korea/";

    /// <summary>Embedded CSV files that are tables, not figures: loaded as <see cref="CsvTable"/>s only.</summary>
    public static readonly IReadOnlyList<string> TablesOnly = ["unsc_measures.csv"];

    /// <summary>Readable names for the first part of a series id, used in titles.</summary>
    public static readonly IReadOnlyDictionary<string, string> Topics = new Dictionary<string, string>
    {
        ["bok"] = "Bank of Korea",
        ["kotra"] = "KOTRA trade",
        ["export_mix"] = "Exports by line",
        ["kaesong"] = "Kaesong Industrial Complex",
        ["kumgang"] = "Mount Kumgang tourism",
        ["sez"] = "Special economic zones",
        ["overseas_workers"] = "Overseas workers",
        ["markets"] = "Markets",
        ["sanctions_impact"] = "Sanctions impact estimate",
        ["integration"] = "Integration estimate",
        ["imports"] = "Imports",
        ["exports"] = "Exports",
        ["poc"] = "Processing on commission",
        ["oil_energy"] = "Oil and energy",
        ["food"] = "Food",
        ["fx_rice"] = "Market FX and rice",
        ["fdi_aid"] = "FDI and aid",
        ["offbook"] = "Off-book revenue and reserves",
        ["population"] = "Population and labour",
        ["after2016"] = "Observed after 2016 (backcast test set)",
    };

    /// <summary>Every file with figures, in the order its series are listed.</summary>
    public static readonly IReadOnlyList<TableLayout> All =
    [
        new("gdp_growth_bok.csv", "bok", "year", null,
        [
            new("real_gdp_growth_pct", "pct", "real_gdp_growth_pct", Title: "real GDP growth"),
        ]),
        new("gni_bok.csv", "bok", "year", null,
        [
            new("nominal_gni_trillion_krw", "trillion_krw", "nominal_gni_trillion_krw", Title: "nominal GNI"),
            new("gni_per_capita_million_krw", "million_krw", "gni_per_capita_million_krw", Title: "GNI per capita"),
        ]),
        new("sector_shares_bok.csv", "bok.sector_share", "year", null,
        [
            new("agriculture_forestry_fishing_pct", "pct", "agriculture_forestry_fishing_pct", Title: "agriculture, forestry and fishing share of nominal GDP"),
            new("mining_pct", "pct", "mining_pct", Title: "mining share of nominal GDP"),
            new("manufacturing_pct", "pct", "manufacturing_pct", Title: "manufacturing share of nominal GDP"),
            new("electricity_gas_water_pct", "pct", "electricity_gas_water_pct", Title: "electricity, gas and water share of nominal GDP"),
            new("construction_pct", "pct", "construction_pct", Title: "construction share of nominal GDP"),
            new("services_pct", "pct", "services_pct", Title: "services share of nominal GDP"),
        ]),
        new("trade_kotra.csv", "kotra", "year", null,
        [
            new("total_trade_busd", "busd", "total_trade_busd", Title: "total trade (excluding inter-Korean)"),
            new("exports_busd", "busd", "exports_busd", Title: "exports"),
            new("imports_busd", "busd", "imports_busd", Title: "imports"),
            new("china_share_pct", "pct", "china_share_pct", Title: "China's share of total trade"),
            new("inter_korean_trade_busd", "busd", "inter_korean_trade_busd", Title: "inter-Korean trade (Ministry of Unification)"),
        ]),
        new("export_mix.csv", "export_mix", "year", "line",
        [
            new("_musd", "musd", "value_musd"),
            new("_share_pct", "pct", "share_of_exports_pct", Title: " (share of exports)"),
        ]),
        new("kaesong.csv", "kaesong", "year", null,
        [
            new("firms", "firms", "firms", Title: "firms operating"),
            new("dprk_workers", "persons", "dprk_workers", Title: "North Korean workers"),
            new("production_musd", "musd", "production_musd", Title: "production"),
            new("wages_to_dprk_musd", "musd", "wages_to_dprk_musd", Title: "wages and cash paid to the North"),
        ],
            SourceColumn: null,
            DefaultSource: "Ministry of Unification figures via press (as the first row of kaesong.csv says)",
            NotesColumn: "notes"),
        new("structure/imports_by_category.csv", "imports", "year", "category",
        [
            new("_musd", "musd", "value_musd"),
            new("_share_pct", "pct", "share_of_total_imports_pct", Title: " (share of total imports)"),
        ],
            NotesColumn: "notes",
            ContextColumns: ["hs_code"]),
        new("structure/oil_energy_to_2016.csv", "oil_energy", "year", "indicator",
        [
            new(string.Empty, null, "value"),
        ],
            UnitColumn: "unit",
            NotesColumn: "notes"),
        new("structure/food_to_2016.csv", "food", "year", "series",
        [
            new(string.Empty, null, "value"),
        ],
            UnitColumn: "unit",
            NotesColumn: "notes"),
        new("structure/fx_rice_to_2016.csv", "fx_rice", "date", null,
        [
            new("kpw_per_usd", "kpw_per_usd", "kpw_per_usd", Title: "market exchange rate (won per US dollar)"),
            new("rice_kpw_per_kg", "kpw_per_kg", "rice_kpw_per_kg", Title: "market rice price (won per kg)"),
        ],
            NotesColumn: "notes",
            ContextColumns: ["location"]),
        new("structure/fdi_aid_to_2016.csv", "fdi_aid", "year", "series",
        [
            new("_musd", "musd", "value_musd"),
        ],
            NotesColumn: "notes"),
        new("structure/offbook_revenue_reserves_to_2016.csv", "offbook", "year", "series",
        [
            new("_musd", "musd", null, Low: "low_musd", High: "high_musd"),
        ],
            NotesColumn: "notes"),
        new("structure/population_labour.csv", "population", "year", "indicator",
        [
            new(string.Empty, null, "value"),
        ],
            UnitColumn: "unit",
            NotesColumn: "notes",
            Splits: new Dictionary<string, string[]>
            {
                ["life_expectancy_male_female"] = ["life_expectancy_male", "life_expectancy_female"],
            }),
        Extracted("extracted/kaesong_kumgang_facts.csv"),
        Extracted("extracted/overseas_workers_markets.csv"),
        Extracted("extracted/sanctions_impact_estimates.csv"),
        Extracted("extracted/structure_prose_figures.csv"),
        Extracted("extracted/csv_text_figures.csv"),

        // The backcast's test set: figures observed in 2017-2023, compared against, never fitted.
        // Kept in their own folder and topic so no calibration code picks them up by a bok or kotra prefix.
        new("after_2016/macro_observed.csv", "after2016", "year", null,
        [
            new("real_gdp_growth_pct", "pct", "real_gdp_growth_pct", Title: "real GDP growth (Bank of Korea)"),
            new("total_trade_busd", "busd", "total_trade_busd", Title: "total trade, excluding inter-Korean (KOTRA)"),
            new("exports_busd", "busd", "exports_busd", Title: "exports (KOTRA)"),
            new("imports_busd", "busd", "imports_busd", Title: "imports (KOTRA)"),
            new("china_share_pct", "pct", "china_share_pct", Title: "China's share of total trade (KOTRA)"),
        ],
            NotesColumn: "notes"),
    ];

    /// <summary>
    /// The project-authored long-form files of figures taken from the two .md notes (and, in
    /// csv_text_figures.csv, figures written in the text columns of the copied CSVs): the series
    /// column holds whole ids, and every figure has its own value, low, high and unit cells.
    /// </summary>
    private static TableLayout Extracted(string file) => new(
        file,
        Prefix: null,
        PeriodColumn: "period",
        KeyColumn: "series",
        Measures: [new(string.Empty, null, "value", Low: "low", High: "high")],
        UnitColumn: "unit",
        NotesColumn: "notes");
}
