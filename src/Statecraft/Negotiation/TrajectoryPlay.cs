using System.Collections.Immutable;
using System.Globalization;
using Statecraft.Economy;
using Statecraft.Scenarios;

namespace Statecraft.Negotiation;

/// <summary>
/// One trajectory of <see cref="NegotiationGame"/> in play: the game's state between quarters, and each quarter
/// split at the economy step, so that a group of trajectories can advance their economies together in one
/// <see cref="EconomyLanes"/> step (<see cref="NegotiationGame.PlayGroup"/>). Reused from trajectory to trajectory.
/// </summary>
internal sealed class TrajectoryPlay
{
    private const int SlotReversal = 5, SlotDetect = 10,
        SlotReimposeChina = 11, SlotReimposeRussia = 12, SlotIncentives = 32, SlotsPerIncentive = 8;

    private const ulong SlotsPerQuarter = NegotiationGame.SlotsPerQuarter;
    private static readonly int LineCells = Exposure.Lines * Exposure.Partners;

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
    private EventDraws events = null!;
    private ImmutableArray<CompiledIncentive> incentives;
    private ImmutableArray<CompiledPhase> phases;
    private CompiledPhase? current;
    private int horizon, type, phase, stepInPhase, busyUntil, verified, breakdown, withdrawn, accessionStart, delivered, now;
    private int biteVersion, biteKey, packageKey;

    // How the talks stand for the outcome measures (docs/model.md, "Outcome measures"): the quarter they got under way
    // (an incentive fell due or was delivered, or the North took a step), the quarter a government party to the
    // roadmap walked away while they were under way, and the last quarter anything moved (a step taken, in hand or
    // verified, or a delivery); -1 for never.
    private int talksStart, withdrewAt, lastActive;
    private BreakdownCause cause;
    private bool cheating, detected, moratorium, startBites;
    private double kept, missed, chinaBoost, cheatDetection, leverageStart, yongbyon;

    // Enforcement by China and South Korea: where history left it in the start quarter, and the level the
    // scenario's actor settings set, which play approaches by enforcement_adjustment of the gap a quarter.
    private double chinaHistory, chinaLevel, southHistory, southLevel;

    // The chances of the quarter's events, constants of the trajectory: a major and a minor provocation, and an
    // election in each of ElectoralActors.
    private double majorChance, minorChance;
    private readonly double[] electionChance = new double[ElectoralActors.Length];

    // The first quarter in which an incentive still pending could fall due with no step, phase start or phase end
    // in between (each of those sets it back to 0), so the scan for incentives falling due runs only then.
    private int pendingCheck;
    private (double Regime, double Household) packageRelief;

    // How many incentives have each status, kept with every change, so a quarter skips loops that would find none.
    private readonly int[] statusCount = new int[Enum.GetValues<IncentiveStatus>().Length];

    // Whether any measure is relieved, valid while biteKey equals relievedKey (every change of relief moves biteKey).
    private int relievedKey;
    private bool relievedAny;

    // [phase]: incentives pending, so the scan for incentives falling due visits only phases that have some.
    private int[] pendingInPhase = [];

    // Incentives by what the quarter's loops act on, in listing order, rebuilt after a status changes (a few times
    // a trajectory; statusVersion counts the changes), so each loop visits only the incentives it acts on.
    private int statusVersion;
    private int listsVersion;
    private int[] dueList = [];
    private int dueCount;
    // Delivered incentives that set development instruments or open project lines (SetDevelopment), and whether
    // an accession track is among them.
    private int[] developmentList = [];
    private int developmentCount;
    private bool accessionActive;
    // Delivered development that detected faking would end (DeliveredRevocableValue).
    private int[] revocableList = [];
    private int revocableCount;
    // Development the current phase offers for its steps (PackageDevelopment), valid for offeredVersion and offeredPhase.
    private int[] offeredList = [];
    private int offeredCount;
    private int offeredVersion;
    private int offeredPhase;

    // The next quarter a suspension lapses and whether a measure awaits a new resolution, valid for lapseKey.
    private int lapseKey;
    private int nextLapse;
    private bool awaiting;

