using System.CommandLine;
using System.Text.Json.Nodes;
using Statecraft.Simulation;
using Statecraft.Store;

namespace Statecraft.Cli;

/// <summary>
/// Keeps the runs of <c>run</c>, <c>simulate</c>, <c>compare</c> and <c>merge</c> in the run store (docs/runs.md):
/// recorded as started before the simulation, completed with its results after. A store that cannot be used
/// never costs the user the run: the tool says why on stderr and carries on without recording.
/// </summary>
internal sealed class RunRecorder
{
    private readonly RunStore store;
    private readonly long id;
    private readonly string command;

    private RunRecorder(RunStore store, long id, string command)
    {
        this.store = store;
        this.id = id;
        this.command = command;
    }

    /// <summary>How a command is told where to record (or not to).</summary>
    internal sealed record Where(string? Store, bool Off, string Arguments);

    /// <summary>The <c>--store FILE</c> and <c>--no-store</c> options the recording commands share.</summary>
    internal static (Option<string?> Store, Option<bool> NoStore) Options() =>
    (
        new Option<string?>("--store")
        {
            HelpName = "FILE",
            Description = $"The run store to record this run in (default ${RunStore.LocationVariable}, else {Shorten(RunStore.DefaultPath)}); 'statecraft runs list' shows it.",
        },
        new Option<bool>("--no-store") { Description = "Do not record this run in the run store." }
    );

    /// <summary>The options' values and the command line, from a parse.</summary>
    internal static Where From(ParseResult parse, Option<string?> store, Option<bool> off) =>
        new(parse.GetValue(store), parse.GetValue(off), CommandLine(parse));

    /// <summary>The command line as typed after the tool's name, each argument quoted when it needs to be.</summary>
    internal static string CommandLine(ParseResult parse) => string.Join(' ', parse.Tokens.Select(t => Quote(t.Value)));

    /// <summary>Records the start of a run with the worlds it is played in; null when recording is off or the store cannot be used (said on stderr).</summary>
    internal static RunRecorder? Begin(Where? where, string command, SimulationSettings settings, IReadOnlyList<string> set, IEnumerable<SimulateCommand.ScenarioSource> sources, PlayedWorlds worlds, TextWriter stderr)
    {
        if (where is null || where.Off) return null;
        var path = where.Store ?? RunStore.DefaultPath;
        RunStore? store = null;
        try
        {
            store = RunStore.Open(path);
            var scenarios = sources.Select(s => StoredScenario.Of(Path.GetFileNameWithoutExtension(s.Path), s.Path, s.Text)).ToList();
            var id = store.Begin(new RunStart(command, where.Arguments, SimulationOutput.ToolVersion, settings.Seed, settings.Runs, set, scenarios)
            {
                Worlds = [.. worlds.Files.Select(w => StoredWorld.Of(PlayedWorlds.IdOf(w), w.Path, w.Text))],
                EmbeddedWorld = worlds.Embedded,
            });
            return new RunRecorder(store, id, command);
        }
        catch (Exception e) when (e is RunStoreException or Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            store?.Dispose();
            stderr.WriteLine($"statecraft {command}: warning: not recorded in the run store: {e.Message} (--store FILE names another, --no-store skips it).");
            return null;
        }
    }

    /// <summary>Stores the finished run's result and summary; says on stderr where it is kept.</summary>
    internal void Complete(JsonObject result, SimulationResult simulation, string? outputFolder, TextWriter stderr)
    {
        try
        {
            store.Complete(id, result.ToJsonString(Json.Options) + "\n", SimulationOutput.Text(simulation), outputFolder is null ? null : Path.GetFullPath(outputFolder), Reports.HtmlReport.ChartsJson(simulation));
            stderr.WriteLine($"Recorded as run {id} in {store.Path} ('statecraft runs show {id}').");
        }
        catch (Exception e) when (e is RunStoreException or Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            stderr.WriteLine($"statecraft {command}: warning: the run's results could not be recorded in {store.Path}: {e.Message}; it lists as interrupted.");
        }
        finally
        {
            store.Dispose();
        }
    }

    /// <summary>Releases the store without completing (the command failed after starting): the run lists as interrupted.</summary>
    internal void Abandon() => store.Dispose();

    /// <summary>An argument as a POSIX shell reads it back: bare when it is plainly safe, else in single quotes.</summary>
    internal static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c)) ? s : "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Shorten(string path)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return !string.IsNullOrEmpty(home) && path.StartsWith(home, StringComparison.Ordinal) ? "~" + path[home.Length..] : path;
    }
}
