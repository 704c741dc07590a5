using System.Collections.Immutable;
using Statecraft.Scenarios;

namespace Statecraft.Negotiation;

/// <summary>
/// The negotiation game's behavioural parameters. Every value is a named assumption in
/// <see cref="GameAssumptions"/> with its default, range and reason (docs/model.md, "Negotiation");
/// the one calibrated value, the security cost of the Yongbyon shutdown, is set by rule from the
/// North's February 2019 Hanoi offer when the game is compiled.
/// </summary>
public sealed record GameParameters
{
    /// <summary>[type]: weight on a dollar of the regime's hard-currency revenue.</summary>
    public required ImmutableArray<double> WeightRegime { get; init; }

    /// <summary>[type]: weight on a dollar of household income.</summary>
    public required ImmutableArray<double> WeightHousehold { get; init; }

    /// <summary>[type]: multiplier on the security cost of every step.</summary>
    public required ImmutableArray<double> SecurityMultiplier { get; init; }

    /// <summary>[type]: chance a trajectory's North of this type is willing to cheat at all.</summary>
    public required ImmutableArray<double> CheatWillingness { get; init; }

    /// <summary>[type]: chance a trajectory's North of this type accepts economic-governance reform.</summary>
    public required ImmutableArray<double> ReformWillingness { get; init; }

    /// <summary>[type]: multiplier on the provocation rates.</summary>
    public required ImmutableArray<double> ProvocationFactor { get; init; }

    /// <summary>[step]: security cost as a multiple of the Yongbyon shutdown's.</summary>
    public required ImmutableArray<double> StepCostRatio { get; init; }

    /// <summary>[step]: quarters from the decision to take a step to its verification.</summary>
    public required ImmutableArray<double> ImplementationQuarters { get; init; }

    /// <summary>[verification level]: chance per quarter that cheating on a step verified this way is detected.</summary>
    public required ImmutableArray<double> Detection { get; init; }

    /// <summary>The hedger's reservation price for the Yongbyon shutdown as a share of the value of what it asked for at Hanoi.</summary>
    public required double HanoiRatio { get; init; }

    /// <summary>Standard deviation (log points) of the North's valuation error drawn once per trajectory.</summary>
    public required double DecisionNoisePersistent { get; init; }

    /// <summary>Standard deviation (log points) of the North's valuation error drawn each quarter.</summary>
    public required double DecisionNoiseQuarterly { get; init; }

    /// <summary>The North's discount factor per quarter.</summary>
    public required double Discount { get; init; }

    /// <summary>Prior deliveries on time in the North's trust (the alpha of a beta prior).</summary>
    public required double TrustPriorKept { get; init; }

    /// <summary>Prior deliveries missed in the North's trust (the beta of a beta prior).</summary>
    public required double TrustPriorMissed { get; init; }

    /// <summary>Missed deliveries counted per quarter an incentive is overdue.</summary>
    public required double OverdueWeight { get; init; }

    /// <summary>Quarters an incentive may be late before it counts as overdue.</summary>
    public required double GraceQuarters { get; init; }

    /// <summary>The North walks out when its trust falls below this.</summary>
    public required double WalkoutTrust { get; init; }

    /// <summary>
    /// Quarters without a step taken, in hand or verified and without a delivery, up to the horizon, after which talks
    /// that never formally broke down count as stalled. Read only when a trajectory's outcome is classified, not in play.
    /// </summary>
    public required double StallQuarters { get; init; }

    /// <summary>Chance per quarter of a minor provocation (short-range launch, border incident).</summary>
    public required double MinorProvocationRate { get; init; }

    /// <summary>Rise in China's enforcement after a major provocation.</summary>
    public required double ChinaProvocationResponse { get; init; }

    /// <summary>Share of China's provocation response that remains after a quarter.</summary>
    public required double ChinaResponsePersistence { get; init; }

    /// <summary>Fall in China's enforcement per step the North has taken.</summary>
    public required double ChinaProgressEasing { get; init; }