    /// <summary>Resets the workspace and the game's state for a new trajectory.</summary>
    public void Begin(CompiledGame g, TrajectoryDraw draw, EventDraws events, GameWorkspace w, ITraceSink? trace)
    {
        this.g = g;
        this.draw = draw;
        this.events = events;
        random = events.Stream;
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
        NegotiationGame.FillWeather(g, events, w.Shocks);
        instruments = w.Instruments;
        Array.Clear(instruments.TechnicalAssistance);
        Array.Clear(instruments.AccessionMilestone);
        Array.Clear(instruments.DirectHire);
        Array.Clear(instruments.DomesticSourcing);
        Array.Clear(instruments.ExtraAidMusd);
        Array.Clear(instruments.ZoneWagesMusd);

        chinaLevel = NegotiationGame.Hot(w, ActorId.China, HotParameter.Enforcement);
        southLevel = NegotiationGame.Hot(w, ActorId.SouthKorea, HotParameter.Enforcement);
        chinaHistory = g.HistoryEnforcementAtStart(Partner.China);
        southHistory = g.HistoryEnforcementAtStart(Partner.SouthKorea);
        var provocationRate = NegotiationGame.Hot(w, ActorId.NorthKorea, HotParameter.ProvocationRate);
        majorChance = provocationRate * game.ProvocationFactor[type];
        minorChance = game.MinorProvocationRate * game.ProvocationFactor[type];
        for (var e = 0; e < ElectoralActors.Length; e++) electionChance[e] = NegotiationGame.Hot(w, ElectoralActors[e], HotParameter.ElectionShockRate);
        pendingCheck = 0;
        yongbyon = g.YongbyonCostMusd * game.SecurityMultiplier[type];

        phase = 0;
        stepInPhase = 0;
        busyUntil = -1;
        verified = 0;
        breakdown = -1;
        talksStart = -1;
        withdrewAt = -1;
        lastActive = -1;
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
        lapseKey = -1;
        if (pendingInPhase.Length != phases.Length) pendingInPhase = new int[phases.Length];
        if (dueList.Length != incentives.Length)
        {
            dueList = new int[incentives.Length];
            developmentList = new int[incentives.Length];
            revocableList = new int[incentives.Length];
            offeredList = new int[incentives.Length];
        }

        statusVersion = 0;
        listsVersion = -1;
        offeredVersion = -1;
        for (var p = 0; p < phases.Length; p++) pendingInPhase[p] = g.PhaseIncentiveStart[p + 1] - g.PhaseIncentiveStart[p];
    }

    private void SetStatus(int i, IncentiveStatus status)
    {
        var old = w.Status[i];
        statusCount[(int)old]--;
        statusCount[(int)status]++;
        var phaseOf = incentives[i].Phase;
        if (old == IncentiveStatus.Pending) pendingInPhase[phaseOf]--;
        if (status == IncentiveStatus.Pending) pendingInPhase[phaseOf]++;
        w.Status[i] = status;
        statusVersion++;
    }

    /// <summary>Rebuilds the lists of due and delivered incentives if a status changed since they were built.</summary>
    private void RefreshLists()
    {
        if (listsVersion == statusVersion) return;
        dueCount = developmentCount = revocableCount = 0;
        accessionActive = false;
        for (var i = 0; i < incentives.Length; i++)
        {
            var status = w.Status[i];
            if (status == IncentiveStatus.Due)
            {
                dueList[dueCount++] = i;
            }
            else if (status == IncentiveStatus.Delivered)
            {
                var kind = incentives[i].Kind;
                if (NegotiationGame.SetsDevelopment(kind)) developmentList[developmentCount++] = i;
                if (kind == IncentiveKind.WtoAccessionTrack) accessionActive = true;
                if (kind is not (IncentiveKind.SanctionsRelief or IncentiveKind.JointVentureCarveOut or IncentiveKind.HumanitarianAid)) revocableList[revocableCount++] = i;
            }
        }

        listsVersion = statusVersion;
    }

