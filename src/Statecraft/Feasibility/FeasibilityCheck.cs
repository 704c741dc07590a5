using System.Collections.Immutable;
using Statecraft.Documents;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Feasibility;

/// <summary>Whether relief arrives before the incentive that needs it.</summary>
public enum Timing
{
    /// <summary>The relief is delivered no later than the incentive.</summary>
    InTime,

    /// <summary>The order depends on how fast steps are verified: the incentive may come first.</summary>
    Uncertain,

    /// <summary>The relief comes after the incentive is delivered.</summary>
    Late,
}

/// <summary>A measure an incentive collides with, and how (or whether) the roadmap relieves it.</summary>
/// <param name="Measure">The measure.</param>
/// <param name="Activities">The incentive's activities the measure blocks.</param>
/// <param name="ReliefNeeded">The route the roadmap provides, or the least demanding route available when it provides none.</param>
/// <param name="Consent">Whose consent that route needs.</param>
/// <param name="RelievedBy">The id of the incentive that provides the relief, or null when none does.</param>
/// <param name="Timing">When the relief arrives relative to the incentive (null when there is no relief).</param>
/// <param name="Problem">What is wrong, in one sentence, or null when the collision is resolved in time.</param>
public sealed record Collision(
    Measure Measure,
    ImmutableArray<string> Activities,
    ReliefRoute ReliefNeeded,
    ImmutableArray<ConsentParty> Consent,
    string? RelievedBy,
    Timing? Timing,
    string? Problem)
{
    /// <summary>True when the roadmap relieves the measure, at the latest when the incentive is delivered.</summary>
    public bool IsResolved => RelievedBy is not null && Timing != Feasibility.Timing.Late;

    /// <summary>False for a hortatory measure, which is reported but cannot make an incentive infeasible.</summary>
    public bool IsBlocking => !Measure.Hortatory && !IsResolved;
}

/// <summary>Relief an incentive provides (sanctions relief or a joint-venture carve-out).</summary>
public sealed record ReliefProvided(Measure Measure, ReliefRoute Route, ImmutableArray<ConsentParty> Consent, string Consequence);

/// <summary>The check of one incentive.</summary>
public sealed record IncentiveFinding(
    Phase Phase,
    Incentive Incentive,
    ImmutableArray<Collision> Collisions,
    ImmutableArray<ReliefProvided> Provides,
    ImmutableArray<(ConsentParty Party, string Why)> OtherConsent,
    ImmutableArray<string> Warnings)
{
    /// <summary>Feasible when every binding collision is relieved by the roadmap no later than the incentive is delivered.</summary>
    public bool Feasible => !Collisions.Any(c => c.IsBlocking);
}

/// <summary>The feasibility check of a whole roadmap.</summary>
public sealed record FeasibilityReport(Scenario Scenario, ImmutableArray<IncentiveFinding> Findings)
{
    /// <summary>True when every incentive is feasible.</summary>
    public bool Feasible => Findings.All(f => f.Feasible);
}

/// <summary>
/// Checks a roadmap against the sanctions in force: for every incentive, the measures it collides
/// with, the relief the roadmap provides or lacks, whose consent that relief needs, and whether the
/// relief arrives before the incentive.
/// </summary>
public static class FeasibilityCheck
{
    /// <summary>Runs the check. Pure: the same scenario and catalog give the same report.</summary>
    public static FeasibilityReport Run(Scenario scenario, Catalog catalog)
    {
        var inForce = scenario.SanctionsInForce.Select(catalog.Find).OfType<Measure>().ToList();
        var all = scenario.Roadmap.AllIncentives.ToList();
        var findings = all.Select(x => Check(x.Phase, x.Incentive, inForce, all, catalog)).ToImmutableArray();
        return new FeasibilityReport(scenario, findings);
    }

    /// <summary>
    /// Whether a measure restricts what this provider does. UN measures bind everyone; national
    /// measures bind the issuer's own persons; secondary measures reach anyone through the issuer's
    /// financial system.
    /// </summary>
    public static bool Binds(Measure measure, Provider provider) => measure.Binds switch
    {
        Binding.Everyone or Binding.Secondary => true,
        Binding.IssuerPersons => (measure.Issuer, provider) switch
        {
            (Issuer.Us, Provider.Us) or (Issuer.Rok, Provider.SouthKorea) or (Issuer.Japan, Provider.Japan) => true,
            _ => false,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(measure)),
    };

