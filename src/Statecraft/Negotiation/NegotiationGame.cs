using System.Collections.Immutable;
using System.Globalization;
using Statecraft.Economy;
using Statecraft.Scenarios;

namespace Statecraft.Negotiation;

/// <summary>Why talks broke down.</summary>
public enum BreakdownCause
{
    None,

    /// <summary>Cheating on a claimed step was detected.</summary>
    CheatingDetected,

    /// <summary>A provocation violated a condition of the current phase.</summary>
    Provocation,

    /// <summary>The North walked out when its trust in deliveries fell below the walk-out level.</summary>
    Walkout,
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

    /// <summary>Quarter index of the breakdown, or -1.</summary>
    public int BreakdownQuarter { get; internal set; }

    public BreakdownCause Cause { get; internal set; }

    /// <summary>Final-year GDP, 2018 = 100.</summary>
    public double GdpIndex { get; internal set; }

    /// <summary>Final-year household income per person, 2018 = 100.</summary>
    public double HouseholdIncomeIndex { get; internal set; }

    /// <summary>Final-year regime hard-currency revenue, USD bn.</summary>
    public double RegimeRevenueBusd { get; internal set; }

    /// <summary>China's share of recorded trade in the final year, %.</summary>
    public double ChinaSharePct { get; internal set; }

    /// <summary>Households' share of the income gained between the year before the start and the final year; NaN when there is no net gain.</summary>
    public double Inclusiveness { get; internal set; }

    /// <summary>Reform index at the end, 0..1.</summary>
    public double ReformIndex { get; internal set; }

    /// <summary>Foreign exchange the measures in force block at the end, % of what they blocked at the start.</summary>
    public double LeveragePct { get; internal set; }

    /// <summary>Incentives delivered.</summary>
    public int Delivered { get; internal set; }

    /// <summary>[quarter]: GDP, 2018 = 100.</summary>
    public double[] GdpPath { get; }

    /// <summary>[quarter]: number of steps verified so far.</summary>
    public int[] StepPath { get; }
}

/// <summary>Everything one worker reuses from trajectory to trajectory, so the game allocates nothing.</summary>
public sealed class GameWorkspace
{
    public GameWorkspace(CompiledGame g)
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
        Bites = new BiteMemo(g.Bites);
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
        SingleLanes = new EconomyLanes(Instruments, Shocks, Path);
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

    /// <summary>Economy lanes that all carry this one trajectory (<see cref="NegotiationGame.Play"/>).</summary>
    internal EconomyLanes SingleLanes { get; }

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
        Workspaces = [.. Enumerable.Range(0, EconomyLanes.Width).Select(_ => new GameWorkspace(g))];
        Economy = new EconomyLanes([.. Workspaces.Select(w => w.Instruments)], [.. Workspaces.Select(w => w.Shocks)], [.. Workspaces.Select(w => w.Path)], fullPath: false);
    }

    public CompiledGame Game { get; }

    /// <summary>One workspace per lane; after <see cref="NegotiationGame.PlayGroup"/>, lane k's outcome is in <c>Workspaces[k].Outcome</c>.</summary>
    public ImmutableArray<GameWorkspace> Workspaces { get; }

    internal EconomyLanes Economy { get; }
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
/// the assumptions in the workspace and the random stream.
/// </summary>
public static class NegotiationGame
{
    // Random slots per quarter (StreamRandom counters are quarter * SlotsPerQuarter + slot).
    internal const ulong SlotsPerQuarter = 1024;

    // The quarterly valuation error is a normal from two uniforms: its own stream, one draw per quarter.
    internal const ulong NoiseStream = 5;

    /// <summary>Plays one trajectory; results are in <c>w.Outcome</c>, the economy in <c>w.Path</c>.</summary>
    public static void Play(CompiledGame g, TrajectoryDraw draw, StreamRandom random, GameWorkspace w, ITraceSink? trace = null)
    {
        var play = w.Play;
        play.Begin(g, draw, random, w, trace);
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
        if (count < 1 || count > EconomyLanes.Width || draws.Length < count || randoms.Length < count) throw new ArgumentOutOfRangeException(nameof(count));
        var g = group.Game;
        var workspaces = group.Workspaces;
        for (var k = 0; k < count; k++) workspaces[k].Play.Begin(g, draws[k], randoms[k], workspaces[k], null);
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
        _ => "none",
    };

