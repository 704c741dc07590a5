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

/// <summary>Batches [<paramref name="First"/>, <paramref name="End"/>) of a run: the whole run, or one shard of it.</summary>
public readonly record struct BatchRange(int First, int End)
{
    public int Count => End - First;

    /// <summary>Batches in a run of <paramref name="runs"/> trajectories: ceil(runs / batch size).</summary>
    public static int BatchesIn(int runs) => (int)(((long)runs + SimulationSettings.BatchSize - 1) / SimulationSettings.BatchSize);

    public static BatchRange Whole(int runs) => new(0, BatchesIn(runs));

    /// <summary>
    /// Shard <paramref name="index"/> (1-based) of <paramref name="count"/>: batches
    /// [floor((K-1)·B/N), floor(K·B/N)), so the shards tile the run in order and differ in size by at most one batch.
    /// </summary>
    public static BatchRange Shard(int runs, int index, int count)
    {
        var batches = BatchesIn(runs);
        if (count < 1 || count > batches) throw new ArgumentOutOfRangeException(nameof(count), $"a run of {batches} batches splits into 1 to {batches} shards");
        if (index < 1 || index > count) throw new ArgumentOutOfRangeException(nameof(index), $"shard {index} of {count}");
        return new((int)((long)(index - 1) * batches / count), (int)((long)index * batches / count));
    }
}

/// <summary>
/// Monte Carlo over the assumptions' distributions and the North's type (DESIGN.md §3.4). Trajectory
/// i belongs to batch i / <see cref="SimulationSettings.BatchSize"/>; the batch's seed is a hash of the
/// master seed and the batch index, and each trajectory's stream a hash of that and its place in the
/// batch. Batches run in parallel and are merged strictly in batch order, and every merged quantity is
/// exactly associative (counts, kept values, histograms, exact sums), so the result is the same bit for
/// bit for any thread count and for any split into shards merged afterwards. Every strategy plays
/// trajectory i on the same streams (common random numbers): differences against the first strategy are paired.
/// </summary>
public static class MonteCarlo
{
    /// <summary>Batch results in flight per worker: enough that a worker rarely waits for the merging thread.</summary>
    private const int SlotsPerWorker = 4;

    /// <summary>Runs every strategy on the same trajectories. <paramref name="progress"/> receives trajectories done.</summary>
    public static SimulationResult Run(IReadOnlyList<CompiledGame> games, SimulationSettings settings, Action<long>? progress = null) =>
        Run(games, settings, progress, BatchRange.Whole(settings.Runs));

    /// <summary>
    /// As <see cref="Run(IReadOnlyList{CompiledGame}, SimulationSettings, Action{long})"/>, stopping when <paramref name="cancel"/>
    /// is signalled: it is checked between batches on the merging thread, so a run that is not cancelled gives the same bits.
    /// </summary>
    /// <exception cref="OperationCanceledException">The run was cancelled before its last batch was merged.</exception>
    public static SimulationResult Run(IReadOnlyList<CompiledGame> games, SimulationSettings settings, Action<long>? progress, CancellationToken cancel) =>
        Run(games, settings, progress, BatchRange.Whole(settings.Runs), cancel);