    private static IncentiveFinding Check(Phase phase, Incentive incentive, List<Measure> inForce, List<(Phase Phase, Incentive Incentive)> all, Catalog catalog)
    {
        var activities = IncentiveActivities.Of(incentive);
        var collisions = ImmutableArray.CreateBuilder<Collision>();
        foreach (var measure in inForce.Where(m => Binds(m, incentive.Provider)))
        {
            var hit = activities.Where(a => measure.BlockingPattern(a) is not null).ToImmutableArray();
            if (hit.IsEmpty)
            {
                continue;
            }

            collisions.Add(Resolve(phase, incentive, measure, hit, all));
        }

        var warnings = Warnings(incentive, inForce).ToBuilder();
        foreach (var c in collisions.Where(c => c.RelievedBy is not null && c.ReliefNeeded == ReliefRoute.Suspension))
        {
            var relief = all.First(x => x.Incentive.Id == c.RelievedBy).Incentive;
            if (relief.DurationQuarters is { } quarters)
            {
                warnings.Add($"{c.Measure.Id} is suspended for only {quarters} quarters by '{relief.Id}'; this incentive loses cover when the suspension lapses unless it is renewed");
            }
        }

        return new IncentiveFinding(phase, incentive, collisions.ToImmutable(), Provided(incentive, all, catalog),
            IncentiveActivities.OtherConsent(incentive.Kind), warnings.ToImmutable());
    }

    /// <summary>Finds the best relief the roadmap offers for one collision: in time beats uncertain beats late.</summary>
    private static Collision Resolve(Phase phase, Incentive incentive, Measure measure, ImmutableArray<string> hit, List<(Phase Phase, Incentive Incentive)> all)
    {
        (Incentive Relief, ReliefOption Option, Timing Timing)? best = null;
        foreach (var (reliefPhase, relief) in all)
        {
            var option = ReliefFor(relief, incentive, measure, hit);
            if (option is null)
            {
                continue;
            }

            var timing = Compare(reliefPhase, relief.Sequencing, phase, incentive.Sequencing);
            if (best is null || timing < best.Value.Timing)
            {
                best = (relief, option, timing);
            }
        }

        if (best is not { } b)
        {
            var easiest = measure.EasiestRelief;
            return new Collision(measure, hit, easiest.Route, easiest.Consent, null, null,
                $"no relief of {measure.Id} in the roadmap; it needs {YamlName.Of(easiest.Route)} ({string.Join(", ", easiest.Consent.Select(YamlName.Of))})");
        }

        var problem = b.Timing switch
        {
            Timing.Late => $"relief '{b.Relief.Id}' ({Describe(b.Relief, all)}) comes after this incentive ({Describe(incentive, all)})",
            Timing.Uncertain => $"relief '{b.Relief.Id}' ({Describe(b.Relief, all)}) may come after this incentive ({Describe(incentive, all)}), depending on when steps are verified",
            _ => null,
        };
        return new Collision(measure, hit, b.Option.Route, b.Option.Consent, b.Relief.Id, b.Timing, problem);
    }

    /// <summary>The relief option <paramref name="relief"/> gives for this collision, or null when it gives none.</summary>
    private static ReliefOption? ReliefFor(Incentive relief, Incentive incentive, Measure measure, ImmutableArray<string> hit)
    {
        switch (relief.Kind)
        {
            // Relief scoped with covers (exemptions are granted case by case) helps only the incentives it names.
            case IncentiveKind.SanctionsRelief when relief.Measures.Contains(measure.Id) && relief.Route is { } route && Covers(relief, incentive):
                return measure.ReliefBy(route);

            // A carve-out is a 1718 Committee exemption for joint ventures: it relieves a UN measure only
            // when every activity through which the incentive collides with it is a joint venture.
            // National measures (a US order, say) need their own issuer's relief.
            case IncentiveKind.JointVentureCarveOut
                when measure.Issuer == Issuer.Unsc && Covers(relief, incentive)
                     && hit.All(a => a.StartsWith("joint_venture:", StringComparison.Ordinal)):
                return measure.ReliefBy(ReliefRoute.Exemption);

            default:
                return null;
        }
    }

    private static bool Covers(Incentive relief, Incentive incentive) => relief.Covers.IsEmpty || relief.Covers.Contains(incentive.Id);

