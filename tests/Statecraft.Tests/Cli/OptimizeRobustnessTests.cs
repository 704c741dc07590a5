using System.Text.Json.Nodes;

namespace Statecraft.Tests.Cli;

/// <summary><c>optimize --assumption-sets</c>: the search over the sets' mean, and the regret of the results under each set.</summary>
public class OptimizeRobustnessTests
{
    /// <summary>The short two-phase roadmap of the optimize command's tests.</summary>
    private const string Small = OptimizeCommandTests.Small;

    [Fact]
    public void The_results_carry_a_regret_table_over_the_sets_whose_mean_is_the_objective_searched_for()
    {
        using var dir = new TempDir();
        var file = dir.Write("small.yaml", Small);
        var folder = Path.Combine(dir.Path, "out");
        var run = CliRun.Of("optimize", file, "--objective", "highest_step", "--assumption-sets", "priors-2018", "--budget", "12000", "--top", "2", "--out", folder);
        Assert.True(run.Exit == 0, run.Err);
        Assert.Contains("Under each assumption set alone", run.Out);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "optimize.json")))!;
        var sets = json["assumption_sets"]!["sets"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.Equal(["reformer-leaning", "even", "staller-leaning"], sets);
        var strategies = json["robustness"]!["strategies"]!.AsArray();
        var best = json["best"]!.AsArray();
        Assert.Equal(best.Count + 1, strategies.Count);

        // highest_step is defined on every trajectory, so the objective the search saw (each trajectory's mean over the
        // sets) averages to the mean of the sets' own figures on the same confirmation draws.
        double Searched(JsonNode entry) => entry["objective"]!["value"]!.GetValue<double>();
        double MeanOverSets(string name) => strategies.Single(s => s!["name"]!.GetValue<string>() == name)!["objective"]!.AsObject()
            .Select(p => p.Value!.GetValue<double>()).Average();
        Assert.Equal(Searched(json["original"]!), MeanOverSets("original"), 12);
        for (var k = 0; k < best.Count; k++) Assert.Equal(Searched(best[k]!), MeanOverSets($"best-{k + 1}.yaml"), 12);

        // Regret: 0 for each set's best, never negative, and the largest at least the mean.
        foreach (var s in strategies)
        {
            var regrets = s!["regret"]!.AsObject().Select(p => p.Value!.GetValue<double>()).ToList();
            Assert.All(regrets, r => Assert.True(r >= 0));
            Assert.True(s["max_regret"]!.GetValue<double>() >= s["mean_regret"]!.GetValue<double>());
        }

        foreach (var set in sets)
            Assert.Contains(strategies, s => s!["regret"]![set]!.GetValue<double>() == 0);

        // robustness.csv: a row per set and roadmap.
        var csv = File.ReadAllLines(Path.Combine(folder, "robustness.csv"));
        Assert.Equal("world,strategy,objective,regret,low,high,meets_bounds", csv[0]);
        Assert.Equal(1 + (3 * (best.Count + 1)), csv.Length);
        foreach (var b in Directory.GetFiles(folder, "best-*.yaml"))
        {
            var check = CliRun.Of("check", b);
            Assert.True(check.Exit == 0, check.Out + check.Err);
            Assert.Contains("averaged over the assumption sets reformer-leaning, even, staller-leaning", File.ReadAllText(b));
        }
    }

    [Fact]
    public void Sets_that_cannot_be_used_are_refused_before_anything_runs()
    {
        using var dir = new TempDir();
        var file = dir.Write("small.yaml", Small);
        var missing = CliRun.Of("optimize", file, "--assumption-sets", Path.Combine(dir.Path, "none.yaml"));
        Assert.Equal(2, missing.Exit);
        Assert.Contains("none.yaml", missing.Err);
        var sets = dir.Write("sets.yaml", """
            format: statecraft-assumption-sets/1
            sets:
              dear:
                game:
                  hanoi_ratio: 0.8
            """);
        var clash = CliRun.Of("optimize", file, "--assumption-sets", sets, "--set", "hanoi_ratio=0.4");
        Assert.Equal(2, clash.Exit);
        Assert.Contains("sets.yaml:5:", clash.Err);
        Assert.Contains("which --set also gives", clash.Err);
        Assert.False(clash.ShowsStackTrace);
        Assert.Empty(Directory.GetDirectories(dir.Path));
    }
}
