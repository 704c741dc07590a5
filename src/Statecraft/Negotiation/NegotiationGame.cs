using System.Collections.Immutable;
using System.Globalization;
using Statecraft.Economy;
using Statecraft.Scenarios;

namespace Statecraft.Negotiation;

/// <summary>
/// How a trajectory's talks stood at the horizon, when they did not simply go on: why they broke down, or that they
/// stalled (docs/model.md, "Outcome measures"). New causes go at the end: the partial files keep the counts by position.
/// </summary>
public enum BreakdownCause
{
    /// <summary>No breakdown and no stall: the roadmap was completed, or the talks were still moving at the horizon.</summary>
    None,

    /// <summary>Cheating on a claimed step was detected.</summary>
    CheatingDetected,

    /// <summary>A provocation violated a condition of the current phase.</summary>
    Provocation,

    /// <summary>The North walked out when its trust in deliveries fell below the walk-out level.</summary>
    Walkout,

    /// <summary>A government that is party to the roadmap walked away from it after an election while talks were under way, and the roadmap was not completed.</summary>
    PartyWithdrew,

    /// <summary>Talks never formally broke down but nothing moved (no step taken, in hand or verified, no delivery) in the last <see cref="GameParameters.StallQuarters"/> quarters or more.</summary>
    Stalled,
}

/// <summary>What is drawn once per trajectory besides the scenario's assumptions.</summary>
/// <param name="Type">The North's type.</param>
/// <param name="PersistentNoise">The North's valuation error for the whole trajectory, log points.</param>
/// <param name="CheatWilling">Whether this North is willing to cheat at all.</param>
/// <param name="ReformWilling">Whether this North accepts economic-governance reform.</param>
public readonly record struct TrajectoryDraw(NorthType Type, double PersistentNoise, bool CheatWilling, bool ReformWilling);

/// <summary>One trajectory's results, written by <see cref="NegotiationGame.Play"/> into reused arrays.</summary>
public sealed class TrajectoryOutcome
{
    public TrajectoryOutcome(int horizon)
    {
        StepQuarter = new int[Steps];
        GdpPath = new double[horizon];
        HouseholdIncomePath = new double[horizon];
        StepPath = new int[horizon];
    }

    /// <summary>Rungs on the ladder.</summary>
    public static readonly int Steps = Enum.GetValues<Step>().Length;

    /// <summary>Highest step verified (its <see cref="Step"/> value), or -1.</summary>
    public int HighestStep { get; internal set; }

    /// <summary>[step]: quarter index in which the step was verified, or -1.</summary>
    public int[] StepQuarter { get; }

    /// <summary>Complete denuclearization verified with no step faked.</summary>
    public bool CompleteHonest { get; internal set; }

    /// <summary>The North faked at least one step.</summary>
    public bool Cheated { get; internal set; }

    /// <summary>Faking was detected.</summary>
    public bool CheatingDetected { get; internal set; }

    /// <summary>Quarter index in which the talks broke down (any cause but <see cref="BreakdownCause.Stalled"/>), or -1.</summary>
    public int BreakdownQuarter { get; internal set; }

    /// <summary>Why the talks broke down, <see cref="BreakdownCause.Stalled"/> when they stalled, or <see cref="BreakdownCause.None"/>.</summary>
    public BreakdownCause Cause { get; internal set; }

    /// <summary>
    /// Quarter index in which the game's rules ended the talks (a provocation against the phase's conditions, detected
    /// cheating or the North's walk-out), after which nothing is decided or delivered; -1 if they never did. It differs
    /// from <see cref="BreakdownQuarter"/> when a party's withdrawal ended the talks first: the game plays on after one.
    /// </summary>
    public int FormalBreakdownQuarter { get; internal set; }

    /// <summary>First quarter of the quiet stretch that ran to the horizon when the talks stalled, or -1.</summary>
    public int StallQuarter { get; internal set; }

    /// <summary>Quarter in which the talks got under way (an incentive fell due or was delivered, or the North took a step), or -1 if they never did.</summary>
    public int TalksStartQuarter { get; internal set; }

    /// <summary>Final-year GDP, 2018 = 100.</summary>
    public double GdpIndex { get; internal set; }

    /// <summary>Final-year household income per person, 2018 = 100.</summary>
    public double HouseholdIncomeIndex { get; internal set; }

    /// <summary>Final-year regime hard-currency revenue, USD bn.</summary>
    public double RegimeRevenueBusd { get; internal set; }

