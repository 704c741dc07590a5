using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Statecraft.Documents;
using Statecraft.Sanctions;

namespace Statecraft.Scenarios;

/// <summary>The outcome of loading a scenario: the scenario when it is valid, and every diagnostic found.</summary>
public sealed record ScenarioLoad(Scenario? Scenario, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when the file has no errors (warnings allowed).</summary>
    public bool IsValid => Scenario is not null;
}

/// <summary>
/// Loads and validates scenario files. Every problem in a file is found in one pass and reported
/// as <c>path:line:column: error: message</c>; nothing a user writes makes it throw.
/// </summary>
public static partial class ScenarioLoader
{
    /// <summary>The old single-file form: a roadmap that may embed beliefs about the world (<c>actors</c>).</summary>
    public const string FormatTag = "statecraft/1";

    /// <summary>A roadmap only: what is offered and asked; the beliefs are in a world file.</summary>
    public const string RoadmapFormatTag = "statecraft/2";

    /// <summary>A world file: beliefs about the North, the other actors, the game and the economy.</summary>
    public const string WorldFormatTag = "statecraft-world/1";

    internal static readonly string[] WorldKeys = ["format", "name", "description", "basis", "assumptions", "actors", "game", "economy"];

    /// <summary>Special economic zones a <c>sez_support</c> incentive may name (data/korea/kaesong_facts.md: 1991 to 2017 designations).</summary>
    public static IReadOnlyList<string> Zones { get; } =
    [
        "rason", "sinuiju", "kaesong", "mount_kumgang",
        "amnokgang", "manpo", "hyesan", "chongjin", "wiwon", "hungnam", "hyondong", "orang", "pukchong",
        "onsong_island", "sinpyong", "songrim", "wau_island",
        "unjong", "kangryong", "jindo", "chongnam", "sukchon", "chongsu", "kyongwon", "kangnam",

        // Proposed in the Pyongyang Joint Declaration of 19 September 2018, article 2.
        "west_sea_joint_zone", "east_sea_joint_tourism_zone",
    ];

    internal static readonly string[] TopKeys = ["format", "name", "description", "start", "horizon_quarters", "assumptions", "actors", "sanctions", "shocks", "roadmap"];
    internal static readonly string[] AssumptionKeys = ["value", "distribution", "mean", "sd", "meanlog", "sdlog", "alpha", "beta", "low", "mode", "high", "bounds", "description", "unit", "source"];
    internal static readonly string[] PhaseKeys = ["name", "steps", "incentives", "conditions", "note"];
    internal static readonly string[] StepKeys = ["step", "verification", "note"];
    internal static readonly string[] IncentiveKeys = ["id", "kind", "provider", "sequencing", "measures", "route", "duration_quarters", "covers", "zone", "linkage", "amount_musd_per_year", "also_involves", "note"];

    /// <summary>Reads and validates a file. A missing or unreadable file is a located error, not an exception.</summary>
    public static ScenarioLoad LoadFile(string path, Catalog catalog)
    {
        if (UserFile.ReadText(path, "scenario file", out var problem) is not { } text)
        {
            return new ScenarioLoad(null, [problem!]);
        }

        return Parse(text, path, catalog);
    }

    /// <summary>Validates scenario text; <paramref name="path"/> is used only in locations.</summary>
    public static ScenarioLoad Parse(string text, string path, Catalog catalog)
    {
        var diagnostics = new DiagnosticBag();
        var root = YamlTree.Parse(text, path, diagnostics);
        if (root is null)
        {
            return new ScenarioLoad(null, diagnostics.Sorted());
        }

        var scenario = new ScenarioReader(new YamlReader(diagnostics), catalog, path).Read(root);
        return new ScenarioLoad(diagnostics.HasErrors ? null : scenario, diagnostics.Sorted());
    }

    /// <summary>Validates world text (<c>format: statecraft-world/1</c>); <paramref name="path"/> is used only in locations.</summary>
    public static WorldLoad ParseWorld(string text, string path)
    {
        var diagnostics = new DiagnosticBag();
        var root = YamlTree.Parse(text, path, diagnostics);
        if (root is null)
        {
            return new WorldLoad(null, diagnostics.Sorted());
        }

        var world = new ScenarioReader(new YamlReader(diagnostics), Catalog.Korea, path).ReadWorld(root);
        return new WorldLoad(diagnostics.HasErrors ? null : world, diagnostics.Sorted());
    }

