using System.Collections.Immutable;
using Statecraft.Documents;
using Statecraft.Feasibility;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Analysis;

/// <summary>The kinds of change the search makes to a roadmap.</summary>
public enum MoveKind
{
    /// <summary>Two adjacent phases exchange their incentives and conditions; the steps stay in ladder order.</summary>
    SwapOffers,

    /// <summary>A step moves across the boundary between two adjacent phases.</summary>
    MoveStep,

    /// <summary>An incentive moves to the previous or next phase.</summary>
    MoveIncentive,

    /// <summary>An incentive's sequencing changes (upfront, on_verified_step, after_quarters).</summary>
    Resequence,

    /// <summary>A relief incentive's route (exemption, suspension, termination) or a suspension's length changes.</summary>
    Reroute,

    /// <summary>A condition is added to or removed from a phase.</summary>
    Condition,
}

/// <summary>One change to a roadmap, with the scenario it gives and a one-line account a reader understands.</summary>
public sealed record RoadmapMove(MoveKind Kind, string Explanation, Scenario Scenario);

/// <summary>A roadmap the search may evaluate: its scenario, which passes <see cref="RoadmapRules"/>, and the text written for it.</summary>
/// <param name="Scenario">The scenario as the moves built it.</param>
/// <param name="Text">The text written for it (<see cref="ScenarioWriter"/>), without header comments: also its identity.</param>
/// <param name="Explanation">The move that made it from its parent.</param>
public sealed record RoadmapCandidate(Scenario Scenario, string Text, string Explanation);

/// <summary>The admissible neighbours of a roadmap, and how many moves were turned away, by reason.</summary>
public sealed record Neighbourhood(ImmutableArray<RoadmapCandidate> Candidates, ImmutableSortedDictionary<string, int> Rejected);

/// <summary>
/// The neighbourhood of a roadmap: the small changes an analyst would try one at a time. Steps stay on the
/// denuclearization ladder (the validator requires each step once, in ladder order across phases), so phases are
/// reordered by exchanging what they offer, and a step moves only across the boundary of two adjacent phases.
/// </summary>
public static class RoadmapMoves
{
    /// <summary>The conditions a move may add to or remove from a phase: all of them.</summary>
    private static readonly Condition[] Conditions = Enum.GetValues<Condition>();

    /// <summary>Suspension lengths tried, in quarters (null: until revoked); one, two and three years cover the shipped files' choices.</summary>
    private static readonly int?[] SuspensionQuarters = [4, 8, 12, null];

    /// <summary>Delays tried for <c>after_quarters</c>.</summary>
    private static readonly int[] Delays = [2, 4];

    /// <summary>Every move of the kinds the search knows, whether or not the result validates.</summary>
    public static IEnumerable<RoadmapMove> Around(Scenario scenario, Catalog catalog)
    {
        var phases = scenario.Roadmap.Phases;
        for (var k = 0; k + 1 < phases.Length; k++)
        {
            yield return SwapOffers(scenario, k);
        }

        for (var k = 0; k + 1 < phases.Length; k++)
        {
            if (phases[k].Steps.Length > 1) yield return MoveStep(scenario, k, k + 1, phases[k].Steps[^1]);
            if (phases[k + 1].Steps.Length > 1) yield return MoveStep(scenario, k + 1, k, phases[k + 1].Steps[0]);
        }

        for (var k = 0; k < phases.Length; k++)
        {
            foreach (var incentive in phases[k].Incentives)
            {
                if (k > 0) yield return MoveIncentive(scenario, incentive, k, k - 1);
                if (k + 1 < phases.Length) yield return MoveIncentive(scenario, incentive, k, k + 1);
                foreach (var m in Resequence(scenario, phases[k], incentive)) yield return m;
                foreach (var m in Reroute(scenario, phases[k], incentive, catalog)) yield return m;
            }
        }

        for (var k = 0; k < phases.Length; k++)
        {
            foreach (var c in Conditions)
            {
                var has = phases[k].Conditions.Contains(c);
                var conditions = has ? phases[k].Conditions.Remove(c) : phases[k].Conditions.Add(c);
                yield return new RoadmapMove(
                    MoveKind.Condition,
                    has ? $"removed condition {YamlName.Of(c)} from phase {k + 1}" : $"added condition {YamlName.Of(c)} to phase {k + 1}",
                    WithPhase(scenario, k, phases[k] with { Conditions = conditions }));
            }
        }
    }

