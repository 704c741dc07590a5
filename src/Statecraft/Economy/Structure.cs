using System.Collections.Immutable;

namespace Statecraft.Economy;

/// <summary>
/// Sources of foreign exchange the model follows one by one, because measures and relief act on
/// them one by one. The first five are recorded merchandise exports (what KOTRA counts); the last
/// three earn foreign exchange as services and do not appear in recorded trade.
/// </summary>
public enum ExportLine
{
    Coal,
    IronOreMetals,
    Textiles,
    Seafood,
    OtherGoods,
    OverseasLabour,
    Tourism,
    SezOutput,
}

/// <summary>Who is on the other side of a flow. Enforcement is set per partner.</summary>
public enum Partner
{
    China,
    SouthKorea,
    Other,
}

/// <summary>Recorded import categories, grouped by how they are paid for and what restricts them.</summary>
public enum ImportCategory
{
    /// <summary>Crude by the Dandong–Sinuiju pipeline, supplied in kind: no foreign exchange spent.</summary>
    CrudeOil,

    /// <summary>Refined petroleum products: capped by resolutions 2375 and 2397.</summary>
    RefinedPetroleum,

    /// <summary>Machinery, electrical equipment, vehicles, iron and steel: banned by 2397 OP7.</summary>
    CapitalGoods,

    /// <summary>Fabric and trims for processing-on-commission garments, paid out of the gross garment receipts.</summary>
    ProcessingMaterials,

    /// <summary>Food, fertiliser, plastics, consumer goods and the rest.</summary>
    OtherImports,
}

/// <summary>Bank of Korea's production sectors.</summary>
public enum Sector
{
    Agriculture,
    Mining,
    Manufacturing,
    Electricity,
    Construction,
    Services,
}

/// <summary>
/// Which catalog activities (the <c>channel:item</c> vocabulary of <see cref="Sanctions.Activities"/>)
/// make up each export line and import category, and what share of the line each carries. A measure
/// that blocks an activity removes that share of the line for the partners it binds.
/// </summary>
public static class Exposure
{
    public static readonly int Lines = Enum.GetValues<ExportLine>().Length;
    public static readonly int Partners = Enum.GetValues<Partner>().Length;
    public static readonly int Categories = Enum.GetValues<ImportCategory>().Length;
    public static readonly int Sectors = Enum.GetValues<Sector>().Length;

    /// <summary>True for the lines KOTRA records as merchandise exports.</summary>
    public static bool IsRecorded(ExportLine line) => line <= ExportLine.OtherGoods;

    /// <summary>
    /// Activity shares of each export line: the share of the line a measure blocking that activity
    /// removes. Shares are summed over the blocked activities and capped at 1. Where they sum to less
    /// than 1 the rest is not exposed to any measure; the SEZ line lists two activities that each
    /// stop all of it (the project itself, and joint ventures).
    /// </summary>
    public static readonly ImmutableDictionary<ExportLine, ImmutableArray<(string Activity, double Share)>> LineActivities =
        new Dictionary<ExportLine, ImmutableArray<(string, double)>>
        {
            [ExportLine.Coal] = [("export:coal", 1.0)],
            // 2014 KOTRA: iron ore 330, steel 130 (export_mix.csv); a further 15% for the other
            // listed metals is an assumption (the dataset gives no figure for them).
            [ExportLine.IronOreMetals] =
            [
                ("export:iron_ore", 0.61), ("export:iron", 0.24), ("export:copper", 0.03), ("export:zinc", 0.03),
                ("export:lead", 0.03), ("export:gold", 0.02), ("export:silver", 0.01), ("export:nickel", 0.01),
                ("export:titanium_ore", 0.01), ("export:vanadium_ore", 0.005), ("export:rare_earths", 0.005),
            ],
            [ExportLine.Textiles] = [("export:textiles", 1.0)],
            [ExportLine.Seafood] = [("export:seafood", 0.9), ("export:fishing_rights", 0.1)],
            // Resolution 2397 OP6 covers about 60% of the residual line, a judgement with no line-by-line
            // data behind it (docs/model.md); hair products, silk, ferroalloys, electricity and
            // medicinal herbs stay legal.
            [ExportLine.OtherGoods] =
            [
                ("export:food_agriculture", 0.15), ("export:machinery", 0.10), ("export:electrical_equipment", 0.15),
                ("export:earth_stone", 0.10), ("export:wood", 0.05), ("export:vessels", 0.05),
            ],
            [ExportLine.OverseasLabour] = [("labour:overseas", 1.0)],
            [ExportLine.Tourism] = [("project:mount_kumgang", 1.0)],
            [ExportLine.SezOutput] = [("project:kaesong", 1.0), ("joint_venture:existing", 1.0)],
        }.ToImmutableDictionary();

    /// <summary>Activity shares of each import category (2016 composition; see docs/model.md).</summary>
    public static readonly ImmutableDictionary<ImportCategory, ImmutableArray<(string Activity, double Share)>> CategoryActivities =
        new Dictionary<ImportCategory, ImmutableArray<(string, double)>>
        {
            [ImportCategory.CrudeOil] = [("import:crude_oil", 1.0)],
            [ImportCategory.RefinedPetroleum] =
                [("import:refined_petroleum", 0.9), ("import:aviation_fuel", 0.05), ("import:condensate_ngl", 0.05)],
            // As the calibration builds the category: HS84-85 637 (2014 scaled to 2016 imports), vehicles
            // 261 and iron and steel 116 (2016), of 1,013 (imports_by_category.csv).
            [ImportCategory.CapitalGoods] =
                [("import:industrial_machinery", 0.63), ("import:transport_vehicles", 0.26), ("import:iron_steel_metals", 0.11)],
            [ImportCategory.ProcessingMaterials] = [],
            [ImportCategory.OtherImports] = [("import:luxury_goods", 0.05)],
        }.ToImmutableDictionary();

    /// <summary>Index into a [line, partner] flat array.</summary>
    public static int At(ExportLine line, Partner partner) => ((int)line * Partners) + (int)partner;
}
