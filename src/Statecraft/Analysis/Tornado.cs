using System.Collections.Immutable;

namespace Statecraft.Analysis;

/// <summary>One outcome's response to one factor held at the low and at the high end of its range.</summary>
/// <param name="AtLow">The outcome's figure with the factor at its low end.</param>
/// <param name="AtHigh">With the factor at its high end.</param>
/// <param name="Swing">AtHigh minus AtLow, paired on the same trajectories, with its 95% interval.</param>
/// <param name="LowN">The trajectories <paramref name="AtLow"/> is over (fewer than all for a conditional outcome such as inclusiveness).</param>
/// <param name="HighN">The trajectories <paramref name="AtHigh"/> is over.</param>
public sealed record TornadoEffect(double AtLow, double AtHigh, Estimate Swing, long LowN, long HighN)
{
    /// <summary>The width of the tornado bar: the span of the base and the two ends.</summary>
    public double Span(double baseValue) =>
        Math.Max(baseValue, Math.Max(AtLow, AtHigh)) - Math.Min(baseValue, Math.Min(AtLow, AtHigh));
}

/// <summary>One factor's bar: where it was set, and each outcome's response (in <see cref="TornadoResult.Outcomes"/> order).</summary>
public sealed record TornadoBar(Factor Factor, ImmutableArray<TornadoEffect> Effects);

/// <summary>A one-at-a-time sensitivity analysis.</summary>
/// <param name="Outcomes">The outcomes measured.</param>
/// <param name="Window">The trajectories every variant was played on.</param>
/// <param name="Base">Each outcome's figure for the strategy as written, with its 95% interval.</param>
/// <param name="Bars">One per factor, in the factor space's order.</param>
/// <param name="BaseN">Each outcome's trajectories for the strategy as written: the n of <paramref name="Base"/>.</param>
public sealed record TornadoResult(ImmutableArray<Outcome> Outcomes, TrajectoryWindow Window, ImmutableArray<Estimate> Base, ImmutableArray<TornadoBar> Bars, ImmutableArray<long> BaseN)
{
    /// <summary>The bars ranked for outcome number <paramref name="k"/>: widest first, ties by factor order.</summary>
    public IEnumerable<TornadoBar> Ranked(int k) =>
        Bars.Select((b, i) => (b, i)).OrderByDescending(x => x.b.Effects[k].Span(Base[k].Value)).ThenBy(x => x.i).Select(x => x.b);

    /// <summary>
    /// The factors ranked over all outcomes: by the largest of their bar widths, each width taken as a share of
    /// the widest bar for that outcome, so outcomes on different scales weigh alike. The screening that picks the
    /// factors of a variance-based analysis.
    /// </summary>
    public ImmutableArray<Factor> Screened()
    {
        var widest = Outcomes.Select((_, k) => Bars.Select(b => b.Effects[k].Span(Base[k].Value)).DefaultIfEmpty(0).Max()).ToArray();
        double Score(TornadoBar b) => Outcomes.Select((_, k) => widest[k] > 0 ? b.Effects[k].Span(Base[k].Value) / widest[k] : 0).DefaultIfEmpty(0).Max();
        return [.. Bars.Select((b, i) => (b, i)).OrderByDescending(x => Score(x.b)).ThenBy(x => x.i).Select(x => x.b.Factor)];
    }
}

/// <summary>
/// One-at-a-time (tornado) sensitivity: the strategy is played as written (the base), then with each factor held at
/// the low end and at the high end of its range while everything else stays as written. Every variant is played on
/// the same trajectories (common random numbers), so the swing of a factor is a paired difference whose interval
/// reflects the factor's effect, not the draw-to-draw noise of the rest (docs/model.md, "Sensitivity").
/// </summary>
public static class Tornado
{
    /// <summary>Runs the analysis over <paramref name="factors"/> (default: all of the space's).</summary>
    public static TornadoResult Run(
        FactorSpace space, ImmutableArray<Outcome> outcomes, TrajectoryWindow window, int threads,
        IReadOnlyList<Factor>? factors = null, Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        var list = factors ?? space.Factors;
        var variants = 1 + (2 * list.Count);
        var columns = new OutcomeColumns[variants];
        TrajectorySample.Evaluate(
            variants,
            v => v == 0 ? Variant.Of(space.BaseGame) : space.At(list[(v - 1) / 2], (v - 1) % 2 == 0 ? list[(v - 1) / 2].Low : list[(v - 1) / 2].High),
            window, outcomes, threads, (v, c) => columns[v] = c, done => progress?.Invoke(done, variants), cancel);
        var baseline = columns[0];
        var bars = ImmutableArray.CreateBuilder<TornadoBar>(list.Count);
        for (var f = 0; f < list.Count; f++)
        {
            var low = columns[1 + (2 * f)];
            var high = columns[2 + (2 * f)];
            bars.Add(new TornadoBar(list[f], [.. outcomes.Select((_, k) =>
                new TornadoEffect(low.Mean(k), high.Mean(k), Statistics.PairedDifference(high.Column(k), low.Column(k)), low.Defined(k), high.Defined(k)))]));
        }

        return new TornadoResult(outcomes, window, [.. outcomes.Select((_, k) => Statistics.MeanInterval(baseline.Column(k)))], bars.MoveToImmutable(),
            [.. outcomes.Select((_, k) => baseline.Defined(k))]);
    }
}