    /// <summary>The development the current phase offers for its steps (<see cref="NegotiationGame.PackageDevelopment"/>), kept while no status and the phase do not change.</summary>
    private ReadOnlySpan<int> Offered()
    {
        if (offeredVersion != statusVersion || offeredPhase != phase)
        {
            offeredCount = 0;
            for (var i = 0; i < incentives.Length; i++)
            {
                var inc = incentives[i];
                if (!NegotiationGame.Unlocked(inc, phase) || inc.Kind is IncentiveKind.SanctionsRelief or IncentiveKind.JointVentureCarveOut
                    || w.Status[i] is not (IncentiveStatus.Pending or IncentiveStatus.Due) || (inc.ReformCondition && !draw.ReformWilling))
                    continue;
                offeredList[offeredCount++] = i;
            }

            offeredVersion = statusVersion;
            offeredPhase = phase;
        }

        return offeredList.AsSpan(0, offeredCount);
    }

    /// <summary>
    /// The first quarter in which a time-limited suspension lapses, and whether a terminated UN measure awaits a new
    /// resolution: until then the quarter's loop over the relieved measures would change nothing.
    /// </summary>
    private void RefreshLapses()
    {
        nextLapse = int.MaxValue;
        awaiting = false;
        var relievable = AnyRelieved() ? g.RelievableMeasures.AsSpan() : [];
        foreach (var m in relievable)
        {
            if (w.Relieved[m] == 1 && w.SuspendedUntil[m] >= 0) nextLapse = Math.Min(nextLapse, w.SuspendedUntil[m]);
            else if (w.Relieved[m] == 3) awaiting = true;
        }

        lapseKey = biteKey;
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
            pendingCheck = 0;
            w.PhaseDone[phase] = q;
            phase++;
            stepInPhase = 0;
            if (phase < phases.Length) w.PhaseStart[phase] = q;
            current = phase < phases.Length ? phases[phase] : null;
        }

        // ---- incentives falling due (the status scans skip loops that would find nothing, most quarters)
        if (alive && (statusCount[(int)IncentiveStatus.Pending] > 0) && q >= pendingCheck)
        {
            var next = int.MaxValue;
            // Phase by phase (the incentives are listed so), skipping phases with nothing pending or not yet started.
            for (var own = 0; own < phases.Length; own++)
            {
                if (pendingInPhase[own] == 0 || w.PhaseStart[own] < 0) continue;
                if (w.PhaseStart[own] > q)
                {
                    next = Math.Min(next, w.PhaseStart[own]);
                    continue;
                }

                for (var i = g.PhaseIncentiveStart[own]; i < g.PhaseIncentiveStart[own + 1]; i++)
                {
                    if (w.Status[i] != IncentiveStatus.Pending) continue;
                    var inc = incentives[i];
                    var start = w.PhaseStart[inc.Phase];
                    // When it falls due if nothing else happens: now, a later quarter, or never (-1: only a step or a phase's end can make it due).
                    var dueAt = inc.Rule switch
                    {
                        SequencingRule.Upfront => start,
                        SequencingRule.AfterQuarters => start + inc.AfterQuarters,
                        _ when inc.TriggerStep >= 0 => o.StepQuarter[inc.TriggerStep] >= 0 ? Math.Max(start, o.StepQuarter[inc.TriggerStep] + 1) : -1,
                        _ => w.PhaseDone[inc.Phase] >= 0 ? Math.Max(start, w.PhaseDone[inc.Phase] + 1) : -1,
                    };
                    if (dueAt < 0 || dueAt > q)
                    {
                        if (dueAt > q) next = Math.Min(next, dueAt);
                        continue;
                    }

                    SetStatus(i, IncentiveStatus.Due);
                    w.DueQuarter[i] = q;
                    if (talksStart < 0) talksStart = q;
                    trace?.Event($"due: {inc.Id} ({Documents.YamlName.Of(inc.Kind)}, {Documents.YamlName.Of(inc.Provider)})");
                }
            }

            pendingCheck = next;
        }

