using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Statecraft.Documents;
using Statecraft.Negotiation;
using Statecraft.Scenarios;

namespace Statecraft.Analysis;

/// <summary>A game assumption (<see cref="GameAssumptions"/>) held at one value under a set.</summary>
public sealed record GameOverride(string Name, double Value, SourceLocation Location);

/// <summary>A scenario assumption given a new distribution (or point value) under a set; bounds left out keep the scenario's.</summary>
public sealed record AssumptionOverride(string Name, Distribution Distribution, double? LowerBound, double? UpperBound, SourceLocation Location);

/// <summary>An actor parameter (<see cref="ActorParameterSpec"/>) held at one value under a set, whatever the scenario writes for it.</summary>
public sealed record ActorOverride(ActorId Actor, string Parameter, double Value, SourceLocation Location);

/// <summary>
/// A named set of assumptions under which every compared strategy is evaluated: a prior over the North's
/// type, game assumptions, scenario assumptions and actor parameters. What the set leaves out stays as each
/// scenario (and <c>--set</c>) has it, so an empty set is "the scenarios as written".
/// </summary>
public sealed record AssumptionSet(
    string Name,
    string? Description,
    string? Basis,
    ImmutableDictionary<NorthType, double>? TypePrior,
    ImmutableArray<GameOverride> Game,
    ImmutableArray<AssumptionOverride> Assumptions,
    ImmutableArray<ActorOverride> Actors,
    SourceLocation Location)
{
    /// <summary>One line of what the set changes: its prior, game values, assumptions and actor parameters.</summary>
    public string Summary()
    {
        var inv = CultureInfo.InvariantCulture;
        var parts = new List<string>();
        if (TypePrior is { } p) parts.Add("type prior " + string.Join("/", Enum.GetValues<NorthType>().Select(t => p[t].ToString("0.##", inv))));
        parts.AddRange(Game.Select(g => $"{g.Name} {g.Value.ToString("G6", inv)}"));
        parts.AddRange(Assumptions.Select(a => $"{a.Name} {World.DescribeDistribution(a.Distribution)}"));
        parts.AddRange(Actors.Select(a => $"{YamlName.Of(a.Actor)}.{a.Parameter} {a.Value.ToString("G6", inv)}"));
        return parts.Count == 0 ? "no changes" : string.Join("; ", parts);
    }

    /// <summary>The scenario compiled for the game under this set: <see cref="Apply"/>, then the game's compiler.</summary>
    /// <exception cref="GameCompileException">The scenario cannot be played under the set.</exception>
    public CompiledGame Compile(Scenario scenario, GameParameters game, Sanctions.Catalog? catalog = null, Economy.CalibrationResult? calibration = null)
    {
        var (applied, parameters) = Apply(scenario, game);
        return GameCompiler.Compile(applied, catalog, calibration, parameters);
    }

    /// <summary>
    /// The scenario and game parameters under this set: the prior replaces the North's in the scenario, actor
    /// overrides replace the parameter (a number or an assumption's name) in every scenario, assumption
    /// overrides replace the distribution of a scenario assumption of that name (a scenario without it is left
    /// as it is), and game overrides are applied to <paramref name="game"/>. Pure: the inputs are not changed.
    /// Call <see cref="AssumptionSets.Check"/> first; an override it would reject makes this throw.
    /// </summary>
    public (Scenario Scenario, GameParameters Game) Apply(Scenario scenario, GameParameters game)
    {
        foreach (var g in Game)
        {
            var assumption = GameAssumptions.Find(g.Name) ?? throw new ArgumentException($"{g.Location}: no game assumption '{g.Name}'");
            game = assumption.Set(game, g.Value);
        }

        if (TypePrior is null && Actors.IsEmpty && Assumptions.IsEmpty) return (scenario, game);
        var actors = scenario.Actors.ToBuilder();
        int IndexOf(ActorId actor, SourceLocation at)
        {
            for (var i = 0; i < actors.Count; i++)
            {
                if (actors[i].Actor == actor) return i;
            }

            // A scenario that says nothing of the actor takes the defaults; add it so the override has a place.
            actors.Add(new ActorSettings(actor, ImmutableDictionary<string, Quantity>.Empty.WithComparers(StringComparer.Ordinal), ActorParameterSpec.DefaultTypePrior, at));
            return actors.Count - 1;
        }

        if (TypePrior is { } prior)
        {
            var i = IndexOf(ActorId.NorthKorea, Location);
            actors[i] = actors[i] with { TypePrior = prior };
        }

        foreach (var a in Actors)
        {
            var i = IndexOf(a.Actor, a.Location);
            actors[i] = actors[i] with { Parameters = actors[i].Parameters.SetItem(a.Parameter, new Quantity(a.Value, null)) };
        }

        var assumptions = scenario.Assumptions;
        foreach (var o in Assumptions)
        {
            for (var i = 0; i < assumptions.Length; i++)
            {
                var a = assumptions[i];
                if (a.Name != o.Name) continue;
                assumptions = assumptions.SetItem(i, a with
                {
                    Distribution = o.Distribution,
                    LowerBound = o.LowerBound ?? a.LowerBound,
                    UpperBound = o.UpperBound ?? a.UpperBound,
                });
            }
        }

        // Unchanged parts keep their arrays, so a scenario the set does not touch compares equal to the original.
        var changedActors = TypePrior is not null || !Actors.IsEmpty;
        return (scenario with { Actors = changedActors ? actors.ToImmutable() : scenario.Actors, Assumptions = assumptions }, game);
    }
}