    /// <summary>China's share of recorded trade in the final year, %.</summary>
    public double ChinaSharePct { get; internal set; }

    /// <summary>Households' share of the gains between the year before the start and the final year; NaN when neither households nor the regime gained.</summary>
    public double Inclusiveness { get; internal set; }

    /// <summary>Households' gain, USD m a year: final-year household income less the base year's income per person at the final year's population.</summary>
    public double HouseholdGainMusd { get; internal set; }

    /// <summary>The regime's gain, USD m a year: final-year regime revenue less the base year's.</summary>
    public double RegimeGainMusd { get; internal set; }

    /// <summary>Reform index at the end, 0..1.</summary>
    public double ReformIndex { get; internal set; }

    /// <summary>Foreign exchange the measures in force block at the end, % of what they blocked at the start.</summary>
    public double LeveragePct { get; internal set; }

    /// <summary>Incentives delivered.</summary>
    public int Delivered { get; internal set; }

    /// <summary>[quarter]: GDP, 2018 = 100.</summary>
    public double[] GdpPath { get; }

    /// <summary>[quarter]: household income per person, 2018 = 100 (the quarter itself, not the final year's mean).</summary>
    public double[] HouseholdIncomePath { get; }

    /// <summary>[quarter]: number of steps verified so far.</summary>
    public int[] StepPath { get; }
}

/// <summary>Everything one worker reuses from trajectory to trajectory, so the game allocates nothing.</summary>
public sealed class GameWorkspace
{
    public GameWorkspace(CompiledGame g)
        : this(g, new BiteMemo(g.Bites))
    {
    }

    /// <summary>A workspace that remembers bites in <paramref name="bites"/>, which workspaces played on one thread may share (it gives the same bites whoever filled it).</summary>
    internal GameWorkspace(CompiledGame g, BiteMemo bites)
    {
        var measures = g.Bites.Count;
        var incentives = g.Incentives.Length;
        Assumptions = new double[g.Assumptions.Length];
        ActorValues = new double[g.HotActorParameters.Length];
        Shares = new double[measures];
        AfterShares = new double[measures];
        SuspendedUntil = new int[measures];
        SuspensionLength = new int[measures];
        MeasureLineBite = new double[Exposure.Lines * Exposure.Partners];
        MeasureImportBite = new double[Exposure.Categories];
        SnapbackArmed = new bool[measures];
        Relieved = new byte[measures];
        Bites = bites;
        RevocableLineFall = new double[Exposure.Lines * Exposure.Partners];
        PackageLineFall = new double[Exposure.Lines * Exposure.Partners];
        RevocableShares = new double[measures];
        PackageImportFall = new double[Exposure.Categories];
        RevocableImportFall = new double[Exposure.Categories];
        Enforcement = new double[Exposure.Partners];
        Status = new IncentiveStatus[incentives];
        DueQuarter = new int[incentives];
        ReaskAt = new int[incentives];
        Refused = new bool[incentives];
        ZoneSupport = new double[incentives];
        Amount = new double[incentives];
        Closed = new double[incentives];
        PhaseStart = new int[Math.Max(1, g.Phases.Length)];
        PhaseDone = new int[Math.Max(1, g.Phases.Length)];
        Instruments = new InstrumentPath(g.Start.Ordinal, g.Horizon);
        Shocks = new Shocks(g.Horizon);
        Path = new EconomyPath(g.Horizon);
        Outcome = new TrajectoryOutcome(g.Horizon);
        Play = new TrajectoryPlay();
    }

    /// <summary>The scenario's assumptions drawn for this trajectory, in <see cref="CompiledGame.Assumptions"/> order.</summary>
    public double[] Assumptions { get; }

    /// <summary>[actor * hot parameters + k]: this trajectory's values of the actor parameters in <see cref="CompiledGame.HotActorParameters"/>.</summary>
    internal double[] ActorValues { get; }

    public InstrumentPath Instruments { get; }
    public Shocks Shocks { get; }
    public EconomyPath Path { get; }
    public TrajectoryOutcome Outcome { get; }

    internal TrajectoryPlay Play { get; }

    /// <summary>Economy lanes that all carry this one trajectory (<see cref="NegotiationGame.Play"/>); made on first use, as workspaces in groups never need them.</summary>
    internal EconomyLanes SingleLanes => singleLanes ??= new EconomyLanes(Instruments, Shocks, Path);