    /// <summary>True when the text declares itself a world file, so a command given one where a roadmap is expected can say so.</summary>
    public static bool LooksLikeWorld(string text) => text.Contains(WorldFormatTag, StringComparison.Ordinal);

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    internal static partial Regex SnakeName();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    internal static partial Regex IncentiveIdPattern();

    /// <summary>Reads one file; holds the cross-references (assumptions, ids) that are checked at the end.</summary>
    private sealed class ScenarioReader(YamlReader read, Catalog catalog, string path)
    {
        private readonly Dictionary<string, Assumption> assumptions = new(StringComparer.Ordinal);
        private readonly HashSet<string> invalidAssumptions = new(StringComparer.Ordinal);
        private readonly List<AssumptionUse> assumptionUses = [];
        private int horizon = 200;
        private string unusedBy = RoadmapRules.ScenarioUnused;

        private DiagnosticBag Diagnostics => read.Diagnostics;

        public Scenario? Read(YamlNode root)
        {
            var top = read.Mapping(root, "the scenario", TopKeys, "name", "start", "horizon_quarters", "roadmap");
            if (top is null)
            {
                return null;
            }

            var roadmapOnly = false;
            if (top.Find("format") is { } format && read.Text(format.Value, "format") is { } tag)
            {
                roadmapOnly = tag == RoadmapFormatTag;
                if (tag == WorldFormatTag)
                {
                    Diagnostics.Error(format.Value.Location, $"this is a world file ({WorldFormatTag}), not a roadmap; pass it with --world FILE");
                }
                else if (tag != FormatTag && !roadmapOnly)
                {
                    Diagnostics.Error(format.Value.Location, $"unknown format '{tag}'; valid choices: {RoadmapFormatTag} (a roadmap), {FormatTag} (the old form, a roadmap that may embed a world), {WorldFormatTag} (a world, given with --world)");
                }
            }

            SourceLocation? embedded = null;
            if (top.Find("actors") is { } actorsEntry)
            {
                if (roadmapOnly)
                {
                    Diagnostics.Error(actorsEntry.Key.Location,
                        $"a {RoadmapFormatTag} roadmap holds no beliefs about the actors; move 'actors' (and the assumptions only they use) into a world file ({WorldFormatTag}) and pass it with --world FILE (docs/scenario-format.md, 'Worlds')");
                }
                else
                {
                    embedded = actorsEntry.Key.Location;
                    Diagnostics.Warning(actorsEntry.Key.Location,
                        "this file embeds beliefs about the world (actors, and the assumptions they use) in its roadmap: the old single-file form. " +
                        "Runs evaluate every roadmap under one world (--world, default baseline-2018), so these beliefs are used only with --world embedded. " +
                        $"To split the file, move 'actors' and the assumptions only they use into a world file ({WorldFormatTag}) and set 'format: {RoadmapFormatTag}' here; " +
                        "'statecraft scenarios --split FILE' writes the two files beside this one (docs/scenario-format.md, 'Worlds')");
                }
            }

            var name = read.Text(top.Find("name")?.Value, "name");
            var description = top.Find("description") is { } d ? read.Text(d.Value, "description") : null;
            var start = ReadStart(top.Find("start")?.Value);
            startIsValid = start is not null;
            horizon = read.Integer(top.Find("horizon_quarters")?.Value, "horizon_quarters", 1, 200) ?? 200;

            ReadAssumptions(top.Find("assumptions")?.Value);
            var actors = ReadActors(top.Find("actors")?.Value);
            var inForce = ReadSanctions(top.Find("sanctions")?.Value, start ?? Quarter.Earliest);
            var roadmap = ReadRoadmap(top.Find("roadmap")?.Value, inForce);
            var shocks = ReadShocks(top.Find("shocks")?.Value, start);
            CheckAssumptionUses();

            if (name is null || start is null || roadmap is null)
            {
                return null;
            }

            return new Scenario(path, name, description, start.Value, horizon, [.. assumptions.Values], actors, inForce, roadmap, shocks)
            {
                SanctionsNote = sanctionsNote,
                EmbeddedWorldAt = embedded,
                StartAt = top.Find("start")!.Value.Location,
            };
        }