    /// <summary>
    /// Share of the gap between China's and South Korea's enforcement and the level the scenario sets for them that
    /// closes each quarter, from history's value in the start quarter.
    /// </summary>
    public required double EnforcementAdjustment { get; init; }

    /// <summary>Chance an electoral change makes the new government walk away from the roadmap.</summary>
    public required double ElectionReversal { get; init; }

    /// <summary>Factor on the reversal chance when the phase requires allied coordination.</summary>
    public required double CoordinationCohesion { get; init; }

    /// <summary>Chance a presidential certification under the statutes is made when asked for, before complete denuclearization.</summary>
    public required double CongressCertification { get; init; }

    /// <summary>Chance WTO members agree by consensus to open an accession working party when asked.</summary>
    public required double WtoConsensus { get; init; }

    /// <summary>Chance per quarter that a multilateral provider delivers once an incentive is due.</summary>
    public required double MultilateralReliability { get; init; }

    /// <summary>Quarters before refused consent is asked for again.</summary>
    public required double ReaskQuarters { get; init; }

    /// <summary>Chance per quarter after a breakdown that China lets a new sanctions resolution pass.</summary>
    public required double ReimpositionChina { get; init; }

    /// <summary>Chance per quarter after a breakdown that Russia lets a new sanctions resolution pass.</summary>
    public required double ReimpositionRussia { get; init; }

    /// <summary>Share of aid and development finance the regime controls.</summary>
    public required double AidDiversion { get; init; }

    /// <summary>Technical-assistance spending that counts as full intensity, USD m a year.</summary>
    public required double TechnicalAssistanceFullMusd { get; init; }

    /// <summary>Wages a supported zone pays per year per dollar of cumulative support.</summary>
    public required double ZoneWageYield { get; init; }

    /// <summary>Largest yearly wage bill of one supported zone, USD m.</summary>
    public required double ZoneWageCapMusd { get; init; }

    /// <summary>Quarters between accession milestones.</summary>
    public required double AccessionMilestoneQuarters { get; init; }

    /// <summary>Share of the remaining reform gap an accession milestone closes.</summary>
    public required double AccessionMilestoneGain { get; init; }

    /// <summary>Years over which the North values a package (the horizon of its steady-state comparison).</summary>
    public required double ValuationYears { get; init; }

    /// <summary>[incentive kind]: amount used when the file gives none, USD m a year (0 where the kind has no amount).</summary>
    public required ImmutableArray<double> DefaultAmountMusd { get; init; }
}

/// <summary>A named game parameter: default, plausible range, unit and reason.</summary>
public sealed record GameAssumption(
    string Name, double Default, double Low, double High, string Unit, string Basis,
    Func<GameParameters, double> Get, Func<GameParameters, double, GameParameters> Set);

/// <summary>The game's named assumptions, each a single number a user can see and change (<c>--set name=value</c>).</summary>
public static class GameAssumptions
{
    public static readonly ImmutableArray<GameAssumption> All = Build();

    /// <summary>Every parameter at its default.</summary>
    public static readonly GameParameters Defaults = All.Aggregate(Empty(), (p, a) => a.Set(p, a.Default));

    /// <summary>The assumption with this name, or null.</summary>
    public static GameAssumption? Find(string name) => All.FirstOrDefault(a => a.Name == name);

    /// <summary>Snake-case names used in parameter names and output.</summary>
    public static string Of(NorthType type) => YamlNameOf(type);

    /// <summary>The location problems with <c>--set</c> changes are reported at (an option, not a file).</summary>
    public static readonly Documents.SourceLocation SetOption = Documents.SourceLocation.FileOnly("--set");

