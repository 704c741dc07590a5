using System.Collections.Immutable;
using Statecraft.Documents;
using Statecraft.Sanctions;

namespace Statecraft.Scenarios;

/// <summary>
/// The rules about what a roadmap says, as opposed to how its file is written: each step once and in ladder order
/// across the phases; incentive ids well formed and unique; covers naming other incentives that exist; a delivery
/// waiting only for steps its phase asks for; delays and suspensions within the horizon; relief naming known
/// measures, each allowing the route; fields only on the kinds that take them; zones and activities that exist;
/// amounts and actors naming assumptions that exist and whose values fit. The loader applies them to what it read
/// of a file; <see cref="Check"/> applies them to records, so a roadmap built in code (the search's candidates)
/// is validated without writing a file and reading it back. What the records' types cannot hold wrongly, and the
/// scenario's frame (start, horizon, shocks, sanctions baseline, the assumptions' own distributions, the actors'
/// numbers), is checked where the loader reads it.
/// </summary>
public static class RoadmapRules
{
    /// <summary>The largest yearly amount an incentive may have, in USD million (a fixed amount or an assumption's range).</summary>
    internal const double MaxAmountMusdPerYear = 100_000;

    /// <summary>Fields that only some incentive kinds take.</summary>
    private static readonly Dictionary<string, IncentiveKind[]> KindSpecificFields = new(StringComparer.Ordinal)
    {
        ["measures"] = [IncentiveKind.SanctionsRelief],
        ["route"] = [IncentiveKind.SanctionsRelief],
        ["duration_quarters"] = [IncentiveKind.SanctionsRelief],
        ["covers"] = [IncentiveKind.JointVentureCarveOut, IncentiveKind.SanctionsRelief],
        ["zone"] = [IncentiveKind.SezSupport],
        ["linkage"] = [IncentiveKind.SezSupport],
        ["amount_musd_per_year"] =
        [
            IncentiveKind.SezSupport, IncentiveKind.TechnicalAssistance, IncentiveKind.HumanitarianAid, IncentiveKind.DevelopmentFinance,
            IncentiveKind.RailRoadReconnection, IncentiveKind.KaesongReopening, IncentiveKind.MountKumgangTourism,
        ],
    };

    /// <summary>
    /// Every diagnostic these rules give the scenario, sorted by position, with the messages the loader gives for a
    /// file that says the same. A record carries the positions it was read from; one built in code (or moved by the
    /// search) is located at its incentive, phase or step, or at the file when nothing nearer is known.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Check(Scenario scenario, Catalog catalog)
    {
        var diagnostics = new DiagnosticBag();
        var roadmap = WrittenRoadmap.Of(scenario.Roadmap, scenario.Path, catalog, diagnostics);
        Roadmap(roadmap, scenario.HorizonQuarters, scenario.SanctionsInForce, catalog, diagnostics);
        var assumptions = new Dictionary<string, Assumption>(StringComparer.Ordinal);
        foreach (var a in scenario.Assumptions) assumptions.TryAdd(a.Name, a);
        AssumptionUses(assumptions, new HashSet<string>(StringComparer.Ordinal), UsesIn(scenario), ScenarioUnused, diagnostics);
        return diagnostics.Sorted();
    }

    /// <summary>How messages name an incentive; "?" when its id could not be read.</summary>
    internal static string Who(string? id) => $"incentive '{id ?? "?"}'";

    /// <summary>How messages name an actor's parameter.</summary>
    internal static string ParameterContext(ActorId actor, string parameter) => $"{YamlName.Of(actor)}.{parameter}";

    /// <summary>How messages name an incentive's amount.</summary>
    internal static string AmountContext(string? id) => $"{Who(id)} amount_musd_per_year";

    /// <summary>The end of the unused-assumption warning for a scenario (roadmap).</summary>
    internal const string ScenarioUnused = "any actor or incentive in this scenario";

    /// <summary>The end of the unused-assumption warning for a world.</summary>
    internal const string WorldUnused = "any actor in this world";