    public static string Name(BreakdownCause cause) => cause switch
    {
        BreakdownCause.CheatingDetected => "cheating_detected",
        BreakdownCause.Provocation => "provocation",
        BreakdownCause.Walkout => "walkout",
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

    /// <summary>One harvest shock a year, drawn from the trajectory's weather stream, on top of scheduled failures.</summary>
    internal static void FillWeather(CompiledGame g, StreamRandom random, Shocks shocks)
    {
        var weather = random.Derive(3);
        var sd = g.Economy.WeatherSd;
        var drawn = -1;
        var shock = 0.0;
        for (var q = 0; q < shocks.Quarters; q++)
        {
            // The four quarters of a year share its shock: one normal a year, not one a quarter.
            var year = (g.FirstQuarterNumber - 1 + q) / 4;
            if (year != drawn)
            {
                shock = sd * weather.Normal((ulong)year);
                drawn = year;
            }

            shocks.Weather[q] += shock;
        }
    }

    /// <summary>True when some incentive has the status (one vectorised scan of the status bytes).</summary>
    internal static bool Any(IncentiveStatus[] status, IncentiveStatus s) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<IncentiveStatus, byte>(status.AsSpan()).IndexOf((byte)s) >= 0;

    /// <summary>This trajectory's value of one of the actor parameters the game reads every quarter.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static double Hot(GameWorkspace w, ActorId actor, HotParameter k) => w.ActorValues[((int)actor * CompiledGame.HotParameters.Length) + (int)k];

    /// <summary>Development instruments and project openings for quarter <paramref name="q"/>, from the incentives in effect.</summary>
    internal static void SetDevelopment(CompiledGame g, GameWorkspace w, int q, int accessionStart, bool reformWilling, Span<double> lineBite)
    {
        var game = g.Game;
        var p = g.Economy;
        var ins = w.Instruments;
        double assistance = 0, aid = 0, zoneWages = 0, directHire = 0, sourcing = 0, kaesong = 0;
        for (var i = 0; i < g.Incentives.Length; i++)
        {
            if (w.Status[i] != IncentiveStatus.Delivered) continue;
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
        var accessionActive = false;
        for (var i = 0; i < g.Incentives.Length; i++)
        {
            if (g.Incentives[i].Kind == IncentiveKind.WtoAccessionTrack && w.Status[i] == IncentiveStatus.Delivered) accessionActive = true;
        }

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
    internal static (double Regime, double Household) PackageRelief(CompiledGame g, GameWorkspace w, int phase, int q)
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
        return ReliefGain(g, w, q, w.AfterShares, w.Shares);
    }

    /// <summary>Gains of going from the measures in <paramref name="from"/> to those in <paramref name="to"/> (bites that fall).</summary>
    internal static (double Regime, double Household) ReliefGain(CompiledGame g, GameWorkspace w, int q, double[] to, double[] from)
    {
        var lineFall = w.PackageLineFall;
        var importFall = w.PackageImportFall;
        Valuation.BiteFall(w.Bites, from, to, g.Start.Ordinal + q, lineFall, importFall);
        return Valuation.Relief(g.Economy, lineFall, importFall, w.Enforcement, g.BorderClosure[q], g.TrendByQuarter[q], w.Path, q);
    }

    /// <summary>Gains from the development and project incentives the current phase offers for its steps.</summary>
    internal static (double Regime, double Household) PackageDevelopment(
        CompiledGame g, GameWorkspace w, int phase, bool reformWilling, double reform, double trend, ReadOnlySpan<double> lineBite, int q)
    {
        double regime = 0, households = 0;
        var foreignExchange = Valuation.ForeignExchangeValue(g.Economy, w.Path, q);
        for (var i = 0; i < g.Incentives.Length; i++)
        {
            var inc = g.Incentives[i];
            if (!Unlocked(inc, phase) || inc.Kind is IncentiveKind.SanctionsRelief or IncentiveKind.JointVentureCarveOut
                || w.Status[i] is not (IncentiveStatus.Pending or IncentiveStatus.Due) || (inc.ReformCondition && !reformWilling))
                continue;
            var (r, h) = Valuation.Development(g, inc, w.Amount[i], w.Closed[i], reformWilling, reform, trend, lineBite, foreignExchange);
            regime += r;
            households += h;
        }

        return (regime, households);
    }

    /// <summary>What the North would lose if faking were detected: relief that snaps back or lapses, and the development that ends.</summary>
    internal static double DeliveredRevocableValue(CompiledGame g, GameWorkspace w, TrajectoryDraw draw, double reform, double trend, ReadOnlySpan<double> lineBite, int q, int biteKey, bool anyRelieved)
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
            (regime, households) = Valuation.Relief(g.Economy, w.RevocableLineFall, w.RevocableImportFall, w.Enforcement, g.BorderClosure[q], g.TrendByQuarter[q], w.Path, q);
        }

        var foreignExchange = Valuation.ForeignExchangeValue(g.Economy, w.Path, q);
        for (var i = 0; i < g.Incentives.Length; i++)
        {
            var inc = g.Incentives[i];
            if (w.Status[i] != IncentiveStatus.Delivered || inc.Kind is IncentiveKind.SanctionsRelief or IncentiveKind.JointVentureCarveOut or IncentiveKind.HumanitarianAid)
                continue;
            var (r, h) = Valuation.Development(g, inc, w.Amount[i], w.Closed[i], draw.ReformWilling, reform, trend, lineBite, foreignExchange);
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
        var gainHouseholds = (hhMusd * year) - g.HouseholdBaseYearMusd;
        var gainRegime = (regime * year) - g.RegimeBaseYearMusd;
        // Of the gains, the households' share: a side that lost counts as gaining nothing, so the share stays in [0, 1].
        var h = Math.Max(gainHouseholds, 0.0);
        var r = Math.Max(gainRegime, 0.0);
        o.Inclusiveness = h + r > 0 ? h / (h + r) : double.NaN;
        var last = horizon - 1;
        var lines = Exposure.Lines * Exposure.Partners;
        var blocked = Blocked(g.Economy, w.Instruments.LineBite.AsSpan(last * lines, lines), w.Instruments.Enforcement.AsSpan(last * Exposure.Partners, Exposure.Partners));
        o.LeveragePct = leverageStart > 0 ? 100.0 * blocked / leverageStart : 0.0;
    }
}

/// <summary>
/// One trajectory of <see cref="NegotiationGame"/> in play: the game's state between quarters, and each quarter
/// split at the economy step, so that a group of trajectories can advance their economies together in one
/// <see cref="EconomyLanes"/> step (<see cref="NegotiationGame.PlayGroup"/>). Reused from trajectory to trajectory.
/// </summary>
internal sealed class TrajectoryPlay
{
    private const int SlotMajor = 0, SlotMinor = 1, SlotElection = 2, SlotReversal = 5, SlotDetect = 10,
        SlotReimposeChina = 11, SlotReimposeRussia = 12, SlotIncentives = 32, SlotsPerIncentive = 8;