    /// <summary>
    /// <paramref name="start"/> with the changes <c>NAME=VALUE</c> applied in order; each change that is not of that form, names
    /// no assumption or is outside its range is reported to <paramref name="problems"/> (when given) and skipped.
    /// </summary>
    public static GameParameters Parse(IEnumerable<string> changes, GameParameters start, List<Documents.Diagnostic>? problems)
    {
        var game = start;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        void Problem(string message) => problems?.Add(new Documents.Diagnostic(Documents.Severity.Error, SetOption, message));
        foreach (var assignment in changes)
        {
            var parts = assignment.Split('=', 2);
            if (parts.Length != 2)
            {
                Problem($"--set takes NAME=VALUE, not '{assignment}'.");
                continue;
            }

            var name = parts[0].Trim();
            if (Find(name) is not { } assumption)
            {
                var near = Documents.NearestName.Find(name, All.Select(a => a.Name));
                Problem($"--set: no game assumption '{name}'{(near is null ? "" : $"; did you mean '{near}'?")} (docs/model.md lists them all).");
                continue;
            }

            if (!double.TryParse(parts[1], System.Globalization.NumberStyles.Float, inv, out var value) || !double.IsFinite(value))
            {
                Problem($"--set {assumption.Name}: '{parts[1]}' is not a number.");
                continue;
            }

            if (value < assumption.Low || value > assumption.High)
            {
                Problem($"--set {assumption.Name}={parts[1]} is outside its range [{assumption.Low.ToString("G6", inv)}, {assumption.High.ToString("G6", inv)}] ({assumption.Unit}).");
                continue;
            }

            game = assumption.Set(game, value);
        }

        return game;
    }

    private static string YamlNameOf<T>(T value) where T : struct, Enum => Documents.YamlName.Of(value);

    private static GameParameters Empty()
    {
        ImmutableArray<double> Zeros(int n) => [.. new double[n]];
        return new GameParameters
        {
            WeightRegime = Zeros(3), WeightHousehold = Zeros(3), SecurityMultiplier = Zeros(3), CheatWillingness = Zeros(3),
            ReformWillingness = Zeros(3), ProvocationFactor = Zeros(3), StepCostRatio = Zeros(9), ImplementationQuarters = Zeros(9),
            StallQuarters = 0,
            Detection = Zeros(5), HanoiRatio = 0, DecisionNoisePersistent = 0, DecisionNoiseQuarterly = 0, Discount = 0,
            TrustPriorKept = 0, TrustPriorMissed = 0, OverdueWeight = 0, GraceQuarters = 0, WalkoutTrust = 0, MinorProvocationRate = 0,
            ChinaProvocationResponse = 0, ChinaResponsePersistence = 0, ChinaProgressEasing = 0, EnforcementAdjustment = 0, ElectionReversal = 0,
            CoordinationCohesion = 0, CongressCertification = 0, WtoConsensus = 0, MultilateralReliability = 0, ReaskQuarters = 0,
            ReimpositionChina = 0, ReimpositionRussia = 0, AidDiversion = 0, TechnicalAssistanceFullMusd = 0, ZoneWageYield = 0,
            ZoneWageCapMusd = 0, AccessionMilestoneQuarters = 0, AccessionMilestoneGain = 0, ValuationYears = 0,
            DefaultAmountMusd = Zeros(Enum.GetValues<IncentiveKind>().Length),
        };
    }