    /// <summary>The event draws of <see cref="NegotiationGame.Play"/>'s one trajectory; made on first use, like <see cref="SingleLanes"/>.</summary>
    internal EventDraws SingleEvents => singleEvents ??= new EventDraws(Outcome.GdpPath.Length);

    private EconomyLanes? singleLanes;
    private EventDraws? singleEvents;

    internal double[] Shares { get; }
    internal double[] AfterShares { get; }
    internal int[] SuspendedUntil { get; }
    internal int[] SuspensionLength { get; }

    /// <summary>Bites of the measures in force, before projects open their lines.</summary>
    internal double[] MeasureLineBite { get; }
    internal double[] MeasureImportBite { get; }
    internal bool[] SnapbackArmed { get; }

    /// <summary>[measure]: 0 in force as at the start, 1 suspended, 2 terminated, 3 awaiting a new resolution.</summary>
    internal byte[] Relieved { get; }

    internal BiteMemo Bites { get; }

    /// <summary>The bites that would come back if faking were detected, valid for <see cref="RevocableKey"/>.</summary>
    internal double[] RevocableLineFall { get; }
    internal double[] RevocableImportFall { get; }
    internal int RevocableKey { get; set; } = -1;

    /// <summary>The shares if what is revocable came back, and whether anything would, valid for <see cref="RevocableKey"/>.</summary>
    internal double[] RevocableShares { get; }
    internal bool RevocableAny { get; set; }

    /// <summary>Scratch for the bites a package's relief would lift.</summary>
    internal double[] PackageLineFall { get; }
    internal double[] PackageImportFall { get; }
    internal double[] Enforcement { get; }
    internal IncentiveStatus[] Status { get; }
    internal int[] DueQuarter { get; }
    internal int[] ReaskAt { get; }
    internal bool[] Refused { get; }
    internal double[] ZoneSupport { get; }
    internal double[] Amount { get; }

    /// <summary>[incentive]: <see cref="Valuation.ReformClosed"/> of its amount.</summary>
    internal double[] Closed { get; }
    internal int[] PhaseStart { get; }
    internal int[] PhaseDone { get; }
}

/// <summary>Workspaces for <see cref="EconomyLanes.Width"/> trajectories of one game and the economy lanes they share (<see cref="NegotiationGame.PlayGroup"/>).</summary>
public sealed class GameGroup
{
    public GameGroup(CompiledGame g)
    {
        Game = g;
        // The lanes share one memory of bites: a set of measures one trajectory meets, the next often meets too.
        var bites = new BiteMemo(g.Bites);
        Workspaces = [.. Enumerable.Range(0, EconomyLanes.Width).Select(_ => new GameWorkspace(g, bites))];
        Economy = new EconomyLanes([.. Workspaces.Select(w => w.Instruments)], [.. Workspaces.Select(w => w.Shocks)], [.. Workspaces.Select(w => w.Path)], fullPath: false);
    }

    public CompiledGame Game { get; }

    /// <summary>One workspace per lane; after <see cref="NegotiationGame.PlayGroup"/>, lane k's outcome is in <c>Workspaces[k].Outcome</c>.</summary>
    public ImmutableArray<GameWorkspace> Workspaces { get; }

    internal EconomyLanes Economy { get; }

    /// <summary>Event draws for play on streams (<see cref="NegotiationGame.PlayGroup"/>); made on first use, as the Monte Carlo brings its own, shared by the strategies.</summary>
    internal EventDraws[] Events => events ??= [.. Enumerable.Range(0, EconomyLanes.Width).Select(_ => new EventDraws(Game.Horizon))];

    private EventDraws[]? events;
}

/// <summary>Where an incentive stands.</summary>
public enum IncentiveStatus : byte
{
    /// <summary>Not yet due.</summary>
    Pending,

    /// <summary>Due and not yet delivered.</summary>
    Due,

    /// <summary>Delivered and in effect.</summary>
    Delivered,

    /// <summary>Delivered, then ended (breakdown or the provider's withdrawal).</summary>
    Ended,

    /// <summary>Never to be delivered (talks broke down first).</summary>
    Void,
}

/// <summary>Receives a trajectory's trace, one line per event, when <c>statecraft simulate --trace K</c> asks for it.</summary>
public interface ITraceSink
{
    void Quarter(int q, Quarter calendar);

    void Event(string text);
}