    /// <summary>
    /// The measure ids of a list that name catalog measures, each once; the others are reported. The loader reads
    /// the sanctions lists with it as well as relief, since which measures are in force depends on the answer.
    /// </summary>
    internal static ImmutableArray<(string Id, SourceLocation At)> KnownMeasures(IEnumerable<(string Id, SourceLocation At)> written, string context, Catalog catalog, DiagnosticBag diagnostics)
    {
        var known = ImmutableArray.CreateBuilder<(string, SourceLocation)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, at) in written)
        {
            if (!seen.Add(id))
            {
                diagnostics.Error(at, $"measure {id} is listed twice in {context}");
                continue;
            }

            if (catalog.Find(id) is null)
            {
                diagnostics.Error(at, NearestName.Unknown("measure", id, catalog.Ids, "see 'statecraft measures'"));
                continue;
            }

            known.Add((id, at));
        }

        return known.ToImmutable();
    }

    /// <summary>
    /// The rules on a roadmap. <paramref name="inForce"/> is null when the start is not known, since which measures
    /// are in force depends on it: the warning about relieving one that is not is then not given.
    /// </summary>
    internal static void Roadmap(WrittenRoadmap roadmap, int horizon, ImmutableArray<string>? inForce, Catalog catalog, DiagnosticBag diagnostics)
    {
        if (!roadmap.PhasesWritten)
        {
            diagnostics.Error(roadmap.PhasesAt, "the roadmap needs at least one phase");
        }

        var stepPhase = new Dictionary<Step, (int Phase, SourceLocation At)>();
        Step? highest = null;
        foreach (var phase in roadmap.Phases)
        {
            foreach (var incentive in phase.Incentives)
            {
                Incentive(incentive, phase, horizon, catalog, diagnostics);
            }

            // Empty lists written on purpose say the phase is meant to ask and offer nothing.
            if (phase.Steps.IsEmpty && phase.Incentives.IsEmpty && !phase.ListsWritten)
            {
                diagnostics.Warning(phase.Location, $"phase {phase.Number} asks for no steps and offers no incentives");
            }

            foreach (var s in phase.Steps)
            {
                if (stepPhase.TryGetValue(s.Step, out var first))
                {
                    diagnostics.Error(s.Location, $"step {YamlName.Of(s.Step)} is already asked for in phase {first.Phase} (line {first.At.Line}); each step appears once");
                    continue;
                }

                if (highest is { } h && s.Step < h)
                {
                    diagnostics.Error(s.Location, $"step {YamlName.Of(s.Step)} comes before {YamlName.Of(h)} on the denuclearization ladder ({string.Join(" < ", YamlName<Step>.All)}); list steps in ladder order");
                }

                stepPhase[s.Step] = (phase.Number, s.Location);
                highest = highest is { } hh && hh > s.Step ? hh : s.Step;
            }
        }

        References([.. roadmap.Phases.SelectMany(p => p.Incentives)], inForce, diagnostics);
    }

    /// <summary>The rules on one incentive that need nothing beyond it and its phase.</summary>
    private static void Incentive(WrittenIncentive i, WrittenPhase phase, int horizon, Catalog catalog, DiagnosticBag diagnostics)
    {
        var who = Who(i.Id);
        if (i.Id is { } id && !ScenarioLoader.IncentiveIdPattern().IsMatch(id))
        {
            diagnostics.Error(i.IdAt, $"incentive id '{id}' must be lower-case letters, digits, '-' and '_'");
        }

        if (i.Kind is { } k)
        {
            foreach (var (field, at) in i.Fields)
            {
                if (KindSpecificFields.TryGetValue(field, out var kinds) && !kinds.Contains(k))
                {
                    diagnostics.Error(at, $"'{field}' does not apply to {YamlName.Of(k)}; it applies to {string.Join(", ", kinds.Select(YamlName.Of))}");
                }
            }
        }

        switch (i.Sequencing)
        {
            case { Rule: SequencingRule.OnVerifiedStep, Step: null } s when !phase.StepsWritten:
                diagnostics.Error(s.At, $"{who} is delivered on_verified_step, but its phase asks for no steps; add steps to the phase or use upfront / after_quarters: N");
                break;

            // A phase whose steps were written but did not read has had its error; waiting for one of them is not another.
            case { Rule: SequencingRule.OnVerifiedStep, Step: { } step } s when !phase.Steps.Any(x => x.Step == step) && (phase.Steps.Length > 0 || !phase.StepsWritten):
                var inPhase = phase.Steps.IsEmpty ? "none" : string.Join(", ", phase.Steps.Select(x => YamlName.Of(x.Step)));
                diagnostics.Error(s.At, $"{who} waits for step {YamlName.Of(step)}, which its phase does not ask for (the phase's steps: {inPhase})");
                break;
            case { Rule: SequencingRule.AfterQuarters, Quarters: { } q }:
                WithinHorizon(q, $"{who} after_quarters", horizon, diagnostics);
                break;
        }

        var duration = i.Duration is { } dq && WithinHorizon(dq, $"{who} duration_quarters", horizon, diagnostics);
        if (i.Kind == IncentiveKind.SanctionsRelief)
        {
            if (i.MeasuresListAt is not { } listAt)
            {
                diagnostics.Error(i.Location, $"{who} is sanctions_relief and must list the 'measures' it relieves");
            }
            else if (i.MeasuresListEmpty)
            {
                diagnostics.Error(listAt, $"{who} must relieve at least one measure");
            }

            if (i.RouteAt is not { } routeAt)
            {
                diagnostics.Error(i.Location, $"{who} is sanctions_relief and needs a 'route': {string.Join(", ", YamlName<ReliefRoute>.All)}");
            }
            else if (i.Route is { } route)
            {
                foreach (var measure in i.Measures.Select(x => catalog.Find(x.Id)).OfType<Measure>().Where(x => x.ReliefBy(route) is null))
                {
                    diagnostics.Error(routeAt, $"{measure.Id} cannot be relieved by {YamlName.Of(route)}; its routes are {string.Join(", ", measure.Relief.Select(x => YamlName.Of(x.Route)))}");
                }

                if (duration && route != ReliefRoute.Suspension)
                {
                    diagnostics.Error(i.DurationFieldAt, $"duration_quarters applies only to a suspension, not to {YamlName.Of(route)}");
                }
            }
        }

        if (i.Zone is { } zone && !ScenarioLoader.Zones.Contains(zone.Name))
        {
            diagnostics.Error(zone.At, NearestName.Unknown("special economic zone", zone.Name, [.. ScenarioLoader.Zones]));
        }

        foreach (var (activity, at) in i.AlsoInvolves.Where(a => Activities.Find(a.Name) is null))
        {
            diagnostics.Error(at, NearestName.Unknown("activity", activity, [.. Activities.All.Select(x => x.Name)], "see 'statecraft measures --activities'"));
        }
    }

    /// <summary>A number of quarters from 1 to the horizon: a delay or a suspension that outlasts the scenario says nothing.</summary>
    private static bool WithinHorizon(WholeNumber quarters, string context, int horizon, DiagnosticBag diagnostics)
    {
        if (quarters.Value >= 1 && quarters.Value <= horizon)
        {
            return true;
        }

        diagnostics.Error(quarters.Location, YamlReader.OutOfRange(context, quarters, 1, horizon));
        return false;
    }

    /// <summary>The rules across incentives: ids unique, covers naming others that exist, relief of measures in force.</summary>
    private static void References(List<WrittenIncentive> incentives, ImmutableArray<string>? inForce, DiagnosticBag diagnostics)
    {
        var byId = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var i in incentives)
        {
            if (i.Id is { } id && !byId.TryAdd(id, i.IdAt))
            {
                diagnostics.Error(i.IdAt, $"incentive id '{id}' is already used at line {byId[id].Line}; ids must be unique in the roadmap");
            }
        }

        // Every id written counts, read completely or not, so a reference to an incentive with its own error does not cascade.
        foreach (var i in incentives)
        {
            var from = i.Id ?? "?";
            foreach (var (to, at) in i.Covers)
            {
                if (to == from)
                {
                    diagnostics.Error(at, $"incentive '{from}' cannot cover itself");
                }
                else if (!byId.ContainsKey(to))
                {
                    diagnostics.Error(at, byId.Count == 0 ? $"unknown incentive '{to}'" : NearestName.Unknown("incentive", to, byId.Keys));
                }
            }
        }

        if (inForce is not { } measures)
        {
            return;
        }

        foreach (var i in incentives)
        {
            foreach (var (id, at) in i.Measures.Where(m => !measures.Contains(m.Id)))
            {
                diagnostics.Warning(at, $"incentive '{i.Id ?? "?"}' relieves {id}, which is not in force at the start of this scenario");
            }
        }
    }

    /// <summary>
    /// Every use names a defined assumption whose values (its distribution within its bounds) fit the range of what
    /// it sets; every defined assumption is used. Uses of an assumption that did not read (<paramref name="unreadable"/>)
    /// have had their error. Worlds are checked with it too: their actors use assumptions the same way.
    /// </summary>
    internal static void AssumptionUses(IReadOnlyDictionary<string, Assumption> assumptions, IReadOnlySet<string> unreadable, IEnumerable<AssumptionUse> uses, string unusedBy, DiagnosticBag diagnostics)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, at, min, max, context) in uses.Where(u => !unreadable.Contains(u.Name)))
        {
            if (!assumptions.TryGetValue(name, out var a))
            {
                var message = assumptions.Count == 0
                    ? $"{context} names the assumption '{name}', but the scenario defines no assumptions; give a number from {min:G} to {max:G} or define '{name}' under assumptions"
                    : NearestName.Unknown("assumption", name, [.. assumptions.Keys], where: context);
                diagnostics.Error(at, message);

                // The misspelt reference was meant for the nearest assumption: don't also call that one unused.
                if (NearestName.Find(name, assumptions.Keys) is { } meant)
                {
                    used.Add(meant);
                }

                continue;
            }

            used.Add(name);
            var (low, high) = a.Distribution.Support;
            low = Math.Max(low, a.LowerBound ?? double.NegativeInfinity);
            high = Math.Min(high, a.UpperBound ?? double.PositiveInfinity);
            if (low < min || high > max)
            {
                var range = double.IsInfinity(low) || double.IsInfinity(high)
                    ? $"its {a.Distribution.Name} distribution is unbounded"
                    : $"it can take values from {low:G} to {high:G}";
                diagnostics.Error(at, $"{context} must lie in {min:G} to {max:G}, but assumption '{name}' does not: {range}; give it bounds: [{min:G}, {max:G}]");
            }
        }

        foreach (var a in assumptions.Values.Where(a => !used.Contains(a.Name)))
        {
            diagnostics.Warning(a.Location, $"assumption '{a.Name}' is defined but not used by {unusedBy}");
        }
    }

    /// <summary>Where a scenario's records name assumptions: actors' parameters and incentives' amounts.</summary>
    private static IEnumerable<AssumptionUse> UsesIn(Scenario scenario)
    {
        foreach (var actor in scenario.Actors)
        {
            foreach (var spec in ActorParameterSpec.For(actor.Actor))
            {
                if (actor.Parameters.TryGetValue(spec.Name, out var q) && q.AssumptionName is { } name)
                {
                    yield return new AssumptionUse(name, actor.Location, spec.Min, spec.Max, ParameterContext(actor.Actor, spec.Name));
                }
            }
        }

        foreach (var (_, i) in scenario.Roadmap.AllIncentives)
        {
            if (i.AmountMusdPerYear?.AssumptionName is { } name)
            {
                yield return new AssumptionUse(name, i.Location, 0, MaxAmountMusdPerYear, AmountContext(i.Id));
            }
        }
    }
}

