using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Statecraft.Documents;
using Statecraft.Sanctions;

namespace Statecraft.Scenarios;

/// <summary>
/// Writes a <see cref="Scenario"/> back as statecraft/1 YAML that <see cref="ScenarioLoader"/> reads to the same
/// scenario (apart from source locations and the path). Every key is written explicitly (providers, sequencing,
/// verification) so the file does not depend on defaults that could change; notes, sources and descriptions are
/// kept. Comments in the original file are not part of the scenario, so the caller passes any it wants kept.
/// </summary>
public static partial class ScenarioWriter
{
    /// <summary>Longest line a folded text is wrapped to.</summary>
    private const int Width = 96;

    /// <summary>The scenario as YAML, after <paramref name="header"/> written as comment lines.</summary>
    public static string Write(Scenario scenario, Catalog catalog, IEnumerable<string>? header = null)
    {
        var o = new StringBuilder();
        foreach (var line in header ?? [])
        {
            o.Append(line.Length == 0 ? "#" : "# " + line).Append('\n');
        }

        // A roadmap without beliefs is written in the new form; one with actors keeps the old form, which may hold them.
        o.Append("format: ").Append(scenario.Actors.IsEmpty ? ScenarioLoader.RoadmapFormatTag : ScenarioLoader.FormatTag).Append('\n');
        Text(o, 0, "name", scenario.Name);
        if (scenario.Description is { } d) Text(o, 0, "description", d);
        o.Append("start: ").Append(scenario.Start).Append('\n');
        o.Append("horizon_quarters: ").Append(Int(scenario.HorizonQuarters)).Append('\n');
        WriteAssumptions(o, scenario.Assumptions);
        WriteActors(o, scenario.Actors);
        WriteSanctions(o, scenario, catalog);
        WriteShocks(o, scenario);
        WriteRoadmap(o, scenario.Roadmap);
        return o.ToString();
    }

    /// <summary>The comment lines at the top of a scenario file, without their '#', so a rewritten file keeps the author's account of its sources.</summary>
    /// <summary>The world as a world file (<c>statecraft-world/1</c>), after <paramref name="header"/> written as comment lines.</summary>
    public static string WriteWorld(World world, IEnumerable<string>? header = null)
    {
        var o = new StringBuilder();
        foreach (var line in header ?? [])
        {
            o.Append(line.Length == 0 ? "#" : "# " + line).Append('\n');
        }

        o.Append("format: ").Append(ScenarioLoader.WorldFormatTag).Append('\n');
        Text(o, 0, "name", world.Name);
        if (world.Description is { } d) Text(o, 0, "description", d);
        if (world.Basis is { } b) Text(o, 0, "basis", b);
        WriteAssumptions(o, world.Assumptions);
        WriteActors(o, world.Actors);
        foreach (var (key, values) in new[] { ("game", world.Game), ("economy", world.Economy) })
        {
            if (values.IsEmpty) continue;
            o.Append('\n').Append(key).Append(":\n");
            foreach (var v in values) Line(o, 2, v.Name, Num(v.Value));
        }

        return o.ToString();
    }

    public static IReadOnlyList<string> LeadingComments(string text)
    {
        var lines = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (!line.StartsWith('#')) break;
            lines.Add(line.Length > 1 && line[1] == ' ' ? line[2..] : line[1..]);
        }