        public World? ReadWorld(YamlNode root)
        {
            var top = read.Mapping(root, "the world", WorldKeys, "format", "name");
            if (top is null)
            {
                return null;
            }

            if (read.Text(top.Find("format")?.Value, "format") is { } tag && tag != WorldFormatTag)
            {
                Diagnostics.Error(top.Find("format")!.Value.Location, tag is FormatTag or RoadmapFormatTag
                    ? $"this is a roadmap ({tag}), not a world; a world file starts with 'format: {WorldFormatTag}'"
                    : $"unknown format '{tag}'; a world file is '{WorldFormatTag}'");
            }

            var name = read.Text(top.Find("name")?.Value, "name");
            var description = top.Find("description") is { } d ? read.Text(d.Value, "description") : null;
            var basis = top.Find("basis") is { } b ? read.Text(b.Value, "basis") : null;
            unusedBy = RoadmapRules.WorldUnused;
            ReadAssumptions(top.Find("assumptions")?.Value);
            var actors = ReadActors(top.Find("actors")?.Value);
            CheckAssumptionUses();
            var game = ReadHeld(top.Find("game")?.Value, "game", Negotiation.GameAssumptions.All.Select(a => (a.Name, a.Low, a.High)).ToList());
            var economy = ReadHeld(top.Find("economy")?.Value, "economy", Economy.EconomyAssumptions.All.Select(a => (a.Name, a.Low, a.High)).ToList());
            if (name is null)
            {
                return null;
            }

            return new World(path, name, description, basis, [.. assumptions.Values], actors, game, economy, root.Location);
        }

        /// <summary>A mapping of assumption names to numbers within their ranges (game: or economy:).</summary>
        private ImmutableArray<HeldValue> ReadHeld(YamlNode? node, string section, List<(string Name, double Low, double High)> known)
        {
            var map = read.Mapping(node, section, [.. known.Select(k => k.Name)]);
            if (map is null)
            {
                return [];
            }

            var result = ImmutableArray.CreateBuilder<HeldValue>();
            foreach (var e in map.Entries)
            {
                if (known.FirstOrDefault(k => k.Name == e.Key.Value) is not { Name: not null } k)
                {
                    continue;
                }

                if (read.Number(e.Value, $"{section}.{k.Name}", k.Low, k.High) is { } v)
                {
                    result.Add(new HeldValue(k.Name, v, e.Value.Location));
                }
            }

            return result.ToImmutable();
        }

        private ImmutableArray<ScenarioShock> ReadShocks(YamlNode? node, Quarter? start)
        {
            var shocks = ImmutableArray.CreateBuilder<ScenarioShock>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var items = node is null ? [] : read.List(node, "shocks");
            for (var i = 0; i < items.Count; i++)
            {
                var context = $"shock {i + 1}";
                var m = read.Mapping(items[i], context, ["id", "kind", "from", "until", "intensity", "note"], "id", "kind", "from", "until", "intensity");
                if (m is null)
                {
                    continue;
                }

                var id = read.Text(m.Find("id")?.Value, $"{context} id");
                if (id is not null && !IncentiveIdPattern().IsMatch(id))
                {
                    Diagnostics.Error(m.Find("id")!.Value.Location, $"shock id '{id}' must be lower-case letters, digits, '_' and '-'");
                    id = null;
                }
                else if (id is not null && !seen.Add(id))
                {
                    Diagnostics.Error(m.Find("id")!.Value.Location, $"shock id '{id}' is used twice; ids must be unique");
                }

                var kind = read.Choice<ShockKind>(m.Find("kind")?.Value, $"{context} kind");
                var from = ShockQuarter(m.Find("from")?.Value, $"{context} from", start);
                var until = ShockQuarter(m.Find("until")?.Value, $"{context} until", start);
                if (from is { } f && until is { } u && u.CompareTo(f) < 0)
                {
                    Diagnostics.Error(m.Find("until")!.Value.Location, $"{context} ends ({u}) before it begins ({f})");
                    until = null;
                }

                // A harvest can fail badly but not entirely; a closure can stop everything.
                var max = kind == ShockKind.HarvestFailure ? 0.9 : 1.0;
                var intensity = read.Number(m.Find("intensity")?.Value, $"{context} intensity", 0, max);
                var note = m.Find("note") is { } n ? read.Text(n.Value, $"{context} note") : null;
                if (id is not null && kind is { } k && from is not null && until is not null && intensity is { } x)
                {
                    shocks.Add(new ScenarioShock(id, k, from.Value, until.Value, x, note, items[i].Location));
                }
            }

            return shocks.ToImmutable();
        }

