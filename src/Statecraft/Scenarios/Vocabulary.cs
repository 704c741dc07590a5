namespace Statecraft.Scenarios;

/// <summary>The six governments a scenario sets parameters for.</summary>
public enum ActorId
{
    /// <summary>The United States.</summary>
    Us,

    /// <summary>The Republic of Korea.</summary>
    SouthKorea,

    /// <summary>The Democratic People's Republic of Korea.</summary>
    NorthKorea,

    /// <summary>The People's Republic of China.</summary>
    China,

    /// <summary>Japan.</summary>
    Japan,

    /// <summary>The Russian Federation.</summary>
    Russia,
}

/// <summary>Who delivers an incentive: one of the North's counterparts, or a multilateral body (UN agencies, international financial institutions).</summary>
public enum Provider
{
    /// <summary>The United States.</summary>
    Us,

    /// <summary>The Republic of Korea.</summary>
    SouthKorea,

    /// <summary>China.</summary>
    China,

    /// <summary>Japan.</summary>
    Japan,

    /// <summary>Russia.</summary>
    Russia,

    /// <summary>UN agencies, international financial institutions and other multilateral bodies.</summary>
    Multilateral,
}

/// <summary>The North's type: what it wants from the talks (DESIGN.md §3.3).</summary>
public enum NorthType
{
    /// <summary>Values growth; Delury's reading of Kim Jong-un.</summary>
    Reformer,

    /// <summary>Trades steps for benefits but keeps a deterrent option open.</summary>
    Hedger,

    /// <summary>Uses talks to buy time.</summary>
    Staller,
}

/// <summary>The denuclearization ladder, in order; later steps cost the North more security value.</summary>
public enum Step
{
    /// <summary>Moratorium on nuclear and long-range missile tests.</summary>
    TestMoratorium,

    /// <summary>Dismantling the Punggye-ri nuclear test site.</summary>
    DismantleTestSite,

    /// <summary>Dismantling the Sohae (Tongchang-ri) launch pad and engine test stand.</summary>
    DismantleLaunchPad,

    /// <summary>Shutting down the Yongbyon nuclear complex.</summary>
    YongbyonShutdown,

    /// <summary>A full declaration of nuclear facilities, material and weapons.</summary>
    FullDeclaration,

    /// <summary>Inspections of declared (and suspect) sites.</summary>
    Inspections,

    /// <summary>Removal of fissile material and warheads.</summary>
    FissileAndWarheadRemoval,

    /// <summary>Dismantlement of intercontinental ballistic missiles.</summary>
    IcbmDismantlement,

    /// <summary>Complete, verified denuclearization.</summary>
    CompleteDenuclearization,
}

/// <summary>How a step is verified, from weakest to strongest; it sets the chance cheating is detected.</summary>
public enum Verification
{
    /// <summary>Not verified at all.</summary>
    None,

    /// <summary>The North's own declaration.</summary>
    Declaration,

    /// <summary>Satellites and other national technical means.</summary>
    NationalTechnicalMeans,

    /// <summary>Continuous international monitoring (IAEA or equivalent) of declared sites.</summary>
    InternationalMonitoring,

    /// <summary>Intrusive inspections, including challenge inspections of undeclared sites.</summary>
    IntrusiveInspection,
}

/// <summary>The economic incentives a roadmap can offer.</summary>
public enum IncentiveKind
{
    /// <summary>Relief of named sanctions measures by exemption, suspension (with snapback) or termination.</summary>
    SanctionsRelief,

    /// <summary>A committee exemption from the joint-venture bans for named projects.</summary>
    JointVentureCarveOut,

    /// <summary>Reopening the Kaesong Industrial Complex.</summary>
    KaesongReopening,

    /// <summary>Resuming Mount Kumgang tourism.</summary>
    MountKumgangTourism,

    /// <summary>Reconnecting inter-Korean rail and road links.</summary>
    RailRoadReconnection,

    /// <summary>Support for a special economic zone, optionally with linkage conditions.</summary>
    SezSupport,

    /// <summary>Technical assistance for economic governance.</summary>
    TechnicalAssistance,

    /// <summary>Sponsoring accession to the World Trade Organization.</summary>
    WtoAccessionTrack,

    /// <summary>Humanitarian aid.</summary>
    HumanitarianAid,

    /// <summary>Development finance (grants and loans for development).</summary>
    DevelopmentFinance,
}

/// <summary>When an incentive is delivered within its phase.</summary>
public enum SequencingRule
{
    /// <summary>At the start of the phase, before any step.</summary>
    Upfront,

    /// <summary>When the phase's steps (or one named step) are verified.</summary>
    OnVerifiedStep,

    /// <summary>A number of quarters after the phase starts.</summary>
    AfterQuarters,
}

/// <summary>Conditions that link a special economic zone to the domestic economy (CNAS / 38 North, 2018).</summary>
public enum Linkage
{
    /// <summary>Investors hire and pay workers directly, not through a state agency.</summary>
    DirectHireAndPay,

    /// <summary>Inputs are sourced from the domestic market.</summary>
    DomesticSourcing,
}

/// <summary>Conditions attached to a phase.</summary>
public enum Condition
{
    /// <summary>No nuclear test during the phase.</summary>
    NoNuclearTest,

    /// <summary>No long-range missile test during the phase.</summary>
    NoMissileTest,

    /// <summary>No military provocation of any kind during the phase.</summary>
    NoProvocation,

    /// <summary>The North takes steps of economic-governance reform (the CNAS line).</summary>
    EconomicGovernanceReform,

    /// <summary>The US, South Korea and Japan deliver as one (the seeds' "consistent, coherent approach").</summary>
    AlliedCoordination,

    /// <summary>Suspended measures snap back on detected cheating.</summary>
    SnapbackOnCheating,
}

/// <summary>Kinds of exogenous shock a scenario can schedule.</summary>
public enum ShockKind
{
    /// <summary>The North closes its borders: intensity is the share of cross-border trade and tourism stopped.</summary>
    BorderClosure,

    /// <summary>A bad harvest: intensity is the share of agricultural output lost.</summary>
    HarvestFailure,
}
