using System.Collections.Immutable;
using Statecraft.Economy;
using Statecraft.Feasibility;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Negotiation;

/// <summary>A number for one trajectory: fixed, or the value of the scenario assumption at <c>Assumption</c>.</summary>
public readonly record struct CompiledQuantity(double Fixed, int Assumption)
{
    public double Value(ReadOnlySpan<double> assumptions) => Assumption >= 0 ? assumptions[Assumption] : Fixed;
}

/// <summary>The actor parameters the game reads every quarter, in <see cref="CompiledGame.HotParameters"/> order.</summary>
public enum HotParameter
{
    Enforcement,
    ProvocationRate,
    ConsentPropensity,
    DeliveryReliability,
    ElectionShockRate,
}

/// <summary>One incentive, compiled: what it is, who gives it, when it is due, what it needs.</summary>
public sealed record CompiledIncentive(
    string Id,
    int Phase,
    IncentiveKind Kind,
    Provider Provider,
    SequencingRule Rule,
    int TriggerStep,
    int AfterQuarters,
    ReliefRoute? Route,
    int DurationQuarters,
    ImmutableArray<int> Measures,
    int ConsentMask,
    ImmutableArray<int> NeedsRelief,
    bool LegallyBlocked,
    CompiledQuantity Amount,
    Partner ZonePartner,
    bool DirectHire,
    bool DomesticSourcing,
    bool Snapback,
    bool Coordinated,
    bool ReformCondition);

/// <summary>A phase: its steps in order, with the verification of each, and its conditions.</summary>
public sealed record CompiledPhase(string Name, ImmutableArray<Step> Steps, ImmutableArray<Verification> Verification, int Conditions)
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool Has(Condition c) => (Conditions & (1 << (int)c)) != 0;
}

/// <summary>
/// A scenario compiled for the game: the roadmap as flat records, the sanctions as a
/// <see cref="SanctionBites"/> over the catalog, the economy's state at the scenario's start
/// (history replayed from 2015 with the catalog's measures at their dates), and the reference
/// values outcomes are measured against. Built once per scenario; trajectories only read it.
/// </summary>
public sealed record CompiledGame
{
    /// <summary>First quarter the economy replays before a scenario (as the backcast).</summary>
    public static readonly Quarter HistoryStart = new(2015, 1);

    internal CompiledGame() { }

    public required Scenario Scenario { get; init; }
    public required GameParameters Game { get; init; }
    public required EconomyParameters Economy { get; init; }
    public required int Horizon { get; init; }
    public required Quarter Start { get; init; }
    public required ImmutableArray<CompiledPhase> Phases { get; init; }
    public required ImmutableArray<CompiledIncentive> Incentives { get; init; }
    public required SanctionBites Bites { get; init; }

    /// <summary>[measure]: in force at the start (1) or not (0).</summary>
    public required ImmutableArray<double> InForceAtStart { get; init; }

    /// <summary>
    /// [phase]: the first of the phase's incentives in <see cref="Incentives"/>, which lists them phase by phase;
    /// one more entry than phases, the last being the number of incentives.
    /// </summary>
    public required ImmutableArray<int> PhaseIncentiveStart { get; init; }

    /// <summary>The measures some incentive of the roadmap relieves, ascending: the only ones whose state can change in play.</summary>
    public required ImmutableArray<int> RelievableMeasures { get; init; }

    /// <summary>[measure]: issued by the UN Security Council (returns only through a new resolution once terminated).</summary>
    public required ImmutableArray<bool> IsUn { get; init; }

    /// <summary>The economy's state entering the first quarter, and each line's openness then.</summary>
    public required EconomyState EconomyAtStart { get; init; }
    public required ImmutableArray<double> OpennessAtStart { get; init; }

    /// <summary>
    /// [quarter, partner]: history's enforcement (the economy's timeline) in each quarter of the horizon. The partners
    /// the game does not move (<c>other</c>) follow it throughout; for China and South Korea only quarter 0's row is
    /// read (<see cref="HistoryEnforcementAtStart"/>), where their paths to the scenario's levels start.
    /// </summary>
    public required ImmutableArray<double> TimelineEnforcement { get; init; }