        private Quarter? ShockQuarter(YamlNode? node, string context, Quarter? start)
        {
            var text = read.Text(node, context);
            if (text is null)
            {
                return null;
            }

            if (!Quarter.TryParse(text, out var q))
            {
                Diagnostics.Error(node!.Location, $"{context} must be a quarter written like 2018Q4, not '{text}'");
                return null;
            }

            if (start is { } s && (q.CompareTo(s) < 0 || q.CompareTo(s.Plus(horizon - 1)) > 0))
            {
                Diagnostics.Error(node!.Location, $"{context} {q} is outside the scenario's quarters, {s} to {s.Plus(horizon - 1)}");
                return null;
            }

            return q;
        }

        private Quarter? ReadStart(YamlNode? node)
        {
            var text = read.Text(node, "start");
            if (text is null)
            {
                return null;
            }

            if (!Quarter.TryParse(text, out var q))
            {
                Diagnostics.Error(node!.Location, $"start must be a quarter written like 2018Q4, not '{text}'");
                return null;
            }

            if (q.CompareTo(Quarter.Earliest) < 0 || q.CompareTo(Quarter.Latest) > 0)
            {
                Diagnostics.Error(node!.Location, $"start {q} is outside the valid range {Quarter.Earliest} to {Quarter.Latest}");
                return null;
            }

            return q;
        }

        private void ReadAssumptions(YamlNode? node)
        {
            // Assumption names are the author's own, so the keys are not checked against a list.
            var map = read.Mapping(node, "assumptions", allowed: null);
            if (map is null)
            {
                return;
            }

            foreach (var entry in map.Entries)
            {
                var name = entry.Key.Value;
                if (!SnakeName().IsMatch(name))
                {
                    Diagnostics.Error(entry.Key.Location, $"assumption name '{name}' must be lower-case letters, digits and underscores, starting with a letter");
                    continue;
                }

                if (new AssumptionReader(read).Read(name, entry.Value, entry.Key.Location) is { } a)
                {
                    assumptions[name] = a;
                }
                else
                {
                    // Already reported; remembering the name keeps its uses from cascading into "unknown assumption".
                    invalidAssumptions.Add(name);
                }
            }
        }

        private ImmutableArray<ActorSettings> ReadActors(YamlNode? node)
        {
            var actorNames = YamlName<ActorId>.All;
            var map = read.Mapping(node, "actors", actorNames);
            var result = ImmutableArray.CreateBuilder<ActorSettings>();
            if (map is not null)
            {
                foreach (var entry in map.Entries)
                {
                    if (YamlName<ActorId>.TryParse(entry.Key.Value, out var actor) && ReadActor(actor, entry.Value) is { } settings)
                    {
                        result.Add(settings);
                    }
                }
            }

            return result.ToImmutable();
        }

