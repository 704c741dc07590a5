using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Statecraft.Tests.Cli;

/// <summary>
/// <c>--shard K/N --partial FILE</c> and <c>statecraft merge</c>: the merged output is byte for byte the
/// unsharded command's, and partial files that do not make up one run are refused with a message naming
/// the file and what differs.
/// </summary>
public sealed class ShardMergeTests(ShardMergeTests.GoodShards good) : IClassFixture<ShardMergeTests.GoodShards>
{
    /// <summary>Three good shards of a comparison, written once for the refusal tests.</summary>
    public sealed class GoodShards : IDisposable
    {
        private readonly TempDir dir = new();

        public GoodShards() => Files = Shards(dir.Path, ["compare", "relief-only", "kaesong-quick-hit", "--runs", "2100", "--seed", "20"], 3, "good");

        public List<string> Files { get; }

        public void Dispose() => dir.Dispose();
    }

    private static List<string> Shards(TempDir dir, string[] command, int count, string prefix = "part") => Shards(dir.Path, command, count, prefix);

    private static List<string> Shards(string dir, string[] command, int count, string prefix = "part")
    {
        var files = new List<string>();
        for (var k = 1; k <= count; k++)
        {
            var file = Path.Combine(dir, $"{prefix}-{k}.json");
            var run = CliRun.Of([.. command, "--shard", $"{k}/{count}", "--partial", file]);
            Assert.True(run.Exit == 0, run.Err);
            Assert.Matches($@"^Shard {k} of {count} \(batches \d+ to \d+ of \d+, trajectories \d+ to \d+\) written to .*{prefix}-{k}\.json", run.Out);
            Assert.Single(run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            files.Add(file);
        }

        return files;
    }

    [Theory]
    [InlineData(2500, 1, "simulate")]
    [InlineData(2500, 2, "compare")]
    [InlineData(2500, 3, "simulate")]
    [InlineData(5000, 2, "simulate")]
    [InlineData(5000, 3, "compare")]
    public void Merged_shards_print_the_unsharded_json_byte_for_byte(int runs, int count, string command)
    {
        using var dir = new TempDir();
        string[] args = command == "simulate"
            ? ["simulate", "kaesong-quick-hit", "--runs", $"{runs}", "--seed", "77", "--threads", "2"]
            : ["compare", "kaesong-quick-hit", "relief-only", "--runs", $"{runs}", "--seed", "77", "--set", "hanoi_ratio=0.4"];
        var whole = CliRun.Of([.. args, "--json"]);
        Assert.Equal(0, whole.Exit);

        var files = Shards(dir, args, count);
        files.Reverse(); // the merge orders by shard index, not by argument order
        var merged = CliRun.Of(["merge", .. files, "--json"]);

        Assert.True(merged.Exit == 0, merged.Err);
        Assert.Equal(whole.Out, merged.Out);
    }

    /// <summary>A world of the analyst's own that changes the type prior, China's enforcement, a game value and an economy value.</summary>
    private const string OwnWorld = """
        format: statecraft-world/1
        name: Own reading
        assumptions:
          china_enforcement:
            distribution: beta
            alpha: 3
            beta: 7
            bounds: [0, 1]
        actors:
          north_korea:
            type_prior: {reformer: 0.6, hedger: 0.3, staller: 0.1}
          china:
            enforcement: china_enforcement
        game:
          hanoi_ratio: 0.4
        economy:
          leakage: 0.3

        """;

    [Theory]
    [InlineData("china-lax", 2, "compare")]
    [InlineData("own", 3, "compare")]
    [InlineData("own", 2, "simulate")]
    [InlineData("embedded", 2, "simulate")]
    public void Merged_shards_of_a_run_in_another_world_print_the_unsharded_json_byte_for_byte(string world, int count, string command)
    {
        using var dir = new TempDir();
        var name = world switch
        {
            "own" => dir.Write("own.yaml", OwnWorld),
            _ => world,
        };
        // The embedded world is each old file's own beliefs: Delury's file believes in a more reformist North than the baseline.
        string[] files = world == "embedded"
            ? [Repository.PathOf("tests/Statecraft.Tests/Scenarios/old-form/delury-engagement.yaml")]
            : ["kaesong-quick-hit", "relief-only"];
        string[] args = [command, .. command == "simulate" ? files[..1] : files, "--runs", "2500", "--seed", "77", "--world", name, "--set", "reask_quarters=3"];
        var whole = CliRun.Of([.. args, "--json"]);
        Assert.True(whole.Exit == 0, whole.Err);
        // Under the baseline world the figures differ, so a merge that lost the world could not match.
        var baseline = CliRun.Of([.. args[..^4], "--set", "reask_quarters=3", "--json"]);
        Assert.NotEqual(baseline.Out, whole.Out);

        var parts = Shards(dir, args, count);
        var merged = CliRun.Of(["merge", .. parts, "--json"]);

        Assert.True(merged.Exit == 0, merged.Err);
        Assert.Equal(whole.Out, merged.Out);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(parts[0]));
        Assert.Equal(world == "embedded", doc.RootElement.GetProperty("world").GetProperty("embedded").GetBoolean());
    }

