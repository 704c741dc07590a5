using System.Collections.Immutable;
using Statecraft.Negotiation;

namespace Statecraft.Simulation;

/// <summary>How many trajectories, from which master seed, on how many threads.</summary>
public sealed record SimulationSettings(int Runs, ulong Seed, int Threads)
{
    /// <summary>Trajectories per batch. Part of what defines a result: batch b's seed comes from (seed, b).</summary>
    public const int BatchSize = 1024;

    /// <summary>The README's default run: enough trajectories for p_complete within about ±1.5 points, in seconds.</summary>
    public const int DefaultRuns = 4000;

    public const ulong DefaultSeed = 20180918;
}

/// <summary>One strategy's summary, and its paired differences against the first strategy (null for the first).</summary>
public sealed record StrategyRun(CompiledGame Game, OutcomeAccumulator Summary, DifferenceAccumulator? VersusFirst)
{
    public string Name => Game.Scenario.Name;
}

/// <summary>What a simulation or comparison produced.</summary>
public sealed record SimulationResult(SimulationSettings Settings, ImmutableArray<StrategyRun> Strategies);

/// <summary>
/// Monte Carlo over the assumptions' distributions and the North's type (DESIGN.md §3.4). Trajectory
/// i belongs to batch i / <see cref="SimulationSettings.BatchSize"/>; the batch's seed is a hash of the
/// master seed and the batch index, and each trajectory's stream a hash of that and its place in the
/// batch. Batches run in parallel and are merged strictly in batch order, so the result is the same bit
/// for bit for any thread count. Every strategy plays trajectory i on the same streams (common random
/// numbers): differences against the first strategy are paired.
/// </summary>
public static class MonteCarlo
{
    /// <summary>Runs every strategy on the same trajectories. <paramref name="progress"/> receives trajectories done.</summary>
    public static SimulationResult Run(IReadOnlyList<CompiledGame> games, SimulationSettings settings, Action<long>? progress = null)
    {
        if (games.Count == 0) throw new ArgumentException("no strategy to simulate");
        if (settings.Runs < 1) throw new ArgumentOutOfRangeException(nameof(settings), "runs must be at least 1");
        var threads = Math.Max(1, settings.Threads);
        var batches = (settings.Runs + SimulationSettings.BatchSize - 1) / SimulationSettings.BatchSize;
        var total = NewBatch(games);
        // Batches are merged in order a window at a time, so memory holds at most one window of batch results.
        var window = threads * 4;
        for (var first = 0; first < batches; first += window)
        {
            var count = Math.Min(window, batches - first);
            var results = new BatchResult[count];
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads },
                () => games.Select(g => new GameGroup(g)).ToArray(),
                (b, _, workspaces) =>
                {
                    results[b] = RunBatch(games, settings, first + b, workspaces);
                    return workspaces;
                },
                _ => { });
            foreach (var r in results) total.Merge(r);
            progress?.Invoke(Math.Min(settings.Runs, (long)(first + count) * SimulationSettings.BatchSize));
        }

        return new SimulationResult(settings, [.. games.Select((g, s) => new StrategyRun(g, total.Summaries[s], s == 0 ? null : total.Differences[s]))]);
    }

    /// <summary>The stream of trajectory <paramref name="index"/> under <paramref name="seed"/>.</summary>
    public static StreamRandom TrajectoryStream(ulong seed, long index)
    {
        var batch = index / SimulationSettings.BatchSize;
        var within = index % SimulationSettings.BatchSize;
        var batchStream = new StreamRandom(seed).Derive((ulong)batch);
        return batchStream.Derive((ulong)within);
    }

    /// <summary>Draws trajectory <paramref name="stream"/>'s assumptions into the workspace and its type and willingness.</summary>
    public static TrajectoryDraw Draw(CompiledGame g, StreamRandom stream, GameWorkspace w)
    {
        var assumptions = stream.Derive(2);
        for (var i = 0; i < g.Assumptions.Length; i++)
            w.Assumptions[i] = Sampling.Draw(g.Assumptions[i], assumptions.Derive(g.AssumptionKeys[i]));
        var d = stream.Derive(1);
        var type = Sampling.Type(g.TypePrior.AsSpan(), d.Uniform(0));
        var game = g.Game;
        return new TrajectoryDraw(
            type,
            game.DecisionNoisePersistent * d.Normal(1),
            d.Uniform(4) < game.CheatWillingness[(int)type],
            d.Uniform(5) < game.ReformWillingness[(int)type]);
    }

    /// <summary>The game's own stream for a trajectory (events, consent, weather).</summary>
    public static StreamRandom GameStream(StreamRandom trajectory) => trajectory.Derive(4);

    private static BatchResult RunBatch(IReadOnlyList<CompiledGame> games, SimulationSettings settings, int batch, GameGroup[] groups)
    {
        var result = NewBatch(games);
        var start = (long)batch * SimulationSettings.BatchSize;
        var end = Math.Min(settings.Runs, start + SimulationSettings.BatchSize);
        const int width = Economy.EconomyLanes.Width;
        Span<StreamRandom> streams = stackalloc StreamRandom[width];
        Span<StreamRandom> gameStreams = stackalloc StreamRandom[width];
        Span<TrajectoryDraw> draws = stackalloc TrajectoryDraw[width * games.Count];
        // Trajectories are played a group at a time, each strategy's economies in one set of vector lanes,
        // and added to the summaries in trajectory order, as one at a time would.
        for (var i = start; i < end; i += width)
        {
            var count = (int)Math.Min(width, end - i);
            for (var k = 0; k < count; k++)
            {
                streams[k] = TrajectoryStream(settings.Seed, i + k);
                gameStreams[k] = GameStream(streams[k]);
            }

            for (var s = 0; s < games.Count; s++)
            {
                var group = groups[s];
                var own = draws.Slice(s * width, width);
                for (var k = 0; k < count; k++) own[k] = Draw(games[s], streams[k], group.Workspaces[k]);
                NegotiationGame.PlayGroup(group, own, gameStreams, count);
            }

            for (var k = 0; k < count; k++)
            {
                for (var s = 0; s < games.Count; s++)
                {
                    var outcome = groups[s].Workspaces[k].Outcome;
                    result.Summaries[s].Add(outcome, draws[(s * width) + k].Type);
                    if (s > 0) result.Differences[s]!.Add(outcome, groups[0].Workspaces[k].Outcome);
                }
            }
        }

        return result;
    }

    private static BatchResult NewBatch(IReadOnlyList<CompiledGame> games) => new(
        [.. games.Select(g => new OutcomeAccumulator(g.Horizon))],
        [.. games.Select((_, s) => s == 0 ? null : new DifferenceAccumulator())]);

    private sealed record BatchResult(OutcomeAccumulator[] Summaries, DifferenceAccumulator?[] Differences)
    {
        public void Merge(BatchResult other)
        {
            for (var s = 0; s < Summaries.Length; s++)
            {
                Summaries[s].Merge(other.Summaries[s]);
                Differences[s]?.Merge(other.Differences[s]!);
            }
        }
    }

    /// <summary>Plays trajectory <paramref name="index"/> of the first game alone, sending its trace to <paramref name="sink"/>.</summary>
    public static (TrajectoryDraw Draw, GameWorkspace Workspace) Trace(CompiledGame g, ulong seed, long index, ITraceSink sink)
    {
        var w = new GameWorkspace(g);
        var stream = TrajectoryStream(seed, index);
        var draw = Draw(g, stream, w);
        NegotiationGame.Play(g, draw, GameStream(stream), w, sink);
        return (draw, w);
    }
}