/// <summary>
/// The negotiation game of DESIGN.md §3.3, played quarter by quarter in lockstep with the economy
/// (docs/model.md, "Negotiation"). Each quarter: incentives fall due; provocations and elections
/// arrive; due incentives are delivered when the law, the consenting parties and the provider allow;
/// suspensions lapse or are renewed, snap back, or measures return through a new resolution; China's
/// enforcement moves; the economy advances one quarter; the North decides on its next step from the
/// value of what is offered against the step's security cost; cheating may be detected; trust is
/// updated from the delivery record. Pure: the outcome depends only on the compiled game, the draw,
/// the assumptions in the workspace and the random stream. The quarter's rules are in
/// <see cref="TrajectoryPlay"/>; here are the ways of playing them (one trajectory, or a group whose
/// economies share one vector step) and the valuation helpers the rules use.
/// </summary>
public static class NegotiationGame
{
    // Random slots per quarter (StreamRandom counters are quarter * SlotsPerQuarter + slot).
    internal const ulong SlotsPerQuarter = 1024;

    // The quarterly valuation error is a normal from two uniforms: its own stream, one draw per quarter.
    internal const ulong NoiseStream = 5;

    // The harvest shocks: one normal a year from their own stream.
    internal const ulong WeatherStream = 3;

    /// <summary>
    /// Plays one trajectory; results are in <c>w.Outcome</c>, the economy in <c>w.Path</c> (every series).
    /// The economy runs in the workspace's own lanes, all carrying this trajectory, so the numbers are those
    /// the trajectory gets in a group (<see cref="PlayGroup"/>).
    /// </summary>
    public static void Play(CompiledGame g, TrajectoryDraw draw, StreamRandom random, GameWorkspace w, ITraceSink? trace = null)
    {
        var events = w.SingleEvents;
        events.Reset(random);
        var play = w.Play;
        play.Begin(g, draw, events, w, trace);
        var economy = w.SingleLanes;
        economy.Reset(null, g.EconomyAtStart, g.OpennessAtStart.AsSpan());
        for (var q = 0; q < g.Horizon; q++)
        {
            play.Before(q);
            economy.Step(g.Economy, q, g.TrendByQuarter[q], g.PopulationByQuarter[q]);
            play.After(q, economy.Reform(0));
        }

        play.Finish();
    }

    /// <summary>
    /// Plays the first <paramref name="count"/> trajectories of a group together: each quarter every trajectory's
    /// game runs up to the economy step, the economies of all of them advance in one <see cref="EconomyLanes"/>
    /// step, and every game finishes its quarter. Each trajectory's result is what <see cref="Play"/> gives it alone,
    /// bit for bit (the lanes do not mix). Results are in the group's workspaces.
    /// </summary>
    public static void PlayGroup(GameGroup group, ReadOnlySpan<TrajectoryDraw> draws, ReadOnlySpan<StreamRandom> randoms, int count)
    {
        if (count < 1 || count > EconomyLanes.Width || randoms.Length < count) throw new ArgumentOutOfRangeException(nameof(count));
        for (var k = 0; k < count; k++) group.Events[k].Reset(randoms[k]);
        PlayGroupOn(group, draws, group.Events.AsSpan(), count);
    }

    /// <summary>
    /// <see cref="PlayGroup"/> on event draws
    /// already made (<see cref="EventDraws.Reset"/>), which strategies played on the same trajectories share.
    /// </summary>
    public static void PlayGroupOn(GameGroup group, ReadOnlySpan<TrajectoryDraw> draws, ReadOnlySpan<EventDraws> events, int count)
    {
        if (count < 1 || count > EconomyLanes.Width || draws.Length < count || events.Length < count) throw new ArgumentOutOfRangeException(nameof(count));
        var g = group.Game;
        for (var k = 0; k < count; k++)
        {
            if (events[k].Quarters < g.Horizon) throw new ArgumentException($"event draws for {events[k].Quarters} quarters cannot serve a horizon of {g.Horizon}", nameof(events));
        }

        var workspaces = group.Workspaces;
        for (var k = 0; k < count; k++) workspaces[k].Play.Begin(g, draws[k], events[k], workspaces[k], null);
        var economy = group.Economy;
        economy.Reset(null, g.EconomyAtStart, g.OpennessAtStart.AsSpan());
        for (var q = 0; q < g.Horizon; q++)
        {
            for (var k = 0; k < count; k++) workspaces[k].Play.Before(q);
            economy.Step(g.Economy, q, g.TrendByQuarter[q], g.PopulationByQuarter[q]);
            for (var k = 0; k < count; k++) workspaces[k].Play.After(q, economy.Reform(k));
        }

        for (var k = 0; k < count; k++) workspaces[k].Play.Finish();
    }

