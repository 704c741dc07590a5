using System.Text.Json.Nodes;
using Statecraft.Data;

namespace Statecraft.Tests.Cli;

public class OptimizeCommandTests
{
    /// <summary>A small budget on a short roadmap keeps the command's tests quick.</summary>
    internal const string Small = """
        name: Small roadmap for optimize
        start: 2018Q4
        horizon_quarters: 8
        roadmap:
          phases:
            - name: Freeze
              steps: [test_moratorium]
              incentives:
                - id: aid
                  kind: humanitarian_aid
                  amount_musd_per_year: 200
            - name: Sohae
              steps: [dismantle_launch_pad]
              incentives:
                - id: coal
                  kind: sanctions_relief
                  measures: [UNSC-2371-8]
                  route: suspension
        """;

    [Fact]
    public void Written_roadmaps_validate_pass_the_check_and_carry_their_scores_and_changes()
    {
        using var dir = new TempDir();
        var file = dir.Write("small.yaml", Small);
        var folder = Path.Combine(dir.Path, "out");
        var run = CliRun.Of("optimize", file, "--objective", "gdp_index + 10*p_complete", "--budget", "20000", "--top", "2", "--out", folder, "--threads", "2");
        Assert.True(run.Exit == 0, run.Err);
        Assert.Contains("vs original", run.Out);
        var best = Directory.GetFiles(folder, "best-*.yaml").Order().ToList();
        Assert.NotEmpty(best);
        foreach (var b in best)
        {
            var text = File.ReadAllText(b);
            Assert.StartsWith("# Written by 'statecraft optimize' from " + file, text);
            Assert.Contains("Changes from the original", text);
            var check = CliRun.Of("check", b);
            Assert.True(check.Exit == 0, check.Out + check.Err);
        }

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "optimize.json")))!;
        Assert.Equal(best.Count, json["best"]!.AsArray().Count);
        Assert.True(json["spent"]!.GetValue<long>() <= 20000);
        var first = json["best"]![0]!;
        Assert.NotEmpty(first["changes"]!.AsArray());
        // Every figure says how many confirmation trajectories it is over: all of them for a chance, at most all for inclusiveness.
        var confirmed = json["settings"]!["confirm_runs"]!.GetValue<long>();
        Assert.Equal(confirmed, first["outcomes"]!["p_complete"]!["n"]!.GetValue<long>());
        Assert.InRange(first["outcomes"]!["inclusiveness"]!["n"]!.GetValue<long>(), 0, confirmed);
        Assert.Contains($"(n={first["outcomes"]!["inclusiveness"]!["n"]!.GetValue<long>()})", run.Out, StringComparison.Ordinal);
        // The difference from the original is on the same confirmation draws: exactly the two objectives' difference.
        Assert.Equal(
            first["objective"]!["value"]!.GetValue<double>() - json["original"]!["objective"]!["value"]!.GetValue<double>(),
            first["versus_original"]!["value"]!.GetValue<double>(), 9);

        // candidates.csv has one row per candidate evaluated, the original first.
        var csv = CsvTable.Parse(File.ReadAllText(Path.Combine(folder, "candidates.csv")), "candidates.csv");
        Assert.Equal(json["candidates_evaluated"]!.GetValue<int>() + 1, csv.Rows.Count);
        Assert.True(File.Exists(Path.Combine(folder, "README.txt")));
    }

    [Fact]
    public void The_same_seed_gives_the_same_files_whatever_the_thread_count()
    {
        using var dir = new TempDir();
        var file = dir.Write("small.yaml", Small);
        string Best(string threads)
        {
            var folder = Path.Combine(dir.Path, "out" + threads);
            var run = CliRun.Of("optimize", file, "--budget", "8000", "--top", "1", "--out", folder, "--threads", threads, "--json");
            Assert.True(run.Exit == 0, run.Err);
            return run.Out + File.ReadAllText(Path.Combine(folder, "candidates.csv"));
        }

        Assert.Equal(Best("1"), Best("2"));
    }

    [Theory]
    [InlineData("--objective", "p_completed", "the objective names 'p_completed', which is not an outcome; did you mean 'p_complete'?")]
    [InlineData("--objective", "p_complete +", "cannot read the objective")]
    [InlineData("--subject-to", "inclusiveness>0.4", "cannot read the bound 'inclusiveness>0.4'")]
    [InlineData("--budget", "10", "--budget must be 2,000 to 1,000,000,000")]
    [InlineData("--budget", "lots", "--budget 'lots' is not a whole number")]
    [InlineData("--top", "0", "--top must be 1 to 20")]
    [InlineData("--set", "nonsense=1", "no game assumption 'nonsense'")]
    public void Bad_options_are_refused_with_a_clear_message_and_exit_2(string option, string value, string message)
    {
        var run = CliRun.Of("optimize", "delury-engagement", option, value);
        Assert.Equal(2, run.Exit);
        Assert.Contains(message, run.Err);
        Assert.False(run.ShowsStackTrace);
    }

    [Fact]
    public void A_folder_that_is_not_empty_is_refused_and_left_as_it_was()
    {
        using var dir = new TempDir();
        var kept = dir.Write("notes.txt", "mine");
        var run = CliRun.Of("optimize", "delury-engagement", "--out", dir.Path, "--budget", "2000");
        Assert.Equal(2, run.Exit);
        Assert.Contains("statecraft optimize: error:", run.Err);
        Assert.Contains("is not empty", run.Err);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
        Assert.Equal("mine", File.ReadAllText(kept));
    }

    [Fact]
    public void A_missing_or_invalid_file_is_a_clear_error()
    {
        var missing = CliRun.Of("optimize", "no-such-file.yaml");
        Assert.Equal(2, missing.Exit);
        Assert.Contains("no-such-file.yaml", missing.Err);
        using var dir = new TempDir();
        var bad = CliRun.Of("optimize", dir.Write("bad.yaml", "name: x\nstart: 2018Q4\n"));
        Assert.Equal(2, bad.Exit);
        Assert.Contains("error", bad.Err);
        Assert.False(bad.ShowsStackTrace);
    }

    [Fact]
    public void Help_names_every_option_and_the_outcomes()
    {
        var run = CliRun.Of("optimize", "--help");
        Assert.Equal(0, run.Exit);
        foreach (var option in new[] { "--objective", "--subject-to", "--budget", "--out", "--json", "--seed", "--threads", "--top", "--set" }) Assert.Contains(option, run.Out);
        Assert.Contains("inclusiveness", run.Out);
    }

    [Fact]
    public void A_budget_too_small_for_a_first_round_says_so_and_lists_no_unplayed_candidate()
    {
        using var dir = new TempDir();
        var folder = Path.Combine(dir.Path, "out");
        var run = CliRun.Of("optimize", "relief-only", "--budget", "2000", "--out", folder);
        Assert.True(run.Exit == 0, run.Err);
        Assert.Contains("too few for a first round of 16", run.Out);
        Assert.Contains("raise --budget", run.Out);
        Assert.DoesNotContain("validates and passes the check", run.Out);
        Assert.DoesNotContain("statecraft compare", run.Out);
        Assert.Empty(Directory.GetFiles(folder, "best-*.yaml"));
        // Only the original, which played its confirmation but no race: no made-up estimate.
        var csv = File.ReadAllLines(Path.Combine(folder, "candidates.csv"));
        Assert.Equal(2, csv.Length);
        Assert.EndsWith(",,,,", csv[1]);
    }
}