        // ---- provocations
        // The base rate is the rate absent any agreement. A phase's terms bind only a North that has entered the
        // process: once talks are under way (something has fallen due or been delivered, or the North has taken a
        // step), a verified moratorium or a phase that binds the North not to test stops major tests (breaking one
        // is a choice to end talks), and a provocation against the phase's conditions breaks them off. Before that
        // there are no talks to break off and no terms the North accepted: a provocation of either kind breaks
        // nothing off, and a major one can come at the base rate (China still reacts to it).
        var underWay = talksStart >= 0;
        var bound = alive && underWay && current is not null && (current.Has(Condition.NoNuclearTest) || current.Has(Condition.NoMissileTest));
        var testsPossible = !(alive && moratorium) && !bound;
        var major = testsPossible && events.Major(q) < majorChance;
        var minor = events.Minor(q) < minorChance;
        if (major)
        {
            chinaBoost += game.ChinaProvocationResponse;
            trace?.Event("major provocation (nuclear test or long-range launch); China tightens enforcement");
        }

        if (minor) trace?.Event("minor provocation (short-range launch or border incident)");
        var violates = current is not null && ((major && (current.Has(Condition.NoNuclearTest) || current.Has(Condition.NoMissileTest) || current.Has(Condition.NoProvocation)))
            || (minor && current.Has(Condition.NoProvocation)));
        if (alive && underWay && violates)
        {
            Break(BreakdownCause.Provocation);
        }
        else if (alive && !underWay && violates)
        {
            trace?.Event("no talks are under way yet (nothing has fallen due and the North has taken no step): the provocation breaks nothing off");
        }

        // ---- elections in the US, South Korea and Japan
        for (var e = 0; e < ElectoralActors.Length; e++)
        {
            var actor = ElectoralActors[e];
            var provider = NegotiationGame.ProviderOf(actor);
            if ((withdrawn & (1 << (int)provider)) != 0) continue;
            if (events.Election(q, e) >= electionChance[e]) continue;
            var reversal = game.ElectionReversal * (current is not null && current.Has(Condition.AlliedCoordination) ? game.CoordinationCohesion : 1.0);
            var reversed = random.Uniform(counter + (ulong)(SlotReversal + e)) < reversal;
            trace?.Event($"election in {Documents.YamlName.Of(actor)}: {(reversed ? "the new government walks away from the roadmap" : "policy continues")}");
            if (!(reversed && alive)) continue;
            Withdraw(provider);
            // The walk-away ends the talks as agreed when the government is party to the roadmap, the talks are under way
            // and not yet broken off, and the roadmap is not complete; the game plays on (the others and the North may go on).
            if (withdrewAt < 0 && breakdown < 0 && talksStart >= 0 && phase < phases.Length && (g.RoadmapParties & (1 << (int)provider)) != 0)
            {
                withdrewAt = q;
                trace?.Event($"{Documents.YamlName.Of(actor)} is party to the roadmap: the talks count as broken down from this quarter (party_withdrew) unless the roadmap is still completed; the others play on");
            }
        }

