using System.Text.Json;

namespace Statecraft.Tests.Cli;

public class RobustnessCompareTests
{
    [Fact]
    public void Compare_under_the_shipped_priors_reports_regret_in_json_and_a_tidy_csv()
    {
        using var dir = new TempDir();
        var folder = Path.Combine(dir.Path, "out");
        var run = CliRun.Of("compare", "relief-only", "maximum-pressure", "--assumption-sets", "priors-2018", "--objective", "highest_step", "--runs", "400", "--json", "--out", folder, "--no-store");
        Assert.True(run.Exit == 0, run.Err);

        var json = JsonDocument.Parse(run.Out).RootElement;
        var robustness = json.GetProperty("robustness");
        Assert.Equal("highest_step", robustness.GetProperty("objective").GetString());
        string[] sets = ["reformer-leaning", "even", "staller-leaning"];
        Assert.Equal(sets, robustness.GetProperty("sets").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        var strategies = robustness.GetProperty("strategies").EnumerateArray().ToList();
        Assert.Equal(2, strategies.Count);
        foreach (var set in robustness.GetProperty("sets").EnumerateArray())
        {
            var name = set.GetProperty("name").GetString()!;
            var best = strategies.Single(s => s.GetProperty("name").GetString() == set.GetProperty("best").GetString());
            Assert.Equal(0, best.GetProperty("regret").GetProperty(name).GetDouble());
            foreach (var s in strategies)
            {
                // Regret is the best's objective minus the strategy's, as the same document reports them.
                var regret = s.GetProperty("regret").GetProperty(name).GetDouble();
                Assert.True(regret >= 0);
                Assert.Equal(set.GetProperty("best_objective").GetDouble() - s.GetProperty("objective").GetProperty(name).GetDouble(), regret, 12);
            }
        }

        foreach (var s in strategies) Assert.True(s.GetProperty("max_regret").GetDouble() >= s.GetProperty("mean_regret").GetDouble());
        // Each set's full comparison is there, with the set's prior in its type shares.
        Assert.Equal(sets, json.GetProperty("comparisons").EnumerateArray().Select(c => c.GetProperty("world").GetString()));

        var csv = File.ReadAllLines(Path.Combine(folder, "robustness.csv"));
        Assert.Equal("world,strategy,objective,regret,low,high,meets_bounds", csv[0]);
        Assert.Equal(1 + (3 * 2), csv.Length);
        Assert.All(csv.Skip(1), line => Assert.Equal(7, line.Split(',').Length));
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "compare.json")), run.Out);
        foreach (var set in sets) Assert.True(File.Exists(Path.Combine(folder, set, "summary.csv")));
    }

    [Fact]
    public void A_mistake_in_a_sets_file_is_reported_at_its_line_and_column()
    {
        using var dir = new TempDir();
        var file = dir.Write("sets.yaml", "format: statecraft-assumption-sets/1\nsets:\n  strict:\n    game:\n      walkout_trst: 0.3\n");
        var run = CliRun.Of("compare", "relief-only", "maximum-pressure", "--assumption-sets", file, "--runs", "10", "--no-store");
        Assert.Equal(2, run.Exit);
        Assert.Contains("sets.yaml:5:7: error: unknown game assumption 'walkout_trst'", run.Err, StringComparison.Ordinal);
        Assert.Contains("did you mean 'walkout_trust'?", run.Err, StringComparison.Ordinal);
        Assert.False(run.ShowsStackTrace);
    }

    [Theory]
    [InlineData(new[] { "--objective", "gdp_index" }, "--objective needs --worlds A,B,... or --assumption-sets")]
    [InlineData(new[] { "--subject-to", "p_breakdown<=0.5" }, "--subject-to needs --worlds A,B,... or --assumption-sets")]
    [InlineData(new[] { "--assumption-sets", "priors-2019" }, "did you mean 'priors-2018'?")]
    [InlineData(new[] { "--assumption-sets", "priors-2018", "--objective", "gdp_indx" }, "did you mean 'gdp_index'?")]
    [InlineData(new[] { "--assumption-sets", "priors-2018", "--shard", "1/2", "--partial", "p.json" }, "cannot be used with --shard")]
    public void Bad_robustness_options_get_a_clear_message_and_exit_2(string[] options, string message)
    {
        var run = CliRun.Of([.. new[] { "compare", "relief-only", "maximum-pressure", "--runs", "10", "--no-store" }, .. options]);
        Assert.Equal(2, run.Exit);
        Assert.Contains(message, run.Err, StringComparison.Ordinal);
        Assert.False(run.ShowsStackTrace);
    }

    [Fact]
    public void A_game_assumption_given_by_both_set_and_a_set_is_refused()
    {
        using var dir = new TempDir();
        var file = dir.Write("sets.yaml", "format: statecraft-assumption-sets/1\nsets:\n  strict:\n    game:\n      walkout_trust: 0.3\n");
        var run = CliRun.Of("compare", "relief-only", "maximum-pressure", "--assumption-sets", file, "--set", "walkout_trust=0.2", "--runs", "10", "--no-store");
        Assert.Equal(2, run.Exit);
        Assert.Contains("sets.yaml:5:7: error: set 'strict' gives walkout_trust, which --set also gives", run.Err, StringComparison.Ordinal);
    }
}