/// <summary>A place where an assumption's value is used, and the range that value must lie in.</summary>
internal sealed record AssumptionUse(string Name, SourceLocation At, double Min, double Max, string Context);

/// <summary>
/// A roadmap as the rules read it: what was written and where. The loader checks every incentive of a file, also
/// one with a field it could not read (a duplicate id is found beside a misspelt kind), and records exist only for
/// what read completely, so the rules read this form; <see cref="Of"/> makes it from records.
/// </summary>
/// <param name="Phases">The phases that read.</param>
/// <param name="PhasesWritten">True when the phase list has items, read or not.</param>
/// <param name="PhasesAt">Where the phase list is written.</param>
internal sealed record WrittenRoadmap(ImmutableArray<WrittenPhase> Phases, bool PhasesWritten, SourceLocation PhasesAt)
{
    /// <summary>The roadmap's records as written; measures not in the catalog, or listed twice, are reported and left out.</summary>
    public static WrittenRoadmap Of(Roadmap roadmap, string path, Catalog catalog, DiagnosticBag diagnostics) =>
        new([.. roadmap.Phases.Select(p => WrittenPhase.Of(p, catalog, diagnostics))], !roadmap.Phases.IsEmpty, SourceLocation.FileOnly(path));
}

/// <summary>A phase as the rules read it.</summary>
/// <param name="Number">The phase's number in messages.</param>
/// <param name="Location">Where the phase is written.</param>
/// <param name="Steps">The steps that read.</param>
/// <param name="StepsWritten">True when steps are listed, read or not: a step that did not read has had its error.</param>
/// <param name="ListsWritten">True when <c>steps:</c> or <c>incentives:</c> is written, even empty: an empty list is deliberate.</param>
/// <param name="Incentives">Every incentive written, read completely or not.</param>
internal sealed record WrittenPhase(int Number, SourceLocation Location, ImmutableArray<StepDemand> Steps, bool StepsWritten, bool ListsWritten, ImmutableArray<WrittenIncentive> Incentives)
{
    /// <summary>The phase's record as written.</summary>
    public static WrittenPhase Of(Phase phase, Catalog catalog, DiagnosticBag diagnostics) =>
        new(phase.Number, phase.Location, phase.Steps, !phase.Steps.IsEmpty, false, [.. phase.Incentives.Select(i => WrittenIncentive.Of(i, catalog, diagnostics))]);
}