    /// <summary>
    /// Runs only the batches in <paramref name="range"/> (a shard): the summaries count those batches'
    /// trajectories, and merging the shards' summaries in order gives the whole run's bits.
    /// <paramref name="progress"/> receives trajectories done within the range.
    /// </summary>
    public static SimulationResult Run(IReadOnlyList<CompiledGame> games, SimulationSettings settings, Action<long>? progress, BatchRange range, CancellationToken cancel = default)
    {
        if (games.Count == 0) throw new ArgumentException("no strategy to simulate");
        if (settings.Runs < 1) throw new ArgumentOutOfRangeException(nameof(settings), "runs must be at least 1");
        var batches = BatchRange.BatchesIn(settings.Runs);
        if (range.First < 0 || range.End > batches || range.First >= range.End)
            throw new ArgumentOutOfRangeException(nameof(range), $"batches [{range.First}, {range.End}) are not a non-empty part of the run's {batches}");
        var total = new BatchResult(games);
        var workers = Math.Min(Math.Max(1, settings.Threads), range.Count);
        var startTrajectory = (long)range.First * SimulationSettings.BatchSize;
        void Merged(int batch)
        {
            var done = Math.Min(settings.Runs, (long)(batch + 1) * SimulationSettings.BatchSize) - startTrajectory;
            progress?.Invoke(done);
            // Between batches, never inside one: the hot loop stays as it is, and leaving the loop disposes the pipeline.
            cancel.ThrowIfCancellationRequested();
        }

        if (workers == 1)
        {
            // One thread: play and merge on the caller's thread, through one reused slot.
            var slot = new BatchResult(games);
            var players = new Players(games);
            for (var b = range.First; b < range.End; b++)
            {
                slot.Reset();
                RunBatch(games, settings, b, players, slot);
                total.Merge(slot);
                Merged(b);
            }
        }
        else
        {
            using var pipeline = new Pipeline(games, settings, range, workers);
            pipeline.Start();
            for (var b = range.First; b < range.End; b++)
            {
                total.Merge(pipeline.Take(b));
                pipeline.Release(b);
                Merged(b);
            }
        }

        return new SimulationResult(settings, [.. games.Select((g, s) => new StrategyRun(g, total.Summaries[s], s == 0 ? null : total.Differences[s]))]);
    }

    /// <summary>What one worker plays with: a group per strategy, and the event draws of the group's trajectories, which every strategy reads.</summary>
    private sealed class Players(IReadOnlyList<CompiledGame> games)
    {
        public GameGroup[] Groups { get; } = [.. games.Select(g => new GameGroup(g))];

        public EventDraws[] Events { get; } = [.. Enumerable.Range(0, Economy.EconomyLanes.Width).Select(_ => new EventDraws(games.Max(g => g.Horizon)))];
    }

    /// <summary>
    /// Worker threads, created once per run, claim batch indices in order and play each into a slot of a
    /// fixed pool (batch b uses slot (b - first) mod pool size, free once the merging thread has merged
    /// batch b - pool size); the merging thread takes the slots in batch order. Nothing is allocated per
    /// batch, and the merge order, hence the result, does not depend on the number of workers.
    /// </summary>
    private sealed class Pipeline : IDisposable
    {
        private readonly IReadOnlyList<CompiledGame> games;
        private readonly SimulationSettings settings;
        private readonly BatchRange range;
        private readonly BatchResult[] slots;
        private readonly bool[] ready;
        // freeFor[i]: the batch that slot i may be played for next.
        private readonly int[] freeFor;
        private readonly Thread[] threads;
        // A plain object: Monitor.Wait and PulseAll need its monitor (System.Threading.Lock has none).
        private readonly object gate = new();
        private int next;
        private Exception? failure;
        private bool stopping;

        public Pipeline(IReadOnlyList<CompiledGame> games, SimulationSettings settings, BatchRange range, int workers)
        {
            this.games = games;
            this.settings = settings;
            this.range = range;
            var size = Math.Min(range.Count, workers * SlotsPerWorker);
            slots = [.. Enumerable.Range(0, size).Select(_ => new BatchResult(games))];
            ready = new bool[size];
            freeFor = [.. Enumerable.Range(range.First, size)];
            next = range.First;
            threads = [.. Enumerable.Range(0, workers).Select(i => new Thread(Work) { IsBackground = true, Name = $"statecraft worker {i}" })];
        }

        public void Start()
        {
            foreach (var t in threads) t.Start();
        }

        private int SlotOf(int batch) => (batch - range.First) % slots.Length;

