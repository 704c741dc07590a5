using System.Collections.Immutable;
using Statecraft.Negotiation;
using Statecraft.Scenarios;

namespace Statecraft.Simulation;

/// <summary>The end-of-horizon figures summarised for every strategy, in output order.</summary>
public enum Metric
{
    GdpIndex,
    HouseholdIncomeIndex,
    RegimeRevenueBusd,
    ChinaSharePct,
    Inclusiveness,
    ReformIndex,
    LeveragePct,
}

/// <summary>Names, units and histogram ranges of the metrics.</summary>
public static class Metrics
{
    public static readonly ImmutableArray<Metric> All = [.. Enum.GetValues<Metric>()];

    public static string Name(Metric m) => m switch
    {
        Metric.GdpIndex => "gdp_index",
        Metric.HouseholdIncomeIndex => "household_income_index",
        Metric.RegimeRevenueBusd => "regime_revenue_busd",
        Metric.ChinaSharePct => "china_share_pct",
        Metric.Inclusiveness => "inclusiveness",
        Metric.ReformIndex => "reform_index",
        Metric.LeveragePct => "sanctions_leverage_pct",
        _ => throw new ArgumentOutOfRangeException(nameof(m)),
    };

    public static string Meaning(Metric m) => m switch
    {
        Metric.GdpIndex => "real GDP in the final year, 2018 = 100",
        Metric.HouseholdIncomeIndex => "household income per person in the final year, 2018 = 100",
        Metric.RegimeRevenueBusd => "regime hard-currency revenue in the final year, USD bn",
        Metric.ChinaSharePct => "China's share of recorded trade in the final year, %",
        Metric.Inclusiveness => "households' share of the gains from the year before the start to the final year (households' gain counted per person), over the trajectories where households or the regime gained",
        Metric.ReformIndex => "reform index at the end, 0-1",
        Metric.LeveragePct => "foreign exchange the measures in force block at the end, % of what they blocked at the start",
        _ => throw new ArgumentOutOfRangeException(nameof(m)),
    };

    /// <summary>Whether the metric is defined on only some trajectories (inclusiveness: where anyone gained), so every figure of it needs its n.</summary>
    public static bool IsConditional(Metric m) => m == Metric.Inclusiveness;

    /// <summary>Histogram range once more values arrive than are kept exactly.</summary>
    public static (double Low, double High) Range(Metric m) => m switch
    {
        Metric.GdpIndex or Metric.HouseholdIncomeIndex => (0, 400),
        Metric.RegimeRevenueBusd => (-5, 20),
        Metric.ChinaSharePct => (0, 100),
        Metric.Inclusiveness => (-2, 3),
        Metric.ReformIndex => (0, 1),
        Metric.LeveragePct => (0, 400),
        _ => throw new ArgumentOutOfRangeException(nameof(m)),
    };

    public static double Of(TrajectoryOutcome o, Metric m) => m switch
    {
        Metric.GdpIndex => o.GdpIndex,
        Metric.HouseholdIncomeIndex => o.HouseholdIncomeIndex,
        Metric.RegimeRevenueBusd => o.RegimeRevenueBusd,
        Metric.ChinaSharePct => o.ChinaSharePct,
        Metric.Inclusiveness => o.Inclusiveness,
        Metric.ReformIndex => o.ReformIndex,
        Metric.LeveragePct => o.LeveragePct,
        _ => throw new ArgumentOutOfRangeException(nameof(m)),
    };
}

/// <summary>
/// Streaming accumulator of one strategy's trajectories: counts, exact integer distributions,
/// end-of-horizon metrics and per-quarter paths. Memory does not grow with the number of trajectories.
/// </summary>
public sealed class OutcomeAccumulator
{
    private static readonly int Steps = TrajectoryOutcome.Steps;