    private const ulong SlotsPerQuarter = NegotiationGame.SlotsPerQuarter;
    private const ulong NoiseStream = NegotiationGame.NoiseStream;
    private static readonly int lines = Exposure.Lines * Exposure.Partners;

    private static readonly ActorId[] ElectoralActors = [ActorId.Us, ActorId.SouthKorea, ActorId.Japan];

    private CompiledGame g = null!;
    private GameParameters game = null!;
    private EconomyParameters p = null!;
    private GameWorkspace w = null!;
    private TrajectoryOutcome o = null!;
    private InstrumentPath instruments = null!;
    private ITraceSink? trace;
    private TrajectoryDraw draw;
    private StreamRandom random;
    private ImmutableArray<CompiledIncentive> incentives;
    private ImmutableArray<CompiledPhase> phases;
    private CompiledPhase? current;
    private int horizon, type, phase, stepInPhase, busyUntil, verified, breakdown, withdrawn, accessionStart, delivered, now;
    private int biteVersion, biteKey, packageKey;
    private BreakdownCause cause;
    private bool cheating, detected, moratorium, startBites;
    private double kept, missed, chinaBoost, cheatDetection, leverageStart, chinaBase, southEnforcement, provocationRate, yongbyon;
    private (double Regime, double Household) packageRelief;

    // How many incentives have each status, kept with every change, so a quarter skips loops that would find none.
    private readonly int[] statusCount = new int[Enum.GetValues<IncentiveStatus>().Length];

    // Whether any measure is relieved, valid while biteKey equals relievedKey (every change of relief moves biteKey).
    private int relievedKey;
    private bool relievedAny;

