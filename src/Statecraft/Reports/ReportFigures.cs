using System.Collections.Immutable;
using System.Globalization;
using Statecraft.Negotiation;
using Statecraft.Scenarios;
using Statecraft.Simulation;

namespace Statecraft.Reports;

/// <summary>One quarter of a fan chart: the 5th, 25th, 50th, 75th and 95th percentiles over a strategy's trajectories.</summary>
/// <param name="Strategy">The strategy's label in the report.</param>
/// <param name="QuarterIndex">Quarters since the start (0 is the start quarter).</param>
/// <param name="Quarter">The calendar quarter, as 2018Q3.</param>
/// <param name="Date">The quarter's first day (ISO 8601), for a time axis.</param>
/// <param name="P05">5th percentile.</param>
/// <param name="P25">25th percentile.</param>
/// <param name="P50">Median.</param>
/// <param name="P75">75th percentile.</param>
/// <param name="P95">95th percentile.</param>
public sealed record FanQuarter(string Strategy, int QuarterIndex, string Quarter, string Date, double P05, double P25, double P50, double P75, double P95);

/// <summary>The share of a strategy's trajectories in which a step had been verified by the end of a quarter.</summary>
public sealed record StepReachedBy(string Strategy, string Step, int QuarterIndex, string Quarter, string Date, double Probability);

/// <summary>A strategy's paired difference against the reference on one outcome: mean and 95% interval over the same draws.</summary>
/// <param name="Strategy">The strategy's label.</param>
/// <param name="Reference">The reference strategy's label (the first).</param>
/// <param name="Outcome">The outcome's key, as in the JSON output (<c>p_complete</c>, <c>gdp_index</c>, ...).</param>
/// <param name="Label">The outcome in words.</param>
/// <param name="Mean">Mean of the per-trajectory differences (strategy minus reference).</param>
/// <param name="Low">Lower end of the 95% interval of that mean.</param>
/// <param name="High">Upper end of the 95% interval.</param>
/// <param name="N">Pairs of trajectories the mean is over: all of them, except for a conditional measure (inclusiveness), compared only where both strategies define it.</param>
public sealed record PairedOutcome(string Strategy, string Reference, string Outcome, string Label, double Mean, double Low, double High, long N);

/// <summary>
/// The numbers the report's charts draw, read from a <see cref="SimulationResult"/>'s accumulators
/// and nothing else, so the report shows what <c>--json</c> and the CSV files say.
/// </summary>
public static class ReportFigures
{
    /// <summary>Percentiles a fan chart shows: a 90% band, a 50% band and the median.</summary>
    public static readonly ImmutableArray<double> FanPercentiles = [0.05, 0.25, 0.5, 0.75, 0.95];

    /// <summary>
    /// The strategies' labels: the scenario names, made distinct with the file name when two scenarios
    /// share a name (a chart's colours and panels are keyed by label).
    /// </summary>
    public static ImmutableArray<string> Labels(SimulationResult result)
    {
        var names = result.Strategies.Select(s => s.Name).ToList();
        var labels = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            var label = names.Count(n => n == names[i]) > 1 ? $"{names[i]} ({Path.GetFileName(result.Strategies[i].Game.Scenario.Path)})" : names[i];
            // Still equal (the same file twice): number them in order.
            while (labels.Contains(label)) label = $"{label} #{i + 1}";
            labels.Add(label);
        }

        return [.. labels];
    }

    /// <summary>Per strategy and quarter, the percentiles of GDP (2018 = 100).</summary>
    public static ImmutableArray<FanQuarter> GdpFan(SimulationResult result) => Fan(result, s => s.GdpPath);

    /// <summary>Per strategy and quarter, the percentiles of household income per person (2018 = 100).</summary>
    public static ImmutableArray<FanQuarter> HouseholdIncomeFan(SimulationResult result) => Fan(result, s => s.HouseholdIncomePath);

    private static ImmutableArray<FanQuarter> Fan(SimulationResult result, Func<OutcomeAccumulator, ImmutableArray<StreamingQuantiles>> path)
    {
        var labels = Labels(result);
        var rows = new List<FanQuarter>();
        for (var s = 0; s < result.Strategies.Length; s++)
        {
            var run = result.Strategies[s];
            var quarters = path(run.Summary);
            for (var q = 0; q < quarters.Length; q++)
            {
                var d = quarters[q];
                if (d.Count == 0) continue;
                var calendar = run.Game.Start.Plus(q);
                rows.Add(new FanQuarter(labels[s], q, calendar.ToString(), Iso(calendar),
                    d.Quantile(0.05), d.Quantile(0.25), d.Quantile(0.5), d.Quantile(0.75), d.Quantile(0.95)));
            }
        }

        return [.. rows];
    }

    /// <summary>
    /// Per strategy, step the roadmap demands and quarter q: the trajectories whose step was verified in
    /// quarter q or earlier, over all the strategy's trajectories (not only those that reached it), so
    /// each curve rises to the step's P(reached) at the horizon.
    /// </summary>
    public static ImmutableArray<StepReachedBy> StepsReached(SimulationResult result)
    {
        var labels = Labels(result);
        var rows = new List<StepReachedBy>();
        for (var s = 0; s < result.Strategies.Length; s++)
        {
            var run = result.Strategies[s];
            var summary = run.Summary;
            if (summary.Trajectories == 0) continue;
            for (var step = 0; step < TrajectoryOutcome.Steps; step++)
            {
                if (!Demanded(run.Game, (Step)step)) continue;
                var counts = summary.StepTime[step].Counts;
                long reached = 0;
                for (var q = 0; q < summary.Horizon; q++)
                {
                    reached += counts[q];
                    var calendar = run.Game.Start.Plus(q);
                    rows.Add(new StepReachedBy(labels[s], Documents.YamlName.Of((Step)step), q, calendar.ToString(), Iso(calendar), reached / (double)summary.Trajectories));
                }
            }
        }

        return [.. rows];
    }

    /// <summary>The outcomes compared against the reference, in the order of the JSON's <c>differences</c>.</summary>
    public static ImmutableArray<(string Key, string Label)> ComparedOutcomes { get; } =
    [
        ("p_complete", "P(complete denuclearization, honest)"),
        ("p_breakdown", "P(breakdown)"),
        ("p_stalled", "P(stalled)"),
        ("highest_step", "highest step verified (rungs)"),
        .. Metrics.All.Select(m => (Metrics.Name(m), Metrics.Meaning(m))),
    ];

    /// <summary>Every strategy after the first, against the first, on each compared outcome; empty for one strategy.</summary>
    public static ImmutableArray<PairedOutcome> Comparison(SimulationResult result)
    {
        var labels = Labels(result);
        var rows = new List<PairedOutcome>();
        for (var s = 1; s < result.Strategies.Length; s++)
        {
            var d = result.Strategies[s].VersusFirst!;
            PairedDifference[] differences = [d.Complete, d.Breakdown, d.Stalled, d.HighestStep, .. Metrics.All.Select(m => d.End[(int)m])];
            for (var k = 0; k < differences.Length; k++)
            {
                var x = differences[k];
                var (low, high) = x.Interval95;
                rows.Add(new PairedOutcome(labels[s], labels[0], ComparedOutcomes[k].Key, ComparedOutcomes[k].Label, x.Mean, low, high, x.Count));
            }
        }

        return [.. rows];
    }

    /// <summary>True when some phase of the roadmap asks for the step (the others cannot be reached).</summary>
    public static bool Demanded(CompiledGame game, Step step) => game.Phases.Any(p => p.Steps.Contains(step));

    private static string Iso(Quarter q) => q.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
