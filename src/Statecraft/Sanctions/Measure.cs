using System.Collections.Immutable;
using Statecraft.Data;

namespace Statecraft.Sanctions;

/// <summary>One way to relieve a measure and whose consent it needs.</summary>
public sealed record ReliefOption(ReliefRoute Route, ImmutableArray<ConsentParty> Consent, string? Note);

/// <summary>
/// A sanctions measure at the level a negotiator would name it: a UN resolution's operative
/// paragraph, an executive order, a statute or a national decision. <c>Hortatory</c> marks a
/// paragraph that only "calls upon" states: a collision with it is reported but does not make an
/// incentive infeasible.
/// </summary>
public sealed record Measure(
    string Id,
    Issuer Issuer,
    string Instrument,
    string Title,
    string Summary,
    DateOnly InForce,
    DateOnly? Ended,
    string? SupersededBy,
    Binding Binds,
    ImmutableArray<string> Blocks,
    ImmutableArray<ReliefOption> Relief,
    string Source,
    Confidence Confidence,
    string? Notes,
    bool Hortatory = false)
{
    /// <summary>True when the measure applies on <paramref name="date"/>.</summary>
    public bool IsInForceOn(DateOnly date) => InForce <= date && (Ended is null || date < Ended.Value);

    /// <summary>The first blocked pattern that covers <paramref name="activity"/>, or null.</summary>
    public string? BlockingPattern(string activity) => Blocks.FirstOrDefault(p => Activities.Matches(p, activity));

    /// <summary>The relief option for a route, or null when the measure cannot be relieved that way.</summary>
    public ReliefOption? ReliefBy(ReliefRoute route) => Relief.FirstOrDefault(r => r.Route == route);

    /// <summary>The least demanding way to relieve the measure (exemption before suspension before termination).</summary>
    public ReliefOption EasiestRelief => Relief.MinBy(r => r.Route)!;
}
