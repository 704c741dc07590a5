using System.Collections.Immutable;
using Statecraft.Economy;
using Statecraft.Negotiation;
using Statecraft.Sanctions;
using Statecraft.Scenarios;
using Statecraft.Simulation;

namespace Statecraft.Analysis;

/// <summary>
/// A column of the roadmap x world matrix: a world (<see cref="World"/>), or a named assumption set applied on top of
/// one (<c>--assumption-sets</c>). <paramref name="Beliefs"/> says in one line what it believes.
/// </summary>
public sealed record WorldColumn(string Name, string? Description, string? Basis, string Beliefs)
{
    /// <summary>The column of a world.</summary>
    public static WorldColumn Of(World world) => new(world.Id, world.Description ?? world.Name, world.Basis, world.Summary());

    /// <summary>The columns of an assumption-sets file, each applied on top of <paramref name="world"/> (null: as the scenarios are).</summary>
    public static ImmutableArray<WorldColumn> Of(AssumptionSetFile sets, World? world) =>
        [.. sets.Sets.Select(s => new WorldColumn(s.Name, s.Description, s.Basis, world is null ? s.Summary() : $"world {world.Id} with {s.Summary()}"))];
}

/// <summary>The comparison of every strategy under one world.</summary>
public sealed record WorldRun(WorldColumn World, SimulationResult Result);

/// <summary>Strategies compared under several assumption sets on the same draws, with their regret.</summary>
/// <param name="Objective">What the strategies are judged by.</param>
/// <param name="Source">Where the worlds came from (the world files, or an assumption-sets file).</param>
/// <param name="Runs">One comparison per world, in the order given; every one has the strategies in the same order.</param>
/// <param name="Values">[world][strategy]: the objective's value.</param>
/// <param name="Regret">Regret per world and strategy, and the minimax-regret ranking.</param>
public sealed record RobustnessResult(
    Objective Objective,
    string Source,
    ImmutableArray<WorldRun> Runs,
    ImmutableArray<ImmutableArray<double>> Values,
    RegretTable Regret)
{
    public SimulationSettings Settings => Runs[0].Result.Settings;

    /// <summary>The strategies' names, in input order.</summary>
    public ImmutableArray<string> Strategies => [.. Runs[0].Result.Strategies.Select(s => s.Name)];
}

/// <summary>
/// Evaluates strategies under each of several assumption sets with one master seed, so trajectory i has the same
/// stream for every strategy and every set (common random numbers): what differs between two cells of the table
/// is the strategy or the assumptions, not the luck of the draw. A set that changes an assumption's distribution
/// keeps its stream (streams are keyed by the assumption's name), so the same uniform numbers are transformed.
/// </summary>
public static class Robustness
{
    /// <summary>Trajectories per pass of the interval computation: bounds its memory whatever the number of runs.</summary>
    private const int WindowSize = 4096;

    /// <summary>
    /// Compiles every scenario under every set: [set][strategy]. <paramref name="game"/> is the base the sets'
    /// game overrides apply to. Run <see cref="AssumptionSets.Check"/> first.
    /// </summary>
    /// <exception cref="GameCompileException">A scenario cannot be compiled under a set.</exception>
    public static ImmutableArray<ImmutableArray<CompiledGame>> Compile(AssumptionSetFile sets, IReadOnlyList<Scenario> scenarios, GameParameters game, Catalog? catalog = null, CalibrationResult? calibration = null) =>
        [.. sets.Sets.Select(set => scenarios.Select(s => set.Compile(s, game, catalog, calibration)).ToImmutableArray())];

    /// <summary>
    /// Runs the comparison under each set, scores each strategy by <paramref name="objective"/> (the figures of the
    /// Monte Carlo summaries, as <c>compare</c> reports them), and computes regret with paired intervals. The intervals
    /// replay the trajectories with <see cref="TrajectorySample"/> (which agrees with the Monte Carlo trajectory by
    /// trajectory) to pair each strategy with its set's best; everything is the same bit for bit for any thread count.
    /// <paramref name="progress"/> is told what is being done.
    /// </summary>
    public static RobustnessResult Evaluate(
        Objective objective, string source, ImmutableArray<WorldColumn> worlds, ImmutableArray<ImmutableArray<CompiledGame>> games, SimulationSettings settings,
        Action<string>? progress = null, CancellationToken cancel = default) =>
        Evaluate(objective, source, worlds, games, settings, WindowSize, progress, cancel);

    /// <summary>The matrix of an assumption-sets file's sets, with <paramref name="games"/> compiled by <see cref="Compile"/>.</summary>
    public static RobustnessResult Evaluate(Objective objective, AssumptionSetFile sets, ImmutableArray<ImmutableArray<CompiledGame>> games, SimulationSettings settings) =>
        Evaluate(objective, sets.Path, WorldColumn.Of(sets, null), games, settings, WindowSize);