    /// <summary>
    /// [quarter]: the share of the gap between history's enforcement in the start quarter and the level the scenario
    /// sets that is still open in quarter q, <c>(1 - enforcement_adjustment)^q</c>: 1 in quarter 0, so play starts
    /// where history left enforcement (docs/model.md, "Enforcement").
    /// </summary>
    public required ImmutableArray<double> EnforcementGapOpen { get; init; }

    /// <summary>[quarter]: border closure (the scenario's shocks, and a historical closure underway at the start).</summary>
    public required ImmutableArray<double> BorderClosure { get; init; }

    /// <summary>
    /// [quarter]: weather the trajectory does not draw, log points: the scenario's harvest failures, and history's
    /// harvest in the quarters of the start year when the start is not its first quarter (<see cref="FirstDrawnWeatherQuarter"/>).
    /// </summary>
    public required ImmutableArray<double> ScheduledWeather { get; init; }

    /// <summary>
    /// The first quarter whose harvest a trajectory draws: the start of the first calendar year that begins in play.
    /// A year has one harvest, the same in each of its quarters, so a year history has begun keeps history's.
    /// </summary>
    public int FirstDrawnWeatherQuarter => FirstDrawnWeather(Start);

    /// <summary><see cref="FirstDrawnWeatherQuarter"/> of a game starting in <paramref name="start"/>.</summary>
    internal static int FirstDrawnWeather(Quarter start) => start.Number == 1 ? 0 : 5 - start.Number;

    /// <summary>History's enforcement by <paramref name="partner"/> in the start quarter: where play's enforcement starts.</summary>
    public double HistoryEnforcementAtStart(Partner partner) => TimelineEnforcement[(int)partner];

    /// <summary>Calendar quarter (1-4) of the first quarter.</summary>
    public int FirstQuarterNumber => Start.Number;

    /// <summary>Mean quarterly GDP index and household income index of 2018 on the no-deal history: the 100 of outcomes.</summary>
    public required double GdpBase2018 { get; init; }
    public required double HouseholdBase2018 { get; init; }

    /// <summary>Household income and regime revenue over the four quarters before the start, USD m: the base of gains.</summary>
    public required double HouseholdBaseYearMusd { get; init; }
    public required double RegimeBaseYearMusd { get; init; }

    /// <summary>Mean population index (<see cref="EconomyModel.Population"/>) of the four quarters before the start: households' gains are per person.</summary>
    public required double PopulationBaseYear { get; init; }

    /// <summary>
    /// Bit per <see cref="Provider"/>: the governments party to the roadmap, those that provide one of its incentives or
    /// whose consent one of them needs. Only their walking away ends the talks (<see cref="BreakdownCause.PartyWithdrew"/>):
    /// a government the roadmap never calls on changes nothing by leaving it.
    /// </summary>
    public required int RoadmapParties { get; init; }

    internal static int PartiesOf(ImmutableArray<CompiledIncentive> incentives)
    {
        var parties = 0;
        foreach (var inc in incentives)
        {
            parties |= 1 << (int)inc.Provider;
            bool Needs(ConsentParty c) => (inc.ConsentMask & (1 << (int)c)) != 0;
            // The Council and the 1718 Committee need China's, Russia's and the US's votes; the statutes are the US's own.
            if (Needs(ConsentParty.Unsc) || Needs(ConsentParty.Committee1718))
                parties |= (1 << (int)Provider.China) | (1 << (int)Provider.Russia) | (1 << (int)Provider.Us);
            if (Needs(ConsentParty.UsExecutive) || Needs(ConsentParty.UsCongress)) parties |= 1 << (int)Provider.Us;
            if (Needs(ConsentParty.RokGovernment)) parties |= 1 << (int)Provider.SouthKorea;
            if (Needs(ConsentParty.JapanGovernment)) parties |= 1 << (int)Provider.Japan;
        }

        return parties;
    }

    /// <summary>The hedger's security cost of the Yongbyon shutdown, USD m a year (set by rule from the Hanoi offer).</summary>
    public required double YongbyonCostMusd { get; init; }

    /// <summary>The value to the hedger of what the North asked for at Hanoi, at the start, USD m a year.</summary>
    public required double HanoiPackageValueMusd { get; init; }

    /// <summary>The Hanoi package's measures.</summary>
    public required ImmutableArray<int> HanoiMeasures { get; init; }