    /// <summary>
    /// Present value, to a North faking a step, of the perceived package <paramref name="value"/> (USD m a
    /// year) received until the faking is detected (chance <paramref name="detection"/> a quarter), minus the
    /// loss <paramref name="atRisk"/> (USD m a year) of what snaps back or ends from detection on. Falls as
    /// detection rises. In quarter-years of USD m a year.
    /// </summary>
    public static double CheatValue(double value, double atRisk, double detection, double discount)
    {
        var survive = discount * (1.0 - detection);
        var whileHidden = 1.0 / (1.0 - survive);
        var afterDetection = (discount / (1.0 - discount)) - (survive / (1.0 - survive));
        return (value * whileHidden) - (atRisk * afterDetection);
    }

    /// <summary>Present value of taking the step honestly: the package for ever, less the step's security cost for ever.</summary>
    public static double HonestValue(double value, double cost, double discount) => (value - cost) / (1.0 - discount);

    internal static string Describe(BreakdownCause cause) => cause switch
    {
        BreakdownCause.CheatingDetected => "cheating detected",
        BreakdownCause.Provocation => "a provocation violated the phase's conditions",
        BreakdownCause.Walkout => "the North walked out",
        BreakdownCause.PartyWithdrew => "a party to the roadmap walked away from it",
        BreakdownCause.Stalled => "the talks stalled",
        _ => "none",
    };

    public static string Name(BreakdownCause cause) => cause switch
    {
        BreakdownCause.CheatingDetected => "cheating_detected",
        BreakdownCause.Provocation => "provocation",
        BreakdownCause.Walkout => "walkout",
        BreakdownCause.PartyWithdrew => "party_withdrew",
        BreakdownCause.Stalled => "stalled",
        _ => "none",
    };

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static Provider ProviderOf(ActorId actor) => actor switch
    {
        ActorId.Us => Provider.Us,
        ActorId.SouthKorea => Provider.SouthKorea,
        ActorId.Japan => Provider.Japan,
        ActorId.China => Provider.China,
        ActorId.Russia => Provider.Russia,
        _ => Provider.Multilateral,
    };

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static ActorId ActorOf(Provider provider) => provider switch
    {
        Provider.Us => ActorId.Us,
        Provider.SouthKorea => ActorId.SouthKorea,
        Provider.Japan => ActorId.Japan,
        Provider.China => ActorId.China,
        _ => ActorId.Russia,
    };

    /// <summary>Draws the consent an incentive needs; returns who refused, or null when everyone agreed.</summary>
    internal static string? Consent(CompiledGame g, CompiledIncentive inc, GameWorkspace w, StreamRandom random, ulong slot, int withdrawn, bool complete)
    {
        bool Has(Sanctions.ConsentParty party) => (inc.ConsentMask & (1 << (int)party)) != 0;
        bool Agrees(ActorId actor, ulong offset) =>
            (withdrawn & (1 << (int)ProviderOf(actor))) == 0 && random.Uniform(slot + offset) < Hot(w, actor, HotParameter.ConsentPropensity);

        if (Has(Sanctions.ConsentParty.Unsc) || Has(Sanctions.ConsentParty.Committee1718))
        {
            if (!Agrees(ActorId.China, 0)) return "China (UN Security Council / 1718 Committee)";
            if (!Agrees(ActorId.Russia, 1)) return "Russia (UN Security Council / 1718 Committee)";
            if (!Agrees(ActorId.Us, 2)) return "the US (UN Security Council / 1718 Committee)";
        }

        if (Has(Sanctions.ConsentParty.UsExecutive) && !Agrees(ActorId.Us, 2)) return "the US executive";
        if (Has(Sanctions.ConsentParty.UsCongress) && random.Uniform(slot + 5) >= (complete ? 1.0 : g.Game.CongressCertification))
            return "no certification under the statutes (US Congress)";
        if (Has(Sanctions.ConsentParty.RokGovernment) && !Agrees(ActorId.SouthKorea, 3)) return "the South Korean government";
        if (Has(Sanctions.ConsentParty.JapanGovernment) && !Agrees(ActorId.Japan, 4)) return "the Japanese government";
        if (Has(Sanctions.ConsentParty.WtoMembers) && random.Uniform(slot + 6) >= g.Game.WtoConsensus) return "WTO members (no consensus)";
        return null;
    }

