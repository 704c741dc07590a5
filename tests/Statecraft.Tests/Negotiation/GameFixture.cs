using Statecraft.Negotiation;
using Statecraft.Sanctions;
using Statecraft.Scenarios;
using Statecraft.Simulation;

namespace Statecraft.Tests.Negotiation;

/// <summary>Builds games from scenario text or shipped files and plays trajectories with their events recorded.</summary>
internal static class GameFixture
{
    public static Scenario Load(string yaml)
    {
        var load = ScenarioLoader.Parse(yaml, "test.yaml", Catalog.Korea);
        Assert.True(load.IsValid, string.Join("\n", load.Diagnostics));
        return load.Scenario!;
    }

    public static CompiledGame Compile(string yaml, GameParameters? game = null) => GameCompiler.Compile(Load(yaml), Catalog.Korea, null, game);

    public static CompiledGame Shipped(string name, GameParameters? game = null) => Statecraft.Tests.Scenarios.ShippedRoadmaps.Compiled(name, game);

    /// <summary>Plays trajectory <paramref name="index"/> with a recorder; returns the events as (quarter, text).</summary>
    public static (GameWorkspace Workspace, TrajectoryDraw Draw, List<(int Quarter, string Text)> Events) Play(CompiledGame g, long index, ulong seed = 7, GameWorkspace? w = null)
    {
        w ??= new GameWorkspace(g);
        var recorder = new Recorder();
        var stream = MonteCarlo.TrajectoryStream(seed, index);
        var draw = MonteCarlo.Draw(g, stream, w);
        NegotiationGame.Play(g, draw, MonteCarlo.GameStream(stream), w, recorder);
        return (w, draw, recorder.Events);
    }

    public static SimulationResult Run(int runs, params CompiledGame[] games) => MonteCarlo.Run(games, new SimulationSettings(runs, 11, 2));

    private sealed class Recorder : ITraceSink
    {
        private int quarter;

        public List<(int Quarter, string Text)> Events { get; } = [];

        public void Quarter(int q, Quarter calendar) => quarter = q;

        public void Event(string text) => Events.Add((quarter, text));
    }
}
