using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Statecraft.Bargaining;

namespace Statecraft.Bench;

/// <summary>
/// How the SMP scales past the reference inputs: one run (final positions only) on random tables of
/// 50, 100 and 250 actors (KTAB's maximum) in two dimensions, drawn from a fixed seed, on one worker
/// and on two. A turn costs about n³ operations, so these show whether the vector loops and the
/// workers pay; the results are identical for both worker counts (tested).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 7)]
public class SpatialScaleBenchmarks
{
    private SmpTable table = null!;

    /// <summary>Actors in the random table.</summary>
    [Params(50, 100, 250)]
    public int Actors { get; set; }

    /// <summary>Workers sharing each turn.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Draws the table (seed 42): power 10–100, positions 0–100, saliences summing to 90.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Random,random,{Actors},2,\nActor,Description,Power,P0,S0,P1,S1\n");
        for (var i = 0; i < Actors; i++)
        {
            var s0 = rng.NextDouble();
            var s1 = rng.NextDouble();
            text.Append(CultureInfo.InvariantCulture, $"A{i},x,{10 + (rng.NextDouble() * 90):F3},{rng.NextDouble() * 100:F2},{s0 / (s0 + s1) * 90:F2},{rng.NextDouble() * 100:F2},{s1 / (s0 + s1) * 90:F2}\n");
        }

        table = SmpTable.Parse(text.ToString(), "random").Table ?? throw new InvalidOperationException("the random table does not load");
    }

    /// <summary>One run to the stopping rule; returns the number of turns so the work is not dead code.</summary>
    [Benchmark]
    public int Run() => SpatialModel.Final(table, Threads).Turns;
}