    /// <summary>
    /// One harvest shock a year, the trajectory's weather draws, on top of scheduled failures; none for the quarters
    /// of a start year history has begun, which keep history's harvest (<see cref="CompiledGame.ScheduledWeather"/>).
    /// </summary>
    internal static void FillWeather(CompiledGame g, EventDraws events, Shocks shocks)
    {
        var sd = g.Economy.WeatherSd;
        for (var q = g.FirstDrawnWeatherQuarter; q < shocks.Quarters; q++)
        {
            // The four quarters of a year share its shock: one normal a year, not one a quarter.
            shocks.Weather[q] += sd * events.Weather((g.FirstQuarterNumber - 1 + q) / 4);
        }
    }

    /// <summary>This trajectory's value of one of the actor parameters the game reads every quarter.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static double Hot(GameWorkspace w, ActorId actor, HotParameter k) => w.ActorValues[((int)actor * CompiledGame.HotParameters.Length) + (int)k];

    /// <summary>Whether a delivered incentive of this kind sets a development instrument or opens a project's line (<see cref="SetDevelopment"/>).</summary>
    internal static bool SetsDevelopment(IncentiveKind kind) => kind is IncentiveKind.TechnicalAssistance or IncentiveKind.HumanitarianAid
        or IncentiveKind.DevelopmentFinance or IncentiveKind.RailRoadReconnection or IncentiveKind.KaesongReopening
        or IncentiveKind.MountKumgangTourism or IncentiveKind.SezSupport;

    /// <summary>
    /// Development instruments and project openings for quarter <paramref name="q"/>, from the delivered incentives
    /// in <paramref name="delivered"/> (those <see cref="SetsDevelopment"/>, in listing order) and whether an accession
    /// track is in effect.
    /// </summary>
    internal static void SetDevelopment(CompiledGame g, GameWorkspace w, ReadOnlySpan<int> delivered, bool accessionActive, int q, int accessionStart, bool reformWilling, Span<double> lineBite)
    {
        var game = g.Game;
        var p = g.Economy;
        var ins = w.Instruments;
        double assistance = 0, aid = 0, zoneWages = 0, directHire = 0, sourcing = 0, kaesong = 0;
        foreach (var i in delivered)
        {
            var inc = g.Incentives[i];
            switch (inc.Kind)
            {
                case IncentiveKind.TechnicalAssistance:
                    assistance += w.Amount[i];
                    break;
                case IncentiveKind.HumanitarianAid or IncentiveKind.DevelopmentFinance or IncentiveKind.RailRoadReconnection:
                    aid += w.Amount[i];
                    break;
                case IncentiveKind.KaesongReopening:
                    lineBite[Exposure.At(ExportLine.SezOutput, Partner.SouthKorea)] = 0.0;
                    kaesong = p.PotentialMusd[Exposure.At(ExportLine.SezOutput, Partner.SouthKorea)];
                    break;
                case IncentiveKind.MountKumgangTourism:
                    lineBite[Exposure.At(ExportLine.Tourism, Partner.SouthKorea)] = 0.0;
                    break;
                case IncentiveKind.SezSupport:
                {
                    w.ZoneSupport[i] += w.Amount[i] / 4.0;
                    var wages = Math.Min(game.ZoneWageYield * w.ZoneSupport[i], game.ZoneWageCapMusd);
                    ins.ZoneWagesMusd[(q * Exposure.Partners) + (int)inc.ZonePartner] += wages;
                    zoneWages += wages;
                    if (inc.DirectHire) directHire += wages;
                    if (inc.DomesticSourcing) sourcing += wages;
                    break;
                }
            }
        }

        ins.TechnicalAssistance[q] = Math.Min(1.0, assistance / game.TechnicalAssistanceFullMusd);
        ins.ExtraAidMusd[q] = aid;
        var sezWages = zoneWages + kaesong;
        ins.DirectHire[q] = sezWages > 0 ? directHire / sezWages : 0.0;
        ins.DomesticSourcing[q] = sezWages > 0 ? sourcing / sezWages : 0.0;
        // Milestones come only while the accession track is in effect (not after a breakdown or a sponsor's withdrawal).
        var since = q - accessionStart;
        ins.AccessionMilestone[q] = accessionActive && accessionStart >= 0 && reformWilling && since > 0 && since % (int)Math.Max(1, game.AccessionMilestoneQuarters) == 0
            ? game.AccessionMilestoneGain
            : 0.0;
    }

