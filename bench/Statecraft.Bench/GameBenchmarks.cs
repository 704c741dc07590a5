using BenchmarkDotNet.Attributes;
using Statecraft.Economy;
using Statecraft.Negotiation;
using Statecraft.Sanctions;
using Statecraft.Scenarios;
using Statecraft.Simulation;

namespace Statecraft.Bench;

/// <summary>
/// One group of trajectories of one strategy (<see cref="NegotiationGame.PlayGroup"/>, the unit the Monte
/// Carlo repeats), with fresh draws each time. Times are per trajectory (OperationsPerInvoke); divide by the
/// strategy's horizon (40, 32 and 40 quarters) for a trajectory-quarter. Compiling is outside the measurement.
/// </summary>
[MemoryDiagnoser]
public class GameBenchmarks
{
    private GameGroup group = null!;
    private readonly TrajectoryDraw[] draws = new TrajectoryDraw[EconomyLanes.Width];
    private readonly StreamRandom[] streams = new StreamRandom[EconomyLanes.Width];
    private long next;

    /// <summary>The strategy played by <see cref="Group"/>.</summary>
    [Params("maximum-pressure", "delury-engagement", "cnas-conditional-development")]
    public string Strategy { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        group = new GameGroup(Compile(Strategy));
    }

    /// <summary>One group of <see cref="EconomyLanes.Width"/> trajectories of <see cref="Strategy"/>, each time new draws (time per trajectory).</summary>
    [Benchmark(OperationsPerInvoke = EconomyLanes.Width)]
    public double Group()
    {
        var g = group.Game;
        for (var k = 0; k < EconomyLanes.Width; k++)
        {
            var stream = MonteCarlo.TrajectoryStream(SimulationSettings.DefaultSeed, next++);
            draws[k] = MonteCarlo.Draw(g, stream, group.Workspaces[k]);
            streams[k] = MonteCarlo.GameStream(stream);
        }

        NegotiationGame.PlayGroup(group, draws, streams, EconomyLanes.Width);
        return group.Workspaces[0].Outcome.GdpIndex;
    }

    internal static CompiledGame Compile(string name)
    {
        var shipped = ShippedScenarios.Find(name) ?? throw new InvalidOperationException($"no shipped scenario {name}");
        var load = ScenarioLoader.Parse(shipped.Text, shipped.Path, Catalog.Korea);
        return GameCompiler.Compile(load.Scenario ?? throw new InvalidOperationException($"{name} does not load"), Catalog.Korea);
    }
}

/// <summary>
/// The whole engine on the default workload, the six shipped strategies of <c>statecraft run</c> on common draws,
/// through <see cref="MonteCarlo.Run(IReadOnlyList{CompiledGame}, SimulationSettings, Action{long}?)"/> on one thread and
/// on every core. Times are per trajectory-quarter (4,096 draws x 196 quarters, the six horizons' sum), so the
/// reciprocal is the throughput; allocations are per comparison (set-up of workers and summaries, none per trajectory).
/// </summary>
[MemoryDiagnoser]
public class ComparisonBenchmarks
{
    private const int Draws = 4096;
    private const int QuartersPerDraw = 196;
    private CompiledGame[] games = null!;

    [GlobalSetup]
    public void Setup()
    {
        games = [.. new[] { "maximum-pressure", "relief-only", "delury-engagement", "cnas-conditional-development", "kaesong-quick-hit", "pyongyang-declaration-2018" }
            .Select(GameBenchmarks.Compile)];
        if (games.Sum(g => g.Horizon) != QuartersPerDraw) throw new InvalidOperationException("the shipped horizons changed: update QuartersPerDraw");
    }

    /// <summary>The six strategies on 4,096 common draws, one worker (per trajectory-quarter: 4,096 x 196 quarters).</summary>
    [Benchmark(OperationsPerInvoke = Draws * QuartersPerDraw)]
    public long CompareOneThread() => MonteCarlo.Run(games, new SimulationSettings(Draws, SimulationSettings.DefaultSeed, 1)).Strategies[0].Summary.Trajectories;

    /// <summary>The same on every core.</summary>
    [Benchmark(OperationsPerInvoke = Draws * QuartersPerDraw)]
    public long CompareAllCores() => MonteCarlo.Run(games, new SimulationSettings(Draws, SimulationSettings.DefaultSeed, Environment.ProcessorCount)).Strategies[0].Summary.Trajectories;

}
