using Statecraft.Negotiation;
using Statecraft.Sanctions;
using Statecraft.Scenarios;
using Statecraft.Simulation;

namespace Statecraft.Tests.Simulation;

/// <summary>
/// <see cref="MonteCarlo"/>: every reported number is the same bit for bit on any thread count; a
/// trajectory's outcome depends only on the seed and its index (not on the batch, the worker or what
/// the worker played before); a strategy compared with itself differs by exactly zero.
/// </summary>
public sealed class MonteCarloDeterminismTests
{
    private const ulong Seed = 424242;

    /// <summary>
    /// Six batches: the end metrics pass the 2048 values kept exactly and use their histograms, one thread
    /// works through two windows of four batches, and several batches run at once on more threads (so a
    /// merge in order of completion rather than of batch index would show).
    /// </summary>
    private const int Runs = 6000;

    private static readonly Lazy<CompiledGame> ReliefOnly = new(() => Shipped("relief-only"));
    private static readonly Lazy<CompiledGame> Kaesong = new(() => Shipped("kaesong-quick-hit"));

    private static CompiledGame Shipped(string name) => Statecraft.Tests.Scenarios.ShippedRoadmaps.Compiled(name);

    private static readonly double[] Probabilities = [0.05, 0.5, 0.95];

    /// <summary>Every number a summary reports, labelled.</summary>
    private static List<(string Label, double Value)> Numbers(OutcomeAccumulator s, string prefix)
    {
        var list = new List<(string, double)>();
        void Add(string label, double value) => list.Add(($"{prefix}.{label}", value));
        void Integer(string label, IntegerDistribution d)
        {
            Add($"{label}.count", d.Count);
            for (var v = 0; v < d.Size; v++) Add($"{label}[{v}]", d[v]);
            foreach (var p in Probabilities) Add($"{label}.q{p}", d.Quantile(p));
        }

        void Streaming(string label, StreamingQuantiles q)
        {
            Add($"{label}.count", q.Count);
            Add($"{label}.undefined", q.Undefined);
            Add($"{label}.exact", q.IsExact ? 1 : 0);
            Add($"{label}.sum", q.Sum);
            Add($"{label}.mean", q.Mean);
            Add($"{label}.min", q.Min);
            Add($"{label}.max", q.Max);
            foreach (var p in Probabilities) Add($"{label}.q{p}", q.Quantile(p));
        }

        Add("trajectories", s.Trajectories);
        Add("complete", s.Complete);
        Add("breakdowns", s.Breakdowns);
        Add("cheated", s.Cheated);
        Add("detected", s.Detected);
        for (var i = 0; i < s.Causes.Length; i++) Add($"cause[{(BreakdownCause)i}]", s.Causes[i]);
        for (var i = 0; i < s.Types.Length; i++) Add($"type[{(NorthType)i}]", s.Types[i]);
        Integer("highest_step", s.HighestStep);
        for (var i = 0; i < s.StepTime.Length; i++) Integer($"step_time[{i}]", s.StepTime[i]);
        Integer("breakdown_time", s.BreakdownTime);
        Integer("stall_time", s.StallTime);
        for (var m = 0; m < s.End.Length; m++) Streaming(Metrics.Name((Metric)m), s.End[m]);
        for (var q = 0; q < s.Horizon; q++)
        {
            Streaming($"gdp_path[{q}]", s.GdpPath[q]);
            Streaming($"household_income_path[{q}]", s.HouseholdIncomePath[q]);
            Integer($"step_path[{q}]", s.StepPath[q]);
        }

        return list;
    }

    private static List<(string Label, double Value)> Numbers(DifferenceAccumulator d, string prefix)
    {
        var list = new List<(string, double)>();
        void Add(string label, PairedDifference x)
        {
            list.Add(($"{prefix}.{label}.count", x.Count));
            list.Add(($"{prefix}.{label}.mean", x.Mean));
            list.Add(($"{prefix}.{label}.sd", x.Sd));
            list.Add(($"{prefix}.{label}.low", x.Interval95.Low));
            list.Add(($"{prefix}.{label}.high", x.Interval95.High));
        }

        Add("complete", d.Complete);
        Add("breakdown", d.Breakdown);
        Add("stalled", d.Stalled);
        Add("highest_step", d.HighestStep);
        for (var m = 0; m < d.End.Length; m++) Add(Metrics.Name((Metric)m), d.End[m]);
        return list;
    }