    /// <summary>Resets the workspace and the game's state for a new trajectory.</summary>
    public void Begin(CompiledGame g, TrajectoryDraw draw, StreamRandom random, GameWorkspace w, ITraceSink? trace)
    {
        this.g = g;
        this.draw = draw;
        this.random = random;
        this.w = w;
        this.trace = trace;
        game = g.Game;
        p = g.Economy;
        horizon = g.Horizon;
        var a = (ReadOnlySpan<double>)w.Assumptions;
        type = (int)draw.Type;
        o = w.Outcome;
        incentives = g.Incentives;
        phases = g.Phases;

        // ---- reset
        g.InForceAtStart.CopyTo(w.Shares);
        Array.Fill(w.SuspendedUntil, -1);
        Array.Clear(w.SnapbackArmed);
        w.RevocableKey = -1;
        Array.Clear(w.Relieved);
        Array.Fill(w.Status, IncentiveStatus.Pending);
        Array.Fill(w.DueQuarter, -1);
        Array.Fill(w.ReaskAt, 0);
        Array.Clear(w.Refused);
        Array.Clear(w.ZoneSupport);
        Array.Fill(w.PhaseStart, -1);
        Array.Fill(w.PhaseDone, -1);
        Array.Fill(o.StepQuarter, -1);
        o.Cheated = false;
        o.CheatingDetected = false;
        o.CompleteHonest = false;
        for (var i = 0; i < incentives.Length; i++)
        {
            w.Amount[i] = incentives[i].Amount.Value(a);
            w.Closed[i] = Valuation.ReformClosed(g, incentives[i].Kind, w.Amount[i]);
        }

        for (var k = 0; k < w.ActorValues.Length; k++) w.ActorValues[k] = g.HotActorParameters[k].Value(a);
        for (var q = 0; q < horizon; q++) w.Shocks.Weather[q] = g.ScheduledWeather[q];
        NegotiationGame.FillWeather(g, random, w.Shocks);
        instruments = w.Instruments;
        Array.Clear(instruments.TechnicalAssistance);
        Array.Clear(instruments.AccessionMilestone);
        Array.Clear(instruments.DirectHire);
        Array.Clear(instruments.DomesticSourcing);
        Array.Clear(instruments.ExtraAidMusd);
        Array.Clear(instruments.ZoneWagesMusd);

        chinaBase = NegotiationGame.Hot(w, ActorId.China, HotParameter.Enforcement);
        southEnforcement = NegotiationGame.Hot(w, ActorId.SouthKorea, HotParameter.Enforcement);
        provocationRate = NegotiationGame.Hot(w, ActorId.NorthKorea, HotParameter.ProvocationRate);
        yongbyon = g.YongbyonCostMusd * game.SecurityMultiplier[type];

        phase = 0;
        stepInPhase = 0;
        busyUntil = -1;
        verified = 0;
        breakdown = -1;
        withdrawn = 0;
        accessionStart = -1;
        delivered = 0;
        cause = BreakdownCause.None;
        cheating = false;
        detected = false;
        moratorium = false;
        kept = game.TrustPriorKept;
        missed = game.TrustPriorMissed;
        chinaBoost = 0;
        cheatDetection = 0;
        leverageStart = 0;
        biteVersion = -1;
        startBites = true;
        biteKey = 0;
        packageKey = -1;
        packageRelief = (Regime: 0.0, Household: 0.0);
        w.PhaseStart[0] = phases.IsEmpty ? -1 : 0;

        now = 0;
        Array.Clear(statusCount);
        statusCount[(int)IncentiveStatus.Pending] = incentives.Length;
        relievedKey = -1;
    }

    private void SetStatus(int i, IncentiveStatus status)
    {
        statusCount[(int)w.Status[i]]--;
        statusCount[(int)status]++;
        w.Status[i] = status;
    }

    /// <summary>True when some measure is relieved (suspended, terminated or awaiting a new resolution).</summary>
    private bool AnyRelieved()
    {
        if (relievedKey != biteKey)
        {
            relievedAny = w.Relieved.AsSpan().IndexOfAnyExcept((byte)0) >= 0;
            relievedKey = biteKey;
        }

        return relievedAny;
    }

