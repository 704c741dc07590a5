using Statecraft.Documents;

namespace Statecraft.Scenarios;

/// <summary>The worlds that ship with Statecraft (the project's <c>scenarios/worlds/</c>, embedded at build), by name.</summary>
public static class ShippedWorlds
{
    /// <summary>The world every run uses unless told otherwise.</summary>
    public const string BaselineName = "baseline-2018";

    /// <summary>The order <c>statecraft run</c> shows the worlds in: the baseline first, then the readings of the North, then China.</summary>
    private static readonly string[] Order = [BaselineName, "reformer-reading", "sceptic-reading", "china-lax", "china-strict"];

    private static readonly Lazy<IReadOnlyList<ShippedScenario>> Embedded = new(() =>
        [.. EmbeddedText.Under("worlds/").Select(f => new ShippedScenario(f.Name, f.Text))
            .OrderBy(f => Array.IndexOf(Order, f.Name) is var i && i < 0 ? int.MaxValue : i).ThenBy(f => f.Name, StringComparer.Ordinal)]);

    private static readonly Lazy<IReadOnlyList<World>> Parsed = new(() =>
        [.. Embedded.Value.Select(f => ScenarioLoader.ParseWorld(f.Text, PathOf(f.Name)).World
            ?? throw new InvalidOperationException($"shipped world {f.Name} does not validate"))]);

    /// <summary>Every shipped world's file, in <see cref="Order"/>.</summary>
    public static IReadOnlyList<ShippedScenario> Files => Embedded.Value;

    /// <summary>Every shipped world, read.</summary>
    public static IReadOnlyList<World> All => Parsed.Value;

    /// <summary>The baseline world.</summary>
    public static World Baseline => Find(BaselineName)!;

    /// <summary>The shipped world with this name, or null.</summary>
    public static World? Find(string name) => All.FirstOrDefault(w => w.Id == name);

    /// <summary>The shipped world file with this name, or null.</summary>
    public static ShippedScenario? FindFile(string name) => Files.FirstOrDefault(w => w.Name == name);

    /// <summary>The path a shipped world is known by in messages and outputs.</summary>
    public static string PathOf(string name) => $"worlds/{name}.yaml";
}