/// <summary>A file of named assumption sets.</summary>
public sealed record AssumptionSetFile(string Path, string? Description, ImmutableArray<AssumptionSet> Sets)
{
    /// <summary>The set with this name, or null.</summary>
    public AssumptionSet? Find(string name) => Sets.FirstOrDefault(s => s.Name == name);
}

/// <summary>The outcome of reading an assumption-sets file: the file when it has no errors, and every diagnostic.</summary>
public sealed record AssumptionSetLoad(AssumptionSetFile? File, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsValid => File is not null;
}

/// <summary>
/// Reads assumption-sets files (docs/robustness.md, "The file"): <c>format: statecraft-assumption-sets/1</c>
/// and <c>sets:</c>, each set a name with its overrides. Every problem is a located diagnostic, found in one pass.
/// </summary>
public static partial class AssumptionSets
{
    public const string FormatTag = "statecraft-assumption-sets/1";

    /// <summary>Shipped files are embedded under this prefix, not "scenarios/", which is the strategy scenarios' (<see cref="ShippedScenarios"/>).</summary>
    private const string EmbeddedPrefix = "assumption-sets/";

    internal static readonly string[] TopKeys = ["format", "description", "sets"];
    internal static readonly string[] SetKeys = ["description", "basis", "type_prior", "game", "assumptions", "actors"];

    /// <summary>A prior's shares may miss 1 by this much, as in scenarios (<c>0.333333</c> three times is accepted).</summary>
    private const double PriorTolerance = 1e-6;

    private static readonly Lazy<List<(string Name, string Text)>> Embedded = new(() => EmbeddedText.Under(EmbeddedPrefix));

    /// <summary>The shipped files, by name (file name without <c>.yaml</c>).</summary>
    public static IReadOnlyList<(string Name, string Text)> Shipped => Embedded.Value;

    /// <summary>The path shown in diagnostics for a shipped file.</summary>
    public static string ShippedPath(string name) => $"scenarios/assumption-sets/{name}.yaml";

    /// <summary>
    /// Reads <paramref name="argument"/>: a file when one exists at that path, else the name of a shipped file
    /// (<c>priors-2018</c>). A name that is neither is a diagnostic listing the shipped names.
    /// </summary>
    public static AssumptionSetLoad Load(string argument)
    {
        if (!File.Exists(argument) && !Directory.Exists(argument))
        {
            var name = Path.GetFileNameWithoutExtension(argument);
            var shipped = Shipped.FirstOrDefault(s => s.Name == name);
            if (shipped.Text is not null && (argument == name || argument == name + ".yaml" || argument == ShippedPath(name)))
                return Parse(shipped.Text, ShippedPath(name));
            if (!argument.Contains('/', StringComparison.Ordinal) && !argument.Contains('\\', StringComparison.Ordinal) && !argument.EndsWith(".yaml", StringComparison.Ordinal))
            {
                return new AssumptionSetLoad(null, [new Diagnostic(Severity.Error, SourceLocation.FileOnly(argument),
                    $"no such file, and no shipped assumption sets are called '{argument}'; shipped: {string.Join(", ", Shipped.Select(s => s.Name))}"
                    + (NearestName.Find(argument, Shipped.Select(s => s.Name)) is { } near ? $"; did you mean '{near}'?" : ""))]);
            }
        }

        var text = UserFile.ReadText(argument, "assumption-sets file", out var problem);
        return text is null ? new AssumptionSetLoad(null, [problem!]) : Parse(text, argument);
    }