    /// <summary>As <see cref="Evaluate(Objective, AssumptionSetFile, ImmutableArray{ImmutableArray{CompiledGame}}, SimulationSettings)"/>, replaying <paramref name="windowSize"/> trajectories at a time.</summary>
    internal static RobustnessResult Evaluate(Objective objective, AssumptionSetFile sets, ImmutableArray<ImmutableArray<CompiledGame>> games, SimulationSettings settings, int windowSize) =>
        Evaluate(objective, sets.Path, WorldColumn.Of(sets, null), games, settings, windowSize);

    /// <summary>As the public overload, replaying <paramref name="windowSize"/> trajectories at a time (tests show the result does not depend on it).</summary>
    internal static RobustnessResult Evaluate(
        Objective objective, string source, ImmutableArray<WorldColumn> worlds, ImmutableArray<ImmutableArray<CompiledGame>> games, SimulationSettings settings,
        int windowSize, Action<string>? progress = null, CancellationToken cancel = default)
    {
        if (games.Length != worlds.Length || games.Length == 0) throw new ArgumentException("one row of compiled games per world", nameof(games));
        var strategies = games[0].Length;
        if (games.Any(g => g.Length != strategies)) throw new ArgumentException("the same strategies under every set", nameof(games));

        var runs = ImmutableArray.CreateBuilder<WorldRun>(games.Length);
        for (var k = 0; k < games.Length; k++)
        {
            progress?.Invoke($"world {worlds[k].Name} ({k + 1} of {games.Length})");
            runs.Add(new WorldRun(worlds[k], MonteCarlo.Run(games[k], settings, null, cancel)));
        }

        var values = runs.Select(r => r.Result.Strategies.Select(s => objective.Score(o => Outcomes.Of(s.Summary, o))).ToImmutableArray()).ToImmutableArray();
        var meets = runs.Select(r => r.Result.Strategies.Select(s => objective.Shortfall(o => Outcomes.Of(s.Summary, o)) == 0).ToImmutableArray()).ToImmutableArray();
        var matrix = values.Select(r => r.ToArray()).ToArray();
        var admissible = meets.Select(r => r.ToArray()).ToArray();
        var plain = Regret.Of(matrix, admissible);

        progress?.Invoke("paired intervals against each set's best");
        var contrasts = Contrasts(objective, runs.ToImmutable(), games, plain.Best, settings, windowSize, cancel);
        var table = Regret.Of(matrix, admissible, (k, best, s) => contrasts[k][s]!.Around(values[k][best] - values[k][s]));
        return new RobustnessResult(objective, source, runs.ToImmutable(), values, table);
    }

    /// <summary>[set][strategy]: the contrast of the set's best against the strategy (null for the best itself and where there is no best).</summary>
    private static ObjectiveContrast?[][] Contrasts(
        Objective objective, ImmutableArray<WorldRun> runs, ImmutableArray<ImmutableArray<CompiledGame>> games, ImmutableArray<int> best, SimulationSettings settings, int windowSize, CancellationToken cancel)
    {
        var sets = games.Length;
        var strategies = games[0].Length;
        var centres = runs.Select(r => r.Result.Strategies.Select(s => TermCentre.Of(objective, s.Summary)).ToArray()).ToArray();
        var contrasts = new ObjectiveContrast?[sets][];
        for (var k = 0; k < sets; k++)
        {
            contrasts[k] = new ObjectiveContrast?[strategies];
            for (var s = 0; s < strategies; s++)
            {
                if (best[k] >= 0 && s != best[k]) contrasts[k][s] = new ObjectiveContrast(objective, centres[k][best[k]], centres[k][s]);
            }
        }

        // Only sets with a best need replaying; within them every strategy is needed (each is paired with the best).
        var replayed = Enumerable.Range(0, sets).Where(k => best[k] >= 0).ToArray();
        if (replayed.Length == 0) return contrasts;
        var outcomes = objective.Terms.Select(t => t.Outcome).Distinct().Order().ToImmutableArray();
        var columns = new OutcomeColumns[replayed.Length * strategies];
        for (long first = 0; first < settings.Runs; first += windowSize)
        {
            var window = new TrajectoryWindow(settings.Seed, first, (int)Math.Min(windowSize, settings.Runs - first));
            TrajectorySample.Evaluate(
                columns.Length, v => Variant.Of(games[replayed[v / strategies]][v % strategies]), window, outcomes, settings.Threads,
                (v, c) => columns[v] = c, null, cancel);
            // Added in window order, set by set: the sums do not depend on which worker played what.
            for (var r = 0; r < replayed.Length; r++)
            {
                var k = replayed[r];
                for (var s = 0; s < strategies; s++)
                {
                    contrasts[k][s]?.Add(columns[(r * strategies) + best[k]], columns[(r * strategies) + s]);
                }
            }
        }

        return contrasts;
    }
}