    /// <summary>
    /// The moves whose scenario is valid and passes the feasibility check, and is not <paramref name="seen"/> already
    /// (texts are added to it). Validity is checked on the records by <see cref="RoadmapRules"/>, which accept exactly
    /// the moves whose written file the loader accepts, so every candidate is still a file a user could load.
    /// </summary>
    public static Neighbourhood Admissible(IEnumerable<RoadmapMove> moves, Catalog catalog, ISet<string> seen)
    {
        var kept = ImmutableArray.CreateBuilder<RoadmapCandidate>();
        var rejected = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Reject(string why) => rejected[why] = rejected.GetValueOrDefault(why) + 1;
        foreach (var move in moves)
        {
            if (Admit(move.Scenario, catalog, out var why) is not { } candidate)
            {
                Reject(why!);
                continue;
            }

            if (!seen.Add(candidate.Text))
            {
                Reject("repeat a roadmap already considered");
                continue;
            }

            kept.Add(candidate with { Explanation = move.Explanation });
        }

        return new Neighbourhood(kept.ToImmutable(), rejected.ToImmutableSortedDictionary(StringComparer.Ordinal));
    }

    /// <summary>The scenario as a candidate when it is valid and passes the check; otherwise null and why.</summary>
    public static RoadmapCandidate? Admit(Scenario scenario, Catalog catalog, out string? why)
    {
        if (RoadmapRules.Check(scenario, catalog).Any(d => d.Severity == Severity.Error))
        {
            why = "do not validate";
            return null;
        }

        if (!FeasibilityCheck.Run(scenario, catalog).Feasible)
        {
            why = "fail the feasibility check";
            return null;
        }

        why = null;
        return new RoadmapCandidate(scenario, ScenarioWriter.Write(scenario, catalog), "");
    }

    private static RoadmapMove SwapOffers(Scenario s, int k)
    {
        var (a, b) = (s.Roadmap.Phases[k], s.Roadmap.Phases[k + 1]);
        var toA = b.Incentives.Select(i => Rehome(i, a).Incentive).ToImmutableArray();
        var toB = a.Incentives.Select(i => Rehome(i, b).Incentive).ToImmutableArray();
        var phases = s.Roadmap.Phases
            .SetItem(k, a with { Incentives = toA, Conditions = b.Conditions })
            .SetItem(k + 1, b with { Incentives = toB, Conditions = a.Conditions });
        return new RoadmapMove(MoveKind.SwapOffers, $"swapped the offers (incentives and conditions) of phases {k + 1} and {k + 2}; the steps stay in ladder order", With(s, phases));
    }

    private static RoadmapMove MoveStep(Scenario s, int from, int to, StepDemand step)
    {
        var source = s.Roadmap.Phases[from];
        var target = s.Roadmap.Phases[to];

        // Incentives that waited for this step in its old phase wait for all of that phase's steps instead.
        var incentives = source.Incentives.Select(i => i.Sequencing is { Rule: SequencingRule.OnVerifiedStep, Step: { } x } && x == step.Step
            ? i with { Sequencing = new Sequencing(SequencingRule.OnVerifiedStep) }
            : i).ToImmutableArray();
        var steps = to > from ? target.Steps.Insert(0, step) : target.Steps.Add(step);
        var phases = s.Roadmap.Phases
            .SetItem(from, source with { Steps = source.Steps.Remove(step), Incentives = incentives })
            .SetItem(to, target with { Steps = steps });
        return new RoadmapMove(MoveKind.MoveStep, $"moved step {YamlName.Of(step.Step)} from phase {from + 1} to phase {to + 1}", With(s, phases));
    }

    private static RoadmapMove MoveIncentive(Scenario s, Incentive incentive, int from, int to)
    {
        var source = s.Roadmap.Phases[from];
        var target = s.Roadmap.Phases[to];
        var (moved, note) = Rehome(incentive, target);

        // Into the earlier phase it goes last, into the later one first: nearest to where it was.
        var incentives = to < from ? target.Incentives.Add(moved) : target.Incentives.Insert(0, moved);
        var phases = s.Roadmap.Phases
            .SetItem(from, source with { Incentives = source.Incentives.Remove(incentive) })
            .SetItem(to, target with { Incentives = incentives });
        return new RoadmapMove(MoveKind.MoveIncentive, $"moved incentive '{incentive.Id}' from phase {from + 1} to phase {to + 1}{note}", With(s, phases));
    }

