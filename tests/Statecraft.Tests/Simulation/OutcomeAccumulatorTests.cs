using Statecraft.Negotiation;
using Statecraft.Sanctions;
using Statecraft.Scenarios;
using Statecraft.Simulation;

namespace Statecraft.Tests.Simulation;

/// <summary><see cref="OutcomeAccumulator"/>: counts agree with the outcomes added, and storage stops growing once the exact buffers are full.</summary>
public sealed class OutcomeAccumulatorTests
{
    private const int Distinct = 40;
    private const int Added = 10_000;

    /// <summary>Forty real outcomes of a shipped strategy, played once and then added over and over.</summary>
    private static readonly Lazy<(CompiledGame Game, (GameWorkspace Workspace, NorthType Type)[] Played)> Outcomes = new(() =>
    {
        var shipped = ShippedScenarios.Find("kaesong-quick-hit")!;
        var g = GameCompiler.Compile(ScenarioLoader.Parse(shipped.Text, shipped.Path, Catalog.Korea).Scenario!);
        var played = Enumerable.Range(0, Distinct).Select(i =>
        {
            var w = new GameWorkspace(g);
            var stream = MonteCarlo.TrajectoryStream(99, i);
            var draw = MonteCarlo.Draw(g, stream, w);
            NegotiationGame.Play(g, draw, MonteCarlo.GameStream(stream), w);
            return (w, draw.Type);
        }).ToArray();
        return (g, played);
    });

    private static OutcomeAccumulator Accumulate(int count, int offset = 0)
    {
        var (g, played) = Outcomes.Value;
        var s = new OutcomeAccumulator(g.Horizon);
        for (var i = 0; i < count; i++)
        {
            var (w, type) = played[(i + offset) % Distinct];
            s.Add(w.Outcome, type);
        }

        return s;
    }

    [Fact]
    public void After_ten_thousand_outcomes_no_metric_or_path_keeps_its_values()
    {
        var s = Accumulate(Added);

        Assert.Equal(Added, s.Trajectories);
        Assert.Equal(Added, s.HighestStep.Count);
        Assert.Equal(Added, s.Types.Sum());
        Assert.Equal(Added, s.Causes.Sum());
        for (var m = 0; m < s.End.Length; m++)
        {
            var q = s.End[m];
            Assert.Equal(Added, q.Count + q.Undefined);
            // A metric with more defined values than the exact capacity is held in a histogram.
            if (q.Count > 2048) Assert.False(q.IsExact, $"{Metrics.Name((Metric)m)} still keeps its {q.Count} values");
        }

        Assert.False(s.End[(int)Metric.GdpIndex].IsExact);
        Assert.All(s.GdpPath, q => Assert.False(q.IsExact));
        Assert.All(s.GdpPath, q => Assert.Equal(Added, q.Count));
        Assert.All(s.StepPath, d => Assert.Equal(Added, d.Count));
    }

    [Fact]
    public void Adding_more_outcomes_once_the_histograms_are_in_use_allocates_nothing()
    {
        var s = Accumulate(3000);
        var (_, played) = Outcomes.Value;
        // Every metric is past its exact capacity or never defined (an accumulator that holds only NaN stores nothing).
        Assert.All(s.End, q => Assert.True(!q.IsExact || q.Count == 0));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Added; i++) s.Add(played[i % Distinct].Workspace.Outcome, played[i % Distinct].Type);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(Added + 3000, s.Trajectories);
    }

    [Fact]
    public void Counts_and_distributions_agree_with_the_outcomes_added()
    {
        var (g, played) = Outcomes.Value;
        var s = Accumulate(Added);
        var repeats = Added / Distinct;
        var outcomes = played.Select(p => p.Workspace.Outcome).ToArray();

        Assert.Equal(repeats * outcomes.Count(o => o.CompleteHonest), s.Complete);
        Assert.Equal(repeats * outcomes.Count(o => o.BreakdownQuarter >= 0), s.Breakdowns);
        Assert.Equal(repeats * outcomes.Count(o => o.Cheated), s.Cheated);
        Assert.Equal(repeats * outcomes.Count(o => o.CheatingDetected), s.Detected);
        for (var t = 0; t < 3; t++) Assert.Equal(repeats * played.Count(p => (int)p.Type == t), s.Types[t]);
        for (var v = 0; v < s.HighestStep.Size; v++) Assert.Equal(repeats * outcomes.Count(o => o.HighestStep + 1 == v), s.HighestStep[v]);
        Assert.Equal(s.Breakdowns, s.BreakdownTime.Count);

        // Each value repeated 250 times: the histogram quantiles stay within a bin of the exact ones.
        var gdp = outcomes.SelectMany(o => Enumerable.Repeat(o.GdpIndex, repeats)).ToArray();
        var end = s.End[(int)Metric.GdpIndex];
        foreach (var p in new[] { 0.05, 0.5, 0.95 })
            Assert.True(Math.Abs(Reference.TypeSeven(gdp, p) - end.Quantile(p)) <= end.BinWidth, $"gdp quantile {p}");
        Assert.Equal(Reference.Mean(gdp), end.Mean, 9);
        var last = g.Horizon - 1;
        var lastGdp = outcomes.SelectMany(o => Enumerable.Repeat(o.GdpPath[last], repeats)).ToArray();
        Assert.True(Math.Abs(Reference.TypeSeven(lastGdp, 0.5) - s.GdpPath[last].Quantile(0.5)) <= s.GdpPath[last].BinWidth);
    }

    [Fact]
    public void Merging_two_accumulators_equals_adding_everything_to_one()
    {
        var a = Accumulate(1500);
        var b = Accumulate(1500, offset: 1500);
        a.Merge(b);
        var one = Accumulate(3000);

        Assert.Equal(one.Trajectories, a.Trajectories);
        Assert.Equal(one.Complete, a.Complete);
        Assert.Equal(one.Breakdowns, a.Breakdowns);
        Assert.Equal(one.Causes, a.Causes);
        Assert.Equal(one.Types, a.Types);
        for (var v = 0; v < one.HighestStep.Size; v++) Assert.Equal(one.HighestStep[v], a.HighestStep[v]);
        for (var m = 0; m < one.End.Length; m++)
        {
            Assert.Equal(one.End[m].Count, a.End[m].Count);
            Assert.Equal(one.End[m].Undefined, a.End[m].Undefined);
            Assert.Equal(one.End[m].IsExact, a.End[m].IsExact);
            foreach (var p in new[] { 0.05, 0.5, 0.95 }) Assert.Equal(one.End[m].Quantile(p), a.End[m].Quantile(p));
        }

        for (var q = 0; q < one.Horizon; q++)
        {
            Assert.Equal(one.GdpPath[q].Quantile(0.5), a.GdpPath[q].Quantile(0.5));
            Assert.Equal(one.StepPath[q].Quantile(0.95), a.StepPath[q].Quantile(0.95));
        }
    }
}