    private static List<(string Label, double Value)> Numbers(SimulationResult r)
    {
        var list = new List<(string, double)>();
        foreach (var (s, i) in r.Strategies.Select((s, i) => (s, i)))
        {
            list.AddRange(Numbers(s.Summary, $"{i}:{s.Name}"));
            if (s.VersusFirst is { } d) list.AddRange(Numbers(d, $"{i}:{s.Name}.versus_first"));
        }

        return list;
    }

    private static void AssertBitIdentical(List<(string Label, double Value)> expected, List<(string Label, double Value)> actual, string what)
    {
        Assert.Equal(expected.Select(x => x.Label), actual.Select(x => x.Label));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(
                BitConverter.DoubleToInt64Bits(expected[i].Value) == BitConverter.DoubleToInt64Bits(actual[i].Value),
                $"{what}: {expected[i].Label} is {expected[i].Value:R} against {actual[i].Value:R}");
        }
    }

    [Fact]
    public void A_comparison_gives_the_same_numbers_bit_for_bit_on_1_2_and_8_threads_and_other_numbers_with_another_seed()
    {
        CompiledGame[] games = [ReliefOnly.Value, Kaesong.Value];
        var one = MonteCarlo.Run(games, new SimulationSettings(Runs, Seed, 1));
        var reference = Numbers(one);

        // The run is large enough to exercise the histograms and the paired differences.
        Assert.Equal(Runs, one.Strategies[0].Summary.Trajectories);
        Assert.False(one.Strategies[0].Summary.End[(int)Metric.GdpIndex].IsExact);
        Assert.False(one.Strategies[1].Summary.GdpPath[0].IsExact);
        Assert.Null(one.Strategies[0].VersusFirst);
        Assert.Equal(Runs, one.Strategies[1].VersusFirst!.Complete.Count);
        // Common random numbers: the same type prior gives the same types on the same trajectories.
        Assert.Equal(one.Strategies[0].Summary.Types, one.Strategies[1].Summary.Types);

        foreach (var threads in new[] { 2, 8 })
            AssertBitIdentical(reference, Numbers(MonteCarlo.Run(games, new SimulationSettings(Runs, Seed, threads))), $"{threads} threads");

        var other = Numbers(MonteCarlo.Run(games, new SimulationSettings(Runs, Seed + 1, 2)));
        var changed = reference.Zip(other).Count(p => BitConverter.DoubleToInt64Bits(p.First.Value) != BitConverter.DoubleToInt64Bits(p.Second.Value));
        Assert.True(changed > reference.Count / 4, $"another seed changed only {changed} of {reference.Count} numbers");
        static double GdpMean(List<(string Label, double Value)> numbers) =>
            numbers.Single(x => x.Label.StartsWith("0:", StringComparison.Ordinal) && x.Label.EndsWith(".gdp_index.mean", StringComparison.Ordinal)).Value;
        Assert.NotEqual(GdpMean(reference), GdpMean(other));
    }

    /// <summary>Shards of a run (batch ranges), merged in shard order, give the unsharded run's numbers bit for bit.</summary>
    [Theory]
    [InlineData(2500, 1, 2)]
    [InlineData(2500, 2, 1)]
    [InlineData(2500, 3, 2)]
    [InlineData(7200, 7, 3)]
    public void Shards_merged_in_order_equal_the_whole_run_bit_for_bit(int runs, int shards, int threads)
    {
        CompiledGame[] games = [Kaesong.Value, ReliefOnly.Value];
        var settings = new SimulationSettings(runs, Seed, threads);
        var whole = MonteCarlo.Run(games, settings);

        var summaries = games.Select(g => new OutcomeAccumulator(g.Horizon)).ToArray();
        var differences = new DifferenceAccumulator();
        var covered = new List<int>();
        for (var k = 1; k <= shards; k++)
        {
            var range = BatchRange.Shard(runs, k, shards);
            covered.AddRange(Enumerable.Range(range.First, range.Count));
            var part = MonteCarlo.Run(games, settings, null, range);
            for (var s = 0; s < games.Length; s++) summaries[s].Merge(part.Strategies[s].Summary);
            differences.Merge(part.Strategies[1].VersusFirst!);
        }

        // The shards tile the batches in order, each once.
        Assert.Equal(Enumerable.Range(0, (runs + 1023) / 1024), covered);
        for (var s = 0; s < games.Length; s++)
            AssertBitIdentical(Numbers(whole.Strategies[s].Summary, "s"), Numbers(summaries[s], "s"), $"strategy {s}, {shards} shards");
        AssertBitIdentical(Numbers(whole.Strategies[1].VersusFirst!, "d"), Numbers(differences, "d"), $"differences, {shards} shards");
    }

    [Theory]
    [InlineData(2500, 0, 1)]
    [InlineData(2500, 4, 3)]
    [InlineData(2500, 1, 4)]
    [InlineData(1000, 1, 2)]
    public void A_shard_outside_the_run_is_refused(int runs, int index, int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchRange.Shard(runs, index, count));

    [Fact]
    public void Progress_reaches_the_number_of_runs()
    {
        var reports = new List<long>();
        MonteCarlo.Run([Kaesong.Value], new SimulationSettings(1100, Seed, 1), reports.Add);

        Assert.Equal(1100, reports[^1]);
        Assert.Equal(reports.Order(), reports);
    }

    [Fact]
    public void A_strategy_compared_with_itself_differs_by_exactly_zero_on_every_trajectory()
    {
        var g = Kaesong.Value;
        var r = MonteCarlo.Run([g, g], new SimulationSettings(1100, Seed, 2));
        var d = r.Strategies[1].VersusFirst!;

        foreach (var (label, x) in new[] { ("complete", d.Complete), ("breakdown", d.Breakdown), ("highest_step", d.HighestStep) }
                     .Concat(Metrics.All.Select(m => (Metrics.Name(m), d.End[(int)m]))))
        {
            Assert.True(x.Mean == 0 && x.Sd == 0, $"{label}: mean {x.Mean}, sd {x.Sd}");
            Assert.Equal(x.Count > 0 ? (0.0, 0.0) : (double.NaN, double.NaN), x.Interval95);
        }

        Assert.Equal(1100, d.Complete.Count);
        Assert.Equal(1100, d.End[(int)Metric.GdpIndex].Count);
        // Undefined metrics (inclusiveness without a net gain) are left out of the difference, not counted as zero.
        Assert.Equal(r.Strategies[0].Summary.End[(int)Metric.Inclusiveness].Count, d.End[(int)Metric.Inclusiveness].Count);
        AssertBitIdentical(Numbers(r.Strategies[0].Summary, "s"), Numbers(r.Strategies[1].Summary, "s"), "the two copies");
    }

    private sealed class NoTrace : ITraceSink
    {
        public void Quarter(int q, Quarter calendar)
        {
        }

        public void Event(string text)
        {
        }
    }

    private sealed record Played(TrajectoryDraw Draw, string Summary, double[] Gdp, int[] Steps, int[] StepQuarter, double[] Assumptions);

    private static Played Snapshot(TrajectoryDraw draw, GameWorkspace w)
    {
        var o = w.Outcome;
        var summary = string.Join(' ',
            o.HighestStep, o.CompleteHonest, o.Cheated, o.CheatingDetected, o.BreakdownQuarter, o.Cause, o.Delivered,
            o.FormalBreakdownQuarter, o.StallQuarter, o.TalksStartQuarter,
            BitConverter.DoubleToInt64Bits(o.HouseholdGainMusd), BitConverter.DoubleToInt64Bits(o.RegimeGainMusd),
            BitConverter.DoubleToInt64Bits(o.GdpIndex), BitConverter.DoubleToInt64Bits(o.HouseholdIncomeIndex),
            BitConverter.DoubleToInt64Bits(o.RegimeRevenueBusd), BitConverter.DoubleToInt64Bits(o.ChinaSharePct),
            BitConverter.DoubleToInt64Bits(o.Inclusiveness), BitConverter.DoubleToInt64Bits(o.ReformIndex), BitConverter.DoubleToInt64Bits(o.LeveragePct));
        return new Played(draw, summary, [.. o.GdpPath], [.. o.StepPath], [.. o.StepQuarter], [.. w.Assumptions]);
    }

    private static Played Play(CompiledGame g, long index, GameWorkspace w)
    {
        var stream = MonteCarlo.TrajectoryStream(Seed, index);
        var draw = MonteCarlo.Draw(g, stream, w);
        NegotiationGame.Play(g, draw, MonteCarlo.GameStream(stream), w);
        return Snapshot(draw, w);
    }

    private static void AssertSame(Played expected, Played actual, string what)
    {
        Assert.True(expected.Draw == actual.Draw, $"{what}: draw {actual.Draw} against {expected.Draw}");
        Assert.True(expected.Summary == actual.Summary, $"{what}: outcome {actual.Summary} against {expected.Summary}");
        Assert.Equal(expected.Gdp, actual.Gdp);
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.StepQuarter, actual.StepQuarter);
        Assert.Equal(expected.Assumptions, actual.Assumptions);
    }

    public static TheoryData<string> Games() => [.. ShippedScenarios.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Games))]
    public void A_trajectory_plays_the_same_in_a_fresh_workspace_in_a_reused_one_and_in_a_trace_wherever_its_batch_boundary_falls(string name)
    {
        var g = Shipped(name);
        const int batch = SimulationSettings.BatchSize;
        long[] indices = [0, 1, batch - 1, batch, batch + 1, (2 * batch) - 1, 2 * batch, (3 * batch) + 17, 100_000];
        var reused = new GameWorkspace(g);
        var random = new Random(3);

        foreach (var k in indices)
        {
            var fresh = Play(g, k, new GameWorkspace(g));
            // The reused workspace has just played other trajectories, as a worker's does.
            for (var j = 0; j < 3; j++) Play(g, random.Next(0, 50_000), reused);
            AssertSame(fresh, Play(g, k, reused), $"trajectory {k} in a reused workspace");
            var (draw, traced) = MonteCarlo.Trace(g, Seed, k, new NoTrace());
            AssertSame(fresh, Snapshot(draw, traced), $"trajectory {k} traced");
        }
    }

    /// <summary>
    /// The summary of a run is what playing each trajectory alone, from its index, and adding the outcomes in
    /// order gives: so trajectory i's contribution does not depend on the run's length or its batches.
    /// </summary>
    [Theory]
    [InlineData("kaesong-quick-hit", 1)]
    [InlineData("kaesong-quick-hit", 1030)]
    [InlineData("kaesong-quick-hit", 2048)]
    [InlineData("cnas-conditional-development", 1030)]
    public void A_run_summarises_exactly_the_trajectories_played_alone(string name, int runs)
    {
        var g = name == "kaesong-quick-hit" ? Kaesong.Value : Shipped(name);
        var summary = MonteCarlo.Run([g], new SimulationSettings(runs, Seed, 2)).Strategies[0].Summary;
        var alone = new OutcomeAccumulator(g.Horizon);
        for (var i = 0; i < runs; i++)
        {
            var w = new GameWorkspace(g);
            var played = Play(g, i, w);
            alone.Add(w.Outcome, played.Draw.Type);
        }

        var expected = Numbers(alone, "s");
        var actual = Numbers(summary, "s");
        Assert.True(summary.End[0].IsExact);
        Assert.Equal(expected.Select(x => x.Label), actual.Select(x => x.Label));
        for (var i = 0; i < expected.Count; i++)
        {
            var (label, e) = expected[i];
            var a = actual[i].Value;
            // Exact mode keeps the values and sums are exact, so every figure, means included, has the same bits.
            Assert.True(BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(a), $"{label}: run {a:R}, alone {e:R}");
        }
    }
}