        private ActorSettings? ReadActor(ActorId actor, YamlNode node)
        {
            var actorName = YamlName.Of(actor);
            var specs = ActorParameterSpec.For(actor).ToList();
            var keys = specs.Select(s => s.Name).ToList();
            if (actor == ActorId.NorthKorea)
            {
                keys.Add("type_prior");
            }

            keys.Add("note");
            if (node is YamlScalar { IsNull: true })
            {
                return new ActorSettings(actor, ImmutableDictionary<string, Quantity>.Empty, ActorParameterSpec.DefaultTypePrior, node.Location);
            }

            var m = read.Mapping(node, $"actor '{actorName}'", keys);
            if (m is null)
            {
                return null;
            }

            var parameters = ImmutableDictionary.CreateBuilder<string, Quantity>(StringComparer.Ordinal);
            foreach (var spec in specs)
            {
                if (m.Find(spec.Name) is { } e && ReadQuantity(e.Value, RoadmapRules.ParameterContext(actor, spec.Name), spec.Min, spec.Max) is { } q)
                {
                    parameters[spec.Name] = q;
                }
            }

            var prior = ActorParameterSpec.DefaultTypePrior;
            if (m.Find("type_prior") is { } tp)
            {
                prior = ReadTypePrior(tp.Value) ?? prior;
            }

            var actorNote = NoteOf(m);
            return new ActorSettings(actor, parameters.ToImmutable(), prior, node.Location) { Note = actorNote };
        }

        private ImmutableDictionary<NorthType, double>? ReadTypePrior(YamlNode node)
        {
            var m = read.Mapping(node, "north_korea.type_prior", YamlName<NorthType>.All);
            if (m is null)
            {
                return null;
            }

            var prior = ImmutableDictionary.CreateBuilder<NorthType, double>();
            var complete = true;
            foreach (var e in m.Entries.Where(e => YamlName<NorthType>.TryParse(e.Key.Value, out _)))
            {
                YamlName<NorthType>.TryParse(e.Key.Value, out var type);
                if (e.Value is YamlScalar { IsQuoted: false } s && s.Value.Length > 0 && char.IsLetter(s.Value[0]))
                {
                    Diagnostics.Error(e.Value.Location, $"type_prior.{e.Key.Value} must be a number from 0 to 1; the prior is a fixed belief, so assumption names such as '{s.Value}' are not accepted here");
                    complete = false;
                }
                else if (read.Number(e.Value, $"type_prior.{e.Key.Value}", 0, 1) is { } p)
                {
                    prior[type] = p;
                }
                else
                {
                    complete = false;
                }
            }

            if (!complete)
            {
                return null;
            }

            foreach (var t in Enum.GetValues<NorthType>())
            {
                prior.TryAdd(t, 0);
            }

            var sum = prior.Values.Sum();
            if (Math.Abs(sum - 1) > 1e-6)
            {
                Diagnostics.Error(m.Location, $"north_korea.type_prior must sum to 1 over {string.Join(", ", YamlName<NorthType>.All)}; it sums to {sum:G6}");
                return null;
            }

            return prior.ToImmutable();
        }

        /// <summary>A number in range, or the name of an assumption (checked at the end, once all assumptions are read).</summary>
        private Quantity? ReadQuantity(YamlNode node, string context, double min, double max)
        {
            if (node is YamlScalar { IsNull: false } s && s.Value.Length > 0 && char.IsLetter(s.Value[0]))
            {
                assumptionUses.Add(new AssumptionUse(s.Value, s.Location, min, max, context));
                return new Quantity(null, s.Value);
            }

            return read.Number(node, context, min, max) is { } v ? new Quantity(v, null) : null;
        }

        private void CheckAssumptionUses() => RoadmapRules.AssumptionUses(assumptions, invalidAssumptions, assumptionUses, unusedBy, Diagnostics);

        private string? sanctionsNote;

        /// <summary>
        /// A free-text note kept for writing the scenario back. Read silently: these notes were accepted in any
        /// shape before they were kept, so an empty or odd one must not make a valid file invalid now.
        /// </summary>
        private static string? NoteOf(YamlMapping m) =>
            m.Find("note")?.Value is YamlScalar { IsNull: false } s && s.Value.Trim().Length > 0 ? s.Value : null;

