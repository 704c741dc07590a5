using System.Collections.Immutable;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Feasibility;

/// <summary>
/// What each kind of incentive involves, in the catalog's activity vocabulary. This table is a
/// documented judgement (docs/feasibility.md) of what delivering the incentive physically and
/// financially requires; a scenario adds project-specific activities with <c>also_involves</c>.
/// </summary>
public static class IncentiveActivities
{
    /// <summary>The activities an incentive kind involves by default, each with the reason it is there.</summary>
    public static ImmutableArray<(string Activity, string Why)> For(IncentiveKind kind) => kind switch
    {
        IncentiveKind.KaesongReopening =>
        [
            ("project:kaesong", "reversing South Korea's closure of the complex"),
            ("joint_venture:existing", "the 124 South Korean firms operate with North Korean partners and labour"),
            ("finance:bulk_cash", "wages (about USD 120 m in 2015) were paid in cash to a North Korean state agency"),
            ("import:industrial_machinery", "firms bring production equipment back into the complex"),
            ("import:iron_steel_metals", "machinery and metal firms (19% of firms in 2016) import metal inputs"),
            ("export:textiles", "textile and garment firms were 58% of the complex (2016)"),
            ("export:machinery", "output of machinery and metal firms is shipped out"),
            ("export:electrical_equipment", "electrical and electronics firms were 11% of the complex (2016)"),
            ("finance:trade_support", "judgement: South Korean public lending and investment insurance backed the firms (the 2016 closure was followed by insurance pay-outs)"),
        ],
        IncentiveKind.MountKumgangTourism =>
        [
            ("project:mount_kumgang", "reversing South Korea's 2008 suspension of the tours"),
            ("joint_venture:existing", "the tours were run by Hyundai Asan under contract with North Korean partners"),
            ("finance:bulk_cash", "tour fees were paid to the North in cash"),
            ("travel:visits", "South Korean tourists travel to the North"),
        ],
        IncentiveKind.RailRoadReconnection =>
        [
            ("import:industrial_machinery", "construction and survey equipment (the 2018 survey needed a 1718 Committee exemption)"),
            ("import:transport_vehicles", "rolling stock and vehicles cross into the North"),
            ("import:iron_steel_metals", "rails, steel and other metal materials"),
            ("joint_venture:new", "a joint inter-Korean project"),
            ("investment:new", "South Korean investment in infrastructure in the North"),
        ],
        IncentiveKind.SezSupport =>
        [
            ("investment:new", "investment in zone infrastructure and firms"),
            ("joint_venture:new", "foreign firms operating with North Korean entities"),
            ("import:industrial_machinery", "production equipment for firms in the zone"),
            ("finance:financial_services", "banking for investors and payments in the zone"),
            ("finance:trade_support", "public lending, guarantees or insurance for the zone's investors"),
        ],
        IncentiveKind.TechnicalAssistance =>
        [
            ("services:technical", "advice and training on economic governance are services supplied to the North"),
        ],
        IncentiveKind.WtoAccessionTrack =>
        [
            ("membership:wto", "accession to the World Trade Organization"),
        ],
        IncentiveKind.HumanitarianAid =>
        [
            ("aid:humanitarian", "food, medicine, health and water assistance for civilian needs"),
        ],
        IncentiveKind.DevelopmentFinance =>
        [
            ("finance:grants_loans", "grants and concessional loans"),
            ("finance:financial_services", "disbursement through the financial system"),
        ],
        IncentiveKind.SanctionsRelief or IncentiveKind.JointVentureCarveOut => [],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Consent an incentive needs outside the sanctions regime, with the reason.</summary>
    public static ImmutableArray<(ConsentParty Party, string Why)> OtherConsent(IncentiveKind kind) => kind switch
    {
        IncentiveKind.WtoAccessionTrack => [(ConsentParty.WtoMembers, "the General Council establishes an accession working party by consensus; any member can delay it")],
        _ => [],
    };

    /// <summary>Every activity an incentive involves: its kind's defaults plus what the scenario adds.</summary>
    public static ImmutableArray<string> Of(Incentive incentive) =>
        [.. For(incentive.Kind).Select(a => a.Activity).Concat(incentive.AlsoInvolves).Distinct()];
}