    /// <summary>Quarter <paramref name="q"/> up to the economy step: events, deliveries, relief and enforcement, and the quarter's instruments.</summary>
    public void Before(int q)
    {
        now = q;
        var ordinal = g.Start.Ordinal + q;
        var alive = breakdown < 0;
        trace?.Quarter(q, g.Start.Plus(q));
        var counter = (ulong)q * SlotsPerQuarter;
        current = phase < phases.Length ? phases[phase] : null;

        // ---- phases without steps complete at once
        while (alive && current is not null && current.Steps.IsEmpty && w.PhaseStart[phase] >= 0 && w.PhaseStart[phase] <= q && w.PhaseDone[phase] < 0)
        {
            w.PhaseDone[phase] = q;
            phase++;
            stepInPhase = 0;
            if (phase < phases.Length) w.PhaseStart[phase] = q;
            current = phase < phases.Length ? phases[phase] : null;
        }

        // ---- incentives falling due (the status scans skip loops that would find nothing, most quarters)
        if (alive && (statusCount[(int)IncentiveStatus.Pending] > 0))
        {
            for (var i = 0; i < incentives.Length; i++)
            {
                if (w.Status[i] != IncentiveStatus.Pending) continue;
                var inc = incentives[i];
                var start = w.PhaseStart[inc.Phase];
                if (start < 0 || start > q) continue;
                var due = inc.Rule switch
                {
                    SequencingRule.Upfront => true,
                    SequencingRule.AfterQuarters => start + inc.AfterQuarters <= q,
                    _ when inc.TriggerStep >= 0 => o.StepQuarter[inc.TriggerStep] >= 0 && o.StepQuarter[inc.TriggerStep] < q,
                    _ => w.PhaseDone[inc.Phase] >= 0 && w.PhaseDone[inc.Phase] < q,
                };
                if (!due) continue;
                SetStatus(i, IncentiveStatus.Due);
                w.DueQuarter[i] = q;
                trace?.Event($"due: {inc.Id} ({Documents.YamlName.Of(inc.Kind)}, {Documents.YamlName.Of(inc.Provider)})");
            }
        }

        // ---- provocations
        // The base rate is the rate absent any agreement: while talks last, a verified moratorium or a
        // phase that binds the North not to test stops major tests (breaking one is a choice to end talks).
        var testsPossible = !alive || !(moratorium || (current is not null && (current.Has(Condition.NoNuclearTest) || current.Has(Condition.NoMissileTest))));
        var major = testsPossible && random.Uniform(counter + SlotMajor) < provocationRate * game.ProvocationFactor[type];
        var minor = random.Uniform(counter + SlotMinor) < game.MinorProvocationRate * game.ProvocationFactor[type];
        if (major)
        {
            chinaBoost += game.ChinaProvocationResponse;
            trace?.Event("major provocation (nuclear test or long-range launch); China tightens enforcement");
        }

        if (minor) trace?.Event("minor provocation (short-range launch or border incident)");
        if (alive && current is not null && ((major && (current.Has(Condition.NoNuclearTest) || current.Has(Condition.NoMissileTest) || current.Has(Condition.NoProvocation)))
            || (minor && current.Has(Condition.NoProvocation))))
        {
            Break(BreakdownCause.Provocation);
        }

        // ---- elections in the US, South Korea and Japan
        for (var e = 0; e < ElectoralActors.Length; e++)
        {
            var actor = ElectoralActors[e];
            var provider = NegotiationGame.ProviderOf(actor);
            if ((withdrawn & (1 << (int)provider)) != 0) continue;
            if (random.Uniform(counter + (ulong)(SlotElection + e)) >= NegotiationGame.Hot(w, actor, HotParameter.ElectionShockRate)) continue;
            var reversal = game.ElectionReversal * (current is not null && current.Has(Condition.AlliedCoordination) ? game.CoordinationCohesion : 1.0);
            var reversed = random.Uniform(counter + (ulong)(SlotReversal + e)) < reversal;
            trace?.Event($"election in {Documents.YamlName.Of(actor)}: {(reversed ? "the new government walks away from the roadmap" : "policy continues")}");
            if (reversed && alive) Withdraw(provider);
        }

        // ---- deliveries
        if (breakdown < 0 && (statusCount[(int)IncentiveStatus.Due] > 0))
        {
            for (var i = 0; i < incentives.Length; i++)
            {
                if (w.Status[i] != IncentiveStatus.Due) continue;
                var inc = incentives[i];
                if ((withdrawn & (1 << (int)inc.Provider)) != 0 || inc.LegallyBlocked) continue;
                if (inc.ReformCondition && !draw.ReformWilling) continue;
                var legal = true;
                foreach (var need in inc.NeedsRelief)
                {
                    if (w.Status[need] != IncentiveStatus.Delivered) legal = false;
                }

                if (!legal) continue;
                var slot = counter + (ulong)(SlotIncentives + (i * SlotsPerIncentive));
                if (inc.ConsentMask != 0 && (!w.Refused[i] || q >= w.ReaskAt[i]) && (w.Refused[i] || w.ReaskAt[i] == 0))
                {
                    var refusedBy = NegotiationGame.Consent(g, inc, w, random, slot, withdrawn, o.StepQuarter[(int)Step.CompleteDenuclearization] >= 0 && !cheating);
                    w.Refused[i] = refusedBy is not null;
                    w.ReaskAt[i] = q + (int)game.ReaskQuarters;
                    if (refusedBy is not null)
                    {
                        trace?.Event($"consent refused for {inc.Id}: {refusedBy}");
                        continue;
                    }

                    trace?.Event($"consent given for {inc.Id}");
                }
                else if (w.Refused[i])
                {
                    continue;
                }

                var reliability = inc.Provider == Provider.Multilateral
                    ? game.MultilateralReliability
                    : NegotiationGame.Hot(w, NegotiationGame.ActorOf(inc.Provider), HotParameter.DeliveryReliability);
                if (random.Uniform(slot + 7) >= reliability) continue;
                Deliver(i, q);
            }
        }

        // ---- suspensions lapse or renew; terminated measures wait for a new resolution
        var resolution = breakdown >= 0
            && random.Uniform(counter + SlotReimposeChina) < game.ReimpositionChina
            && random.Uniform(counter + SlotReimposeRussia) < game.ReimpositionRussia;
        // Most quarters of most trajectories have nothing relieved: one vectorised scan skips the loop.
        // Only measures some incentive relieves can be relieved; most quarters none is.
        var relievable = AnyRelieved() ? g.RelievableMeasures.AsSpan() : [];
        foreach (var m in relievable)
        {
            if (w.Relieved[m] == 1 && w.SuspendedUntil[m] >= 0 && q >= w.SuspendedUntil[m])
            {
                var usVeto = (withdrawn & (1 << (int)Provider.Us)) != 0 && g.IsUn[m];
                if (breakdown < 0 && !usVeto)
                {
                    w.SuspendedUntil[m] = q + w.SuspensionLength[m];
                }
                else
                {
                    Reimpose(m, "suspension lapsed and was not renewed");
                }
            }
            else if (w.Relieved[m] == 3 && resolution)
            {
                Reimpose(m, "a new resolution passed");
            }
        }

        // ---- enforcement: China reacts to provocations and to progress
        chinaBoost *= game.ChinaResponsePersistence;
        var easing = breakdown < 0 ? game.ChinaProgressEasing * verified : 0.0;
        w.Enforcement[(int)Partner.China] = Math.Clamp(chinaBase - easing + chinaBoost, 0.0, 1.0);
        w.Enforcement[(int)Partner.SouthKorea] = southEnforcement;
        w.Enforcement[(int)Partner.Other] = g.TimelineEnforcement[(q * Exposure.Partners) + (int)Partner.Other];

        // ---- instruments for the quarter, then the economy
        var lineSpan = instruments.LineBite.AsSpan(q * lines, lines);
        var importSpan = instruments.ImportBite.AsSpan(q * Exposure.Categories, Exposure.Categories);
        if (biteVersion != biteKey || ordinal < g.Bites.PhaseInEndOrdinal || q == 0)
        {
            // With nothing relieved the shares are those at the start, whose bites the compiled game holds.
            startBites = !AnyRelieved();
            if (!startBites) w.Bites.Fill(w.Shares, ordinal, w.MeasureLineBite, w.MeasureImportBite);
            biteVersion = biteKey;
        }

        if (startBites)
        {
            g.StartLineBite.AsSpan(q * lines, lines).CopyTo(lineSpan);
            g.StartImportBite.AsSpan(q * Exposure.Categories, Exposure.Categories).CopyTo(importSpan);
        }
        else
        {
            w.MeasureLineBite.CopyTo(lineSpan);
            w.MeasureImportBite.CopyTo(importSpan);
        }
        // With nothing delivered the development instruments stay at the zeros the reset wrote.
        if ((statusCount[(int)IncentiveStatus.Delivered] > 0)) NegotiationGame.SetDevelopment(g, w, q, accessionStart, draw.ReformWilling, lineSpan);
        for (var r = 0; r < Exposure.Partners; r++) instruments.Enforcement[(q * Exposure.Partners) + r] = w.Enforcement[r];
        instruments.BorderClosure[q] = g.BorderClosure[q];
        if (q == 0) leverageStart = NegotiationGame.Blocked(p, lineSpan, w.Enforcement);
    }