    /// <summary>Prior over the North's type, in <see cref="NorthType"/> order, summing to 1.</summary>
    public required ImmutableArray<double> TypePrior { get; init; }

    /// <summary>Per actor (<see cref="ActorId"/> order), the parameter values as fixed numbers or assumptions.</summary>
    public required ImmutableArray<ImmutableDictionary<string, CompiledQuantity>> ActorParameters { get; init; }

    /// <summary>[quarter]: trend productivity (<see cref="EconomyModel.Trend"/>) of each quarter of the horizon.</summary>
    public required ImmutableArray<double> TrendByQuarter { get; init; }

    /// <summary><see cref="Valuation.MeanInputElasticity"/> of the game's economy, which the valuation of every decision reads.</summary>
    public required double MeanInputElasticity { get; init; }

    /// <summary>[quarter]: population index (<see cref="EconomyModel.Population"/>) of each quarter of the horizon.</summary>
    public required ImmutableArray<double> PopulationByQuarter { get; init; }

    /// <summary>
    /// [quarter, line, partner] and [quarter, category]: the bites of the measures in force at the start, in each
    /// quarter (phase-ins move them). A trajectory in which nothing has been relieved copies these instead of
    /// recomputing them from the catalog.
    /// </summary>
    public required ImmutableArray<double> StartLineBite { get; init; }
    public required ImmutableArray<double> StartImportBite { get; init; }

    /// <summary>[actor * <see cref="HotParameters"/>.Length + k]: the actor parameters the game reads every quarter, compiled out of the dictionaries.</summary>
    public required ImmutableArray<CompiledQuantity> HotActorParameters { get; init; }

    /// <summary>Names of the actor parameters in <see cref="HotActorParameters"/>, in <see cref="HotParameter"/> order.</summary>
    public static readonly ImmutableArray<string> HotParameters = ["enforcement", "provocation_rate", "consent_propensity", "delivery_reliability", "election_shock_rate"];

    /// <summary>[assumption]: the key of the assumption's named stream (<see cref="StreamRandom.NameKey"/> of its name).</summary>
    public required ImmutableArray<ulong> AssumptionKeys { get; init; }

    /// <summary>The scenario's assumptions, in the order of the per-trajectory value arrays.</summary>
    public ImmutableArray<Assumption> Assumptions => Scenario.Assumptions;

    /// <summary>An actor's parameter for one trajectory.</summary>
    public double Actor(ActorId actor, string name, ReadOnlySpan<double> assumptions) =>
        ActorParameters[(int)actor].TryGetValue(name, out var q) ? q.Value(assumptions) : 0.0;
}

/// <summary>Turns a validated scenario into a <see cref="CompiledGame"/>; reports what cannot be played.</summary>
public static class GameCompiler
{
    /// <summary>The first quarter a game can start in: the economy is calibrated on data up to 2016.</summary>
    public static readonly Quarter EarliestStart = new(2016, 1);