    /// <summary>Reads the text of an assumption-sets file; <paramref name="path"/> is used only in locations.</summary>
    public static AssumptionSetLoad Parse(string text, string path)
    {
        var diagnostics = new DiagnosticBag();
        var root = YamlTree.Parse(text, path, diagnostics);
        if (root is null) return new AssumptionSetLoad(null, diagnostics.Sorted());
        var file = new SetReader(new YamlReader(diagnostics), path).Read(root);
        return new AssumptionSetLoad(diagnostics.HasErrors ? null : file, diagnostics.Sorted());
    }

    /// <summary>
    /// What can only be checked against the scenarios compared: an assumption override must name an assumption at
    /// least one of them defines (else it would change nothing, which is almost always a misspelling), and its new
    /// values must fit every place those scenarios use the assumption (an actor parameter's range, an amount's).
    /// </summary>
    public static IReadOnlyList<Diagnostic> Check(AssumptionSetFile file, IReadOnlyList<Scenario> scenarios)
    {
        var bag = new DiagnosticBag();
        var defined = scenarios.SelectMany(s => s.Assumptions.Select(a => a.Name)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var set in file.Sets)
        {
            foreach (var o in set.Assumptions)
            {
                var context = $"set '{set.Name}': assumption '{o.Name}'";
                var holders = scenarios.Where(s => s.Assumptions.Any(a => a.Name == o.Name)).ToList();
                if (holders.Count == 0)
                {
                    var names = defined.Count == 0 ? "the compared scenarios define no assumptions" : $"they define: {string.Join(", ", defined)}";
                    var near = NearestName.Find(o.Name, defined);
                    bag.Error(o.Location, $"{context} is defined by none of the compared scenarios ({string.Join(", ", scenarios.Select(s => s.Name))}), so it would change nothing; {names}{(near is null ? "" : $"; did you mean '{near}'?")}");
                    continue;
                }

                foreach (var s in holders)
                {
                    var a = s.Assumptions.First(x => x.Name == o.Name);
                    var lower = o.LowerBound ?? a.LowerBound ?? double.NegativeInfinity;
                    var upper = o.UpperBound ?? a.UpperBound ?? double.PositiveInfinity;
                    var (sLow, sHigh) = o.Distribution.Support;
                    if (o.Distribution is PointValue p && (p.Value < lower || p.Value > upper))
                    {
                        bag.Error(o.Location, $"{context} is {Num(p.Value)}, outside its bounds [{Num(lower)}, {Num(upper)}] in {s.Name}");
                        continue;
                    }

                    if (sHigh < lower || sLow > upper)
                    {
                        bag.Error(o.Location, $"{context}: the {o.Distribution.Name} distribution puts no probability inside its bounds [{Num(lower)}, {Num(upper)}] in {s.Name}");
                        continue;
                    }

                    var (low, high) = (Math.Max(sLow, lower), Math.Min(sHigh, upper));
                    foreach (var (use, min, max) in UsesOf(s, o.Name, set))
                    {
                        if (low < min || high > max)
                        {
                            var range = double.IsInfinity(low) || double.IsInfinity(high) ? $"its {o.Distribution.Name} distribution is unbounded" : $"it can take values from {Num(low)} to {Num(high)}";
                            bag.Error(o.Location, $"{context}: {s.Name} uses it for {use}, which must lie in {Num(min)} to {Num(max)}, but {range}; give it bounds: [{Num(min)}, {Num(max)}]");
                        }
                    }
                }
            }
        }

        return bag.Sorted();
    }