/// <summary>When an incentive is delivered, as written; <c>At</c> is where the rule is written (the step or the number for the mapping forms).</summary>
internal sealed record WrittenSequencing(SequencingRule Rule, Step? Step, WholeNumber? Quarters, SourceLocation At)
{
    /// <summary>The record; null when the number of quarters is too large for one.</summary>
    public Sequencing? Record => Quarters is null ? new Sequencing(Rule, Step) : Quarters.AsInt is { } q ? new Sequencing(Rule, Step, q) : null;
}

/// <summary>An incentive as the rules read it: each field as written (null or empty when absent or unreadable) and where.</summary>
internal sealed record WrittenIncentive
{
    /// <summary>The id, null when it did not read.</summary>
    public required string? Id { get; init; }

    /// <summary>Where the id is written.</summary>
    public required SourceLocation IdAt { get; init; }

    /// <summary>The kind, null when it did not read.</summary>
    public required IncentiveKind? Kind { get; init; }

    /// <summary>Every field written, with where its key is.</summary>
    public required ImmutableArray<(string Name, SourceLocation At)> Fields { get; init; }

    /// <summary>The delivery, null when it did not read.</summary>
    public required WrittenSequencing? Sequencing { get; init; }

    /// <summary>The measures relieved that name catalog measures, each once.</summary>
    public required ImmutableArray<(string Id, SourceLocation At)> Measures { get; init; }

