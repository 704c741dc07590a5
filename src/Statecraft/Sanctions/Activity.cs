using System.Collections.Frozen;

namespace Statecraft.Sanctions;

/// <summary>
/// Something an economic incentive involves and a measure may block, written <c>channel:item</c>
/// (for example <c>export:textiles</c> or <c>finance:bulk_cash</c>). Measures and incentives meet
/// only through this vocabulary, which is what lets the feasibility check find collisions.
/// </summary>
public sealed record Activity(string Name, string Description)
{
    /// <summary>The part before the colon: export, import, joint_venture, investment, labour, finance, shipping, trade, travel, services, project, aid, membership.</summary>
    public string Channel => Name[..Name.IndexOf(':')];
}

/// <summary>The closed list of activities. Measures may block a whole channel with <c>channel:*</c>.</summary>
public static class Activities
{
    /// <summary>Every activity, grouped by channel.</summary>
    public static IReadOnlyList<Activity> All { get; } =
    [
        // DPRK exports (goods leaving the North, including to South Korea).
        new("export:arms", "DPRK exports of arms and related materiel"),
        new("export:coal", "DPRK exports of coal"),
        new("export:iron", "DPRK exports of iron"),
        new("export:iron_ore", "DPRK exports of iron ore"),
        new("export:gold", "DPRK exports of gold"),
        new("export:titanium_ore", "DPRK exports of titanium ore"),
        new("export:vanadium_ore", "DPRK exports of vanadium ore"),
        new("export:rare_earths", "DPRK exports of rare earth minerals"),
        new("export:copper", "DPRK exports of copper"),
        new("export:nickel", "DPRK exports of nickel"),
        new("export:silver", "DPRK exports of silver"),
        new("export:zinc", "DPRK exports of zinc"),
        new("export:statues", "DPRK exports of statues"),
        new("export:lead", "DPRK exports of lead and lead ore"),
        new("export:seafood", "DPRK exports of seafood (fish, crustaceans, molluscs)"),
        new("export:textiles", "DPRK exports of textiles, including garments made on commission"),
        new("export:food_agriculture", "DPRK exports of food and agricultural products"),
        new("export:machinery", "DPRK exports of machinery"),
        new("export:electrical_equipment", "DPRK exports of electrical equipment"),
        new("export:earth_stone", "DPRK exports of earth and stone, including magnesite and magnesia"),
        new("export:wood", "DPRK exports of wood"),
        new("export:vessels", "DPRK exports of vessels"),
        new("export:fishing_rights", "sale or transfer of DPRK fishing rights"),
        new("export:other_goods", "DPRK exports of goods not listed above"),

        // DPRK imports (goods supplied to the North).
        new("import:arms", "supply of arms and related materiel to the DPRK"),
        new("import:wmd_items", "supply of nuclear, missile and other WMD-related items"),
        new("import:luxury_goods", "supply of luxury goods"),
        new("import:aviation_fuel", "supply of aviation fuel"),
        new("import:helicopters", "supply of new helicopters"),
        new("import:vessels", "supply of new or used vessels"),
        new("import:condensate_ngl", "supply of condensates and natural gas liquids"),
        new("import:refined_petroleum", "supply of refined petroleum products"),
        new("import:crude_oil", "supply of crude oil"),
        new("import:industrial_machinery", "supply of industrial machinery (HS 84, 85)"),
        new("import:transport_vehicles", "supply of transport vehicles (HS 86 to 89)"),
        new("import:iron_steel_metals", "supply of iron, steel and other metals (HS 72 to 83)"),
        new("import:other_goods", "supply of goods not listed above"),

        // Cooperation, investment, people and money.
        new("joint_venture:new", "opening new joint ventures or cooperative entities with DPRK entities or individuals"),
        new("joint_venture:existing", "operating or expanding existing joint ventures or cooperative entities"),
        new("investment:new", "new investment in the DPRK"),
        new("labour:overseas", "employing DPRK workers abroad (work authorisations)"),
        new("finance:bulk_cash", "transfers of bulk cash to the DPRK (wages, fees paid in cash)"),
        new("finance:financial_services", "financial services and transfers of financial assets to or for the DPRK"),
        new("finance:trade_support", "public or private financial support for trade with the DPRK (export credits, guarantees, insurance)"),
        new("finance:grants_loans", "new grants, financial assistance or concessional loans to the DPRK government"),
        new("finance:correspondent_banking", "correspondent accounts and banking relationships with DPRK banks"),
        new("finance:government_property", "dealings in property of the DPRK government or the Workers' Party of Korea"),
        new("shipping:port_entry", "DPRK-linked vessels entering ports or territorial waters"),
        new("shipping:vessel_services", "leasing, chartering, flagging, crewing or insuring vessels for the DPRK"),
        new("trade:inter_korean", "inter-Korean trade in goods"),
        new("travel:visits", "visits by nationals of the issuer to the DPRK"),
        new("services:technical", "export of services, technology and technical training to the DPRK"),
        new("project:kaesong", "operating the Kaesong Industrial Complex"),
        new("project:mount_kumgang", "operating Mount Kumgang tourism"),
        new("aid:humanitarian", "humanitarian assistance meeting civilian needs (food, medicine, health, water)"),
        new("membership:wto", "DPRK accession to the World Trade Organization"),
    ];

    private static readonly FrozenDictionary<string, Activity> ByName =
        All.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>Every channel, in order of first appearance.</summary>
    public static IReadOnlyList<string> Channels { get; } = [.. All.Select(a => a.Channel).Distinct()];

    /// <summary>The activity with this name, or null.</summary>
    public static Activity? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>True when <paramref name="pattern"/> is an activity name or a <c>channel:*</c> wildcard.</summary>
    public static bool IsValidPattern(string pattern) =>
        ByName.ContainsKey(pattern) || (pattern.EndsWith(":*", StringComparison.Ordinal) && Channels.Contains(pattern[..^2]));

    /// <summary>True when <paramref name="pattern"/> (a name or <c>channel:*</c>) covers <paramref name="activity"/>.</summary>
    public static bool Matches(string pattern, string activity) =>
        pattern == activity
        || (pattern.EndsWith(":*", StringComparison.Ordinal)
            && activity.Length > pattern.Length - 1
            && activity.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal));
}