    public OutcomeAccumulator(int horizon)
    {
        Horizon = horizon;
        HighestStep = new IntegerDistribution(Steps + 1);
        StepTime = [.. Enumerable.Range(0, Steps).Select(_ => new IntegerDistribution(horizon))];
        BreakdownTime = new IntegerDistribution(horizon);
        StallTime = new IntegerDistribution(horizon);
        End = [.. Metrics.All.Select(m => new StreamingQuantiles(Metrics.Range(m).Low, Metrics.Range(m).High))];
        GdpPath = [.. Enumerable.Range(0, horizon).Select(_ => new StreamingQuantiles(0, 400))];
        HouseholdIncomePath = [.. Enumerable.Range(0, horizon).Select(_ => new StreamingQuantiles(0, 400))];
        StepPath = [.. Enumerable.Range(0, horizon).Select(_ => new IntegerDistribution(Steps + 1))];
        Causes = new long[Enum.GetValues<BreakdownCause>().Length];
    }

    public int Horizon { get; }
    public long Trajectories { get; private set; }
    public long Complete { get; private set; }
    public long Breakdowns { get; private set; }
    public long Cheated { get; private set; }
    public long Detected { get; private set; }
    /// <summary>[cause]: trajectories by how their talks ended (<see cref="BreakdownCause"/>; None for neither a breakdown nor a stall).</summary>
    public long[] Causes { get; }

    /// <summary>Trajectories whose talks stalled.</summary>
    public long Stalls => Causes[(int)BreakdownCause.Stalled];

    /// <summary>Highest step plus one (0 = none).</summary>
    public IntegerDistribution HighestStep { get; }

    /// <summary>[step]: quarter of verification, over trajectories that reached it.</summary>
    public ImmutableArray<IntegerDistribution> StepTime { get; }
    /// <summary>Quarter of breakdown, over the trajectories that broke down (any cause but a stall).</summary>
    public IntegerDistribution BreakdownTime { get; }

    /// <summary>First quarter of the stall that ran to the horizon, over the trajectories that stalled.</summary>
    public IntegerDistribution StallTime { get; }
    public ImmutableArray<StreamingQuantiles> End { get; }
    /// <summary>[quarter]: GDP, 2018 = 100.</summary>
    public ImmutableArray<StreamingQuantiles> GdpPath { get; }

    /// <summary>[quarter]: household income per person, 2018 = 100 (the report's fan chart).</summary>
    public ImmutableArray<StreamingQuantiles> HouseholdIncomePath { get; }
    public ImmutableArray<IntegerDistribution> StepPath { get; }

    /// <summary>The North's type drawn, counted.</summary>
    public long[] Types { get; } = new long[3];

    public void Add(TrajectoryOutcome o, NorthType type)
    {
        Trajectories++;
        Types[(int)type]++;
        if (o.CompleteHonest) Complete++;
        if (o.BreakdownQuarter >= 0)
        {
            Breakdowns++;
            BreakdownTime.Add(o.BreakdownQuarter);
        }

        Causes[(int)o.Cause]++;
        if (o.StallQuarter >= 0) StallTime.Add(o.StallQuarter);
        if (o.Cheated) Cheated++;
        if (o.CheatingDetected) Detected++;
        HighestStep.Add(o.HighestStep + 1);
        for (var s = 0; s < Steps; s++) if (o.StepQuarter[s] >= 0) StepTime[s].Add(o.StepQuarter[s]);
        for (var m = 0; m < End.Length; m++) End[m].Add(Metrics.Of(o, (Metric)m));
        for (var q = 0; q < Horizon; q++)
        {
            GdpPath[q].Add(o.GdpPath[q]);
            HouseholdIncomePath[q].Add(o.HouseholdIncomePath[q]);
            StepPath[q].Add(o.StepPath[q]);
        }
    }