    /// <summary>Where <paramref name="scenario"/> reads assumption <paramref name="name"/> once <paramref name="set"/>'s actor overrides are made, with each place's valid range (as the scenario loader checks them).</summary>
    private static IEnumerable<(string Use, double Min, double Max)> UsesOf(Scenario scenario, string name, AssumptionSet set)
    {
        foreach (var actor in scenario.Actors)
        {
            foreach (var (parameter, q) in actor.Parameters)
            {
                if (q.AssumptionName != name || set.Actors.Any(a => a.Actor == actor.Actor && a.Parameter == parameter)) continue;
                var spec = ActorParameterSpec.All.First(p => p.Name == parameter);
                yield return ($"{YamlName.Of(actor.Actor)}.{parameter}", spec.Min, spec.Max);
            }
        }

        foreach (var (_, incentive) in scenario.Roadmap.AllIncentives)
        {
            if (incentive.AmountMusdPerYear?.AssumptionName == name) yield return ($"{incentive.Id} amount_musd_per_year", 0, 100_000);
        }
    }

    private static string Num(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex SetName();

    private sealed class SetReader(YamlReader read, string path)
    {
        private DiagnosticBag Diagnostics => read.Diagnostics;

        public AssumptionSetFile? Read(YamlNode root)
        {
            var top = read.Mapping(root, "the assumption-sets file", TopKeys, "sets");
            if (top is null) return null;
            var format = top.Find("format");
            if (format is null)
            {
                // A scenario given where sets were expected is the likeliest mistake: say what this file must be.
                Diagnostics.Error(top.Location, $"an assumption-sets file starts with 'format: {FormatTag}' (docs/robustness.md describes the file)");
            }
            else if (read.Text(format.Value, "format") is { } tag && tag != FormatTag)
            {
                Diagnostics.Error(format.Value.Location, tag switch
                {
                    ScenarioLoader.FormatTag or ScenarioLoader.RoadmapFormatTag =>
                        $"this is a roadmap ('format: {tag}'), not an assumption-sets file, which starts with 'format: {FormatTag}'; give roadmaps as compare's FILE arguments",
                    ScenarioLoader.WorldFormatTag =>
                        $"this is a world ('format: {tag}'), not an assumption-sets file, which starts with 'format: {FormatTag}'; give worlds with --world or --worlds",
                    _ => $"unknown format '{tag}'; this version of Statecraft reads '{FormatTag}'",
                });
            }

            var description = top.Find("description") is { } d ? read.Text(d.Value, "description") : null;
            var sets = ImmutableArray.CreateBuilder<AssumptionSet>();
            if (top.Find("sets") is { } setsEntry && read.Mapping(setsEntry.Value, "sets", allowed: null) is { } map)
            {
                if (map.Entries.Count == 0) Diagnostics.Error(map.Location, "sets must name at least one set");
                foreach (var e in map.Entries)
                {
                    if (!SetName().IsMatch(e.Key.Value))
                    {
                        Diagnostics.Error(e.Key.Location, $"set name '{e.Key.Value}' must be lower-case letters, digits, '-' and '_', starting with a letter or digit");
                        continue;
                    }

                    if (ReadSet(e.Key.Value, e.Value, e.Key.Location) is { } set) sets.Add(set);
                }
            }

            return new AssumptionSetFile(path, description, sets.ToImmutable());
        }

        private AssumptionSet? ReadSet(string name, YamlNode node, SourceLocation at)
        {
            var context = $"set '{name}'";
            if (node is YamlScalar { IsNull: true })
                return new AssumptionSet(name, null, null, null, [], [], [], at);
            var m = read.Mapping(node, context, SetKeys);
            if (m is null) return null;
            string? Optional(string key) => m.Find(key) is { } e ? read.Text(e.Value, $"{context} {key}") : null;
            var prior = m.Find("type_prior") is { } tp ? ReadPrior(tp.Value, context) : null;
            return new AssumptionSet(
                name, Optional("description"), Optional("basis"), prior,
                ReadGame(m.Find("game")?.Value, context), ReadAssumptions(m.Find("assumptions")?.Value, context), ReadActors(m.Find("actors")?.Value, context), at);
        }

        private ImmutableDictionary<NorthType, double>? ReadPrior(YamlNode node, string context)
        {
            var m = read.Mapping(node, $"{context} type_prior", YamlName<NorthType>.All);
            if (m is null) return null;
            var prior = ImmutableDictionary.CreateBuilder<NorthType, double>();
            var complete = true;
            foreach (var e in m.Entries)
            {
                if (!YamlName<NorthType>.TryParse(e.Key.Value, out var type)) continue;
                if (read.Number(e.Value, $"{context} type_prior.{e.Key.Value}", 0, 1) is { } p) prior[type] = p;
                else complete = false;
            }

            if (!complete) return null;
            foreach (var t in Enum.GetValues<NorthType>()) prior.TryAdd(t, 0);
            var sum = prior.Values.Sum();
            if (Math.Abs(sum - 1) > PriorTolerance)
            {
                Diagnostics.Error(m.Location, $"{context} type_prior must sum to 1 over {string.Join(", ", YamlName<NorthType>.All)}; it sums to {Num(sum)}");
                return null;
            }

            return prior.ToImmutable();
        }

        private ImmutableArray<GameOverride> ReadGame(YamlNode? node, string context)
        {
            var result = ImmutableArray.CreateBuilder<GameOverride>();
            var names = GameAssumptions.All.Select(a => a.Name).ToList();
            // Checked here rather than by the mapping's key list, so the message can point to the full list.
            if (read.Mapping(node, $"{context} game", allowed: null) is not { } m) return result.ToImmutable();
            foreach (var e in m.Entries)
            {
                if (GameAssumptions.Find(e.Key.Value) is not { } a)
                {
                    Diagnostics.Error(e.Key.Location, NearestName.Unknown("game assumption", e.Key.Value, names, "docs/model.md lists them all", where: context));
                    continue;
                }

                if (read.Number(e.Value, $"{context} game {a.Name} ({a.Unit})", a.Low, a.High) is { } v) result.Add(new GameOverride(a.Name, v, e.Key.Location));
            }

            return result.ToImmutable();
        }

        private ImmutableArray<AssumptionOverride> ReadAssumptions(YamlNode? node, string context)
        {
            var result = ImmutableArray.CreateBuilder<AssumptionOverride>();
            if (read.Mapping(node, $"{context} assumptions", allowed: null) is not { } m) return result.ToImmutable();
            var reader = new AssumptionReader(read);
            foreach (var e in m.Entries)
            {
                if (reader.Read(e.Key.Value, e.Value, e.Key.Location) is { } a)
                    result.Add(new AssumptionOverride(a.Name, a.Distribution, a.LowerBound, a.UpperBound, e.Key.Location));
            }

            return result.ToImmutable();
        }

        private ImmutableArray<ActorOverride> ReadActors(YamlNode? node, string context)
        {
            var result = ImmutableArray.CreateBuilder<ActorOverride>();
            if (read.Mapping(node, $"{context} actors", YamlName<ActorId>.All) is not { } m) return result.ToImmutable();
            foreach (var e in m.Entries)
            {
                if (!YamlName<ActorId>.TryParse(e.Key.Value, out var actor)) continue;
                var specs = ActorParameterSpec.For(actor).ToList();
                var where = $"{context} actor '{e.Key.Value}'";
                var keys = specs.Select(s => s.Name).ToList();
                if (read.Mapping(e.Value, where, allowed: null) is not { } pm) continue;
                foreach (var p in pm.Entries)
                {
                    if (specs.FirstOrDefault(s => s.Name == p.Key.Value) is not { } spec)
                    {
                        var hint = p.Key.Value == "type_prior" ? $"; the North's prior is the set's own 'type_prior', beside 'actors'" : "";
                        Diagnostics.Error(p.Key.Location, NearestName.Unknown("parameter", p.Key.Value, keys, where: where) + hint);
                        continue;
                    }

                    if (read.Number(p.Value, $"{context} {e.Key.Value}.{spec.Name} ({spec.Unit})", spec.Min, spec.Max) is { } v)
                        result.Add(new ActorOverride(actor, spec.Name, v, p.Key.Location));
                }
            }

            return result.ToImmutable();
        }
    }
}