    /// <summary>Quarter <paramref name="q"/> after the economy step (<paramref name="reform"/> is the reform index it left): the North's decision, verification, detection and trust.</summary>
    public void After(int q, double reform)
    {
        var counter = (ulong)q * SlotsPerQuarter;
        var lineSpan = instruments.LineBite.AsSpan(q * lines, lines);

        // ---- the North's decision on its next step
        if (breakdown < 0 && current is not null && busyUntil < 0 && stepInPhase < current.Steps.Length)
        {
            var key = (biteKey * 64) + (delivered * 4096) + phase;
            if (key != packageKey)
            {
                packageRelief = NegotiationGame.PackageRelief(g, w, phase, q);
                packageKey = key;
            }

            var trend = g.TrendByQuarter[q] * (1.0 + (p.ReformProductivity * reform));
            var (devRegime, devHouseholds) = NegotiationGame.PackageDevelopment(g, w, phase, draw.ReformWilling, reform, trend, lineSpan, q);
            var value = Valuation.Weighted(game, draw.Type, packageRelief.Regime + devRegime, packageRelief.Household + devHouseholds);
            double remaining = 0;
            for (var s = stepInPhase; s < current.Steps.Length; s++) remaining += game.StepCostRatio[(int)current.Steps[s]];
            var cost = yongbyon * remaining;
            var trust = kept / (kept + missed);
            // An offer worth nothing is perceived as nothing whatever the error: the noise is drawn only when it matters.
            var perceived = value > 0.0
                ? trust * value * Math.Exp(draw.PersistentNoise + (game.DecisionNoiseQuarterly * random.Derive(NoiseStream).Normal((ulong)q)))
                : trust * Math.Max(value, 0.0);
            var next = current.Steps[stepInPhase];
            var concealable = next != Step.TestMoratorium;
            var take = perceived >= cost;
            var fake = false;
            if (draw.CheatWilling && concealable && perceived > 0)
            {
                var d = game.Detection[(int)current.Verification[stepInPhase]];
                var atRisk = NegotiationGame.DeliveredRevocableValue(g, w, draw, reform, trend, lineSpan, q, biteKey, AnyRelieved());
                var cheat = NegotiationGame.CheatValue(perceived, atRisk, d, game.Discount);
                // A North already faking keeps faking while it pays; otherwise it fakes when that beats honesty and waiting.
                fake = cheat > 0 && (cheating || cheat > NegotiationGame.HonestValue(perceived, cost, game.Discount));
            }

            trace?.Event(string.Create(CultureInfo.InvariantCulture,
                $"North ({Documents.YamlName.Of(draw.Type)}) weighs {Documents.YamlName.Of(next)}: offer worth {value:F0} USD m/yr, trust {trust:F2}, perceived {perceived:F0} vs security cost of the phase's remaining steps {cost:F0} -> {(fake ? "claims it while keeping the capability" : take ? "takes it" : "waits")}"));
            if (fake || take)
            {
                if (fake)
                {
                    cheating = true;
                    o.Cheated = true;
                    cheatDetection = Math.Max(cheatDetection, game.Detection[(int)current.Verification[stepInPhase]]);
                }

                busyUntil = q + Math.Max(1, (int)Math.Round(game.ImplementationQuarters[(int)next])) - 1;
            }
        }

        // ---- a step in hand is verified when its implementation is done
        if (breakdown < 0 && current is not null && busyUntil >= 0 && q >= busyUntil)
        {
            var step = current.Steps[stepInPhase];
            o.StepQuarter[(int)step] = q;
            verified++;
            if (step == Step.TestMoratorium && !cheating) moratorium = true;
            busyUntil = -1;
            stepInPhase++;
            trace?.Event($"verified: {Documents.YamlName.Of(step)} ({Documents.YamlName.Of(current.Verification[stepInPhase - 1])})");
            // A verified step reopens refused requests.
            for (var i = 0; i < incentives.Length; i++) if (w.Refused[i]) w.ReaskAt[i] = q + 1;
            if (stepInPhase >= current.Steps.Length)
            {
                w.PhaseDone[phase] = q;
                phase++;
                stepInPhase = 0;
                if (phase < phases.Length) w.PhaseStart[phase] = q + 1;
                trace?.Event($"phase {phase} complete");
            }
        }

        // ---- detection of cheating
        if (breakdown < 0 && cheating && random.Uniform(counter + SlotDetect) < cheatDetection)
        {
            detected = true;
            trace?.Event("cheating detected");
            Break(BreakdownCause.CheatingDetected);
        }

        // ---- trust from the delivery record; the North walks out when it falls too low
        if (breakdown < 0)
        {
            // A quarter with any promise overdue counts as a fraction of a missed delivery, however many are late.
            var overdue = false;
            var dueCount = (statusCount[(int)IncentiveStatus.Due] > 0) ? incentives.Length : 0;
            for (var i = 0; i < dueCount; i++)
            {
                if (w.Status[i] != IncentiveStatus.Due) continue;
                if (incentives[i].ReformCondition && !draw.ReformWilling) continue;
                if (q - w.DueQuarter[i] >= game.GraceQuarters) overdue = true;
            }

            if (overdue) missed += game.OverdueWeight;

            if (kept / (kept + missed) < game.WalkoutTrust)
            {
                trace?.Event(string.Create(CultureInfo.InvariantCulture, $"trust {kept / (kept + missed):F2} below {game.WalkoutTrust:F2}: the North walks out"));
                Break(BreakdownCause.Walkout);
            }
        }

        o.StepPath[q] = verified;
        o.GdpPath[q] = 100.0 * w.Path.GdpIndex[q] / g.GdpBase2018;
        trace?.Event(string.Create(CultureInfo.InvariantCulture,
            $"state: China enforcement {w.Enforcement[(int)Partner.China]:F2}, trust {kept / (kept + missed):F2}, steps {verified}, GDP {o.GdpPath[q]:F1} (2018 = 100), household income {100.0 * w.Path.HouseholdIncomeIndex[q] / g.HouseholdBase2018:F1}, regime revenue {4 * w.Path.RegimeRevenueMusd[q]:F0} USD m/yr"));
    }