    /// <summary>Foreign exchange the measures in force block, USD m a year at 2016 potential.</summary>
    internal static double Blocked(EconomyParameters p, ReadOnlySpan<double> lineBite, ReadOnlySpan<double> enforcement)
    {
        double blocked = 0;
        for (var l = 0; l < Exposure.Lines; l++)
        {
            for (var r = 0; r < Exposure.Partners; r++)
            {
                var i = (l * Exposure.Partners) + r;
                blocked += p.PotentialMusd[i] * lineBite[i] * enforcement[r];
            }
        }

        return blocked;
    }

    /// <summary>
    /// What completing the current phase buys: its incentives delivered on verified steps, and the
    /// next phase's incentives that come with that phase's start (upfront) or on a timer.
    /// </summary>
    internal static bool Unlocked(CompiledIncentive inc, int phase) =>
        (inc.Phase == phase && inc.Rule == SequencingRule.OnVerifiedStep)
        || (inc.Phase == phase + 1 && inc.Rule != SequencingRule.OnVerifiedStep);

    /// <summary>Gains from the relief the current phase's steps unlock (not yet delivered).</summary>
    internal static (double Regime, double Household) PackageRelief(CompiledGame g, GameWorkspace w, int phase, int q, (double Lambda, double Rationing, double GdpMusd) foreignExchange)
    {
        w.Shares.CopyTo(w.AfterShares, 0);
        var any = false;
        for (var i = 0; i < g.Incentives.Length; i++)
        {
            var inc = g.Incentives[i];
            if (!Unlocked(inc, phase) || inc.Kind != IncentiveKind.SanctionsRelief
                || inc.Route == Sanctions.ReliefRoute.Exemption || w.Status[i] is not (IncentiveStatus.Pending or IncentiveStatus.Due))
                continue;
            foreach (var m in inc.Measures)
            {
                w.AfterShares[m] = 0.0;
                any = true;
            }
        }

        if (!any) return (0.0, 0.0);
        return ReliefGain(g, w, q, w.AfterShares, w.Shares, foreignExchange);
    }

    /// <summary>Gains of going from the measures in <paramref name="from"/> to those in <paramref name="to"/> (bites that fall).</summary>
    internal static (double Regime, double Household) ReliefGain(CompiledGame g, GameWorkspace w, int q, double[] to, double[] from, (double Lambda, double Rationing, double GdpMusd) foreignExchange)
    {
        var lineFall = w.PackageLineFall;
        var importFall = w.PackageImportFall;
        Valuation.BiteFall(w.Bites, from, to, g.Start.Ordinal + q, lineFall, importFall);
        return Valuation.Relief(g.Economy, g.MeanInputElasticity, lineFall, importFall, w.Enforcement, g.BorderClosure[q], g.TrendByQuarter[q], foreignExchange);
    }

    /// <summary>Gains from the development and project incentives the current phase offers for its steps (<paramref name="offered"/>, in listing order: those <see cref="Unlocked"/>, pending or due, not relief, and not reform-conditioned for an unwilling North).</summary>
    internal static (double Regime, double Household) PackageDevelopment(
        CompiledGame g, GameWorkspace w, ReadOnlySpan<int> offered, bool reformWilling, double reform, double trend, ReadOnlySpan<double> lineBite,
        (double Lambda, double Rationing, double GdpMusd) foreignExchange)
    {
        double regime = 0, households = 0;
        foreach (var i in offered)
        {
            var (r, h) = Valuation.Development(g, g.Incentives[i], w.Amount[i], w.Closed[i], reformWilling, reform, trend, lineBite, foreignExchange);
            regime += r;
            households += h;
        }

        return (regime, households);
    }

