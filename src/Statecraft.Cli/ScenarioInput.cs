using System.Text.Json.Nodes;
using Statecraft.Documents;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Cli;

/// <summary>How commands turn a FILE argument into a loaded scenario, and diagnostics into JSON.</summary>
internal static class ScenarioInput
{
    /// <summary>
    /// A path, or the name of a shipped scenario (<c>kaesong-quick-hit</c>) when no such file
    /// exists, so the shipped strategies can be checked from any directory.
    /// </summary>
    public static ScenarioLoad Load(string argument, Catalog catalog) => Load(argument, catalog, out _);

    /// <summary>As <see cref="Load(string, Catalog)"/>, also giving the text read (null when unreadable), which a shard's partial result stores.</summary>
    public static ScenarioLoad Load(string argument, Catalog catalog, out string? text)
    {
        var input = Simulation.RunPlan.RoadmapText(argument, out var problem);
        text = input?.Text;
        return input is null ? new ScenarioLoad(null, [problem!]) : ScenarioLoader.Parse(input.Text, input.Path, catalog);
    }

    /// <summary>
    /// What <c>validate</c> reads: a roadmap (or old single file) as <see cref="Load(string, Catalog)"/> does, or a world file
    /// (one that declares <c>format: statecraft-world/1</c>, or a shipped world's name).
    /// </summary>
    public static (bool IsValid, IReadOnlyList<Diagnostic> Diagnostics) Validate(string argument, Catalog catalog)
    {
        var stem = Path.GetFileNameWithoutExtension(argument);
        var shippedWorld = !File.Exists(argument) && ShippedScenarios.Find(stem) is null && ShippedWorlds.FindFile(stem) is not null;
        var input = shippedWorld ? Simulation.RunPlan.WorldText(argument, out var problem) : Simulation.RunPlan.RoadmapText(argument, out problem);
        if (input is null) return (false, [problem!]);
        if (shippedWorld || ScenarioLoader.LooksLikeWorld(input.Text))
        {
            var world = ScenarioLoader.ParseWorld(input.Text, input.Path);
            return (world.IsValid, world.Diagnostics);
        }

        var load = ScenarioLoader.Parse(input.Text, input.Path, catalog);
        return (load.IsValid, load.Diagnostics);
    }

    /// <summary>An argument that looks like an option but is not one: report it rather than read it as a file.</summary>
    public static bool RejectOptionLike(IEnumerable<string> arguments, string command, TextWriter stderr)
    {
        var bad = arguments.FirstOrDefault(a => a.StartsWith('-') && !File.Exists(a));
        if (bad is null)
        {
            return false;
        }

        stderr.WriteLine($"statecraft {command}: error: unknown option '{bad}'; see 'statecraft {command} --help'");
        return true;
    }

    public static JsonArray Diagnostics(IEnumerable<Diagnostic> diagnostics) => DiagnosticOutput.ToJson(diagnostics);
}