    public void Merge(OutcomeAccumulator other)
    {
        Trajectories += other.Trajectories;
        Complete += other.Complete;
        Breakdowns += other.Breakdowns;
        Cheated += other.Cheated;
        Detected += other.Detected;
        for (var i = 0; i < Causes.Length; i++) Causes[i] += other.Causes[i];
        for (var i = 0; i < Types.Length; i++) Types[i] += other.Types[i];
        HighestStep.Merge(other.HighestStep);
        for (var s = 0; s < Steps; s++) StepTime[s].Merge(other.StepTime[s]);
        BreakdownTime.Merge(other.BreakdownTime);
        StallTime.Merge(other.StallTime);
        for (var m = 0; m < End.Length; m++) End[m].Merge(other.End[m]);
        for (var q = 0; q < Horizon; q++)
        {
            GdpPath[q].Merge(other.GdpPath[q]);
            HouseholdIncomePath[q].Merge(other.HouseholdIncomePath[q]);
            StepPath[q].Merge(other.StepPath[q]);
        }
    }

    /// <summary>Empty again, keeping every store, so a worker can reuse it for its next batch without allocating.</summary>
    public void Reset()
    {
        Trajectories = Complete = Breakdowns = Cheated = Detected = 0;
        Array.Clear(Causes);
        Array.Clear(Types);
        HighestStep.Reset();
        foreach (var d in StepTime) d.Reset();
        BreakdownTime.Reset();
        StallTime.Reset();
        foreach (var q in End) q.Reset();
        foreach (var q in GdpPath) q.Reset();
        foreach (var q in HouseholdIncomePath) q.Reset();
        foreach (var d in StepPath) d.Reset();
    }

    /// <summary>Sets the plain counts of a saved state (the distributions restore themselves).</summary>
    public void RestoreCounts(long trajectories, long complete, long breakdowns, long cheated, long detected)
    {
        if (trajectories < 0 || complete < 0 || breakdowns < 0 || cheated < 0 || detected < 0) throw new ArgumentException("a negative count");
        if (complete > trajectories || breakdowns > trajectories || cheated > trajectories || detected > trajectories)
            throw new ArgumentException($"more outcomes than the {trajectories} trajectories");
        Trajectories = trajectories;
        Complete = complete;
        Breakdowns = breakdowns;
        Cheated = cheated;
        Detected = detected;
    }
}

/// <summary>Paired differences of one strategy against the first, on the same draws.</summary>
public sealed class DifferenceAccumulator
{
    public PairedDifference Complete { get; } = new();
    public PairedDifference Breakdown { get; } = new();
    public PairedDifference Stalled { get; } = new();
    public PairedDifference HighestStep { get; } = new();
    public ImmutableArray<PairedDifference> End { get; } = [.. Metrics.All.Select(_ => new PairedDifference())];

    public void Add(TrajectoryOutcome x, TrajectoryOutcome reference)
    {
        Complete.Add((x.CompleteHonest ? 1 : 0) - (reference.CompleteHonest ? 1 : 0));
        Breakdown.Add((x.BreakdownQuarter >= 0 ? 1 : 0) - (reference.BreakdownQuarter >= 0 ? 1 : 0));
        Stalled.Add((x.Cause == BreakdownCause.Stalled ? 1 : 0) - (reference.Cause == BreakdownCause.Stalled ? 1 : 0));
        // An undefined side (inclusiveness with nothing gained) makes the difference NaN, which PairedDifference leaves
        // out: a conditional measure is compared only on the trajectories where both strategies define it.
        HighestStep.Add(x.HighestStep - reference.HighestStep);
        for (var m = 0; m < End.Length; m++) End[m].Add(Metrics.Of(x, (Metric)m) - Metrics.Of(reference, (Metric)m));
    }

    public void Merge(DifferenceAccumulator other)
    {
        Complete.Merge(other.Complete);
        Breakdown.Merge(other.Breakdown);
        Stalled.Merge(other.Stalled);
        HighestStep.Merge(other.HighestStep);
        for (var m = 0; m < End.Length; m++) End[m].Merge(other.End[m]);
    }

    /// <summary>Empty again, for reuse.</summary>
    public void Reset()
    {
        Complete.Reset();
        Breakdown.Reset();
        Stalled.Reset();
        HighestStep.Reset();
        foreach (var d in End) d.Reset();
    }
}