    /// <summary>What the North would lose if faking were detected: relief that snaps back or lapses, and the development that ends.</summary>
    internal static double DeliveredRevocableValue(
        CompiledGame g, GameWorkspace w, ReadOnlySpan<int> revocable, TrajectoryDraw draw, double reform, double trend, ReadOnlySpan<double> lineBite, int q, int biteKey, bool anyRelieved,
        (double Lambda, double Rationing, double GdpMusd) foreignExchange)
    {
        // What would come back depends only on what is relieved (biteKey moves with every change) and, during a
        // phase-in, on the quarter: the set and its bites are kept from decision to decision while nothing changes.
        var ordinal = g.Start.Ordinal + q;
        var fresh = w.RevocableKey != biteKey;
        if (fresh)
        {
            var any = false;
            if (anyRelieved) w.Shares.CopyTo(w.RevocableShares, 0);
            var relievable = anyRelieved ? g.RelievableMeasures.AsSpan() : [];
            foreach (var m in relievable)
            {
                if (w.Relieved[m] == 1 && (w.SnapbackArmed[m] || w.SuspendedUntil[m] >= 0))
                {
                    w.RevocableShares[m] = g.InForceAtStart[m];
                    any = true;
                }
            }

            w.RevocableAny = any;
            w.RevocableKey = biteKey;
        }

        double regime = 0, households = 0;
        if (w.RevocableAny)
        {
            if (fresh || ordinal < g.Bites.PhaseInEndOrdinal)
                Valuation.BiteFall(w.Bites, w.RevocableShares, w.Shares, ordinal, w.RevocableLineFall, w.RevocableImportFall);
            (regime, households) = Valuation.Relief(g.Economy, g.MeanInputElasticity, w.RevocableLineFall, w.RevocableImportFall, w.Enforcement, g.BorderClosure[q], g.TrendByQuarter[q], foreignExchange);
        }

        // The delivered development that would end: not relief and not humanitarian aid, in listing order.
        foreach (var i in revocable)
        {
            var (r, h) = Valuation.Development(g, g.Incentives[i], w.Amount[i], w.Closed[i], draw.ReformWilling, reform, trend, lineBite, foreignExchange);
            regime += r;
            households += h;
        }

        return Valuation.Weighted(g.Game, draw.Type, regime, households);
    }

    /// <summary>Final-year outcomes from the economy path.</summary>
    internal static void Summarise(CompiledGame g, GameWorkspace w, double leverageStart)
    {
        var path = w.Path;
        var o = w.Outcome;
        var horizon = g.Horizon;
        var n = Math.Min(4, horizon);
        double gdp = 0, hh = 0, hhMusd = 0, regime = 0, china = 0, trade = 0;
        for (var q = horizon - n; q < horizon; q++)
        {
            gdp += path.GdpIndex[q];
            hh += path.HouseholdIncomeIndex[q];
            hhMusd += path.HouseholdIncomeMusd[q];
            regime += path.RegimeRevenueMusd[q];
            china += path.ChinaTradeMusd[q];
            trade += path.RecordedExportsMusd[q] + path.RecordedImportsMusd[q];
        }

        var year = 4.0 / n;
        o.GdpIndex = 100.0 * gdp / n / g.GdpBase2018;
        o.HouseholdIncomeIndex = 100.0 * hh / n / g.HouseholdBase2018;
        o.RegimeRevenueBusd = regime * year / 1000.0;
        o.ChinaSharePct = trade > 0 ? 100.0 * china / trade : 0.0;
        o.ReformIndex = path.ReformIndex[horizon - 1];
        // Households gain only when their income per person rises: total household income grows with the population
        // even while each household gets poorer, and counting that as a gain called a fall in living standards
        // "inclusive". The base year's income per person is therefore taken at the final year's population.
        double population = 0;
        for (var q = horizon - n; q < horizon; q++) population += g.PopulationByQuarter[q];
        var gainHouseholds = (hhMusd * year) - (g.HouseholdBaseYearMusd * (population / n) / g.PopulationBaseYear);
        var gainRegime = (regime * year) - g.RegimeBaseYearMusd;
        o.HouseholdGainMusd = gainHouseholds;
        o.RegimeGainMusd = gainRegime;
        // Of the gains, the households' share: a side that lost counts as gaining nothing, so the share stays in [0, 1];
        // with no gain on either side there is nothing to share, and the share is undefined (left out of the summaries).
        var h = Math.Max(gainHouseholds, 0.0);
        var r = Math.Max(gainRegime, 0.0);
        o.Inclusiveness = h + r > 0 ? h / (h + r) : double.NaN;
        var last = horizon - 1;
        var lines = Exposure.Lines * Exposure.Partners;
        var blocked = Blocked(g.Economy, w.Instruments.LineBite.AsSpan(last * lines, lines), w.Instruments.Enforcement.AsSpan(last * Exposure.Partners, Exposure.Partners));
        o.LeveragePct = leverageStart > 0 ? 100.0 * blocked / leverageStart : 0.0;
    }
}