    [Fact]
    public void Seven_shards_of_one_batch_each_merge_to_the_unsharded_text_and_csv()
    {
        using var dir = new TempDir();
        string[] args = ["compare", "kaesong-quick-hit", "pyongyang-declaration-2018", "--runs", "7000", "--seed", "5"];
        var wholeCsv = Path.Combine(dir.Path, "whole-csv");
        var whole = CliRun.Of([.. args, "--csv", wholeCsv]);
        var files = Shards(dir, args, 7);
        var mergedCsv = Path.Combine(dir.Path, "merged-csv");

        var merged = CliRun.Of(["merge", .. files, "--csv", mergedCsv]);

        Assert.True(merged.Exit == 0, merged.Err);
        Assert.Equal(whole.Out.Replace(wholeCsv, "DIR", StringComparison.Ordinal), merged.Out.Replace(mergedCsv, "DIR", StringComparison.Ordinal));
        foreach (var csv in new[] { "summary.csv", "steps.csv", "paths.csv", "differences.csv" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(wholeCsv, csv)), File.ReadAllBytes(Path.Combine(mergedCsv, csv)));
    }

    [Fact]
    public void A_partial_file_is_self_describing_and_its_doubles_read_back_to_the_same_bits()
    {
        using var dir = new TempDir();
        var partial = Shards(dir, ["simulate", "relief-only", "--runs", "1500", "--seed", "3"], 1)[0];
        using var doc = JsonDocument.Parse(File.ReadAllBytes(partial));
        var root = doc.RootElement;

        Assert.Equal("statecraft-partial", root.GetProperty("format").GetString());
        Assert.Equal(3, root.GetProperty("format_version").GetInt32());
        Assert.Equal("simulate", root.GetProperty("command").GetString());
        Assert.Equal(3UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal(0, root.GetProperty("shard").GetProperty("first_batch").GetInt32());
        Assert.Equal(2, root.GetProperty("shard").GetProperty("end_batch").GetInt32());
        var strategy = root.GetProperty("strategies")[0];
        var text = strategy.GetProperty("scenario_text").GetString()!;
        Assert.Equal(File.ReadAllText(Repository.PathOf("scenarios/relief-only.yaml")), text);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))), strategy.GetProperty("scenario_sha256").GetString());

        // Naming no world, the shard was played in the baseline world, whose file it carries.
        var world = root.GetProperty("world");
        Assert.False(world.GetProperty("embedded").GetBoolean());
        var file = Assert.Single(world.GetProperty("files").EnumerateArray().ToList());
        Assert.Equal("baseline-2018", file.GetProperty("name").GetString());
        Assert.Equal("worlds/baseline-2018.yaml", file.GetProperty("path").GetString());
        Assert.Equal(File.ReadAllText(Repository.PathOf("scenarios/worlds/baseline-2018.yaml")), file.GetProperty("world_text").GetString());
        Assert.Equal(Statecraft.Store.StoredScenario.Sha256Of(file.GetProperty("world_text").GetString()!), file.GetProperty("world_sha256").GetString());

        // Doubles go through Utf8JsonWriter's shortest round-trip form: random bit patterns (every
        // exponent, subnormals, the extremes) read back to the same bits.
        var exact = strategy.GetProperty("summary").GetProperty("end")[0].GetProperty("exact");
        Assert.Equal(1500, exact.GetArrayLength());
        var random = new Random(1);
        var doubles = Enumerable.Range(0, 2000).Select(_ => BitConverter.Int64BitsToDouble(random.NextInt64())).Where(double.IsFinite)
            .Concat([double.Epsilon, double.MaxValue, -double.MinValue, 0.1, 1e-300, 5e-324]).ToArray();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var d in doubles) w.WriteNumberValue(d);
            w.WriteEndArray();
        }

        using var back = JsonDocument.Parse(buffer.WrittenMemory);
        Assert.Equal(doubles.Select(BitConverter.DoubleToInt64Bits), back.RootElement.EnumerateArray().Select(e => BitConverter.DoubleToInt64Bits(e.GetDouble())));
    }

    private CliRun MergeWith(TempDir dir, int replace, Func<string, string> edit, out string edited)
    {
        var files = new List<string>(good.Files);
        edited = Path.Combine(dir.Path, $"edited-{replace + 1}.json");
        File.WriteAllText(edited, edit(File.ReadAllText(files[replace])));
        files[replace] = edited;
        return CliRun.Of(["merge", .. files]);
    }

    private static void AssertRefused(CliRun run, params string[] fragments)
    {
        Assert.Equal(2, run.Exit);
        Assert.False(run.ShowsStackTrace, run.Err);
        Assert.Equal(string.Empty, run.Out);
        foreach (var f in fragments) Assert.Contains(f, run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_good_shards_do_merge()
    {
        var run = CliRun.Of(["merge", .. good.Files]);

        Assert.True(run.Exit == 0, run.Err);
        Assert.Contains("2,100 trajectories per strategy, seed 20", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shard_with_another_seed_is_refused_naming_both_files_and_seeds()
    {
        using var dir = new TempDir();
        var other = Path.Combine(dir.Path, "seed-7.json");
        Assert.Equal(0, CliRun.Of("compare", "relief-only", "kaesong-quick-hit", "--runs", "2100", "--seed", "7", "--shard", "2/3", "--partial", other).Exit);

        var run = CliRun.Of("merge", good.Files[0], other, good.Files[2]);

        AssertRefused(run, "seed-7.json has seed 7", "good-1.json has seed 20");
    }

    [Fact]
    public void A_shard_of_another_scenario_text_is_refused()
    {
        using var dir = new TempDir();
        var yaml = Path.Combine(dir.Path, "kaesong-quick-hit.yaml");
        File.WriteAllText(yaml, File.ReadAllText(Repository.PathOf("scenarios/kaesong-quick-hit.yaml")) + "\n# an edit\n");
        var other = Path.Combine(dir.Path, "edited-scenario.json");
        Assert.Equal(0, CliRun.Of("compare", "relief-only", yaml, "--runs", "2100", "--seed", "20", "--shard", "3/3", "--partial", other).Exit);

        var run = CliRun.Of("merge", good.Files[0], good.Files[1], other);

        AssertRefused(run, "edited-scenario.json", "different scenario texts for strategy 2");
    }

    [Fact]
    public void Shards_played_in_different_worlds_are_refused_naming_both_worlds()
    {
        using var dir = new TempDir();
        var lax = Path.Combine(dir.Path, "china-lax.json");
        Assert.Equal(0, CliRun.Of("compare", "relief-only", "kaesong-quick-hit", "--runs", "2100", "--seed", "20", "--world", "china-lax", "--shard", "2/3", "--partial", lax).Exit);

        AssertRefused(CliRun.Of("merge", good.Files[0], lax, good.Files[2]),
            "china-lax.json was played in world 'china-lax' (worlds/china-lax.yaml", "good-1.json in world 'baseline-2018' (worlds/baseline-2018.yaml", "the same world (--world)");

        // A world file of the same name but other beliefs is another world: its text's hash tells them apart.
        var own = dir.Write("baseline-2018.yaml", Statecraft.Scenarios.ShippedWorlds.FindFile("baseline-2018")!.Text.Replace("alpha: 7", "alpha: 6", StringComparison.Ordinal));
        var edited = Path.Combine(dir.Path, "own-baseline.json");
        Assert.Equal(0, CliRun.Of("compare", "relief-only", "kaesong-quick-hit", "--runs", "2100", "--seed", "20", "--world", own, "--shard", "3/3", "--partial", edited).Exit);
        AssertRefused(CliRun.Of("merge", good.Files[0], good.Files[1], edited), "own-baseline.json was played in world 'baseline-2018' (" + own);
    }

    [Fact]
    public void A_scenario_text_edited_inside_the_partial_file_is_refused_by_its_hash()
    {
        using var dir = new TempDir();
        var run = MergeWith(dir, 1, t => t.Replace("\"scenario_text\": \"", "\"scenario_text\": \"# edited\\n", StringComparison.Ordinal), out _);

        AssertRefused(run, "edited-2.json", "does not match its scenario_sha256");
    }

    [Theory]
    [InlineData("\"format_version\": 3,", "\"format_version\": 2,", "format_version 2; this statecraft reads version 3")]
    [InlineData("\"embedded\": false,", "\"embedded\": true,", "lists a world although the shard was played in each file's own beliefs")]
    [InlineData("\"embedded\": false,", "\"embedded\": \"no\",", "world.embedded is not true or false")]
    [InlineData("\"world_text\": \"", "\"world_text\": \"# edited\\n", "the world text does not match its world_sha256")]
    [InlineData("\"tool_version\": \"", "\"tool_version\": \"9.9.9-other+", "written by statecraft 9.9.9-other+")]
    [InlineData("\"runs\": 2100,", "\"runs\": 2200,", "has runs 2200, ")]
    [InlineData("\"hanoi_ratio\": 0.5,", "\"hanoi_ratio\": 0.6,", "has hanoi_ratio = 0.6")]
    [InlineData("\"format\": \"statecraft-partial\"", "\"format\": \"something-else\"", "no \"format\": \"statecraft-partial\"")]
    [InlineData("\"trajectories\": 1024,", "\"trajectories\": -3,", "trajectories is negative")]
    public void An_edited_header_or_state_is_refused_naming_the_file_and_what_differs(string find, string replace, string message)
    {
        using var dir = new TempDir();
        var run = MergeWith(dir, 1, t =>
        {
            Assert.Contains(find, t, StringComparison.Ordinal);
            var at = t.IndexOf(find, StringComparison.Ordinal);
            return string.Concat(t.AsSpan(0, at), replace, t.AsSpan(at + find.Length));
        }, out _);

        AssertRefused(run, "edited-2.json", message);
    }

    [Fact]
    public void A_missing_or_repeated_shard_is_refused()
    {
        var files = good.Files;

        AssertRefused(CliRun.Of("merge", files[0], files[2]), "shard 2 of 3 is missing", "good-1.json = shard 1", "good-3.json = shard 3");
        AssertRefused(CliRun.Of("merge", files[0], files[1], files[1], files[2]), "good-2.json and", "are both shard 2 of 3");
    }

    [Fact]
    public void A_truncated_file_is_refused_with_its_json_position_and_a_file_that_is_not_a_partial_too()
    {
        using var dir = new TempDir();
        var run = MergeWith(dir, 2, t => t[..(t.Length / 2)], out _);
        AssertRefused(run, "edited-3.json", "invalid JSON at line ");
        Assert.Matches(new Regex(@"line \d+, byte \d+"), run.Err);

        var json = dir.Write("output.json", CliRun.Of("simulate", "relief-only", "--runs", "10", "--json").Out);
        AssertRefused(CliRun.Of("merge", json), "output.json", "no \"format\": \"statecraft-partial\"");
        AssertRefused(CliRun.Of("merge", dir.Write("empty.json", "")), "empty.json", "invalid JSON");
        AssertRefused(CliRun.Of("merge", Path.Combine(dir.Path, "absent.json")), "absent.json", "no such file");
    }

    [Fact]
    public void An_existing_partial_file_is_never_overwritten()
    {
        using var dir = new TempDir();
        var file = dir.Write("taken.json", "keep me");

        var run = CliRun.Of("simulate", "relief-only", "--runs", "100", "--shard", "1/1", "--partial", file);

        AssertRefused(run, "taken.json exists", "nothing was overwritten");
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Theory]
    [InlineData(new[] { "--shard", "1/2" }, "--shard K/N and --partial FILE go together")]
    [InlineData(new[] { "--partial", "p.json" }, "--shard K/N and --partial FILE go together")]
    [InlineData(new[] { "--shard", "0/2", "--partial", "p.json" }, "K must be 1 to N")]
    [InlineData(new[] { "--shard", "3/2", "--partial", "p.json" }, "K must be 1 to N")]
    [InlineData(new[] { "--shard", "two", "--partial", "p.json" }, "--shard takes K/N")]
    [InlineData(new[] { "--shard", "1/4", "--partial", "p.json" }, "3,000 trajectories are 3 batches of 1024, so at most 3 shards")]
    [InlineData(new[] { "--shard", "1/2", "--partial", "p.json", "--json" }, "--json cannot be used with --shard")]
    [InlineData(new[] { "--shard", "1/2", "--partial", "p.json", "--csv", "out" }, "--csv cannot be used with --shard")]
    [InlineData(new[] { "--shard", "1/2", "--partial", "p.json", "--trace", "3" }, "--trace cannot be used with --shard")]
    public void Bad_shard_options_get_a_clear_message_and_exit_2(string[] options, string message)
    {
        using var dir = new TempDir();
        var args = new List<string> { "simulate", "relief-only", "--runs", "3000" };
        args.AddRange(options.Select(o => o == "p.json" || o == "out" ? Path.Combine(dir.Path, o) : o));

        AssertRefused(CliRun.Of([.. args]), message);
        Assert.False(File.Exists(Path.Combine(dir.Path, "p.json")));
    }

    /// <summary>
    /// Three real processes of the built command (the statecraft.dll beside the tests), each writing its
    /// shard into a temporary folder, then a merge: byte for byte the single-process JSON.
    /// </summary>
    [Fact]
    public void Three_shard_processes_and_a_merge_reproduce_the_single_process_json()
    {
        using var dir = new TempDir();
        string[] args = ["compare", "relief-only", "delury-engagement", "--runs", "3000", "--seed", "11"];
        var processes = Enumerable.Range(1, 3)
            .Select(k => Start([.. args, "--shard", $"{k}/3", "--partial", Path.Combine(dir.Path, $"p{k}.json")], dir.Path)).ToList();
        foreach (var p in processes) Finish(p);

        var merged = Finish(Start(["merge", "p1.json", "p2.json", "p3.json", "--json"], dir.Path));
        var single = Finish(Start([.. args, "--json"], dir.Path));

        Assert.Equal(single, merged);
        Assert.Equal(CliRun.Of([.. args, "--json"]).Out, merged);
    }

    /// <summary>
    /// A shard played with no hardware vectors at all (as on a machine without AVX; the runtime falls back to
    /// scalar code for every vector operation) merges with shards played with them into the single-process
    /// result: the economy's arithmetic gives the same bits either way.
    /// </summary>
    [Fact]
    public void A_shard_without_hardware_vectors_merges_with_shards_that_had_them()
    {
        using var dir = new TempDir();
        string[] args = ["compare", "maximum-pressure", "cnas-conditional-development", "--runs", "2048", "--seed", "5"];
        var plain = Start([.. args, "--shard", "1/2", "--partial", Path.Combine(dir.Path, "p1.json")], dir.Path, ("DOTNET_EnableHWIntrinsic", "0"));
        var vector = Start([.. args, "--shard", "2/2", "--partial", Path.Combine(dir.Path, "p2.json")], dir.Path);
        Finish(plain);
        Finish(vector);

        var merged = Finish(Start(["merge", "p1.json", "p2.json", "--json"], dir.Path));
        Assert.Equal(CliRun.Of([.. args, "--json"]).Out, merged);
    }

    private static Process Start(string[] args, string workingDirectory, params (string Name, string Value)[] environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "statecraft.dll");
        Assert.True(File.Exists(dll), $"{dll} not found beside the tests");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove("STATECRAFT_DEBUG");
        foreach (var (name, value) in environment) info.Environment[name] = value;
        return Process.Start(info)!;
    }

    private static string Finish(Process p)
    {
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            Assert.True(p.WaitForExit(60_000), "a statecraft process did not finish in a minute");
            Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}: {stderr}");
            return stdout.Result;
        }
    }
}