        private ImmutableArray<string> ReadSanctions(YamlNode? node, Quarter start)
        {
            var startDate = start.FirstDay;
            var baseline = catalog.InForceOn(startDate).Select(m => m.Id).ToList();
            var m = read.Mapping(node, "sanctions", ["baseline", "add", "remove", "note"]);
            if (m is null)
            {
                return [.. baseline];
            }

            sanctionsNote = NoteOf(m);

            if (m.Find("baseline") is { } b && read.Text(b.Value, "sanctions baseline") is { } kind)
            {
                switch (kind)
                {
                    case "catalog":
                        break;
                    case "none":
                        baseline.Clear();
                        break;
                    default:
                        Diagnostics.Error(b.Value.Location, NearestName.Unknown("sanctions baseline", kind, ["catalog", "none"]));
                        break;
                }
            }

            foreach (var (id, at) in MeasureIds(m.Find("remove")?.Value, "sanctions remove"))
            {
                if (!baseline.Remove(id))
                {
                    Diagnostics.Warning(at, $"measure {id} is not in force at {start} in the baseline, so removing it changes nothing");
                }
            }

            foreach (var (id, at) in MeasureIds(m.Find("add")?.Value, "sanctions add"))
            {
                if (baseline.Contains(id))
                {
                    Diagnostics.Warning(at, $"measure {id} is already in force at {start}");
                }
                else
                {
                    baseline.Add(id);
                }
            }

            return [.. baseline];
        }

        private ImmutableArray<(string Id, SourceLocation At)> MeasureIds(YamlNode? node, string context)
        {
            var written = new List<(string, SourceLocation)>();
            foreach (var item in read.List(node, context))
            {
                if (read.Text(item, $"a measure id in {context}") is { } id)
                {
                    written.Add((id, item.Location));
                }
            }

            return RoadmapRules.KnownMeasures(written, context, catalog, Diagnostics);
        }

        private Roadmap? ReadRoadmap(YamlNode? node, ImmutableArray<string> inForce)
        {
            var m = read.Mapping(node, "roadmap", ["phases", "note"], "phases");
            if (m?.Find("phases") is not { } phasesEntry)
            {
                return null;
            }

            var items = read.List(phasesEntry.Value, "roadmap phases");
            var phases = new List<Phase>();
            var written = new List<WrittenPhase>();
            foreach (var item in items)
            {
                // A phase that does not read takes no number, so the next one's messages name it as the author counts.
                if (ReadPhase(item, phases.Count + 1) is { } phase)
                {
                    phases.Add(phase.Record);
                    written.Add(phase.Written);
                }
            }

            var roadmap = new WrittenRoadmap([.. written], phasesEntry.Value is YamlSequence { Items.Count: > 0 }, phasesEntry.Value.Location);
            RoadmapRules.Roadmap(roadmap, horizon, startIsValid ? inForce : null, catalog, Diagnostics);
            var roadmapNote = NoteOf(m);
            return new Roadmap([.. phases]) { Note = roadmapNote };
        }

        private (Phase Record, WrittenPhase Written)? ReadPhase(YamlNode node, int number)
        {
            var context = $"phase {number}";
            var m = read.Mapping(node, context, PhaseKeys, "name");
            if (m is null)
            {
                return null;
            }

            var name = read.Text(m.Find("name")?.Value, $"{context} name") ?? $"Phase {number}";
            var stepNodes = read.List(m.Find("steps")?.Value, $"{context} steps");
            var steps = stepNodes.Select(s => ReadStep(s, context)).OfType<StepDemand>().ToImmutableArray();

            // A step that failed to read still counts as written, so its error does not cascade into
            // "the phase asks for no steps" on every incentive that waits for it.
            var stepsWritten = stepNodes.Count > 0;
            var conditions = new List<Condition>();
            foreach (var c in read.List(m.Find("conditions")?.Value, $"{context} conditions"))
            {
                if (read.Choice<Condition>(c, "condition") is { } condition)
                {
                    if (conditions.Contains(condition))
                    {
                        Diagnostics.Warning(c.Location, $"condition {YamlName.Of(condition)} is listed twice in {context}");
                        continue;
                    }

                    conditions.Add(condition);
                }
            }

            var incentives = read.List(m.Find("incentives")?.Value, $"{context} incentives")
                .Select(i => ReadIncentive(i, context, stepsWritten))
                .Where(i => i is not null)
                .Select(i => i!.Value)
                .ToList();
            var phaseNote = NoteOf(m);
            var record = new Phase(number, name, steps, [.. incentives.Select(i => i.Record).OfType<Incentive>()], [.. conditions], m.Location) { Note = phaseNote };
            var written = new WrittenPhase(number, m.Location, steps, stepsWritten, m.Find("steps") is not null || m.Find("incentives") is not null, [.. incentives.Select(i => i.Written)]);
            return (record, written);
        }