    private static ImmutableArray<ReliefProvided> Provided(Incentive incentive, List<(Phase Phase, Incentive Incentive)> all, Catalog catalog)
    {
        switch (incentive.Kind)
        {
            case IncentiveKind.SanctionsRelief when incentive.Route is { } route:
                return [.. incentive.Measures.Select(catalog.Find).OfType<Measure>()
                    .Select(m => (m, o: m.ReliefBy(route)))
                    .Where(x => x.o is not null)
                    .Select(x => new ReliefProvided(x.m, route, x.o!.Consent, Consequence(x.m, route)))];
            case IncentiveKind.JointVentureCarveOut:
                return [.. catalog.Measures
                    .Where(m => m.Issuer == Issuer.Unsc && m.Blocks.All(p => p.StartsWith("joint_venture:", StringComparison.Ordinal)) && m.ReliefBy(ReliefRoute.Exemption) is not null)
                    .Select(m => new ReliefProvided(m, ReliefRoute.Exemption, m.ReliefBy(ReliefRoute.Exemption)!.Consent,
                        "case-by-case exemption for " + (incentive.Covers.IsEmpty ? "every joint venture in the roadmap" : string.Join(", ", incentive.Covers))))];
            default:
                return [];
        }
    }

    private static string Consequence(Measure measure, ReliefRoute route) => (route, measure.Issuer) switch
    {
        (ReliefRoute.Exemption, _) => "the measure stays in force; only the named activity is exempted",
        (ReliefRoute.Suspension, _) => "snaps back on detected cheating or when the suspension lapses",
        (ReliefRoute.Termination, Issuer.Unsc) => "returns only through a new resolution, which any permanent member can veto",
        (ReliefRoute.Termination, _) => "returns only by a new decision of the issuer",
        _ => throw new ArgumentOutOfRangeException(nameof(route)),
    };

    private static ImmutableArray<string> Warnings(Incentive incentive, List<Measure> inForce)
    {
        var warnings = ImmutableArray.CreateBuilder<string>();
        if (incentive.Kind == IncentiveKind.SezSupport && incentive.Linkage.IsEmpty)
        {
            warnings.Add("no linkage conditions: an enclave zone pays wages through the state (see direct_hire_and_pay, domestic_sourcing)");
        }

        if (incentive.Kind == IncentiveKind.SanctionsRelief)
        {
            foreach (var id in incentive.Measures.Where(id => inForce.All(m => m.Id != id)))
            {
                warnings.Add($"{id} is not in force at the start, so relieving it changes nothing");
            }
        }

        return warnings.ToImmutable();
    }

    /// <summary>
    /// Orders two deliveries. Phases run in sequence and a phase starts once the previous phase's
    /// steps are verified, so an earlier phase's upfront or step-verified delivery always comes
    /// first, while its after_quarters delivery may not.
    /// </summary>
    internal static Timing Compare(Phase reliefPhase, Sequencing relief, Phase incentivePhase, Sequencing incentive)
    {
        if (reliefPhase.Number != incentivePhase.Number)
        {
            if (reliefPhase.Number > incentivePhase.Number)
            {
                return Timing.Late;
            }

            return relief.Rule == SequencingRule.AfterQuarters ? Timing.Uncertain : Timing.InTime;
        }

        return (relief.Rule, incentive.Rule) switch
        {
            (SequencingRule.Upfront, _) => Timing.InTime,
            (_, SequencingRule.Upfront) => Timing.Late,
            (SequencingRule.AfterQuarters, SequencingRule.AfterQuarters) => relief.Quarters <= incentive.Quarters ? Timing.InTime : Timing.Late,
            (SequencingRule.OnVerifiedStep, SequencingRule.OnVerifiedStep) =>
                StepReached(relief, reliefPhase) <= StepReached(incentive, incentivePhase) ? Timing.InTime : Timing.Late,
            _ => Timing.Uncertain,
        };
    }

    /// <summary>The step whose verification triggers delivery: the named one, or the phase's highest.</summary>
    private static Step StepReached(Sequencing sequencing, Phase phase) =>
        sequencing.Step ?? phase.Steps.Max(s => s.Step);

    private static string Describe(Incentive incentive, List<(Phase Phase, Incentive Incentive)> all)
    {
        var phase = all.First(x => ReferenceEquals(x.Incentive, incentive)).Phase;
        return $"phase {phase.Number}, {incentive.Sequencing}";
    }
}
