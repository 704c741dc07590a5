using System.Collections.Immutable;
using Statecraft.Economy;
using Statecraft.Negotiation;
using Statecraft.Simulation;

namespace Statecraft.Analysis;

/// <summary>
/// A compiled game to play, with some of the scenario's assumptions held at fixed values instead of drawn:
/// the unit the sensitivity analysis and the roadmap search evaluate.
/// </summary>
/// <param name="Game">The compiled scenario (with the game and economy assumptions it was compiled with).</param>
/// <param name="Fixed">Scenario assumptions (index into <see cref="CompiledGame.Assumptions"/>) and the value each takes on every trajectory.</param>
public sealed record Variant(CompiledGame Game, ImmutableArray<(int Assumption, double Value)> Fixed)
{
    /// <summary>The game as compiled, every assumption drawn.</summary>
    public static Variant Of(CompiledGame game) => new(game, []);
}

/// <summary>Trajectories [<paramref name="First"/>, <paramref name="First"/> + <paramref name="Count"/>) of the run with master seed <paramref name="Seed"/>.</summary>
public readonly record struct TrajectoryWindow(ulong Seed, long First, int Count)
{
    public long End => First + Count;
}

/// <summary>Per-trajectory values of the outcomes asked for, one column per outcome, in trajectory order.</summary>
public sealed class OutcomeColumns
{
    private readonly double[][] columns;

    public OutcomeColumns(ImmutableArray<Outcome> outcomes, int count)
    {
        Outcomes = outcomes;
        Count = count;
        columns = [.. outcomes.Select(_ => new double[count])];
    }

    public ImmutableArray<Outcome> Outcomes { get; }

    public int Count { get; }

    /// <summary>The column of outcome number <paramref name="k"/> in <see cref="Outcomes"/>.</summary>
    public double[] Column(int k) => columns[k];

    /// <summary>The column of <paramref name="o"/>.</summary>
    public double[] Column(Outcome o)
    {
        var k = Outcomes.IndexOf(o);
        if (k < 0) throw new ArgumentException($"{Analysis.Outcomes.Name(o)} was not recorded", nameof(o));
        return columns[k];
    }

    /// <summary>The mean of outcome <paramref name="k"/> over the trajectories where it is defined (NaN if none is).</summary>
    public double Mean(int k) => Statistics.Mean(columns[k]);

    /// <summary>The trajectories where outcome <paramref name="k"/> is defined: the n of its mean.</summary>
    public long Defined(int k)
    {
        long n = 0;
        foreach (var v in columns[k]) if (!double.IsNaN(v)) n++;
        return n;
    }
}