    /// <summary>The trajectory's outcomes, once every quarter has been played.</summary>
    public void Finish()
    {
        // ---- outcomes
        o.HighestStep = -1;
        for (var s = 0; s < TrajectoryOutcome.Steps; s++) if (o.StepQuarter[s] >= 0) o.HighestStep = s;
        o.CompleteHonest = o.StepQuarter[(int)Step.CompleteDenuclearization] >= 0 && !o.Cheated;
        o.CheatingDetected = detected;
        o.BreakdownQuarter = breakdown;
        o.Cause = cause;
        o.Delivered = delivered;
        NegotiationGame.Summarise(g, w, leverageStart);

    }

    private void Break(BreakdownCause why)
    {
        if (breakdown >= 0) return;
        breakdown = now;
        cause = why;
        trace?.Event($"talks break down: {NegotiationGame.Describe(why)}");
        for (var i = 0; i < incentives.Length; i++)
        {
            var inc = incentives[i];
            if (w.Status[i] is IncentiveStatus.Pending or IncentiveStatus.Due) SetStatus(i, IncentiveStatus.Void);
            else if (w.Status[i] == IncentiveStatus.Delivered && inc.Kind != IncentiveKind.HumanitarianAid
                && !(inc.Kind == IncentiveKind.SanctionsRelief && inc.Route != Sanctions.ReliefRoute.Exemption))
            {
                SetStatus(i, IncentiveStatus.Ended);
            }
        }

        foreach (var m in g.RelievableMeasures)
        {
            switch (w.Relieved[m])
            {
                case 1 when w.SnapbackArmed[m] && why == BreakdownCause.CheatingDetected:
                    Reimpose(m, "snapback on detected cheating");
                    break;
                case 1 when w.SuspendedUntil[m] < 0:
                    // An open-ended suspension without snapback needs a new decision to undo.
                    if (g.IsUn[m]) Await(m);
                    else Reimpose(m, "the issuer reimposes its own measure");
                    break;
                case 2:
                    if (g.IsUn[m]) Await(m);
                    else Reimpose(m, "the issuer reimposes its own measure");
                    break;
            }
        }

        biteKey++;
    }