    private static IEnumerable<RoadmapMove> Resequence(Scenario s, Phase phase, Incentive incentive)
    {
        var options = new List<Sequencing> { new(SequencingRule.Upfront) };
        if (!phase.Steps.IsEmpty)
        {
            options.Add(new Sequencing(SequencingRule.OnVerifiedStep));
            if (phase.Steps.Length > 1) options.Add(new Sequencing(SequencingRule.OnVerifiedStep, phase.Steps[0].Step));
        }

        options.AddRange(Delays.Where(q => q <= s.HorizonQuarters).Select(q => new Sequencing(SequencingRule.AfterQuarters, Quarters: q)));
        foreach (var option in options.Where(o => o != incentive.Sequencing))
        {
            yield return new RoadmapMove(
                MoveKind.Resequence,
                $"incentive '{incentive.Id}' in phase {phase.Number} delivered {option} instead of {incentive.Sequencing}",
                Replace(s, phase, incentive, incentive with { Sequencing = option }));
        }
    }

    private static IEnumerable<RoadmapMove> Reroute(Scenario s, Phase phase, Incentive incentive, Catalog catalog)
    {
        if (incentive is not { Kind: IncentiveKind.SanctionsRelief, Route: { } route }) yield break;
        var measures = incentive.Measures.Select(catalog.Find).OfType<Measure>().ToList();
        var durations = SuspensionQuarters.Where(q => q is null || q <= s.HorizonQuarters).ToList();
        foreach (var other in Enum.GetValues<ReliefRoute>().Where(r => r != route && measures.All(m => m.ReliefBy(r) is not null)))
        {
            // A new suspension gets the middle length tried (two years), a choice the next move can change.
            int? duration = other == ReliefRoute.Suspension ? durations.FirstOrDefault(q => q == 8) ?? durations.FirstOrDefault(q => q is not null) : null;
            yield return new RoadmapMove(
                MoveKind.Reroute,
                $"incentive '{incentive.Id}' in phase {phase.Number} relieved by {Route(other, duration)} instead of {Route(route, incentive.DurationQuarters)}",
                Replace(s, phase, incentive, incentive with { Route = other, DurationQuarters = duration }));
        }

        if (route != ReliefRoute.Suspension) yield break;
        foreach (var q in durations.Where(q => q != incentive.DurationQuarters))
        {
            yield return new RoadmapMove(
                MoveKind.Reroute,
                $"incentive '{incentive.Id}' in phase {phase.Number} relieved by {Route(route, q)} instead of {Route(route, incentive.DurationQuarters)}",
                Replace(s, phase, incentive, incentive with { DurationQuarters = q }));
        }
    }

    private static string Route(ReliefRoute route, int? quarters) => route == ReliefRoute.Suspension
        ? quarters is { } q ? $"suspension for {q} quarters" : "suspension until revoked"
        : YamlName.Of(route);

    /// <summary>
    /// The incentive as it must read in <paramref name="phase"/>: waiting for a step the phase does not ask for, it
    /// waits for the phase's steps; in a phase with no steps, it comes upfront. The note says what changed.
    /// </summary>
    private static (Incentive Incentive, string Note) Rehome(Incentive incentive, Phase phase)
    {
        if (incentive.Sequencing.Rule != SequencingRule.OnVerifiedStep) return (incentive, "");
        if (phase.Steps.IsEmpty) return (incentive with { Sequencing = new Sequencing(SequencingRule.Upfront) }, ", now delivered upfront (the phase asks for no steps)");
        if (incentive.Sequencing.Step is { } step && !phase.Steps.Any(x => x.Step == step))
        {
            return (incentive with { Sequencing = new Sequencing(SequencingRule.OnVerifiedStep) }, ", now delivered when the phase's steps are verified");
        }

        return (incentive, "");
    }

    private static Scenario Replace(Scenario s, Phase phase, Incentive old, Incentive replacement)
    {
        var k = s.Roadmap.Phases.IndexOf(phase);
        return WithPhase(s, k, phase with { Incentives = phase.Incentives.Replace(old, replacement) });
    }

    private static Scenario WithPhase(Scenario s, int k, Phase phase) => With(s, s.Roadmap.Phases.SetItem(k, phase));

    private static Scenario With(Scenario s, ImmutableArray<Phase> phases) => s with { Roadmap = s.Roadmap with { Phases = phases } };
}
