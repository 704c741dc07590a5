using Statecraft.Scenarios;
using Statecraft.Simulation;

namespace Statecraft.Cli;

/// <summary>
/// The worlds a run's roadmaps were played in, as the run store and a shard's partial file keep them: the world files
/// read, the main one first; when none was named, the shipped baseline world's file, so that a kept run always says
/// which world it was played in; or no file and <paramref name="Embedded"/> for <c>--world embedded</c> (each roadmap
/// under the beliefs written into its own old file).
/// </summary>
internal sealed record PlayedWorlds(IReadOnlyList<SimulateCommand.ScenarioSource> Files, bool Embedded)
{
    /// <summary>The baseline world's file as a run that names no world plays it (<see cref="RunPlan.Prepare"/> uses the same text).</summary>
    public static SimulateCommand.ScenarioSource Baseline { get; } =
        new(ShippedWorlds.PathOf(ShippedWorlds.BaselineName), ShippedWorlds.FindFile(ShippedWorlds.BaselineName)!.Text);

    /// <summary>The worlds of a run prepared from these options, given the world files its preparation read.</summary>
    public static PlayedWorlds Of(SimulateCommand.Options options, IReadOnlyList<SimulateCommand.ScenarioSource> read) =>
        options.World?.Trim() == RunPlan.EmbeddedWorld || options.Worlds?.Trim() == RunPlan.EmbeddedWorld
            ? new PlayedWorlds([], true)
            : new PlayedWorlds(read.Count > 0 ? [.. read] : [Baseline], false);

    /// <summary>The id a world file is known by (<see cref="World.Id"/>): its file's name without <c>.yaml</c>.</summary>
    public static string IdOf(SimulateCommand.ScenarioSource file) => Path.GetFileNameWithoutExtension(file.Path);
}