    private void Withdraw(Provider provider)
    {
        withdrawn |= 1 << (int)provider;
        for (var i = 0; i < incentives.Length; i++)
        {
            var inc = incentives[i];
            if (inc.Provider != provider || w.Status[i] != IncentiveStatus.Delivered) continue;
            if (inc.Kind == IncentiveKind.SanctionsRelief)
            {
                foreach (var m in inc.Measures)
                {
                    if (!g.IsUn[m] && w.Relieved[m] != 0) Reimpose(m, "the issuing government withdraws from the roadmap");
                }
            }
            else if (inc.Kind != IncentiveKind.HumanitarianAid)
            {
                SetStatus(i, IncentiveStatus.Ended);
                trace?.Event($"ended: {inc.Id} ({Documents.YamlName.Of(provider)} withdraws)");
            }
        }

        biteKey++;
    }

    private void Deliver(int i, int q)
    {
        var inc = incentives[i];
        SetStatus(i, IncentiveStatus.Delivered);
        kept += 1.0;
        delivered++;
        trace?.Event($"delivered: {inc.Id}");
        if (inc.Kind == IncentiveKind.WtoAccessionTrack && accessionStart < 0) accessionStart = q;
        if (inc.Kind != IncentiveKind.SanctionsRelief || inc.Route == Sanctions.ReliefRoute.Exemption) return;
        foreach (var m in inc.Measures)
        {
            if (inc.Route == Sanctions.ReliefRoute.Termination)
            {
                w.Relieved[m] = 2;
                w.SuspendedUntil[m] = -1;
            }
            else if (w.Relieved[m] != 2)
            {
                w.Relieved[m] = 1;
                w.SuspendedUntil[m] = inc.DurationQuarters > 0 ? q + inc.DurationQuarters : -1;
                w.SuspensionLength[m] = inc.DurationQuarters;
                w.SnapbackArmed[m] |= inc.Snapback;
            }

            w.Shares[m] = 0.0;
        }

        biteKey++;
    }

    private void Reimpose(int m, string why)
    {
        if (w.Relieved[m] == 0) return;
        w.Relieved[m] = 0;
        w.SuspendedUntil[m] = -1;
        w.Shares[m] = g.InForceAtStart[m];
        biteKey++;
        trace?.Event($"back in force: {g.Bites.Measures[m].Id} ({why})");
    }

    private void Await(int m)
    {
        w.Relieved[m] = 3;
        trace?.Event($"{g.Bites.Measures[m].Id} stays relieved until a new resolution passes (China and Russia hold vetoes)");
    }
}
