using Statecraft.Negotiation;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Tests.Scenarios;

/// <summary>The shipped roadmaps as the tool plays them by default: each under the baseline world.</summary>
internal static class ShippedRoadmaps
{
    /// <summary>The shipped roadmap as read from its file (no beliefs of its own).</summary>
    public static Scenario Read(string name)
    {
        var shipped = ShippedScenarios.Find(name) ?? throw new InvalidOperationException($"scenario {name} is not shipped");
        var load = ScenarioLoader.Parse(shipped.Text, shipped.Path, Catalog.Korea);
        Assert.True(load.IsValid, string.Join('\n', load.Diagnostics));
        return load.Scenario!;
    }

    /// <summary>The shipped roadmap played under <paramref name="world"/> (default the baseline world).</summary>
    public static Scenario Played(string name, World? world = null) => (world ?? ShippedWorlds.Baseline).Apply(Read(name));

    /// <summary>The shipped roadmap compiled under the baseline world.</summary>
    public static CompiledGame Compiled(string name, GameParameters? game = null) => GameCompiler.Compile(Played(name), Catalog.Korea, null, game);
}