    /// <summary>Compiles with the embedded catalog, the Korea calibration and the default game parameters unless given.</summary>
    public static CompiledGame Compile(Scenario scenario, Catalog? catalog = null, CalibrationResult? calibration = null, GameParameters? game = null)
    {
        catalog ??= Catalog.Korea;
        calibration ??= Calibration.Korea;
        game ??= GameAssumptions.Defaults;
        var economy = calibration.Parameters;

        var start = scenario.Start;
        // RunPlan.Prepare reports this as a located error before compiling; reaching it here is a caller's bug.
        if (start.CompareTo(EarliestStart) < 0)
            throw new GameCompileException($"{scenario.Path}: the game starts from the economy calibrated on 2016; start must be 2016Q1 or later (it is {start})");

        var horizon = scenario.HorizonQuarters;
        var bites = new SanctionBites(catalog.Measures);
        var inForce = new double[bites.Count];
        foreach (var id in scenario.SanctionsInForce)
        {
            var m = bites.IndexOf(id);
            if (m >= 0) inForce[m] = 1.0;
        }

        // ---- history up to the start, with the catalog's measures at their dates (the backcast's replay)
        var timeline = ScheduledShocks.WithClosures(HistoricalTimeline.Korea(catalog), scenario.Shocks);
        var prefix = start.Ordinal - CompiledGame.HistoryStart.Ordinal;
        var total = Math.Max(prefix, new Quarter(2018, 4).Ordinal - CompiledGame.HistoryStart.Ordinal + 1) + horizon;
        var history = InstrumentCompiler.Compile(timeline, CompiledGame.HistoryStart, total);
        var weather = Backcast.HistoricalWeather(Data.Dataset.Korea, total);
        // One replay serves both: the no-deal history through 2018 (the base of indices) and the
        // state entering the start quarter (captured on the way).
        var y2018 = new Quarter(2018, 1).Ordinal - CompiledGame.HistoryStart.Ordinal;
        var replayed = Math.Max(prefix, y2018 + 4);
        var baseline = new EconomyPath(total);
        var running = EconomyState.Initial(economy);
        var state = running;
        var openness = Array.Empty<double>();
        for (var q = 0; q <= replayed; q++)
        {
            if (q == prefix)
            {
                state = running;
                openness = baseline.Openness.ToArray();
            }

            if (q < replayed) EconomyModel.Step(economy, history, weather, baseline, q, ref running);
        }


        // 2018 = 100 on the no-deal history; the base year of gains is the four quarters before the start.
        double gdp2018 = 0, hh2018 = 0;
        for (var q = y2018; q < y2018 + 4; q++)
        {
            gdp2018 += baseline.GdpIndex[q] / 4.0;
            hh2018 += baseline.HouseholdIncomeIndex[q] / 4.0;
        }

        double hhBase = 0, regimeBase = 0, populationBase = 0;
        for (var q = Math.Max(0, prefix - 4); q < prefix; q++)
        {
            hhBase += baseline.HouseholdIncomeMusd[q];
            regimeBase += baseline.RegimeRevenueMusd[q];
            populationBase += EconomyModel.Population(economy, CompiledGame.HistoryStart.Ordinal + q);
        }

        // A start at the history's first quarter has no base year (its base income is 0); any population serves then.
        var baseQuarters = prefix - Math.Max(0, prefix - 4);
        populationBase = baseQuarters > 0 ? populationBase / baseQuarters : EconomyModel.Population(economy, start.Ordinal);

        // From the start on, the scenario's own shocks close the border, and a historical closure only if it is
        // already underway in the start quarter (it then runs its recorded course, all its stretches): a 2018
        // scenario does not know of the 2020-2023 closure unless its file schedules it, but a 2021 one starts
        // with the border closed, as history left it, rather than opening it at once.
        var historicalClosures = HistoricalTimeline.Korea(catalog).BorderClosures;
        var underway = historicalClosures.Where(s => Covers(s.From, s.Until, start)).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var enforcement = new double[horizon * Exposure.Partners];
        var gapOpen = new double[horizon];
        var closure = new double[horizon];
        for (var q = 0; q < horizon; q++)
        {
            for (var r = 0; r < Exposure.Partners; r++)
                enforcement[(q * Exposure.Partners) + r] = history.Enforcement[((prefix + q) * Exposure.Partners) + r];
            gapOpen[q] = Math.Pow(1.0 - game.EnforcementAdjustment, q);
            var quarter = start.Plus(q);
            foreach (var shock in scenario.Shocks)
            {
                if (shock.Kind == ShockKind.BorderClosure && Covers(shock.From, shock.Until, quarter))
                    closure[q] = Math.Max(closure[q], shock.Intensity);
            }

            foreach (var shock in historicalClosures)
            {
                if (underway.Contains(shock.Id) && Covers(shock.From, shock.Until, quarter))
                    closure[q] = Math.Max(closure[q], shock.Intensity);
            }
        }

        // A year's harvest is one shock, the same in each of its quarters: the quarters of the start year keep
        // history's when history has begun the year; trajectories draw from the next year on (NegotiationGame.FillWeather).
        var scheduledWeather = new Shocks(horizon);
        var historyYear = Math.Min(horizon, CompiledGame.FirstDrawnWeather(start));
        for (var q = 0; q < historyYear; q++) scheduledWeather.Weather[q] = weather.Weather[prefix + q];
        ScheduledShocks.AddHarvestFailures(scheduledWeather, start, scenario.Shocks);

        // ---- the roadmap
        var report = FeasibilityCheck.Run(scenario, catalog);
        var findings = report.Findings.ToDictionary(f => f.Incentive.Id, StringComparer.Ordinal);
        var allIncentives = scenario.Roadmap.AllIncentives.ToList();
        var incentiveIndex = allIncentives.Select((x, i) => (x.Incentive.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var assumptionIndex = scenario.Assumptions.Select((a, i) => (a.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        CompiledQuantity Resolve(Quantity? q, double fallback) => q switch
        {
            null => new CompiledQuantity(fallback, -1),
            { AssumptionName: { } name } => new CompiledQuantity(0, assumptionIndex[name]),
            { Fixed: { } v } => new CompiledQuantity(v, -1),
            _ => new CompiledQuantity(fallback, -1),
        };

        var phases = scenario.Roadmap.Phases.Select(p => new CompiledPhase(
            p.Name,
            [.. p.Steps.Select(s => s.Step)],
            [.. p.Steps.Select(s => s.Verification)],
            p.Conditions.Aggregate(0, (mask, c) => mask | (1 << (int)c)))).ToImmutableArray();

        var incentives = ImmutableArray.CreateBuilder<CompiledIncentive>();
        foreach (var (phase, incentive) in allIncentives)
        {
            var finding = findings[incentive.Id];
            var needs = finding.Collisions.Where(c => !c.Measure.Hortatory && c.RelievedBy is not null)
                .Select(c => incentiveIndex[c.RelievedBy!]).Distinct().Where(i => allIncentives[i].Incentive.Id != incentive.Id).ToImmutableArray();
            var blocked = finding.Collisions.Any(c => !c.Measure.Hortatory && c.RelievedBy is null);
            var consent = finding.Provides.SelectMany(p => p.Consent).Concat(finding.OtherConsent.Select(o => o.Party))
                .Aggregate(0, (mask, party) => mask | (1 << (int)party));
            var measures = incentive.Kind == IncentiveKind.SanctionsRelief
                ? incentive.Measures.Select(bites.IndexOf).Where(i => i >= 0).ToImmutableArray()
                : [];
            var trigger = incentive.Sequencing.Step is { } s ? (int)s : -1;
            incentives.Add(new CompiledIncentive(
                incentive.Id,
                phase.Number - 1,
                incentive.Kind,
                incentive.Provider,
                incentive.Sequencing.Rule,
                trigger,
                incentive.Sequencing.Quarters,
                incentive.Route,
                incentive.DurationQuarters ?? 0,
                measures,
                consent,
                needs,
                blocked,
                Resolve(incentive.AmountMusdPerYear, game.DefaultAmountMusd[(int)incentive.Kind]),
                incentive.Provider switch
                {
                    Provider.SouthKorea => Partner.SouthKorea,
                    Provider.China => Partner.China,
                    _ => Partner.Other,
                },
                incentive.Linkage.Contains(Linkage.DirectHireAndPay),
                incentive.Linkage.Contains(Linkage.DomesticSourcing),
                phase.Conditions.Contains(Condition.SnapbackOnCheating),
                phase.Conditions.Contains(Condition.AlliedCoordination),
                phase.Conditions.Contains(Condition.EconomicGovernanceReform)));
        }

        var north = scenario.Actors.FirstOrDefault(a => a.Actor == ActorId.NorthKorea);
        var prior = Enum.GetValues<NorthType>().Select(t => (north?.TypePrior ?? ActorParameterSpec.DefaultTypePrior).GetValueOrDefault(t)).ToArray();
        var priorSum = prior.Sum();
        var actorParameters = Enum.GetValues<ActorId>().Select(actor =>
        {
            var settings = scenario.Actors.FirstOrDefault(a => a.Actor == actor);
            var b = ImmutableDictionary.CreateBuilder<string, CompiledQuantity>(StringComparer.Ordinal);
            foreach (var spec in ActorParameterSpec.For(actor))
            {
                b[spec.Name] = settings is not null && settings.Parameters.TryGetValue(spec.Name, out var q)
                    ? Resolve(q, spec.Defaults[actor])
                    : new CompiledQuantity(spec.Defaults[actor], -1);
            }

            return b.ToImmutable();
        }).ToImmutableArray();

        // ---- the Hanoi anchor: relief of the 2016-2017 resolutions' measures on the civilian economy.
        // Valued on the catalog in force at the start and the default enforcement, not on the scenario's
        // own assumptions, so every roadmap starting in the same quarter faces the same ladder of costs.
        var hanoiResolutions = new[] { "2270", "2321", "2371", "2375", "2397" };
        var catalogInForce = bites.Measures.Select(m => m.IsInForceOn(start.FirstDay) ? 1.0 : 0.0).ToArray();
        var hanoi = Enumerable.Range(0, bites.Count)
            .Where(m => catalogInForce[m] > 0 && bites.Measures[m].Issuer == Issuer.Unsc && bites.Bites(m)
                && hanoiResolutions.Any(r => bites.Measures[m].Id.StartsWith($"UNSC-{r}-", StringComparison.Ordinal)))
            .ToImmutableArray();

        var trendByQuarter = new double[horizon];
        var populationByQuarter = new double[horizon];
        var lineCells = Exposure.Lines * Exposure.Partners;
        var startLine = new double[horizon * lineCells];
        var startImport = new double[horizon * Exposure.Categories];
        var scratch = new double[SanctionBites.ScratchLength];
        for (var q = 0; q < horizon; q++)
        {
            trendByQuarter[q] = EconomyModel.Trend(economy, start.Ordinal + q);
            populationByQuarter[q] = EconomyModel.Population(economy, start.Ordinal + q);
            bites.Fill(inForce, start.Ordinal + q, startLine.AsSpan(q * lineCells, lineCells), startImport.AsSpan(q * Exposure.Categories, Exposure.Categories), scratch);
        }

        var hot = Enum.GetValues<ActorId>().SelectMany(actor => CompiledGame.HotParameters.Select(name =>
            actorParameters[(int)actor].TryGetValue(name, out var q) ? q : new CompiledQuantity(0.0, -1))).ToImmutableArray();

        var compiled = new CompiledGame
        {
            TrendByQuarter = [.. trendByQuarter],
            MeanInputElasticity = Valuation.MeanInputElasticity(economy),
            PopulationByQuarter = [.. populationByQuarter],
            StartLineBite = [.. startLine],
            StartImportBite = [.. startImport],
            HotActorParameters = hot,
            RelievableMeasures = [.. incentives.SelectMany(x => x.Measures).Distinct().Order()],
            PhaseIncentiveStart = [.. Enumerable.Range(0, phases.Length + 1).Select(p => incentives.Count(x => x.Phase < p))],
            AssumptionKeys = [.. scenario.Assumptions.Select(x => StreamRandom.NameKey(x.Name))],
            Scenario = scenario,
            Game = game,
            Economy = economy,
            Horizon = horizon,
            Start = start,
            Phases = phases,
            Incentives = incentives.ToImmutable(),
            Bites = bites,
            InForceAtStart = [.. inForce],
            IsUn = [.. bites.Measures.Select(m => m.Issuer == Issuer.Unsc)],
            EconomyAtStart = state,
            OpennessAtStart = [.. openness],
            TimelineEnforcement = [.. enforcement],
            EnforcementGapOpen = [.. gapOpen],
            BorderClosure = [.. closure],
            ScheduledWeather = [.. scheduledWeather.Weather],
            GdpBase2018 = gdp2018,
            HouseholdBase2018 = hh2018,
            HouseholdBaseYearMusd = hhBase,
            RegimeBaseYearMusd = regimeBase,
            PopulationBaseYear = populationBase,
            RoadmapParties = CompiledGame.PartiesOf(incentives.ToImmutable()),
            YongbyonCostMusd = 0,
            HanoiPackageValueMusd = 0,
            HanoiMeasures = hanoi,
            TypePrior = [.. prior.Select(p => p / priorSum)],
            ActorParameters = actorParameters,
        };

        var defaults = ActorParameterSpec.All.Single(a => a.Name == "enforcement").Defaults;
        var hanoiValue = Valuation.OfMeasures(compiled, catalogInForce, hanoi, NorthType.Hedger, defaults[ActorId.China], defaults[ActorId.SouthKorea], baseline, prefix - 1);
        return compiled with { YongbyonCostMusd = game.HanoiRatio * hanoiValue, HanoiPackageValueMusd = hanoiValue };
    }

    private static bool Covers(Quarter from, Quarter until, Quarter quarter) => quarter.CompareTo(from) >= 0 && quarter.CompareTo(until) <= 0;
}

/// <summary>A scenario the game cannot play, with the reason.</summary>
public sealed class GameCompileException(string message) : Exception(message);
