using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Statecraft.Store;

namespace Statecraft.Tests.Cli;

/// <summary><c>statecraft runs</c> and the recording of runs, through the command line as a user meets them.</summary>
public sealed class RunsCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"statecraft-runs-{Guid.NewGuid():N}");

    public RunsCommandTests() => Directory.CreateDirectory(folder);

    private string Store => Path.Combine(folder, "runs.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void A_recorded_run_keeps_exactly_what_the_command_printed_and_leaves_stdout_alone()
    {
        var recorded = CliRun.Of("compare", "relief-only", "kaesong-quick-hit", "--runs", "300", "--seed", "5", "--json", "--store", Store);
        var plain = CliRun.Of("compare", "relief-only", "kaesong-quick-hit", "--runs", "300", "--seed", "5", "--json", "--no-store");
        Assert.Equal(0, recorded.Exit);
        Assert.Equal(plain.Out, recorded.Out);
        Assert.Contains("Recorded as run 1 in", recorded.Err, StringComparison.Ordinal);

        var show = CliRun.Of("runs", "show", "1", "--json", "--store", Store);
        Assert.Equal(0, show.Exit);
        var record = JsonNode.Parse(show.Out)!;
        Assert.Equal("complete", (string?)record["status"]);
        Assert.Equal(5UL, (ulong?)record["seed"]);
        Assert.Equal(300, (int?)record["runs"]);
        Assert.Equal("compare relief-only kaesong-quick-hit --runs 300 --seed 5 --json --store " + Store, (string?)record["arguments"]);
        Assert.Equal(JsonNode.Parse(plain.Out)!.ToJsonString(), record["result"]!.ToJsonString());
        var shipped = Statecraft.Scenarios.ShippedScenarios.Find("relief-only")!;
        Assert.Equal(StoredScenario.Sha256Of(shipped.Text), (string?)record["strategies"]![0]!["scenario_sha256"]);

        // The report's charts are kept with the run, per-quarter fan data included.
        using (var kept = RunStore.Open(Store))
        {
            var charts = JsonNode.Parse(kept.Find(1)!.ChartsJson!)!.AsArray();
            Assert.Equal(Statecraft.Reports.HtmlReport.ChartIds, charts.Select(c => (string)c!["id"]!));
        }

        var text = CliRun.Of("runs", "show", "1", "--store", Store);
        var summary = CliRun.Of("compare", "relief-only", "kaesong-quick-hit", "--runs", "300", "--seed", "5", "--no-store");
        Assert.EndsWith(summary.Out, text.Out, StringComparison.Ordinal);
        Assert.Contains("Status: complete", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_list_shows_every_recorded_command_newest_first()
    {
        // Reading never creates a store.
        Assert.Contains("there is no run store at", CliRun.Of("runs", "list", "--store", Store).Out, StringComparison.Ordinal);
        Assert.Empty(JsonNode.Parse(CliRun.Of("runs", "list", "--json", "--store", Store).Out)!["runs"]!.AsArray());
        var show = CliRun.Of("runs", "show", "1", "--store", Store);
        Assert.Equal(2, show.Exit);
        Assert.Contains("there is no run store at", show.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Store));
        Assert.Equal(0, CliRun.Of("simulate", "relief-only", "--runs", "100", "--store", Store).Exit);
        var output = Path.Combine(folder, "out");
        Assert.Equal(0, CliRun.Of("run", "--runs", "100", "--out", output, "--store", Store).Exit);
        var list = CliRun.Of("runs", "list", "--store", Store);
        Assert.Equal(0, list.Exit);
        var lines = list.Out.Split('\n');
        Assert.StartsWith("2 ", lines[2], StringComparison.Ordinal);
        Assert.Contains("complete  run", lines[2], StringComparison.Ordinal);
        Assert.Contains("maximum-pressure, relief-only and 4 more", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("1 ", lines[3], StringComparison.Ordinal);
        Assert.Contains("simulate  relief-only", lines[3], StringComparison.Ordinal);

        var json = JsonNode.Parse(CliRun.Of("runs", "list", "--json", "--store", Store).Out)!;
        Assert.Equal([2L, 1L], json["runs"]!.AsArray().Select(r => (long)r!["id"]!));
        Assert.Equal(Path.GetFullPath(output), (string?)json["runs"]![0]!["output_folder"]);
        Assert.Equal(6, json["runs"]![0]!["strategies"]!.AsArray().Count);
        // run plays the matrix over every shipped world, the baseline first; simulate, naming none, the baseline.
        Assert.Equal(Statecraft.Scenarios.ShippedWorlds.All.Select(w => w.Id), json["runs"]![0]!["worlds"]!.AsArray().Select(w => (string?)w!["name"]));
        Assert.Equal(["worlds/baseline-2018.yaml"], json["runs"]![1]!["worlds"]!.AsArray().Select(w => (string?)w!["path"]));
    }

    [Fact]
    public void An_export_repeats_the_run_from_its_own_files()
    {
        Assert.Equal(0, CliRun.Of("compare", "relief-only", "kaesong-quick-hit", "--runs", "300", "--seed", "5", "--set", "hanoi_ratio=0.3", "--store", Store).Exit);
        var export = Path.Combine(folder, "shared");
        var result = CliRun.Of("runs", "export", "1", "--out", export, "--store", Store);
        Assert.Equal(0, result.Exit);
        var script = File.ReadAllLines(Path.Combine(export, "repeat.sh"))[^1].Split(' ');
        // A run that named no world was played in the baseline world, which the export writes out and names.
        Assert.Equal(
            ["statecraft", "compare", "scenarios/1-relief-only.yaml", "scenarios/2-kaesong-quick-hit.yaml", "--runs", "300", "--seed", "5", "--set", "hanoi_ratio=0.3",
                "--world", "worlds/baseline-2018.yaml"],
            script);
        Assert.Equal(Statecraft.Scenarios.ShippedWorlds.FindFile("baseline-2018")!.Text, File.ReadAllText(Path.Combine(export, "worlds/baseline-2018.yaml")));
        if (!OperatingSystem.IsWindows()) Assert.True((File.GetUnixFileMode(Path.Combine(export, "repeat.sh")) & UnixFileMode.UserExecute) != 0);

        // The exported scenario and world files, run again with the recorded settings, give the recorded result.
        // Only where each scenario was read from differs.
        var again = CliRun.Of(["compare", .. script[2..4].Select(f => Path.Combine(export, f)), .. script[4..^1], Path.Combine(export, script[^1]), "--json", "--no-store"]);
        Assert.Equal(0, again.Exit);
        Assert.Equal(WithoutFiles(again.Out), WithoutFiles(File.ReadAllText(Path.Combine(export, "result.json"))));
        Assert.Contains(Path.Combine(export, "scenarios/1-relief-only.yaml"), again.Out, StringComparison.Ordinal);
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(export, "record.json")))!;
        for (var i = 0; i < 2; i++)
            Assert.Equal((string?)record["strategies"]![i]!["scenario_sha256"], StoredScenario.Sha256Of(File.ReadAllText(Path.Combine(export, script[2 + i]))));
        Assert.Equal("recorded", (string?)record["world_record"]);
        Assert.Equal("worlds/baseline-2018.yaml", (string?)record["worlds"]![0]!["path"]);
        Assert.Equal((string?)record["worlds"]![0]!["world_sha256"], StoredScenario.Sha256Of(File.ReadAllText(Path.Combine(export, script[^1]))));
        var printed = CliRun.Of("compare", "relief-only", "kaesong-quick-hit", "--runs", "300", "--seed", "5", "--set", "hanoi_ratio=0.3", "--no-store");
        Assert.Equal(printed.Out, File.ReadAllText(Path.Combine(export, "summary.txt")));

        var twice = CliRun.Of("runs", "export", "1", "--out", export, "--store", Store);
        Assert.Equal(2, twice.Exit);
        Assert.Contains("nothing was overwritten", twice.Err, StringComparison.Ordinal);
    }

    /// <summary>A world of the analyst's own that differs from the baseline in China's enforcement and a game value.</summary>
    private const string LaxWorld = """
        format: statecraft-world/1
        name: Lax China, cheap Hanoi
        description: China lets trade run; the North asks less for Yongbyon.
        assumptions:
          china_enforcement:
            distribution: beta
            alpha: 2
            beta: 8
            bounds: [0, 1]
        actors:
          china:
            enforcement: china_enforcement
        game:
          hanoi_ratio: 0.4

        """;

    [Fact]
    public void A_run_in_a_world_file_keeps_that_world_shows_it_and_its_export_repeats_in_it()
    {
        var world = Path.Combine(folder, "lax.yaml");
        File.WriteAllText(world, LaxWorld);
        string[] compare = ["compare", "relief-only", "kaesong-quick-hit", "--runs", "300", "--seed", "5"];
        var recorded = CliRun.Of([.. compare, "--world", world, "--json", "--store", Store]);
        Assert.True(recorded.Exit == 0, recorded.Err);
        // The world matters to this result, so a run that forgot it would not give it.
        Assert.NotEqual(CliRun.Of([.. compare, "--json", "--no-store"]).Out, recorded.Out);

        var text = CliRun.Of("runs", "show", "1", "--store", Store).Out;
        Assert.Matches($@"
1 +lax +{System.Text.RegularExpressions.Regex.Escape(world)} +{StoredScenario.Sha256Of(LaxWorld)}
", text);
        var record = JsonNode.Parse(CliRun.Of("runs", "show", "1", "--json", "--store", Store).Out)!;
        Assert.Equal("recorded", (string?)record["world_record"]);
        var kept = Assert.Single(record["worlds"]!.AsArray())!;
        Assert.Equal(("lax", world, StoredScenario.Sha256Of(LaxWorld)), ((string?)kept["name"], (string?)kept["path"], (string?)kept["world_sha256"]));

        var export = Path.Combine(folder, "shared");
        Assert.Contains("2 scenario files, 1 world file, repeat.sh", CliRun.Of("runs", "export", "1", "--out", export, "--store", Store).Out, StringComparison.Ordinal);
        Assert.Equal(LaxWorld, File.ReadAllText(Path.Combine(export, "worlds/lax.yaml")));
        var script = File.ReadAllLines(Path.Combine(export, "repeat.sh"))[^1].Split(' ');
        Assert.Equal(["--world", "worlds/lax.yaml"], script[^2..]);
        var again = CliRun.Of(["compare", .. script[2..4].Select(f => Path.Combine(export, f)), .. script[4..^1], Path.Combine(export, script[^1]), "--json", "--no-store"]);
        Assert.True(again.Exit == 0, again.Err);
        Assert.Equal(WithoutFiles(recorded.Out), WithoutFiles(again.Out));
    }

    [Fact]
    public void An_embedded_world_run_and_a_run_stored_before_worlds_say_what_they_played_and_repeat_with_embedded()
    {
        var old = Repository.PathOf("tests/Statecraft.Tests/Scenarios/old-form/relief-only.yaml");
        Assert.Equal(0, CliRun.Of("simulate", old, "--world", "embedded", "--runs", "200", "--store", Store).Exit);
        Assert.Equal(0, CliRun.Of("simulate", old, "--runs", "200", "--store", Store).Exit);
        // Run 2 as a store before schema 3 holds it: no world.
        using (var c = new SqliteConnection($"Data Source={Store};Pooling=False"))
        {
            c.Open();
            using var forget = c.CreateCommand();
            forget.CommandText = "DELETE FROM run_worlds WHERE run_id = 2;";
            Assert.Equal(1, forget.ExecuteNonQuery());
        }

        var embedded = CliRun.Of("runs", "show", "1", "--store", Store).Out;
        Assert.Contains("World: embedded: each scenario was played under the beliefs written into its own file (--world embedded).", embedded, StringComparison.Ordinal);
        var unrecorded = CliRun.Of("runs", "show", "2", "--store", Store).Out;
        Assert.Contains("World: not recorded: the run was stored before runs kept their world", unrecorded, StringComparison.Ordinal);
        var list = JsonNode.Parse(CliRun.Of("runs", "list", "--json", "--store", Store).Out)!["runs"]!.AsArray();
        Assert.Equal(["not_recorded", "embedded"], list.Select(r => (string?)r!["world_record"]));
        Assert.All(list, r => Assert.Empty(r!["worlds"]!.AsArray()));

        foreach (var id in new[] { "1", "2" })
        {
            var export = Path.Combine(folder, $"run-{id}");
            Assert.Equal(0, CliRun.Of("runs", "export", id, "--out", export, "--store", Store).Exit);
            Assert.False(Directory.Exists(Path.Combine(export, "worlds")));
            var lines = File.ReadAllLines(Path.Combine(export, "repeat.sh"));
            Assert.EndsWith(" --world embedded", lines[^1], StringComparison.Ordinal);
            Assert.Equal(id == "2", lines.Any(l => l.StartsWith("# The run was stored before runs kept their world", StringComparison.Ordinal)));
        }
    }

    /// <summary>A result's JSON without the strategies' "file" (the path each scenario was read from).</summary>
    private static string WithoutFiles(string json)
    {
        var node = JsonNode.Parse(json)!;
        foreach (var s in node["strategies"]!.AsArray()) Assert.True(s!.AsObject().Remove("file"), "a strategy without its file");
        return node.ToJsonString();
    }

    [Fact]
    public void Delete_removes_the_given_runs_or_none_and_says_which_are_missing()
    {
        for (var k = 0; k < 3; k++) Assert.Equal(0, CliRun.Of("simulate", "relief-only", "--runs", "50", "--store", Store).Exit);
        var missing = CliRun.Of("runs", "delete", "1", "7", "--store", Store);
        Assert.Equal(2, missing.Exit);
        Assert.Contains("no run 7", missing.Err, StringComparison.Ordinal);
        Assert.Contains("nothing was deleted", missing.Err, StringComparison.Ordinal);
        var deleted = CliRun.Of("runs", "delete", "1", "3", "--store", Store);
        Assert.Equal(0, deleted.Exit);
        var json = JsonNode.Parse(CliRun.Of("runs", "list", "--json", "--store", Store).Out)!;
        Assert.Equal([2L], json["runs"]!.AsArray().Select(r => (long)r!["id"]!));
        var bad = CliRun.Of("runs", "show", "two", "--store", Store);
        Assert.Equal(2, bad.Exit);
        Assert.Contains("'two' is not a run number", bad.Err, StringComparison.Ordinal);
        Assert.False(bad.ShowsStackTrace);
    }

    [Fact]
    public void A_store_that_cannot_be_used_costs_a_warning_never_the_run()
    {
        var notes = Path.Combine(folder, "notes.txt");
        File.WriteAllText(notes, "my notes\n" + new string('n', 300));
        var run = CliRun.Of("simulate", "relief-only", "--runs", "100", "--store", notes);
        Assert.Equal(0, run.Exit);
        Assert.Contains("P(complete)", run.Out, StringComparison.Ordinal);
        Assert.Contains("warning: not recorded in the run store", run.Err, StringComparison.Ordinal);
        Assert.Contains(notes, run.Err, StringComparison.Ordinal);
        Assert.StartsWith("my notes", File.ReadAllText(notes), StringComparison.Ordinal);

        var list = CliRun.Of("runs", "list", "--store", notes);
        Assert.Equal(2, list.Exit);
        Assert.Contains("not an SQLite database", list.Err, StringComparison.Ordinal);
        Assert.False(list.ShowsStackTrace);

        Assert.Equal(0, CliRun.Of("simulate", "relief-only", "--runs", "100", "--no-store", "--store", Store).Exit);
        Assert.False(File.Exists(Store));
    }

    [Fact]
    public void A_run_killed_halfway_lists_as_interrupted_and_earlier_runs_are_untouched()
    {
        Assert.Equal(0, CliRun.Of("simulate", "relief-only", "--runs", "200", "--store", Store).Exit);
        var before = CliRun.Of("runs", "show", "1", "--json", "--store", Store).Out;

        // A run long enough to be killed in the middle: about half a minute on one thread.
        var dll = Path.Combine(AppContext.BaseDirectory, "statecraft.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
        foreach (var a in new[] { dll, "simulate", "delury-engagement", "--runs", "3000000", "--threads", "1", "--store", Store }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var started = Stopwatch.StartNew();
        StoredRun? running = null;
        while (running is null && started.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
        {
            Thread.Sleep(100);
            using var look = RunStore.Open(Store);
            running = look.List().FirstOrDefault(r => r.Id == 2);
        }

        Assert.NotNull(running);
        Assert.Equal(RunStatus.Running, running.Status);
        Assert.False(process.HasExited, "the run finished before it could be killed");
        process.Kill(entireProcessTree: true);
        Assert.True(process.WaitForExit(30_000));

        using var store = RunStore.Open(Store);
        Assert.Equal("ok", store.IntegrityCheck());
        var killed = store.Find(2)!;
        Assert.Equal(RunStatus.Interrupted, killed.Status);
        Assert.Null(killed.ResultJson);
        Assert.Null(killed.Finished);
        Assert.Equal(before, CliRun.Of("runs", "show", "1", "--json", "--store", Store).Out);
        var show = CliRun.Of("runs", "show", "2", "--store", Store);
        Assert.Contains("Status: interrupted", show.Out, StringComparison.Ordinal);
        Assert.Contains("the run was interrupted before it finished", show.Out, StringComparison.Ordinal);
        Assert.Contains("interrupted", CliRun.Of("runs", "list", "--store", Store).Out, StringComparison.Ordinal);
    }
}