    private static ImmutableArray<GameAssumption> Build()
    {
        var list = new List<GameAssumption>();
        void Scalar(string name, double value, double low, double high, string unit, string basis,
            Func<GameParameters, double> get, Func<GameParameters, double, GameParameters> set) =>
            list.Add(new GameAssumption(name, value, low, high, unit, basis, get, set));
        void Indexed<T>(string prefix, T key, double value, double low, double high, string unit, string basis,
            Func<GameParameters, ImmutableArray<double>> get, Func<GameParameters, ImmutableArray<double>, GameParameters> set)
            where T : struct, Enum
        {
            var i = Convert.ToInt32(key, System.Globalization.CultureInfo.InvariantCulture);
            list.Add(new GameAssumption($"{prefix}.{YamlNameOf(key)}", value, low, high, unit, basis,
                p => get(p)[i], (p, v) => set(p, get(p).SetItem(i, v))));
        }

        // ---- the North's types (DESIGN.md §3.3; Delury 2018 for the reformer, the record of 1994-2008 for the staller)
        var types = new (NorthType Type, double Regime, double Household, double Security, double Cheat, double Reform, double Provocation, string Basis)[]
        {
            (NorthType.Reformer, 1.0, 0.6, 0.6, 0.0, 0.9, 0.5,
                "Delury (2018): a development-minded leader (the April 2018 'economy first' line) who values growth for the population and will trade capabilities for it"),
            (NorthType.Hedger, 1.0, 0.3, 1.0, 0.3, 0.5, 1.0,
                "the reference type: trades steps for benefits at the price set by the Hanoi anchor and keeps a deterrent option open"),
            (NorthType.Staller, 1.0, 0.1, 2.5, 1.0, 0.1, 1.5,
                "uses talks to buy time, as the 1994 Agreed Framework (covert enrichment) and the 2005-2008 six-party record are read by sceptics: values regime income, prices security highly, cheats when it pays"),
        };
        foreach (var t in types)
        {
            Indexed("weight_regime", t.Type, t.Regime, 0.5, 1.5, "weight per USD", $"{t.Basis}; the regime's hard currency is the numeraire",
                p => p.WeightRegime, (p, a) => p with { WeightRegime = a });
            Indexed("weight_household", t.Type, t.Household, 0.0, 1.0, "weight per USD", t.Basis,
                p => p.WeightHousehold, (p, a) => p with { WeightHousehold = a });
            Indexed("security_multiplier", t.Type, t.Security, t.Security * 0.5, t.Security * 2.0, "x hedger's cost", t.Basis,
                p => p.SecurityMultiplier, (p, a) => p with { SecurityMultiplier = a });
            Indexed("cheat_willingness", t.Type, t.Cheat, 0.0, 1.0, "probability", t.Basis,
                p => p.CheatWillingness, (p, a) => p with { CheatWillingness = a });
            Indexed("reform_willingness", t.Type, t.Reform, 0.0, 1.0, "probability", t.Basis,
                p => p.ReformWillingness, (p, a) => p with { ReformWillingness = a });
            Indexed("provocation_factor", t.Type, t.Provocation, 0.0, 3.0, "x base rate", t.Basis,
                p => p.ProvocationFactor, (p, a) => p with { ProvocationFactor = a });
        }

        // ---- the ladder: costs relative to the Yongbyon shutdown, and time to carry each step out
        var steps = new (Step Step, double Ratio, double Quarters, string Basis)[]
        {
            (Step.TestMoratorium, 0.02, 1, "declared unilaterally on 20 April 2018 before the summits: almost costless once the 2017 tests had been made"),
            (Step.DismantleTestSite, 0.05, 1, "Punggye-ri demolished on 24 May 2018 without inspectors, after six tests"),
            (Step.DismantleLaunchPad, 0.15, 2, "offered in the September 2018 Pyongyang Declaration 'under observation of experts'"),
            (Step.YongbyonShutdown, 1.0, 2, "the reference step: offered at Hanoi (February 2019) for relief of the 2016-2017 resolutions' civilian measures"),
            (Step.FullDeclaration, 0.5, 1, "a declaration gives nothing up but reveals sites and targets; refused in 2008 and 2018-2019"),
            (Step.Inspections, 0.7, 2, "intrusive access was the breaking point of the 2008 verification talks"),
            (Step.FissileAndWarheadRemoval, 2.0, 4, "removing material and warheads gives up the deterrent itself, not only the means to enlarge it"),
            (Step.IcbmDismantlement, 1.5, 4, "the delivery capability against the US mainland"),
            (Step.CompleteDenuclearization, 1.0, 2, "the last step gives up the remaining hedge: knowledge, undeclared stocks, the option to rebuild"),
        };
        foreach (var s in steps)
        {
            Indexed("step_cost_ratio", s.Step, s.Ratio, s.Ratio * 0.5, s.Ratio * 2.0, "x Yongbyon", $"judgement, later steps cost more: {s.Basis}",
                p => p.StepCostRatio, (p, a) => p with { StepCostRatio = a });
            Indexed("implementation_quarters", s.Step, s.Quarters, 1, Math.Max(2, s.Quarters * 2), "quarters", $"judgement: time to carry out and verify; {s.Basis}",
                p => p.ImplementationQuarters, (p, a) => p with { ImplementationQuarters = a });
        }

        var detection = new (Verification Level, double Value, double Low, double High, string Basis)[]
        {
            (Verification.None, 0.0, 0.0, 0.0, "nothing watches the step"),
            (Verification.Declaration, 0.02, 0.0, 0.05, "the North's word only; defectors and leaks"),
            (Verification.NationalTechnicalMeans, 0.06, 0.03, 0.12,
                "the covert enrichment programme begun in the late 1990s was confronted by US intelligence in October 2002, about four years (16 quarters) on"),
            (Verification.InternationalMonitoring, 0.12, 0.06, 0.2, "IAEA monitoring of declared sites (Yongbyon freezes 1994-2002, 2007-2009) adds on-site presence but not access to undeclared sites"),
            (Verification.IntrusiveInspection, 0.25, 0.15, 0.4, "challenge inspections of undeclared sites: most cheating found within about two years"),
        };
        foreach (var d in detection)
            Indexed("detection", d.Level, d.Value, d.Low, d.High, "per quarter", $"judgement: {d.Basis}", p => p.Detection, (p, a) => p with { Detection = a });

        Scalar("hanoi_ratio", 0.5, 0.3, 0.9, "share of the Hanoi package's value",
            "at Hanoi (27-28 February 2019) the North offered Yongbyon for relief of the five 2016-2017 resolutions' measures on the civilian economy; an opening ask exceeds the reservation price and the US made no counter-offer, so the hedger's cost of the step is set at half the value of that package (judgement; the range spans the plausible bargaining range)",
            p => p.HanoiRatio, (p, v) => p with { HanoiRatio = v });
        Scalar("decision_noise_persistent", 0.4, 0.1, 0.8, "log points",
            "what the analyst does not know about the North's valuation beyond its type, drawn once per trajectory",
            p => p.DecisionNoisePersistent, (p, v) => p with { DecisionNoisePersistent = v });
        Scalar("decision_noise_quarterly", 0.2, 0.0, 0.5, "log points", "quarter-to-quarter swings in the leadership's reading of the offer",
            p => p.DecisionNoiseQuarterly, (p, v) => p with { DecisionNoiseQuarterly = v });
        Scalar("discount", 0.98, 0.95, 0.995, "per quarter", "about 8% a year, a leadership that values the present",
            p => p.Discount, (p, v) => p with { Discount = v });
        Scalar("trust_prior_kept", 2, 1, 5, "deliveries", "an even prior (mean 0.5) worth four deliveries: the Agreed Framework's delayed reactors and the 2008 collapse left mutual distrust",
            p => p.TrustPriorKept, (p, v) => p with { TrustPriorKept = v });
        Scalar("trust_prior_missed", 2, 1, 5, "deliveries", "as trust_prior_kept",
            p => p.TrustPriorMissed, (p, v) => p with { TrustPriorMissed = v });
        Scalar("overdue_weight", 0.25, 0.1, 1.0, "missed deliveries per quarter", "an incentive a year overdue counts as one broken promise",
            p => p.OverdueWeight, (p, v) => p with { OverdueWeight = v });
        Scalar("grace_quarters", 1, 0, 4, "quarters", "a quarter's delay is normal administration",
            p => p.GraceQuarters, (p, v) => p with { GraceQuarters = v });
        Scalar("walkout_trust", 0.25, 0.1, 0.4, "trust", "the North suspends talks when it expects most promises to be broken (it did so after Hanoi in 2019)",
            p => p.WalkoutTrust, (p, v) => p with { WalkoutTrust = v });
        Scalar("stall_quarters", 8, 4, 16, "quarters",
            "after Hanoi (February 2019) neither side declared the talks over, yet nothing moved for more than two years (the one working-level meeting, in Stockholm in October 2019, ended the same day); in the game a live process is not quiet that long, as refused consent is asked again within reask_quarters (4) and the longest step takes 4 quarters at the defaults",
            p => p.StallQuarters, (p, v) => p with { StallQuarters = v });
        Scalar("minor_provocation_rate", 0.15, 0.05, 0.4, "per quarter",
            "none in 2018, short-range launches in three quarters of 2019 after Hanoi: a low rate while talks last",
            p => p.MinorProvocationRate, (p, v) => p with { MinorProvocationRate = v });
        Scalar("china_provocation_response", 0.1, 0.0, 0.3, "enforcement share",
            "China's enforcement path rose from 0.3 to 0.85 over the 2016-2017 tests (HistoricalTimeline.China); one major provocation is a fraction of that",
            p => p.ChinaProvocationResponse, (p, v) => p with { ChinaProvocationResponse = v });
        Scalar("china_response_persistence", 0.9, 0.7, 1.0, "per quarter", "the response fades over about two years",
            p => p.ChinaResponsePersistence, (p, v) => p with { ChinaResponsePersistence = v });
        Scalar("china_progress_easing", 0.02, 0.0, 0.05, "enforcement share per step",
            "reports of looser border checks and returning Chinese tourism after the 2018 summits; China backs relief for progress ('dual track')",
            p => p.ChinaProgressEasing, (p, v) => p with { ChinaProgressEasing = v });
        Scalar("enforcement_adjustment", 0.5, 0.2, 1.0, "share of the gap per quarter",
            "judgement: China's and South Korea's enforcement start from history's value in the start quarter and close this share of the gap to the scenario's level each quarter. "
            + "Tightening by decree was quick: China's commerce ministry suspended coal imports from 19 February 2017 (MOFCOM announcement 2017 No. 12), within the quarter of the decision (HistoricalTimeline.China: 0.3 to 0.85 in 2017Q1), "
            + "and announced the seafood and textile bans' implementation within weeks of resolutions 2371 (August 2017) and 2375 (September 2017); "
            + "loosening was tacit and slower: border checks eased and Chinese tourism returned over the quarters after the Xi-Kim meetings of March to June 2018 (see china_progress_easing). "
            + "Half the gap a quarter (seven eighths within three quarters) lies between the two; 1 moves the whole gap after the start quarter",
            p => p.EnforcementAdjustment, (p, v) => p with { EnforcementAdjustment = v });
        Scalar("election_reversal", 0.3, 0.1, 0.6, "probability",
            "new governments reversed the line in 2008 (Seoul ended the Sunshine Policy) and 2017 (Washington's maximum pressure), but not every change does",
            p => p.ElectionReversal, (p, v) => p with { ElectionReversal = v });
        Scalar("coordination_cohesion", 0.5, 0.2, 1.0, "factor", "allies bound to one approach hold a wavering partner to it (the seeds' 'consistent, coherent approach')",
            p => p.CoordinationCohesion, (p, v) => p with { CoordinationCohesion = v });
        Scalar("congress_certification", 0.3, 0.1, 0.6, "probability",
            "NKSPEA sections 401-402 tie suspension and termination to conditions on WMD, counterfeiting, prison camps and more; certification before complete denuclearization is unlikely",
            p => p.CongressCertification, (p, v) => p with { CongressCertification = v });
        Scalar("wto_consensus", 0.7, 0.3, 0.9, "probability", "a working party needs the General Council's consensus; a sponsor's backing carries most members",
            p => p.WtoConsensus, (p, v) => p with { WtoConsensus = v });
        Scalar("multilateral_reliability", 0.8, 0.5, 1.0, "per quarter", "agencies need donors' money and boards' approval",
            p => p.MultilateralReliability, (p, v) => p with { MultilateralReliability = v });
        Scalar("reask_quarters", 4, 1, 8, "quarters", "a refused request is put again about a year later, or at the next verified step",
            p => p.ReaskQuarters, (p, v) => p with { ReaskQuarters = v });
        Scalar("reimposition_china", 0.15, 0.0, 0.5, "per quarter",
            "China and Russia vetoed a US draft tightening sanctions on 26 May 2022, after the ICBM launches of 2022; no DPRK sanctions resolution has passed since December 2017",
            p => p.ReimpositionChina, (p, v) => p with { ReimpositionChina = v });
        Scalar("reimposition_russia", 0.1, 0.0, 0.5, "per quarter", "as reimposition_china; Russia has been the firmer opponent since 2022",
            p => p.ReimpositionRussia, (p, v) => p with { ReimpositionRussia = v });
        Scalar("aid_diversion", 0.2, 0.05, 0.5, "share", "WFP monitoring limits diversion of food aid; development finance passes through state bodies",
            p => p.AidDiversion, (p, v) => p with { AidDiversion = v });
        Scalar("technical_assistance_full_musd", 50, 20, 150, "USD m a year", "judgement: the scale of a large multilateral governance programme for a country of 25 million",
            p => p.TechnicalAssistanceFullMusd, (p, v) => p with { TechnicalAssistanceFullMusd = v });
        Scalar("zone_wage_yield", 0.108, 0.05, 0.15, "per year per USD invested",
            "Kaesong: cash to the North at USD 100m a year at closure on KRW 1.02tn (USD 927m at the KRW 616bn = USD 560m rate of the same file) invested (kaesong_kumgang_facts.csv)",
            p => p.ZoneWageYield, (p, v) => p with { ZoneWageYield = v });
        Scalar("zone_wage_cap_musd", 120, 50, 300, "USD m a year", "Kaesong paid USD 120m in 2015, the most any zone has (kaesong.wages_to_dprk_musd)",
            p => p.ZoneWageCapMusd, (p, v) => p with { ZoneWageCapMusd = v });
        Scalar("accession_milestone_quarters", 8, 4, 16, "quarters", "accessions take about a decade (Viet Nam 1995-2007, China 1986-2001) in a handful of stages",
            p => p.AccessionMilestoneQuarters, (p, v) => p with { AccessionMilestoneQuarters = v });
        Scalar("accession_milestone_gain", 0.05, 0.02, 0.1, "share of reform gap", "each stage (memorandum, working party, offers) commits to part of the reforms",
            p => p.AccessionMilestoneGain, (p, v) => p with { AccessionMilestoneGain = v });
        Scalar("valuation_years", 5, 2, 10, "years", "the North values a package by its income gain once ramped up, about five years out",
            p => p.ValuationYears, (p, v) => p with { ValuationYears = v });

        var amounts = new (IncentiveKind Kind, double Value, string Basis)[]
        {
            (IncentiveKind.SezSupport, 60, "scaled to recorded FDI of USD 79-228m a year in 2012-2016 (fdi_aid_to_2016.csv)"),
            (IncentiveKind.TechnicalAssistance, 20, "a medium programme; see technical_assistance_full_musd"),
            (IncentiveKind.HumanitarianAid, 50, "recorded humanitarian funding of USD 28-113m a year in 2011-2015 (fdi_aid_to_2016.csv)"),
            (IncentiveKind.DevelopmentFinance, 100, "judgement: a first multilateral programme"),
            (IncentiveKind.RailRoadReconnection, 100, "judgement: modernising the Gyeongui and Donghae lines was costed in the billions over a decade"),
        };
        foreach (var a in amounts)
            Indexed("default_amount_musd", a.Kind, a.Value, a.Value * 0.25, a.Value * 3, "USD m a year", $"used when an incentive gives no amount: {a.Basis}",
                p => p.DefaultAmountMusd, (p, x) => p with { DefaultAmountMusd = x });
        return [.. list];
    }
}
