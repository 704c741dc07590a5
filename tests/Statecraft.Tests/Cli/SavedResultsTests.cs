using System.Text.Json;
using Statecraft.Tests.Reports;

namespace Statecraft.Tests.Cli;

/// <summary>The output folder of simulate, compare, run and merge: where it goes, what it holds, that nothing is overwritten.</summary>
public sealed class SavedResultsTests
{
    [Fact]
    public void Simulate_saves_into_a_new_numbered_folder_each_time_and_prints_what_it_printed_before()
    {
        using var root = new TempDir();
        string[] args = ["simulate", "relief-only", "--runs", "200", "--seed", "5"];

        var first = CliRun.In(root.Path, args);
        var second = CliRun.In(root.Path, args);

        Assert.True(first.Exit == 0, first.Err);
        Assert.Equal(0, second.Exit);
        Assert.Equal(first.Out, second.Out);
        Assert.DoesNotContain("statecraft-results", first.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("report.html", first.Out, StringComparison.Ordinal);
        foreach (var n in new[] { "001", "002" })
        {
            var folder = Path.Combine(root.Path, $"simulate-{n}");
            Assert.Equal(
                ["differences.csv", "paths.csv", "report.html", "simulate.json", "steps.csv", "summary.csv"],
                Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        }

        Assert.Contains(Path.Combine(root.Path, "simulate-001"), first.Err, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(root.Path, "simulate-002"), second.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_with_out_saves_the_json_it_prints_and_a_report_whose_comparison_is_that_json()
    {
        using var dir = new TempDir();
        var folder = Path.Combine(dir.Path, "out");

        var run = CliRun.Of("compare", "maximum-pressure", "relief-only", "cnas-conditional-development", "--runs", "300", "--json", "--out", folder);

        Assert.True(run.Exit == 0, run.Err);
        Assert.Equal(run.Out, File.ReadAllText(Path.Combine(folder, "compare.json")));
        using var printed = JsonDocument.Parse(run.Out);
        var rows = ReportFixture.Values(ReportFixture.Specs(File.ReadAllText(Path.Combine(folder, "report.html")))["comparison"]);
        var strategies = printed.RootElement.GetProperty("strategies").EnumerateArray().ToList();
        var compared = 0;
        foreach (var strategy in strategies.Skip(1))
        {
            foreach (var difference in strategy.GetProperty("differences").EnumerateObject().Where(p => p.Name != "reference"))
            {
                var row = rows.Single(r => r.GetProperty("strategy").GetString() == strategy.GetProperty("name").GetString() && r.GetProperty("key").GetString() == difference.Name);
                Assert.Equal(strategies[0].GetProperty("name").GetString(), row.GetProperty("reference").GetString());
                foreach (var (json, report) in new[] { ("mean", "mean"), ("ci95_low", "low"), ("ci95_high", "high"), ("n", "n") })
                {
                    var expected = difference.Value.GetProperty(json);
                    if (expected.ValueKind == JsonValueKind.Null) Assert.Equal(JsonValueKind.Null, row.GetProperty(report).ValueKind);
                    else Assert.Equal(expected.GetDouble(), row.GetProperty(report).GetDouble());
                }

                compared++;
            }
        }

        Assert.Equal(rows.Count, compared);
        // Two strategies against the reference, each on p_complete, p_breakdown, p_stalled, highest_step and the seven outcomes.
        Assert.Equal(2 * 11, compared);
    }

    [Fact]
    public void A_folder_that_is_not_empty_is_refused_before_the_run_and_left_as_it_was()
    {
        using var dir = new TempDir();
        var kept = dir.Write("notes.txt", "mine");

        foreach (var args in new[] { new[] { "simulate", "relief-only" }, ["compare", "relief-only", "maximum-pressure"] })
        {
            var run = CliRun.Of([.. args, "--runs", "100", "--out", dir.Path]);

            Assert.Equal(2, run.Exit);
            Assert.Contains("is not empty; choose a new folder with --out (nothing was overwritten)", run.Err, StringComparison.Ordinal);
            Assert.Equal("", run.Out);
        }

        Assert.Equal([kept], Directory.GetFileSystemEntries(dir.Path));
        Assert.Equal("mine", File.ReadAllText(kept));
    }

    [Fact]
    public void Trace_and_shard_save_no_folder_and_refuse_out()
    {
        using var root = new TempDir();

        var trace = CliRun.In(root.Path, "simulate", "relief-only", "--runs", "10", "--trace", "3");
        var shard = CliRun.In(root.Path, "compare", "relief-only", "maximum-pressure", "--runs", "2048", "--shard", "1/2", "--partial", Path.Combine(root.Path, "part-1.json"));
        var traceOut = CliRun.In(root.Path, "simulate", "relief-only", "--trace", "3", "--out", Path.Combine(root.Path, "x"));
        var shardOut = CliRun.In(root.Path, "simulate", "relief-only", "--runs", "2048", "--shard", "2/2", "--partial", Path.Combine(root.Path, "part-2.json"), "--out", Path.Combine(root.Path, "y"));

        Assert.Equal(0, trace.Exit);
        Assert.Equal(0, shard.Exit);
        Assert.Equal(2, traceOut.Exit);
        Assert.Contains("--out cannot be used with --trace", traceOut.Err, StringComparison.Ordinal);
        Assert.Equal(2, shardOut.Exit);
        Assert.Contains("--out cannot be used with --shard", shardOut.Err, StringComparison.Ordinal);
        Assert.Equal([Path.Combine(root.Path, "part-1.json")], Directory.GetFileSystemEntries(root.Path));
    }

    /// <summary>The merged shards give the unsharded report's figures, the per-quarter household income included (it travels in the partial files).</summary>
    [Fact]
    public void Merged_shards_save_the_report_the_unsharded_compare_saves()
    {
        using var dir = new TempDir();
        string[] args = ["compare", "kaesong-quick-hit", "relief-only", "--runs", "3000", "--seed", "9"];
        var whole = CliRun.Of([.. args, "--out", Path.Combine(dir.Path, "whole")]);
        var parts = Enumerable.Range(1, 3).Select(k => Path.Combine(dir.Path, $"part-{k}.json")).ToList();
        for (var k = 1; k <= 3; k++) Assert.Equal(0, CliRun.Of([.. args, "--shard", $"{k}/3", "--partial", parts[k - 1]]).Exit);

        var merged = CliRun.Of(["merge", .. parts, "--out", Path.Combine(dir.Path, "merged")]);

        Assert.True(whole.Exit == 0, whole.Err);
        Assert.True(merged.Exit == 0, merged.Err);
        var a = ReportFixture.Specs(File.ReadAllText(Path.Combine(dir.Path, "whole", "report.html")));
        var b = ReportFixture.Specs(File.ReadAllText(Path.Combine(dir.Path, "merged", "report.html")));
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var id in a.Keys) Assert.Equal(a[id].GetRawText(), b[id].GetRawText());
        Assert.Equal(
            File.ReadAllText(Path.Combine(dir.Path, "whole", "compare.json")),
            File.ReadAllText(Path.Combine(dir.Path, "merged", "merge.json")));
    }

    [Theory]
    [InlineData("run")]
    [InlineData("simulate")]
    [InlineData("compare")]
    [InlineData("merge")]
    public void Help_names_the_out_folder_and_the_report(string command)
    {
        var help = CliRun.Of(command, "--help");

        Assert.Equal(0, help.Exit);
        Assert.Contains("--out", help.Out, StringComparison.Ordinal);
        Assert.Contains("report.html", help.Out, StringComparison.Ordinal);
        if (command != "merge") Assert.Contains($"statecraft-results/{command}-NNN", help.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_saves_a_folder_only_when_out_is_given()
    {
        using var dir = new TempDir();
        var part = Path.Combine(dir.Path, "part-1.json");
        Assert.Equal(0, CliRun.Of("simulate", "relief-only", "--runs", "500", "--shard", "1/1", "--partial", part).Exit);
        using var root = new TempDir();

        var merged = CliRun.In(root.Path, "merge", part);

        Assert.Equal(0, merged.Exit);
        Assert.Empty(Directory.GetFileSystemEntries(root.Path));
        Assert.Equal(2, CliRun.Of("merge", part, "--out", dir.Path).Exit);
    }
}