        return lines;
    }

    private static void WriteAssumptions(StringBuilder o, System.Collections.Immutable.ImmutableArray<Assumption> assumptions)
    {
        if (assumptions.IsEmpty) return;
        o.Append("\nassumptions:\n");
        foreach (var a in assumptions)
        {
            var plain = a is { Distribution: PointValue, LowerBound: null, UpperBound: null, Description: null, Unit: null, Source: null };
            if (plain)
            {
                o.Append("  ").Append(a.Name).Append(": ").Append(Num(((PointValue)a.Distribution).Value)).Append('\n');
                continue;
            }

            o.Append("  ").Append(a.Name).Append(":\n");
            switch (a.Distribution)
            {
                case PointValue p:
                    Line(o, 4, "value", Num(p.Value));
                    break;
                case NormalDistribution n:
                    Line(o, 4, "distribution", "normal");
                    Line(o, 4, "mean", Num(n.Mean));
                    Line(o, 4, "sd", Num(n.Sd));
                    break;
                case LognormalDistribution l:
                    Line(o, 4, "distribution", "lognormal");
                    Line(o, 4, "meanlog", Num(l.MeanLog));
                    Line(o, 4, "sdlog", Num(l.SdLog));
                    break;
                case BetaDistribution b:
                    Line(o, 4, "distribution", "beta");
                    Line(o, 4, "alpha", Num(b.Alpha));
                    Line(o, 4, "beta", Num(b.Beta));
                    break;
                case UniformDistribution u:
                    Line(o, 4, "distribution", "uniform");
                    Line(o, 4, "low", Num(u.Low));
                    Line(o, 4, "high", Num(u.High));
                    break;
                case TriangularDistribution t:
                    Line(o, 4, "distribution", "triangular");
                    Line(o, 4, "low", Num(t.Low));
                    Line(o, 4, "mode", Num(t.Mode));
                    Line(o, 4, "high", Num(t.High));
                    break;
                default:
                    throw new ArgumentException($"assumption '{a.Name}' has a distribution the format cannot write ({a.Distribution.Name})");
            }

            if (a.LowerBound is { } lo && a.UpperBound is { } hi) Line(o, 4, "bounds", $"[{Num(lo)}, {Num(hi)}]");
            if (a.Unit is { } unit) Text(o, 4, "unit", unit);
            if (a.Description is { } description) Text(o, 4, "description", description);
            if (a.Source is { } source) Text(o, 4, "source", source);
        }
    }

    private static void WriteActors(StringBuilder o, System.Collections.Immutable.ImmutableArray<ActorSettings> actors)
    {
        if (actors.IsEmpty) return;
        o.Append("\nactors:\n");
        foreach (var actor in actors)
        {
            var name = YamlName.Of(actor.Actor);
            var specs = ActorParameterSpec.For(actor.Actor).Where(p => actor.Parameters.ContainsKey(p.Name)).ToList();
            var prior = actor.Actor == ActorId.NorthKorea && !SamePrior(actor.TypePrior, ActorParameterSpec.DefaultTypePrior);
            if (specs.Count == 0 && !prior && actor.Note is null)
            {
                // An empty entry: every parameter at its default, as the author wrote it.
                o.Append("  ").Append(name).Append(":\n");
                continue;
            }

            o.Append("  ").Append(name).Append(":\n");
            if (prior)
            {
                var shares = Enum.GetValues<NorthType>().Select(t => $"{YamlName.Of(t)}: {Num(actor.TypePrior.GetValueOrDefault(t))}");
                Line(o, 4, "type_prior", "{" + string.Join(", ", shares) + "}");
            }

            foreach (var spec in specs) Line(o, 4, spec.Name, Quantity(actor.Parameters[spec.Name]));
            if (actor.Note is { } note) Text(o, 4, "note", note);
        }
    }

    private static bool SamePrior(IReadOnlyDictionary<NorthType, double> a, IReadOnlyDictionary<NorthType, double> b) =>
        Enum.GetValues<NorthType>().All(t => a.GetValueOrDefault(t).Equals(b.GetValueOrDefault(t)));

    private static void WriteSanctions(StringBuilder o, Scenario s, Catalog catalog)
    {
        var baseline = catalog.InForceOn(s.Start.FirstDay).Select(m => m.Id).ToList();
        var inForce = s.SanctionsInForce.ToHashSet(StringComparer.Ordinal);
        var remove = baseline.Where(id => !inForce.Contains(id)).ToList();
        var add = s.SanctionsInForce.Where(id => !baseline.Contains(id)).ToList();

        // The loader's order is the baseline's minus what is removed, then what is added in the order listed;
        // from an empty baseline it is the order added. Either form gives back the same list; write the shorter.
        var fromNone = s.SanctionsInForce.Length < remove.Count + add.Count;
        o.Append("\nsanctions:\n");
        Line(o, 2, "baseline", fromNone ? "none" : "catalog");
        if (fromNone)
        {
            if (!s.SanctionsInForce.IsEmpty) Line(o, 2, "add", List(s.SanctionsInForce));
        }
        else
        {
            if (remove.Count > 0) Line(o, 2, "remove", List(remove));
            if (add.Count > 0) Line(o, 2, "add", List(add));
        }

        if (s.SanctionsNote is { } note) Text(o, 2, "note", note);
    }

    private static void WriteShocks(StringBuilder o, Scenario s)
    {
        if (s.Shocks.IsEmpty) return;
        o.Append("\nshocks:\n");
        foreach (var shock in s.Shocks)
        {
            o.Append("  - id: ").Append(shock.Id).Append('\n');
            Line(o, 4, "kind", YamlName.Of(shock.Kind));
            Line(o, 4, "from", shock.From.ToString());
            Line(o, 4, "until", shock.Until.ToString());
            Line(o, 4, "intensity", Num(shock.Intensity));
            if (shock.Note is { } note) Text(o, 4, "note", note);
        }
    }

    private static void WriteRoadmap(StringBuilder o, Roadmap roadmap)
    {
        o.Append("\nroadmap:\n");
        if (roadmap.Note is { } note) Text(o, 2, "note", note);
        o.Append("  phases:\n");
        foreach (var phase in roadmap.Phases)
        {
            o.Append('\n');
            o.Append("    - ");
            TextValue(o, 6, "name", phase.Name);
            if (phase.Note is { } pn) Text(o, 6, "note", pn);
            if (!phase.Steps.IsEmpty)
            {
                o.Append("      steps:\n");
                foreach (var step in phase.Steps)
                {
                    o.Append("        - step: ").Append(YamlName.Of(step.Step)).Append('\n');
                    Line(o, 10, "verification", YamlName.Of(step.Verification));
                    if (step.Note is { } sn) Text(o, 10, "note", sn);
                }
            }

            if (!phase.Conditions.IsEmpty) Line(o, 6, "conditions", List(phase.Conditions.Select(YamlName.Of)));
            if (!phase.Incentives.IsEmpty)
            {
                o.Append("      incentives:\n");
                foreach (var i in phase.Incentives) WriteIncentive(o, i);
            }
        }
    }

    private static void WriteIncentive(StringBuilder o, Incentive i)
    {
        const int at = 10;
        o.Append("        - id: ").Append(i.Id).Append('\n');
        Line(o, at, "kind", YamlName.Of(i.Kind));
        Line(o, at, "provider", YamlName.Of(i.Provider));
        Line(o, at, "sequencing", i.Sequencing switch
        {
            { Rule: SequencingRule.Upfront } => "upfront",
            { Rule: SequencingRule.OnVerifiedStep, Step: { } step } => $"{{on_verified_step: {YamlName.Of(step)}}}",
            { Rule: SequencingRule.OnVerifiedStep } => "on_verified_step",
            _ => $"{{after_quarters: {Int(i.Sequencing.Quarters)}}}",
        });
        if (!i.Measures.IsEmpty) Line(o, at, "measures", List(i.Measures));
        if (i.Route is { } route) Line(o, at, "route", YamlName.Of(route));
        if (i.DurationQuarters is { } dq) Line(o, at, "duration_quarters", Int(dq));
        if (!i.Covers.IsEmpty) Line(o, at, "covers", List(i.Covers));
        if (i.Zone is { } zone) Line(o, at, "zone", zone);
        if (!i.Linkage.IsEmpty) Line(o, at, "linkage", List(i.Linkage.Select(YamlName.Of)));
        if (i.AmountMusdPerYear is { } amount) Line(o, at, "amount_musd_per_year", Quantity(amount));
        if (!i.AlsoInvolves.IsEmpty) Line(o, at, "also_involves", List(i.AlsoInvolves));
        if (i.Note is { } note) Text(o, at, "note", note);
    }

    private static string Quantity(Quantity q) => q.AssumptionName ?? Num(q.Fixed!.Value);

    private static string List(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";

    private static void Line(StringBuilder o, int indent, string key, string value) =>
        o.Append(' ', indent).Append(key).Append(": ").Append(value).Append('\n');

    private static void Text(StringBuilder o, int indent, string key, string value)
    {
        o.Append(' ', indent);
        TextValue(o, indent, key, value);
    }

    /// <summary>
    /// Free text in the plainest form that reads back to exactly the same string: plain when nothing in it means
    /// something to YAML, folded with <c>&gt;</c> when it is one long paragraph, double-quoted otherwise.
    /// </summary>
    private static void TextValue(StringBuilder o, int indent, string key, string value)
    {
        o.Append(key).Append(": ");
        if (value.Length <= Width - indent - key.Length - 2 && PlainSafe().IsMatch(value) && !value.Contains(": ", StringComparison.Ordinal)
            && !value.Contains(" #", StringComparison.Ordinal) && !LooksLikeOtherType(value))
        {
            o.Append(value).Append('\n');
            return;
        }

        var body = value.EndsWith('\n') ? value[..^1] : value;
        if (body.Length > 0 && !body.Contains('\n') && !body.Contains("  ", StringComparison.Ordinal) && !body.Contains('\t')
            && body.Trim() == body && !body.Any(char.IsControl))
        {
            o.Append(value.EndsWith('\n') ? ">" : ">-").Append('\n');
            var line = new StringBuilder();
            foreach (var word in body.Split(' '))
            {
                if (line.Length > 0 && indent + 2 + line.Length + 1 + word.Length > Width)
                {
                    o.Append(' ', indent + 2).Append(line).Append('\n');
                    line.Clear();
                }

                if (line.Length > 0) line.Append(' ');
                line.Append(word);
            }

            o.Append(' ', indent + 2).Append(line).Append('\n');
            return;
        }

        o.Append(Quoted(value)).Append('\n');
    }

    /// <summary>Plain scalars YAML would read as something other than this text (null, booleans).</summary>
    private static bool LooksLikeOtherType(string value) =>
        value is "~" or "null" or "Null" or "NULL" or "true" or "True" or "TRUE" or "false" or "False" or "FALSE"
            or "yes" or "Yes" or "no" or "No" or "on" or "On" or "off" or "Off" || value.EndsWith(':');

    private static string Quoted(string value)
    {
        var q = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': q.Append("\\\""); break;
                case '\\': q.Append("\\\\"); break;
                case '\n': q.Append("\\n"); break;
                case '\t': q.Append("\\t"); break;
                case '\r': q.Append("\\r"); break;
                default:
                    if (char.IsControl(c)) q.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else q.Append(c);
                    break;
            }
        }

        return q.Append('"').ToString();
    }

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    // Starts with a letter, digit or '(' (no YAML indicator), one line, no leading or trailing space.
    [GeneratedRegex(@"^[A-Za-z0-9(][^\n\r\t]*[^\s:]$|^[A-Za-z0-9]$")]
    private static partial Regex PlainSafe();
}