        // ---- deliveries (of the incentives due at the start of the loop, in listing order: a delivery changes only its own status)
        if (breakdown < 0 && (statusCount[(int)IncentiveStatus.Due] > 0))
        {
            RefreshLists();
            var due = dueList.AsSpan(0, dueCount);
            foreach (var i in due)
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
        // Only measures some incentive relieves can be relieved, and the loop changes something only in a
        // quarter when a suspension lapses or a new resolution can pass: other quarters skip it.
        if (lapseKey != biteKey) RefreshLapses();
        var relievable = q >= nextLapse || (resolution && awaiting) ? g.RelievableMeasures.AsSpan() : [];
        if (!relievable.IsEmpty) lapseKey = -1;
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

        // ---- enforcement: from history's value in the start quarter towards the scenario's level, so play does not
        // jump away from the state history left; China's reactions to provocations and to progress come on top.
        var gapOpen = g.EnforcementGapOpen[q];
        chinaBoost *= game.ChinaResponsePersistence;
        var easing = breakdown < 0 ? game.ChinaProgressEasing * verified : 0.0;
        var chinaPath = chinaLevel + ((chinaHistory - chinaLevel) * gapOpen);
        w.Enforcement[(int)Partner.China] = Math.Clamp(chinaPath - easing + chinaBoost, 0.0, 1.0);
        w.Enforcement[(int)Partner.SouthKorea] = southLevel + ((southHistory - southLevel) * gapOpen);
        w.Enforcement[(int)Partner.Other] = g.TimelineEnforcement[(q * Exposure.Partners) + (int)Partner.Other];

        // ---- instruments for the quarter, then the economy
        var lineSpan = instruments.LineBite.AsSpan(q * LineCells, LineCells);
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
            g.StartLineBite.AsSpan(q * LineCells, LineCells).CopyTo(lineSpan);
            g.StartImportBite.AsSpan(q * Exposure.Categories, Exposure.Categories).CopyTo(importSpan);
        }
        else
        {
            w.MeasureLineBite.CopyTo(lineSpan);
            w.MeasureImportBite.CopyTo(importSpan);
        }
        // With nothing delivered the development instruments stay at the zeros the reset wrote.
        if ((statusCount[(int)IncentiveStatus.Delivered] > 0))
        {
            RefreshLists();
            NegotiationGame.SetDevelopment(g, w, developmentList.AsSpan(0, developmentCount), accessionActive, q, accessionStart, draw.ReformWilling, lineSpan);
        }
        for (var r = 0; r < Exposure.Partners; r++) instruments.Enforcement[(q * Exposure.Partners) + r] = w.Enforcement[r];
        instruments.BorderClosure[q] = g.BorderClosure[q];
        if (q == 0) leverageStart = NegotiationGame.Blocked(p, lineSpan, w.Enforcement);
    }

    /// <summary>Quarter <paramref name="q"/> after the economy step (<paramref name="reform"/> is the reform index it left): the North's decision, verification, detection and trust.</summary>
    public void After(int q, double reform)
    {
        var counter = (ulong)q * SlotsPerQuarter;
        var lineSpan = instruments.LineBite.AsSpan(q * LineCells, LineCells);

        // ---- the North's decision on its next step
        if (breakdown < 0 && current is not null && busyUntil < 0 && stepInPhase < current.Steps.Length)
        {
            // The quarter's value of foreign exchange, which every part of the valuation reads.
            var foreignExchange = Valuation.ForeignExchangeValue(p, g.MeanInputElasticity, w.Path, q);
            var key = (biteKey * 64) + (delivered * 4096) + phase;
            if (key != packageKey)
            {
                packageRelief = NegotiationGame.PackageRelief(g, w, phase, q, foreignExchange);
                packageKey = key;
            }

            var trend = g.TrendByQuarter[q] * (1.0 + (p.ReformProductivity * reform));
            var (devRegime, devHouseholds) = NegotiationGame.PackageDevelopment(g, w, Offered(), draw.ReformWilling, reform, trend, lineSpan, foreignExchange);
            var value = Valuation.Weighted(game, draw.Type, packageRelief.Regime + devRegime, packageRelief.Household + devHouseholds);
            double remaining = 0;
            for (var s = stepInPhase; s < current.Steps.Length; s++) remaining += game.StepCostRatio[(int)current.Steps[s]];
            var cost = yongbyon * remaining;
            var trust = kept / (kept + missed);
            // An offer worth nothing is perceived as nothing whatever the error: the noise is drawn only when it matters.
            var perceived = value > 0.0
                ? trust * value * Math.Exp(draw.PersistentNoise + (game.DecisionNoiseQuarterly * events.Noise(q)))
                : trust * Math.Max(value, 0.0);
            var next = current.Steps[stepInPhase];
            var concealable = next != Step.TestMoratorium;
            var take = perceived >= cost;
            var fake = false;
            if (draw.CheatWilling && concealable && perceived > 0)
            {
                var d = game.Detection[(int)current.Verification[stepInPhase]];
                RefreshLists();
                var atRisk = NegotiationGame.DeliveredRevocableValue(g, w, revocableList.AsSpan(0, revocableCount), draw, reform, trend, lineSpan, q, biteKey, AnyRelieved(), foreignExchange);
                var cheat = NegotiationGame.CheatValue(perceived, atRisk, d, game.Discount);
                // A North already faking keeps faking while it pays; otherwise it fakes when that beats honesty and waiting.
                fake = cheat > 0 && (cheating || cheat > NegotiationGame.HonestValue(perceived, cost, game.Discount));
            }

            trace?.Event(string.Create(CultureInfo.InvariantCulture,
                $"North ({Documents.YamlName.Of(draw.Type)}) weighs {Documents.YamlName.Of(next)}: offer worth {value:F0} USD m/yr, trust {trust:F2}, perceived {perceived:F0} vs security cost of the phase's remaining steps {cost:F0} -> {(fake ? "claims it while keeping the capability" : take ? "takes it" : "waits")}"));
            if (fake || take)
            {
                if (talksStart < 0) talksStart = q;
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
            pendingCheck = 0;
            verified++;
            lastActive = q;
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
            if (statusCount[(int)IncentiveStatus.Due] > 0) RefreshLists();
            var due = statusCount[(int)IncentiveStatus.Due] > 0 ? dueList.AsSpan(0, dueCount) : [];
            foreach (var i in due)
            {
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

        // A step in hand is the process moving, however long it takes to carry out.
        if (breakdown < 0 && busyUntil >= 0) lastActive = q;
        o.StepPath[q] = verified;
        o.GdpPath[q] = 100.0 * w.Path.GdpIndex[q] / g.GdpBase2018;
        o.HouseholdIncomePath[q] = 100.0 * w.Path.HouseholdIncomeIndex[q] / g.HouseholdBase2018;
        trace?.Event(string.Create(CultureInfo.InvariantCulture,
            $"state: China enforcement {w.Enforcement[(int)Partner.China]:F2}, trust {kept / (kept + missed):F2}, steps {verified}, GDP {o.GdpPath[q]:F1} (2018 = 100), household income {o.HouseholdIncomePath[q]:F1}, regime revenue {4 * w.Path.RegimeRevenueMusd[q]:F0} USD m/yr"));
    }

    /// <summary>The trajectory's outcomes, once every quarter has been played.</summary>
    public void Finish()
    {
        // ---- outcomes
        o.HighestStep = -1;
        for (var s = 0; s < TrajectoryOutcome.Steps; s++) if (o.StepQuarter[s] >= 0) o.HighestStep = s;
        o.CompleteHonest = o.StepQuarter[(int)Step.CompleteDenuclearization] >= 0 && !o.Cheated;
        o.CheatingDetected = detected;
        Classify();
        o.Delivered = delivered;
        NegotiationGame.Summarise(g, w, leverageStart);

    }

    /// <summary>
    /// How the talks ended, if they did: the first of a party's walk-away (unless the roadmap was still completed) and
    /// the game's own breakdown; otherwise stalled when nothing moved in the last stall_quarters quarters of talks never
    /// broken off and not completed.
    /// </summary>
    private void Classify()
    {
        var complete = phase >= phases.Length;
        o.FormalBreakdownQuarter = breakdown;
        o.TalksStartQuarter = talksStart;
        o.StallQuarter = -1;
        o.BreakdownQuarter = -1;
        o.Cause = BreakdownCause.None;
        if (withdrewAt >= 0 && !complete)
        {
            // Recorded only before any breakdown of the game's own, so it came first.
            o.BreakdownQuarter = withdrewAt;
            o.Cause = BreakdownCause.PartyWithdrew;
        }
        else if (breakdown >= 0)
        {
            o.BreakdownQuarter = breakdown;
            o.Cause = cause;
        }
        else if (!complete && horizon - 1 - lastActive >= game.StallQuarters)
        {
            o.StallQuarter = lastActive + 1;
            o.Cause = BreakdownCause.Stalled;
        }
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
        lastActive = q;
        if (talksStart < 0) talksStart = q;
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
