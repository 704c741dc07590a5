using System.Collections.Frozen;
using System.Collections.Immutable;
using Statecraft.Data;
using Statecraft.Documents;

namespace Statecraft.Sanctions;

/// <summary>
/// The catalog of sanctions measures shipped with Statecraft (UN Security Council resolutions
/// 1718 to 2397 at paragraph level and the main unilateral measures), read from the embedded
/// <c>Sanctions/measures.yaml</c>.
/// </summary>
public sealed class Catalog
{
    private const string ResourceName = "Sanctions/measures.yaml";

    private static readonly Lazy<Catalog> Embedded = new(LoadEmbedded);

    private readonly FrozenDictionary<string, Measure> byId;

    private Catalog(ImmutableArray<Measure> measures)
    {
        Measures = measures;
        byId = measures.ToFrozenDictionary(m => m.Id, StringComparer.Ordinal);
        Ids = [.. measures.Select(m => m.Id)];
    }

    /// <summary>The catalog shipped with the tool.</summary>
    public static Catalog Korea => Embedded.Value;

    /// <summary>Every measure, in catalog order.</summary>
    public ImmutableArray<Measure> Measures { get; }

    /// <summary>Every measure id, in catalog order.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The measure with this id, or null.</summary>
    public Measure? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>The measures in force on a date.</summary>
    public IEnumerable<Measure> InForceOn(DateOnly date) => Measures.Where(m => m.IsInForceOn(date));

    /// <summary>
    /// Parses catalog text. The shipped catalog is checked by tests, so errors here are a
    /// developer's, but they are still reported with locations rather than thrown mid-way.
    /// </summary>
    public static Catalog? Parse(string text, string path, DiagnosticBag diagnostics)
    {
        var root = YamlTree.Parse(text, path, diagnostics);
        var read = new YamlReader(diagnostics);
        var top = read.Mapping(root, "the catalog", ["measures"], "measures");
        if (top is null)
        {
            return null;
        }

        var measures = new List<Measure>();
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var node in read.List(top.Find("measures")?.Value, "measures"))
        {
            var measure = ReadMeasure(node, read);
            if (measure is null)
            {
                continue;
            }

            if (seen.TryGetValue(measure.Id, out var first))
            {
                diagnostics.Error(node.Location, $"duplicate measure id '{measure.Id}' (first at line {first.Line})");
                continue;
            }

            seen[measure.Id] = node.Location;
            measures.Add(measure);
        }

        foreach (var m in measures.Where(m => m.SupersededBy is not null && !seen.ContainsKey(m.SupersededBy)))
        {
            diagnostics.Error(seen[m.Id], NearestName.Unknown("measure", m.SupersededBy!, seen.Keys, where: $"superseded_by of {m.Id}"));
        }

        return diagnostics.HasErrors ? null : new Catalog([.. measures]);
    }

    private static readonly string[] MeasureKeys =
        ["id", "issuer", "instrument", "title", "summary", "in_force", "ended", "superseded_by", "binds", "blocks", "relief", "source", "confidence", "notes", "hortatory"];

    private static Measure? ReadMeasure(YamlNode node, YamlReader read)
    {
        var m = read.Mapping(node, "a measure", MeasureKeys, "id", "issuer", "instrument", "title", "summary", "in_force", "binds", "blocks", "relief", "source", "confidence");
        if (m is null)
        {
            return null;
        }

        var id = read.Text(m.Find("id")?.Value, "id") ?? "?";
        var context = $"measure {id}";
        var blocks = new List<string>();
        foreach (var item in read.List(m.Find("blocks")?.Value, $"blocks of {context}"))
        {
            var pattern = read.Text(item, $"an activity blocked by {context}");
            if (pattern is null)
            {
                continue;
            }

            if (!Activities.IsValidPattern(pattern))
            {
                read.Diagnostics.Error(item.Location, NearestName.Unknown("activity", pattern, [.. Activities.All.Select(a => a.Name), .. Activities.Channels.Select(c => c + ":*")], "see 'statecraft measures --activities'"));
                continue;
            }

            blocks.Add(pattern);
        }

        if (blocks.Count == 0 && m.Find("blocks") is { } b)
        {
            read.Diagnostics.Error(b.Value.Location, $"{context} must block at least one activity");
        }

        var relief = new List<ReliefOption>();
        foreach (var item in read.List(m.Find("relief")?.Value, $"relief of {context}"))
        {
            var r = read.Mapping(item, $"a relief route of {context}", ["route", "consent", "note"], "route", "consent");
            if (r is null)
            {
                continue;
            }

            var route = read.Choice<ReliefRoute>(r.Find("route")?.Value, "relief route");
            var consent = read.List(r.Find("consent")?.Value, "consent")
                .Select(c => read.Choice<ConsentParty>(c, "consent party"))
                .OfType<ConsentParty>()
                .ToImmutableArray();
            if (r.Find("consent") is { } c && consent.Length == 0)
            {
                read.Diagnostics.Error(c.Value.Location, $"a relief route of {context} must name at least one consenting party");
            }

            if (route is { } routeValue)
            {
                if (relief.Exists(x => x.Route == routeValue))
                {
                    read.Diagnostics.Error(item.Location, $"{context} lists the route '{YamlName.Of(routeValue)}' twice");
                }

                relief.Add(new ReliefOption(routeValue, consent, read.Text(r.Find("note")?.Value, "note")));
            }
        }

        if (relief.Count == 0 && m.Find("relief") is { } rl)
        {
            read.Diagnostics.Error(rl.Value.Location, $"{context} must have at least one relief route");
        }

        var issuer = read.Choice<Issuer>(m.Find("issuer")?.Value, "issuer");
        var binds = read.Choice<Binding>(m.Find("binds")?.Value, "binding");
        var confidence = read.Choice<Confidence>(m.Find("confidence")?.Value, "confidence");
        var inForce = read.Date(m.Find("in_force")?.Value, "in_force");
        var ended = read.Date(m.Find("ended")?.Value, "ended");
        if (inForce is not null && ended is not null && ended <= inForce)
        {
            read.Diagnostics.Error(m.Find("ended")!.Value.Location, $"{context} ends before it starts");
        }

        string? Optional(string key) => m.Find(key) is { } e ? read.Text(e.Value, key) : null;
        var instrument = read.Text(m.Find("instrument")?.Value, "instrument");
        var title = read.Text(m.Find("title")?.Value, "title");
        var summary = read.Text(m.Find("summary")?.Value, "summary");
        var source = read.Text(m.Find("source")?.Value, "source");
        if (issuer is null || binds is null || confidence is null || inForce is null || instrument is null || title is null || summary is null || source is null)
        {
            return null;
        }

        return new Measure(id, issuer.Value, instrument, title, summary, inForce.Value, ended, Optional("superseded_by"),
            binds.Value, [.. blocks], [.. relief], source, confidence.Value, Optional("notes"),
            m.Find("hortatory") is { } h && read.Boolean(h.Value, $"hortatory of {context}") == true);
    }

    private static Catalog LoadEmbedded()
    {
        using var stream = typeof(Catalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        var diagnostics = new DiagnosticBag();
        return Parse(reader.ReadToEnd(), ResourceName, diagnostics)
            ?? throw new InvalidDataException("the shipped sanctions catalog is invalid:\n" + string.Join('\n', diagnostics.Sorted()));
    }
}