    /// <summary>Where the measures are listed; null when they are not.</summary>
    public required SourceLocation? MeasuresListAt { get; init; }

    /// <summary>True when the measures are listed as an empty list.</summary>
    public required bool MeasuresListEmpty { get; init; }

    /// <summary>The relief route, null when absent or unreadable.</summary>
    public required ReliefRoute? Route { get; init; }

    /// <summary>Where the route is written; null when it is not.</summary>
    public required SourceLocation? RouteAt { get; init; }

    /// <summary>The suspension's length as written, null when absent or not a whole number.</summary>
    public required WholeNumber? Duration { get; init; }

    /// <summary>Where the <c>duration_quarters</c> key is.</summary>
    public required SourceLocation DurationFieldAt { get; init; }

    /// <summary>The incentive ids covered.</summary>
    public required ImmutableArray<(string Id, SourceLocation At)> Covers { get; init; }

    /// <summary>The zone named, null when none.</summary>
    public required (string Name, SourceLocation At)? Zone { get; init; }

    /// <summary>The activities named beyond the kind's own.</summary>
    public required ImmutableArray<(string Name, SourceLocation At)> AlsoInvolves { get; init; }

    /// <summary>Where the incentive is written.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>
    /// The record as written. Its fields are at its own location, apart from the measures, whose positions the
    /// record keeps (the warning for one not in force is given on a valid file too); a field the record holds as a
    /// value or an empty list counts as written when it is set.
    /// </summary>
    public static WrittenIncentive Of(Incentive i, Catalog catalog, DiagnosticBag diagnostics)
    {
        var at = i.Location;
        var measures = i.Measures.Select((m, k) => (m, k < i.MeasureLocations.Length ? i.MeasureLocations[k] : at));
        var set = new (string Name, bool IsSet)[]
        {
            ("measures", !i.Measures.IsEmpty), ("route", i.Route is not null), ("duration_quarters", i.DurationQuarters is not null),
            ("covers", !i.Covers.IsEmpty), ("zone", i.Zone is not null), ("linkage", !i.Linkage.IsEmpty), ("amount_musd_per_year", i.AmountMusdPerYear is not null),
        };
        return new WrittenIncentive
        {
            Id = i.Id,
            IdAt = at,
            Kind = i.Kind,
            Fields = [.. set.Where(f => f.IsSet).Select(f => (f.Name, at))],
            Sequencing = new WrittenSequencing(i.Sequencing.Rule, i.Sequencing.Step, i.Sequencing.Rule == SequencingRule.AfterQuarters ? WholeNumber.Of(i.Sequencing.Quarters, at) : null, at),
            Measures = RoadmapRules.KnownMeasures(measures, $"{RoadmapRules.Who(i.Id)} measures", catalog, diagnostics),
            MeasuresListAt = i.Measures.IsEmpty ? null : at,
            MeasuresListEmpty = false,
            Route = i.Route,
            RouteAt = i.Route is null ? null : at,
            Duration = i.DurationQuarters is { } q ? WholeNumber.Of(q, at) : null,
            DurationFieldAt = at,
            Covers = [.. i.Covers.Select(c => (c, at))],
            Zone = i.Zone is { } z ? (z, at) : null,
            AlsoInvolves = [.. i.AlsoInvolves.Select(a => (a, at))],
            Location = at,
        };
    }
}
