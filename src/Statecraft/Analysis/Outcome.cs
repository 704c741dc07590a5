using System.Collections.Immutable;
using Statecraft.Negotiation;
using Statecraft.Simulation;

namespace Statecraft.Analysis;

/// <summary>
/// A figure the analyses rank, score and decompose: the chance of an event, or the mean of an
/// end-of-horizon metric. Names are those of the JSON output of <c>simulate</c> and <c>compare</c>.
/// </summary>
public enum Outcome
{
    PComplete,
    PBreakdown,
    HighestStep,
    GdpIndex,
    HouseholdIncomeIndex,
    RegimeRevenueBusd,
    ChinaSharePct,
    Inclusiveness,
    ReformIndex,
    LeveragePct,
}

/// <summary>Names, meanings and per-trajectory values of the <see cref="Outcome"/>s.</summary>
public static class Outcomes
{
    public static readonly ImmutableArray<Outcome> All = [.. Enum.GetValues<Outcome>()];

    /// <summary>The key outcomes the sensitivity analysis reports unless told otherwise (issue 8).</summary>
    public static readonly ImmutableArray<Outcome> Key = [Outcome.PComplete, Outcome.GdpIndex, Outcome.Inclusiveness];

    public static string Name(Outcome o) => o switch
    {
        Outcome.PComplete => "p_complete",
        Outcome.PBreakdown => "p_breakdown",
        Outcome.HighestStep => "highest_step",
        _ => Metrics.Name(MetricOf(o)),
    };

    public static string Meaning(Outcome o) => o switch
    {
        Outcome.PComplete => "chance of complete denuclearization, verified and honest, within the horizon",
        Outcome.PBreakdown => "chance that talks break down within the horizon",
        Outcome.HighestStep => "mean number of ladder steps verified (0 = none, 9 = complete)",
        _ => "mean " + Metrics.Meaning(MetricOf(o)),
    };

    /// <summary>The outcome called <paramref name="name"/>, or null.</summary>
    public static Outcome? Find(string name)
    {
        foreach (var o in All) if (Name(o) == name) return o;
        return null;
    }

    /// <summary>Whether the figure is a mean over only the trajectories that define it (inclusiveness), so it must carry its n.</summary>
    public static bool IsConditional(Outcome o) => o is not (Outcome.PComplete or Outcome.PBreakdown or Outcome.HighestStep) && Metrics.IsConditional(MetricOf(o));

    /// <summary>Whether the figure is a chance (shown in percentage points).</summary>
    public static bool IsChance(Outcome o) => o is Outcome.PComplete or Outcome.PBreakdown;

    /// <summary>Trajectory <paramref name="t"/>'s value: 0 or 1 for a chance, the metric otherwise; NaN where the metric is undefined (inclusiveness where nobody gained).</summary>
    public static double Of(TrajectoryOutcome t, Outcome o) => o switch
    {
        Outcome.PComplete => t.CompleteHonest ? 1 : 0,
        Outcome.PBreakdown => t.BreakdownQuarter >= 0 ? 1 : 0,
        Outcome.HighestStep => t.HighestStep + 1,
        _ => Metrics.Of(t, MetricOf(o)),
    };

    /// <summary>The figure from a Monte Carlo summary, as <c>simulate</c> reports it.</summary>
    public static double Of(OutcomeAccumulator s, Outcome o)
    {
        if (s.Trajectories == 0) return double.NaN;
        return o switch
        {
            Outcome.PComplete => (double)s.Complete / s.Trajectories,
            Outcome.PBreakdown => (double)s.Breakdowns / s.Trajectories,
            Outcome.HighestStep => MeanOf(s.HighestStep),
            _ => s.End[(int)MetricOf(o)].Mean,
        };
    }

    private static double MeanOf(IntegerDistribution d)
    {
        double sum = 0;
        for (var v = 0; v < d.Size; v++) sum += v * (double)d[v];
        return d.Count > 0 ? sum / d.Count : double.NaN;
    }

    /// <summary>The end-of-horizon metric a metric outcome reads (not for the chances and the highest step).</summary>
    internal static Metric MetricOf(Outcome o) => o switch
    {
        Outcome.GdpIndex => Metric.GdpIndex,
        Outcome.HouseholdIncomeIndex => Metric.HouseholdIncomeIndex,
        Outcome.RegimeRevenueBusd => Metric.RegimeRevenueBusd,
        Outcome.ChinaSharePct => Metric.ChinaSharePct,
        Outcome.Inclusiveness => Metric.Inclusiveness,
        Outcome.ReformIndex => Metric.ReformIndex,
        Outcome.LeveragePct => Metric.LeveragePct,
        _ => throw new ArgumentOutOfRangeException(nameof(o), o, "not a metric"),
    };
}