/// <summary>
/// Plays variants on one window of trajectories with common random numbers: trajectory i of every variant has
/// the stream <see cref="MonteCarlo.TrajectoryStream"/> gives it, so its type, events, weather and the
/// assumptions that are not fixed are those <c>simulate</c> draws for trajectory i, and a variant's outcome on
/// trajectory i is the one <c>simulate</c> reports for it. Variants are spread over threads; each variant's
/// columns depend only on the variant and the window, so results are the same for any thread count.
/// </summary>
public static class TrajectorySample
{
    /// <summary>
    /// Plays variants 0 to <paramref name="variants"/> - 1, made on the worker by <paramref name="make"/>, on
    /// <paramref name="window"/>; <paramref name="take"/> receives each variant's columns (on a worker thread, in no
    /// set order). <paramref name="progress"/> is called with the number of variants done.
    /// </summary>
    public static void Evaluate(
        int variants, Func<int, Variant> make, TrajectoryWindow window, ImmutableArray<Outcome> outcomes, int threads,
        Action<int, OutcomeColumns> take, Action<int>? progress = null, CancellationToken cancel = default)
    {
        if (variants < 0) throw new ArgumentOutOfRangeException(nameof(variants));
        if (window.Count < 1 || window.First < 0) throw new ArgumentOutOfRangeException(nameof(window), "a window of at least one trajectory");
        var done = 0;
        var workers = Math.Clamp(threads, 1, Math.Max(1, variants));
        var next = -1;
        Exception? failure = null;
        void Work()
        {
            var player = new Player(window);
            try
            {
                while (!cancel.IsCancellationRequested && Volatile.Read(ref failure) is null)
                {
                    var v = Interlocked.Increment(ref next);
                    if (v >= variants) return;
                    var columns = new OutcomeColumns(outcomes, window.Count);
                    player.Play(make(v), columns);
                    take(v, columns);
                    var n = Interlocked.Increment(ref done);
                    progress?.Invoke(n);
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
        }

        if (workers == 1)
        {
            Work();
        }
        else
        {
            var pool = Enumerable.Range(0, workers).Select(i => new Thread(Work) { IsBackground = true, Name = $"statecraft analysis {i}" }).ToArray();
            foreach (var t in pool) t.Start();
            foreach (var t in pool) t.Join();
        }

        if (failure is not null) throw new InvalidOperationException($"an analysis worker failed: {failure.Message}", failure);
        cancel.ThrowIfCancellationRequested();
    }

    /// <summary>Every variant's columns, in variant order.</summary>
    public static OutcomeColumns[] Evaluate(IReadOnlyList<Variant> variants, TrajectoryWindow window, ImmutableArray<Outcome> outcomes, int threads, CancellationToken cancel = default)
    {
        var results = new OutcomeColumns[variants.Count];
        Evaluate(variants.Count, i => variants[i], window, outcomes, threads, (i, c) => results[i] = c, null, cancel);
        return results;
    }

    /// <summary>
    /// One worker's reusable state: the window's streams and event draws (the same for every variant, so made
    /// once), and the lanes of the last game played (variants that share a compiled game share them).
    /// </summary>
    private sealed class Player
    {
        private readonly TrajectoryWindow window;
        private readonly StreamRandom[] streams;
        private readonly EventDraws?[] events;
        private readonly TrajectoryDraw[] draws = new TrajectoryDraw[EconomyLanes.Width];
        private GameGroup? group;

        public Player(TrajectoryWindow window)
        {
            this.window = window;
            streams = new StreamRandom[window.Count];
            for (var i = 0; i < window.Count; i++) streams[i] = MonteCarlo.TrajectoryStream(window.Seed, window.First + i);
            events = new EventDraws?[window.Count];
        }

        public void Play(Variant variant, OutcomeColumns into)
        {
            var g = variant.Game;
            if (group is null || !ReferenceEquals(group.Game, g)) group = new GameGroup(g);
            foreach (var (a, _) in variant.Fixed)
            {
                if (a < 0 || a >= g.Assumptions.Length) throw new ArgumentOutOfRangeException(nameof(variant), $"assumption {a} of {g.Assumptions.Length}");
            }

            const int width = EconomyLanes.Width;
            var lanes = new EventDraws[width];
            var outcomes = into.Outcomes;
            for (var i = 0; i < window.Count; i += width)
            {
                var count = Math.Min(width, window.Count - i);
                for (var k = 0; k < count; k++)
                {
                    var e = events[i + k];
                    if (e is null || e.Quarters < g.Horizon)
                    {
                        e = new EventDraws(g.Horizon);
                        e.Reset(MonteCarlo.GameStream(streams[i + k]));
                        events[i + k] = e;
                    }

                    lanes[k] = e;
                    var w = group.Workspaces[k];
                    draws[k] = MonteCarlo.Draw(g, streams[i + k], w);
                    foreach (var (a, value) in variant.Fixed) w.Assumptions[a] = value;
                }

                NegotiationGame.PlayGroupOn(group, draws, lanes, count);
                for (var k = 0; k < count; k++)
                {
                    var o = group.Workspaces[k].Outcome;
                    for (var c = 0; c < outcomes.Length; c++) into.Column(c)[i + k] = Outcomes.Of(o, outcomes[c]);
                }
            }
        }
    }
}