        private void Work()
        {
            var players = new Players(games);
            try
            {
                while (true)
                {
                    var b = Interlocked.Increment(ref next) - 1;
                    if (b >= range.End) return;
                    var slot = SlotOf(b);
                    lock (gate)
                    {
                        while (freeFor[slot] != b && !stopping) Monitor.Wait(gate);
                        if (stopping) return;
                    }

                    slots[slot].Reset();
                    RunBatch(games, settings, b, players, slots[slot]);
                    lock (gate)
                    {
                        ready[slot] = true;
                        Monitor.PulseAll(gate);
                    }
                }
            }
            catch (Exception e)
            {
                lock (gate)
                {
                    failure ??= e;
                    stopping = true;
                    Monitor.PulseAll(gate);
                }
            }
        }

        /// <summary>Waits for batch <paramref name="batch"/>'s slot to be played.</summary>
        public BatchResult Take(int batch)
        {
            var slot = SlotOf(batch);
            lock (gate)
            {
                while (!ready[slot] && failure is null) Monitor.Wait(gate);
                if (failure is not null) throw new InvalidOperationException($"a simulation worker failed: {failure.Message}", failure);
            }

            return slots[slot];
        }

        /// <summary>Hands batch <paramref name="batch"/>'s slot back for the batch a pool later.</summary>
        public void Release(int batch)
        {
            var slot = SlotOf(batch);
            lock (gate)
            {
                ready[slot] = false;
                freeFor[slot] = batch + slots.Length;
                Monitor.PulseAll(gate);
            }
        }

        public void Dispose()
        {
            lock (gate)
            {
                stopping = true;
                Monitor.PulseAll(gate);
            }

            foreach (var t in threads) if (t.ThreadState != ThreadState.Unstarted) t.Join();
        }
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

    /// <summary>Plays batch <paramref name="batch"/> into <paramref name="result"/> (empty on entry).</summary>
    private static void RunBatch(IReadOnlyList<CompiledGame> games, SimulationSettings settings, int batch, Players players, BatchResult result)
    {
        var groups = players.Groups;
        var events = players.Events;
        var start = (long)batch * SimulationSettings.BatchSize;
        var end = Math.Min(settings.Runs, start + SimulationSettings.BatchSize);
        const int width = Economy.EconomyLanes.Width;
        Span<StreamRandom> streams = stackalloc StreamRandom[width];
        Span<TrajectoryDraw> draws = stackalloc TrajectoryDraw[width * games.Count];
        // Trajectories are played a group at a time, each strategy's economies in one set of vector lanes,
        // and added to the summaries in trajectory order, as one at a time would.
        for (var i = start; i < end; i += width)
        {
            var count = (int)Math.Min(width, end - i);
            for (var k = 0; k < count; k++)
            {
                streams[k] = TrajectoryStream(settings.Seed, i + k);
                events[k].Reset(GameStream(streams[k]));
            }

            for (var s = 0; s < games.Count; s++)
            {
                var group = groups[s];
                var own = draws.Slice(s * width, width);
                for (var k = 0; k < count; k++) own[k] = Draw(games[s], streams[k], group.Workspaces[k]);
                NegotiationGame.PlayGroupOn(group, own, events, count);
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
    }

    /// <summary>One batch's (or the total's) accumulators, per strategy.</summary>
    private sealed class BatchResult(IReadOnlyList<CompiledGame> games)
    {
        public OutcomeAccumulator[] Summaries { get; } = [.. games.Select(g => new OutcomeAccumulator(g.Horizon))];

        public DifferenceAccumulator?[] Differences { get; } = [.. games.Select((_, s) => s == 0 ? null : new DifferenceAccumulator())];

        public void Merge(BatchResult other)
        {
            for (var s = 0; s < Summaries.Length; s++)
            {
                Summaries[s].Merge(other.Summaries[s]);
                Differences[s]?.Merge(other.Differences[s]!);
            }
        }

        public void Reset()
        {
            for (var s = 0; s < Summaries.Length; s++)
            {
                Summaries[s].Reset();
                Differences[s]?.Reset();
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
