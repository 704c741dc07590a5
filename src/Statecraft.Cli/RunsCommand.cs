using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Statecraft.Store;

namespace Statecraft.Cli;

/// <summary><c>statecraft runs list|show|export|delete</c>: the runs kept in the run store (docs/runs.md).</summary>
internal static class RunsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var runs = new Command("runs", "The runs kept in the run store: every run, simulate, compare and merge records its scenarios, worlds, seed, runs, tool version, summary and results there.");
        runs.Subcommands.Add(List(stdout, stderr));
        runs.Subcommands.Add(Show(stdout, stderr));
        runs.Subcommands.Add(Export(stdout, stderr));
        runs.Subcommands.Add(Delete(stdout, stderr));
        return runs;
    }

    private static Option<string?> StoreOption() => new("--store")
    {
        HelpName = "FILE",
        Description = $"The run store (default ${RunStore.LocationVariable}, else the one in the user's local application data).",
    };

    private static Argument<string> IdArgument() => new("ID") { Description = "The run's number, as 'statecraft runs list' shows it" };

    private static Command List(TextWriter stdout, TextWriter stderr)
    {
        var store = StoreOption();
        var json = new Option<bool>("--json") { Description = "Print JSON: {\"store\", \"runs\": [{\"id\", \"started\", \"status\", \"command\", \"strategies\", ...}]}." };
        var command = new Command("list", "List the stored runs, newest first: number, start time (UTC), status, command, strategies, runs and seed.") { store, json };
        command.SetAction(parse =>
        {
            var file = Path.GetFullPath(parse.GetValue(store) ?? RunStore.DefaultPath);
            if (File.Exists(file)) return WithStore("runs list", file, stderr, s => ListRuns(s, parse.GetValue(json), stdout));
            if (parse.GetValue(json)) Json.Write(stdout, new JsonObject { ["store"] = file, ["runs"] = new JsonArray() });
            else stdout.WriteLine($"No runs: there is no run store at {file} yet ('statecraft run', 'simulate' and 'compare' create it).");
            return Program.Ok;
        });
        return command;
    }

    private static int ListRuns(RunStore s, bool asJson, TextWriter stdout)
    {
        var all = s.List();
        if (asJson)
        {
            Json.Write(stdout, new JsonObject { ["store"] = s.Path, ["runs"] = Json.Array(all, r => RunOutput.ToJson(r, withResult: false)) });
            return Program.Ok;
        }

        if (all.Count == 0)
        {
            stdout.WriteLine($"No runs in {s.Path} yet: 'statecraft run', 'simulate' and 'compare' record theirs here.");
            return Program.Ok;
        }

        var table = new TextTable("run", "started (UTC)", "status", "command", "strategies", "runs", "seed");
        foreach (var r in all)
        {
            table.Add(
                r.Id.ToString(CultureInfo.InvariantCulture),
                r.Started.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                Status(r.Status),
                r.Command,
                Strategies(r),
                r.Runs.ToString("N0", CultureInfo.InvariantCulture),
                r.Seed.ToString(CultureInfo.InvariantCulture));
        }

        table.Write(stdout);
        stdout.WriteLine($"{all.Count} run{(all.Count == 1 ? "" : "s")} in {s.Path}; 'statecraft runs show N' for one.");
        return Program.Ok;
    }

    private static Command Show(TextWriter stdout, TextWriter stderr)
    {
        var store = StoreOption();
        var id = IdArgument();
        var json = new Option<bool>("--json") { Description = "Print the stored record as JSON, its result (what the command's --json printed) under \"result\"." };
        var command = new Command("show", "Show one stored run: how it was run, its scenarios and worlds with their SHA-256, and the summary it printed.") { id, store, json };
        command.SetAction(parse => WithRun("runs show", parse.GetValue(id), parse.GetValue(store), stderr, r =>
        {
            if (parse.GetValue(json))
            {
                Json.Write(stdout, RunOutput.ToJson(r, withResult: true));
                return Program.Ok;
            }

            stdout.WriteLine($"Run {r.Id}: statecraft {r.Arguments}");
            stdout.WriteLine($"Status: {Status(r.Status)}; started {Time(r.Started)}{(r.Finished is { } f ? $", finished {Time(f)}" : "")} on {r.Host} (process {r.ProcessId}).");
            stdout.WriteLine($"Tool version {r.ToolVersion}; {r.Runs:N0} trajectories per strategy, seed {r.Seed}{(r.Set.Count > 0 ? "; --set " + string.Join(", ", r.Set) : "")}.");
            if (r.OutputFolder is { } folder) stdout.WriteLine($"Files: {folder}");
            stdout.WriteLine();
            var table = new TextTable("#", "scenario", "read from", "SHA-256");
            for (var i = 0; i < r.Scenarios.Count; i++) table.Add((i + 1).ToString(CultureInfo.InvariantCulture), r.Scenarios[i].Name, r.Scenarios[i].Path, r.Scenarios[i].Sha256);
            table.Write(stdout);
            stdout.WriteLine();
            WriteWorlds(r, stdout);
            stdout.WriteLine();
            if (r.SummaryText is { } text) stdout.Write(text);
            else stdout.WriteLine(r.Status == RunStatus.Running ? "No results yet: the run is still going." : "No results: the run was interrupted before it finished.");
            return Program.Ok;
        }));
        return command;
    }

    private static Command Export(TextWriter stdout, TextWriter stderr)
    {
        var store = StoreOption();
        var id = IdArgument();
        var output = new Option<string?>("--out")
        {
            HelpName = "DIR",
            Description = "Folder to write (default run-N in the current folder; it must not exist or be empty: nothing is overwritten).",
        };
        var command = new Command("export", "Write one stored run to a folder to share or repeat it: record.json (how it was run), result.json, summary.txt, its scenario and world files and the command that repeats it.")
        {
            id, store, output,
        };
        command.SetAction(parse => WithRun("runs export", parse.GetValue(id), parse.GetValue(store), stderr, r =>
        {
            var folder = parse.GetValue(output) ?? $"run-{r.Id}";
            if (File.Exists(folder) || (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()))
            {
                stderr.WriteLine($"statecraft runs export: error: {folder} exists and is not an empty folder; choose a new one with --out (nothing was overwritten).");
                return Program.BadInput;
            }

            try
            {
                Directory.CreateDirectory(Path.Combine(folder, "scenarios"));
                var files = new List<string>();
                for (var i = 0; i < r.Scenarios.Count; i++)
                {
                    var name = $"{i + 1}-{SafeName(r.Scenarios[i].Name)}.yaml";
                    File.WriteAllText(Path.Combine(folder, "scenarios", name), r.Scenarios[i].Text);
                    files.Add($"scenarios/{name}");
                }

                var worlds = new List<string>();
                if (r.Worlds.Count > 0) Directory.CreateDirectory(Path.Combine(folder, "worlds"));
                for (var i = 0; i < r.Worlds.Count; i++)
                {
                    // Named by the world's id, so that the repeated run calls the world what the original called it.
                    var w = r.Worlds[i];
                    var name = $"{SafeName(w.Name, "world")}.yaml";
                    if (worlds.Contains($"worlds/{name}")) name = $"{i + 1}-{name}";
                    File.WriteAllText(Path.Combine(folder, "worlds", name), w.Text);
                    worlds.Add($"worlds/{name}");
                }

                File.WriteAllText(Path.Combine(folder, "record.json"), RunOutput.ToJson(r, withResult: false).ToJsonString(Json.Options) + "\n");
                if (r.ResultJson is { } result) File.WriteAllText(Path.Combine(folder, "result.json"), result);
                if (r.SummaryText is { } text) File.WriteAllText(Path.Combine(folder, "summary.txt"), text);
                var repeat = Repeat(r, files, worlds);
                var script = Path.Combine(folder, "repeat.sh");
                var note = r.World != WorldRecord.NotRecorded ? ""
                    : r.Command == "run"
                        ? "# The run was stored before runs kept their world; it played each scenario file under the beliefs written into it,\n# and 'statecraft run' now plays every roadmap under one world (the baseline unless --world names another).\n"
                        : "# The run was stored before runs kept their world; it played each scenario file under the beliefs written into it,\n# which --world embedded plays again (refused when the files' beliefs differ).\n";
                File.WriteAllText(script, $"#!/bin/sh\n# Repeats run {r.Id} from the scenario{(worlds.Count > 0 ? " and world" : "")} files beside this script (statecraft {r.ToolVersion}).\n{note}cd \"$(dirname \"$0\")\"\n{repeat}\n");
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, File.GetUnixFileMode(script) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
                stdout.WriteLine($"Run {r.Id} written to {folder}: record.json{(r.ResultJson is null ? "" : ", result.json, summary.txt")}, {files.Count} scenario file{(files.Count == 1 ? "" : "s")}, " +
                    $"{(worlds.Count == 0 ? "" : $"{worlds.Count} world file{(worlds.Count == 1 ? "" : "s")}, ")}repeat.sh.");
                if (r.Status != RunStatus.Complete) stdout.WriteLine($"The run is {Status(r.Status)}: it has no results to export.");
                return Program.Ok;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                stderr.WriteLine($"statecraft runs export: error: cannot write {folder}: {e.Message}");
                return Program.BadInput;
            }
        }));
        return command;
    }

    private static Command Delete(TextWriter stdout, TextWriter stderr)
    {
        var store = StoreOption();
        var ids = new Argument<string[]>("ID") { Description = "The numbers of the runs to delete", Arity = ArgumentArity.OneOrMore };
        var command = new Command("delete", "Delete stored runs (all the given ones or, if any is missing, none). Files a run wrote elsewhere are left alone.") { ids, store };
        command.SetAction(parse => WithStore("runs delete", parse.GetValue(store), stderr, s =>
        {
            var numbers = new List<long>();
            foreach (var text in parse.GetValue(ids) ?? [])
            {
                if (ParseId("runs delete", text, stderr) is not { } n) return Program.BadInput;
                if (!numbers.Contains(n)) numbers.Add(n);
            }

            var missing = s.Delete(numbers);
            if (missing.Count > 0)
            {
                stderr.WriteLine($"statecraft runs delete: error: no run {string.Join(", ", missing)} in {s.Path}; nothing was deleted ('statecraft runs list' shows the runs).");
                return Program.BadInput;
            }

            stdout.WriteLine($"Deleted run{(numbers.Count == 1 ? "" : "s")} {string.Join(", ", numbers)} from {s.Path}.");
            return Program.Ok;
        }));
        return command;
    }

    private static int WithStore(string command, string? path, TextWriter stderr, Func<RunStore, int> act)
    {
        var file = Path.GetFullPath(path ?? RunStore.DefaultPath);
        // Reading never creates a store: a mistyped --store would otherwise leave an empty database behind.
        if (!File.Exists(file))
        {
            stderr.WriteLine($"statecraft {command}: error: there is no run store at {file} (--store FILE names another; 'statecraft runs list' shows the runs).");
            return Program.BadInput;
        }

        RunStore store;
        try
        {
            store = RunStore.Open(file);
        }
        catch (RunStoreException e)
        {
            stderr.WriteLine($"statecraft {command}: error: {e.Message}.");
            return Program.BadInput;
        }

        using (store) return act(store);
    }

    private static int WithRun(string command, string? idText, string? path, TextWriter stderr, Func<StoredRun, int> act)
    {
        if (ParseId(command, idText ?? "", stderr) is not { } id) return Program.BadInput;
        return WithStore(command, path, stderr, s =>
        {
            if (s.Find(id) is { } run) return act(run);
            stderr.WriteLine($"statecraft {command}: error: no run {id} in {s.Path} ('statecraft runs list' shows the runs).");
            return Program.BadInput;
        });
    }

    private static long? ParseId(string command, string text, TextWriter stderr)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) return id;
        stderr.WriteLine($"statecraft {command}: error: '{text}' is not a run number; 'statecraft runs list' shows them (1, 2, ...).");
        return null;
    }

    /// <summary>The run's worlds, as 'runs show' prints them: the files it was played in, or what it played instead.</summary>
    private static void WriteWorlds(StoredRun r, TextWriter stdout)
    {
        switch (r.World)
        {
            case WorldRecord.Embedded:
                stdout.WriteLine($"World: embedded: each scenario was played under the beliefs written into its own file (--world {Simulation.RunPlan.EmbeddedWorld}).");
                return;
            case WorldRecord.NotRecorded:
                stdout.WriteLine("World: not recorded: the run was stored before runs kept their world; it played each scenario file under the beliefs written into it.");
                return;
        }

        var table = new TextTable("#", "world", "read from", "SHA-256");
        for (var i = 0; i < r.Worlds.Count; i++) table.Add((i + 1).ToString(CultureInfo.InvariantCulture), r.Worlds[i].Name, r.Worlds[i].Path, r.Worlds[i].Sha256);
        table.Write(stdout);
    }

    /// <summary>
    /// The command that repeats a run from exported scenario and world files: same seed, runs, changes and worlds (a shard's merge
    /// repeats as compare or simulate; <c>run</c>'s matrix as --world for its main world and --worlds for all of them).
    /// </summary>
    private static string Repeat(StoredRun r, IReadOnlyList<string> files, IReadOnlyList<string> worlds)
    {
        var command = r.Command switch
        {
            "merge" => files.Count > 1 ? "compare" : "simulate",
            "run" => "run",
            _ => r.Command,
        };
        var parts = new List<string> { "statecraft", command };
        parts.AddRange(files);
        parts.Add("--runs");
        parts.Add(r.Runs.ToString(CultureInfo.InvariantCulture));
        parts.Add("--seed");
        parts.Add(r.Seed.ToString(CultureInfo.InvariantCulture));
        foreach (var set in r.Set)
        {
            parts.Add("--set");
            parts.Add(set);
        }

        if (r.World != WorldRecord.Recorded)
        {
            // run refuses embedded worlds: a run stored before worlds were kept repeats under its default world (repeat.sh says so).
            if (command != "run")
            {
                parts.Add("--world");
                parts.Add(Simulation.RunPlan.EmbeddedWorld);
            }
        }
        else if (command == "run")
        {
            // run's matrix defaults to every shipped world, so its columns are named even when there is only the main one.
            parts.Add("--world");
            parts.Add(worlds[0]);
            parts.Add("--worlds");
            parts.Add(string.Join(',', worlds));
        }
        else if (worlds.Count == 1)
        {
            parts.Add("--world");
            parts.Add(worlds[0]);
        }
        else
        {
            parts.Add("--worlds");
            parts.Add(string.Join(',', worlds));
        }

        return string.Join(' ', parts.Select(RunRecorder.Quote));
    }

    private static string SafeName(string name, string otherwise = "scenario")
    {
        var safe = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]).Trim('-');
        return safe.Length == 0 ? otherwise : safe;
    }

    /// <summary>The strategies of a run for a listing: all of them when few, else the first two and how many more.</summary>
    private static string Strategies(StoredRun r) => r.Scenarios.Count <= 3
        ? string.Join(", ", r.Scenarios.Select(x => x.Name))
        : $"{r.Scenarios[0].Name}, {r.Scenarios[1].Name} and {r.Scenarios.Count - 2} more";

    private static string Status(RunStatus status) => status switch
    {
        RunStatus.Complete => "complete",
        RunStatus.Running => "running",
        _ => "interrupted",
    };

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
