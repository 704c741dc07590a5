using System.Collections.Immutable;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Economy;

/// <summary>A stretch of quarters with a constant value and its plausible range.</summary>
public sealed record PathSegment(Quarter From, double Value, double Low, double High, string Basis);

/// <summary>
/// A partner's enforcement as a named assumption: piecewise constant from each segment's first
/// quarter until the next segment. <c>At(quarter, position)</c> gives the value at a point in each
/// segment's range, 0 = every segment at its low, 1 = every segment at its high; the defaults need
/// not sit mid-range, so drawn positions are not centred on the default path.
/// </summary>
public sealed record EnforcementPath(Partner Partner, ImmutableArray<PathSegment> Segments)
{
    /// <summary>The value in force in <paramref name="quarter"/>: the default, or the point at <paramref name="position"/> of the segment's range (0 = low, 1 = high).</summary>
    public double At(Quarter quarter, double? position = null)
    {
        var segment = SegmentAt(quarter);
        if (segment is null) return 0.0;
        if (position is not { } u) return segment.Value;
        return segment.Low + (Math.Clamp(u, 0.0, 1.0) * (segment.High - segment.Low));
    }

    private PathSegment? SegmentAt(Quarter quarter) => Segments.LastOrDefault(s => s.From.CompareTo(quarter) <= 0);
}

/// <summary>An exogenous shock over a span of quarters: for now a border closure of a given intensity.</summary>
public sealed record ExogenousShock(string Id, Quarter From, Quarter Until, double Intensity, string Basis);

/// <summary>
/// Everything the economy needs to know about the world outside the roadmap: the measures (with
/// their in-force and end dates), each partner's enforcement path, and exogenous shocks.
/// </summary>
public sealed record Timeline(
    ImmutableArray<Measure> Measures,
    ImmutableArray<EnforcementPath> Enforcement,
    ImmutableArray<ExogenousShock> BorderClosures);

/// <summary>The historical timeline from 2016: the catalog, the default enforcement paths and the 2020–2023 closure.</summary>
public static class HistoricalTimeline
{
    /// <summary>Measures from the embedded catalog; enforcement and closures as documented in docs/model.md.</summary>
    public static Timeline Korea(Catalog? catalog = null) =>
        new((catalog ?? Catalog.Korea).Measures, [China, OtherPartners, SouthKorea], PandemicClosure);

    /// <summary>
    /// China's enforcement, the main uncertain lever. The values are assumptions, set from the
    /// announced actions, never fitted to the years they describe.
    /// </summary>
    public static readonly EnforcementPath China = new(Partner.China,
    [
        new(new Quarter(2006, 4), 0.3, 0.1, 0.5,
            "2016: exports to China held up under resolution 2270 (KOTRA exports 2.70 to 2.82bn, +4.4%, 2015 to 2016), whose livelihood exemption left coal trade largely open"),
        new(new Quarter(2017, 1), 0.85, 0.6, 0.98,
            "China's commerce ministry suspended coal imports from the DPRK from 19 February 2017 (MOFCOM announcement 2017 No. 12) and announced the textile and seafood bans' implementation in 2017"),
        new(new Quarter(2018, 1), 0.9, 0.7, 0.99,
            "customs enforcement of resolutions 2371-2397 from 2018; the rest is the off-book leakage assumption"),
    ]);

    /// <summary>Partners other than China and South Korea (Russia, South-East Asia, the Middle East).</summary>
    public static readonly EnforcementPath OtherPartners = new(Partner.Other,
    [
        new(new Quarter(2006, 4), 0.9, 0.7, 1.0, "states without a border trade interest; UN Panel of Experts reports document uneven implementation"),
    ]);

    /// <summary>South Korea applies its own and UN measures fully.</summary>
    public static readonly EnforcementPath SouthKorea = new(Partner.SouthKorea,
    [
        new(new Quarter(2006, 4), 1.0, 0.95, 1.0, "inter-Korean exchanges need government approval; the government closed Kaesong itself"),
    ]);

    /// <summary>
    /// The DPRK's own border closure in the COVID-19 pandemic, in three stretches. Intensities are
    /// assumptions set from the reported dates of closure and reopening, not fitted to trade.
    /// </summary>
    public static readonly ImmutableArray<ExogenousShock> PandemicClosure =
    [
        new("pandemic_border_closure", new Quarter(2020, 1), new Quarter(2021, 4), 0.8,
            "the DPRK sealed its borders in late January 2020; almost no freight crossed in 2021"),
        new("pandemic_border_closure", new Quarter(2022, 1), new Quarter(2022, 4), 0.5,
            "rail freight with China resumed in January 2022, stopped in April and resumed in September"),
        new("pandemic_border_closure", new Quarter(2023, 1), new Quarter(2023, 4), 0.25,
            "land trade widened through 2023; the border reopened to returning citizens in August 2023"),
    ];
}

/// <summary>Puts the shocks a scenario schedules into the economy's inputs.</summary>
public static class ScheduledShocks
{
    /// <summary>The timeline with the scenario's border closures added to its own.</summary>
    public static Timeline WithClosures(Timeline timeline, IEnumerable<ScenarioShock> shocks) =>
        timeline with
        {
            BorderClosures = timeline.BorderClosures.AddRange(shocks
                .Where(s => s.Kind == ShockKind.BorderClosure)
                .Select(s => new ExogenousShock(s.Id, s.From, s.Until, s.Intensity, s.Note ?? "scheduled in the scenario"))),
        };

    /// <summary>Adds the scenario's harvest failures to the weather shocks of a path starting at <paramref name="first"/>.</summary>
    public static void AddHarvestFailures(Shocks target, Quarter first, IEnumerable<ScenarioShock> shocks)
    {
        foreach (var shock in shocks.Where(s => s.Kind == ShockKind.HarvestFailure))
        {
            for (var q = shock.From; q.CompareTo(shock.Until) <= 0; q = q.Plus(1))
            {
                var index = q.Ordinal - first.Ordinal;
                if (index >= 0 && index < target.Quarters) target.Weather[index] += Math.Log(1.0 - shock.Intensity);
            }
        }
    }
}
