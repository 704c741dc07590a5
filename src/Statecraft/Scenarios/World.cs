using System.Collections.Immutable;
using Statecraft.Documents;

namespace Statecraft.Scenarios;

/// <summary>A game or economy assumption held at one value in a world (<c>game:</c> or <c>economy:</c>).</summary>
public sealed record HeldValue(string Name, double Value, SourceLocation Location);

/// <summary>
/// What an analyst believes about the world a roadmap is played in, apart from the roadmap itself (the X of
/// exploratory modelling's XLRM frame, where the roadmap is the L): the prior over the North's type, every
/// actor's enforcement, consent, reliability and election and provocation rates (fixed, or drawn from the
/// world's named assumptions), and game and economy assumptions held at values. Roadmaps compared under one
/// world differ only in what they offer and ask; a world that leaves a parameter out takes the tool's default.
/// </summary>
/// <param name="Path">The file it was read from (a shipped world's is <c>worlds/NAME.yaml</c>).</param>
/// <param name="Name">A short title, shown in tables.</param>
/// <param name="Description">What the world believes, in a sentence or two.</param>
/// <param name="Basis">Where the beliefs come from: the sources and judgements behind them.</param>
/// <param name="Assumptions">The world's named uncertain inputs, used by its actors' parameters.</param>
/// <param name="Actors">The actors' parameters, as a scenario file writes them.</param>
/// <param name="Game">Game assumptions (<c>Negotiation/GameParameters.cs</c>) held at values; the rest at their defaults.</param>
/// <param name="Economy">Economy assumptions (<c>Economy/EconomyAssumptions.cs</c>) held at values; the rest at their defaults.</param>
/// <param name="Location">Where the world starts in its file.</param>
public sealed record World(
    string Path,
    string Name,
    string? Description,
    string? Basis,
    ImmutableArray<Assumption> Assumptions,
    ImmutableArray<ActorSettings> Actors,
    ImmutableArray<HeldValue> Game,
    ImmutableArray<HeldValue> Economy,
    SourceLocation Location)
{
    /// <summary>The id a world is named by on the command line: a shipped world's name, or its file's name without <c>.yaml</c>.</summary>
    public string Id => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>Whether the world came out of an old single file rather than a world file (<see cref="Embedded"/>).</summary>
    public bool IsEmbedded { get; init; }

    /// <summary>The tool's defaults and nothing else: what an old file without <c>actors</c> believes (its embedded world).</summary>
    public static World Defaults(string path) =>
        new(path, "the tool's defaults", "every actor parameter at its default (docs/scenario-format.md, 'Actors')", null, [], [], [], [], SourceLocation.FileOnly(path)) { IsEmbedded = true };

    /// <summary>
    /// The world an old single file (<c>statecraft/1</c>) embeds: its actors, and the assumptions they use. What is
    /// left in the file, the roadmap, keeps the assumptions its incentives use (the sizes of what is offered).
    /// </summary>
    public static World Embedded(Scenario file)
    {
        var used = ActorAssumptionNames(file.Actors);
        return new World(
            file.Path,
            $"beliefs written into {file.Name}",
            null,
            null,
            [.. file.Assumptions.Where(a => used.Contains(a.Name))],
            file.Actors,
            [],
            [],
            file.Actors.IsEmpty ? SourceLocation.FileOnly(file.Path) : file.Actors[0].Location) { IsEmbedded = true };
    }

    /// <summary>The roadmap of an old single file: the file without its actors and the assumptions only they use.</summary>
    public static Scenario RoadmapOf(Scenario file)
    {
        if (file.Actors.IsEmpty) return file;
        var beliefs = ActorAssumptionNames(file.Actors);
        beliefs.ExceptWith(RoadmapAssumptionNames(file));
        return file with { Actors = [], Assumptions = [.. file.Assumptions.Where(a => !beliefs.Contains(a.Name))] };
    }

    /// <summary>
    /// The roadmap played in this world: the roadmap's own beliefs (an old file's actors, and the assumptions only
    /// they use) are replaced by the world's; the roadmap keeps the assumptions its incentives use. Names the
    /// roadmap and the world both define are reported in <paramref name="problems"/> (a roadmap's amount and a
    /// world's belief must not share a stream).
    /// </summary>
    public Scenario Apply(Scenario roadmap, List<Diagnostic>? problems = null)
    {
        var own = RoadmapOf(roadmap);
        foreach (var a in own.Assumptions)
        {
            if (Assumptions.FirstOrDefault(w => w.Name == a.Name) is { } clash)
            {
                problems?.Add(new Diagnostic(Severity.Error, a.Location,
                    $"assumption '{a.Name}' is defined both here (used by an incentive's amount) and in world '{Id}' ({clash.Location}); rename one: a roadmap's amounts and a world's beliefs are separate inputs"));
            }
        }

        return own with
        {
            Actors = Actors,
            Assumptions = [.. own.Assumptions.Where(a => !Assumptions.Any(w => w.Name == a.Name)), .. Assumptions],
        };
    }

    /// <summary>The assumptions the actors' parameters name.</summary>
    internal static HashSet<string> ActorAssumptionNames(IEnumerable<ActorSettings> actors) =>
        [.. actors.SelectMany(a => a.Parameters.Values).Select(q => q.AssumptionName).OfType<string>()];

    /// <summary>The assumptions the roadmap's incentives name (their amounts).</summary>
    internal static HashSet<string> RoadmapAssumptionNames(Scenario file) =>
        [.. file.Roadmap.AllIncentives.Select(x => x.Incentive.AmountMusdPerYear?.AssumptionName).OfType<string>()];

    /// <summary>
    /// One line of what the world believes: the type prior, then every parameter it sets (an assumption with its
    /// distribution), then its game and economy values. What it leaves out is at the tool's defaults.
    /// </summary>
    public string Summary()
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var prior = Actors.FirstOrDefault(a => a.Actor == ActorId.NorthKorea)?.TypePrior ?? ActorParameterSpec.DefaultTypePrior;
        var parts = new List<string> { "type prior " + string.Join("/", Enum.GetValues<NorthType>().Select(t => prior.GetValueOrDefault(t).ToString("0.##", inv))) };
        foreach (var actor in Actors.OrderBy(a => a.Actor))
        {
            foreach (var (name, q) in actor.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var value = q.AssumptionName is { } a && Assumptions.FirstOrDefault(x => x.Name == a) is { } assumption
                    ? $"{DescribeDistribution(assumption.Distribution)}"
                    : q.ToString();
                var isDefault = q.Fixed is { } v && ActorParameterSpec.All.FirstOrDefault(s => s.Name == name)?.Defaults.GetValueOrDefault(actor.Actor) is { } d && d == v;
                if (!isDefault) parts.Add($"{YamlName.Of(actor.Actor)}.{name} {value}");
            }
        }

        parts.AddRange(Game.Concat(Economy).Select(v => $"{v.Name} {v.Value.ToString("G6", inv)}"));
        return string.Join("; ", parts);
    }

    /// <summary>A distribution as one short phrase: <c>beta(7, 3)</c>, <c>0.9</c>.</summary>
    public static string DescribeDistribution(Distribution d)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return d switch
        {
            PointValue p => p.Value.ToString("G6", inv),
            NormalDistribution n => string.Create(inv, $"normal({n.Mean:G6}, {n.Sd:G6})"),
            LognormalDistribution l => string.Create(inv, $"lognormal({l.MeanLog:G6}, {l.SdLog:G6})"),
            BetaDistribution b => string.Create(inv, $"beta({b.Alpha:G6}, {b.Beta:G6})"),
            UniformDistribution u => string.Create(inv, $"uniform({u.Low:G6}, {u.High:G6})"),
            TriangularDistribution t => string.Create(inv, $"triangular({t.Low:G6}, {t.Mode:G6}, {t.High:G6})"),
            _ => d.Name,
        };
    }

    /// <summary>True when two worlds hold the same beliefs (their files may differ in names, notes and layout).</summary>
    public bool SameBeliefs(World other) =>
        ActorsKey(Actors) == ActorsKey(other.Actors)
        && AssumptionsKey(Assumptions) == AssumptionsKey(other.Assumptions)
        && HeldKey(Game) == HeldKey(other.Game)
        && HeldKey(Economy) == HeldKey(other.Economy);

    private static string ActorsKey(ImmutableArray<ActorSettings> actors) => string.Join(";", actors
        .Where(a => !a.Parameters.IsEmpty || (a.Actor == ActorId.NorthKorea && !SamePrior(a.TypePrior, ActorParameterSpec.DefaultTypePrior)))
        .OrderBy(a => a.Actor)
        .Select(a => $"{a.Actor}:{string.Join(",", a.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}" +
            $"|{string.Join(",", a.TypePrior.OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value:R}"))}"));

    private static bool SamePrior(ImmutableDictionary<NorthType, double> a, ImmutableDictionary<NorthType, double> b) =>
        Enum.GetValues<NorthType>().All(t => Math.Abs(a.GetValueOrDefault(t) - b.GetValueOrDefault(t)) < 1e-9);

    private static string AssumptionsKey(ImmutableArray<Assumption> assumptions) => string.Join(";", assumptions
        .OrderBy(a => a.Name, StringComparer.Ordinal)
        .Select(a => $"{a.Name}={a.Distribution}[{a.LowerBound},{a.UpperBound}]"));

    private static string HeldKey(ImmutableArray<HeldValue> values) =>
        string.Join(";", values.OrderBy(v => v.Name, StringComparer.Ordinal).Select(v => $"{v.Name}={v.Value:R}"));
}

/// <summary>The outcome of reading a world file: the world when it has no errors, and every diagnostic.</summary>
public sealed record WorldLoad(World? World, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when the file has no errors (warnings allowed).</summary>
    public bool IsValid => World is not null;
}