        private StepDemand? ReadStep(YamlNode node, string context)
        {
            if (node is YamlScalar)
            {
                return read.Choice<Step>(node, "step") is { } bare ? new StepDemand(bare, Verification.NationalTechnicalMeans, node.Location) : null;
            }

            var m = read.Mapping(node, $"a step in {context}", StepKeys, "step");
            if (m is null)
            {
                return null;
            }

            var step = read.Choice<Step>(m.Find("step")?.Value, "step");
            var verification = m.Find("verification") is { } v ? read.Choice<Verification>(v.Value, "verification level") : Verification.NationalTechnicalMeans;
            var stepNote = NoteOf(m);
            return step is null || verification is null ? null : new StepDemand(step.Value, verification.Value, node.Location) { Note = stepNote };
        }

        /// <summary>The incentive as written, for the rules, and its record when every field it needs read.</summary>
        private (Incentive? Record, WrittenIncentive Written)? ReadIncentive(YamlNode node, string context, bool stepsWritten)
        {
            var m = read.Mapping(node, $"an incentive in {context}", IncentiveKeys, "id", "kind");
            if (m is null)
            {
                return null;
            }

            var id = read.Text(m.Find("id")?.Value, "incentive id");
            var kind = read.Choice<IncentiveKind>(m.Find("kind")?.Value, "incentive kind");
            var who = RoadmapRules.Who(id);
            var sequencing = ReadSequencing(m.Find("sequencing")?.Value, who, stepsWritten, m.Location);
            var measures = MeasureIds(m.Find("measures")?.Value, $"{who} measures");
            ReliefRoute? route = m.Find("route") is { } r ? read.Choice<ReliefRoute>(r.Value, "relief route") : null;
            var duration = m.Find("duration_quarters") is { } dq ? read.Whole(dq.Value, $"{who} duration_quarters") : null;
            var provider = m.Find("provider") is { } p
                ? read.Choice<Provider>(p.Value, "provider")
                : DefaultProvider(kind, [.. measures.Select(x => x.Id)]);
            var linkage = new List<Linkage>();
            foreach (var l in read.List(m.Find("linkage")?.Value, $"{who} linkage"))
            {
                if (read.Choice<Linkage>(l, "linkage condition") is { } lk && !linkage.Contains(lk))
                {
                    linkage.Add(lk);
                }
            }

            (string, SourceLocation)? zone = m.Find("zone") is { } z && read.Text(z.Value, "zone") is { } zoneName ? (zoneName, z.Value.Location) : null;
            var covers = read.List(m.Find("covers")?.Value, $"{who} covers").Select(c => (Id: read.Text(c, "an incentive id in covers"), c.Location)).Where(x => x.Id is not null).Select(x => (x.Id!, x.Location)).ToImmutableArray();
            var amount = m.Find("amount_musd_per_year") is { } am ? ReadQuantity(am.Value, RoadmapRules.AmountContext(id), 0, RoadmapRules.MaxAmountMusdPerYear) : null;
            var involves = read.List(m.Find("also_involves")?.Value, $"{who} also_involves").Select(a => (Name: read.Text(a, "activity"), a.Location)).Where(x => x.Name is not null).Select(x => (x.Name!, x.Location)).ToImmutableArray();
            var note = m.Find("note") is { } n ? read.Text(n.Value, "note") : null;
            var written = new WrittenIncentive
            {
                Id = id,
                IdAt = m.Find("id")?.Value.Location ?? m.Location,
                Kind = kind,
                Fields = [.. m.Entries.Select(e => (e.Key.Value, e.Key.Location))],
                Sequencing = sequencing,
                Measures = measures,
                MeasuresListAt = m.Find("measures")?.Value.Location,
                MeasuresListEmpty = m.Find("measures")?.Value is YamlSequence { Items.Count: 0 },
                Route = route,
                RouteAt = m.Find("route")?.Value.Location,
                Duration = duration,
                DurationFieldAt = m.Find("duration_quarters")?.Key.Location ?? m.Location,
                Covers = covers,
                Zone = zone,
                AlsoInvolves = involves,
                Location = node.Location,
            };

            // An incentive that did not read completely has had its error; the rules still check what it says.
            if (id is null || kind is null || provider is null || sequencing?.Record is not { } delivery)
            {
                return (null, written);
            }

            var record = new Incentive(id, kind.Value, provider.Value, delivery, [.. measures.Select(x => x.Id)], route, duration?.AsInt,
                [.. covers.Select(c => c.Item1)], zone?.Item1, [.. linkage], amount, [.. involves.Select(a => a.Item1)], note, node.Location)
            {
                MeasureLocations = [.. measures.Select(x => x.At)],
            };
            return (record, written);
        }

