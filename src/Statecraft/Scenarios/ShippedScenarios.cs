using Statecraft.Documents;

namespace Statecraft.Scenarios;

/// <summary>A scenario shipped inside the tool (the project's <c>scenarios/</c> folder, embedded at build).</summary>
public sealed record ShippedScenario(string Name, string Text)
{
    /// <summary>The path shown in diagnostics for a shipped scenario.</summary>
    public string Path => $"scenarios/{Name}.yaml";
}

/// <summary>The strategy scenarios that ship with Statecraft, so <c>statecraft run</c> works from any directory.</summary>
public static class ShippedScenarios
{
    private static readonly Lazy<IReadOnlyList<ShippedScenario>> Embedded = new(Load);

    /// <summary>Every shipped scenario, by name.</summary>
    public static IReadOnlyList<ShippedScenario> All => Embedded.Value;

    /// <summary>The shipped scenario with this name (file name without <c>.yaml</c>), or null.</summary>
    public static ShippedScenario? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    private static List<ShippedScenario> Load() => [.. EmbeddedText.Under("scenarios/").Select(f => new ShippedScenario(f.Name, f.Text))];
}