        private static Provider? DefaultProvider(IncentiveKind? kind, ImmutableArray<string> measures) => kind switch
        {
            null => null,
            IncentiveKind.KaesongReopening or IncentiveKind.MountKumgangTourism or IncentiveKind.RailRoadReconnection or IncentiveKind.SezSupport => Provider.SouthKorea,
            IncentiveKind.SanctionsRelief when measures.Length > 0 && measures[0].StartsWith("US-", StringComparison.Ordinal) => Provider.Us,
            IncentiveKind.SanctionsRelief when measures.Length > 0 && measures[0].StartsWith("ROK-", StringComparison.Ordinal) => Provider.SouthKorea,
            IncentiveKind.SanctionsRelief when measures.Length > 0 && measures[0].StartsWith("JP-", StringComparison.Ordinal) => Provider.Japan,
            _ => Provider.Multilateral,
        };

        /// <summary>The delivery as written; null (with the error given) when its form is not one of the forms.</summary>
        private WrittenSequencing? ReadSequencing(YamlNode? node, string who, bool stepsWritten, SourceLocation incentiveAt)
        {
            var valid = "upfront, on_verified_step, on_verified_step: STEP, after_quarters: N";
            if (node is null)
            {
                // The default the rules accept: waiting for the phase's steps where it lists some, upfront otherwise.
                return new WrittenSequencing(stepsWritten ? SequencingRule.OnVerifiedStep : SequencingRule.Upfront, null, null, incentiveAt);
            }

            if (node is YamlScalar s)
            {
                switch (s.Value)
                {
                    case "upfront":
                        return new WrittenSequencing(SequencingRule.Upfront, null, null, s.Location);
                    case "on_verified_step":
                        return new WrittenSequencing(SequencingRule.OnVerifiedStep, null, null, s.Location);
                    case "after_quarters":
                        Diagnostics.Error(s.Location, $"after_quarters needs a number of quarters: write 'sequencing: {{after_quarters: 2}}'");
                        return null;
                    default:
                        Diagnostics.Error(s.Location, NearestName.Unknown("sequencing", s.Value, ["upfront", "on_verified_step", "after_quarters"]) + $" (forms: {valid})");
                        return null;
                }
            }

            var m = read.Mapping(node, $"{who} sequencing", ["after_quarters", "on_verified_step"]);
            if (m is null)
            {
                return null;
            }

            if (m.Entries.Count != 1)
            {
                Diagnostics.Error(m.Location, $"{who} sequencing must have exactly one rule ({valid})");
                return null;
            }

            var entry = m.Entries[0];
            if (entry.Key.Value == "after_quarters")
            {
                return read.Whole(entry.Value, $"{who} after_quarters") is { } q ? new WrittenSequencing(SequencingRule.AfterQuarters, null, q, entry.Value.Location) : null;
            }

            if (entry.Key.Value == "on_verified_step" && read.Choice<Step>(entry.Value, "step") is { } step)
            {
                return new WrittenSequencing(SequencingRule.OnVerifiedStep, step, null, entry.Value.Location);
            }

            return null;
        }

        private bool startIsValid;
    }
}
