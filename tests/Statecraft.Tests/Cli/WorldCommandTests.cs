using System.Text.Json;

namespace Statecraft.Tests.Cli;

/// <summary>--world and --worlds on the command line, the matrix of run, and splitting an old single file.</summary>
public sealed class WorldCommandTests
{
    private static string OldForm(string name) => Repository.PathOf($"tests/Statecraft.Tests/Scenarios/old-form/{name}.yaml");

    [Fact]
    public void Simulate_names_the_baseline_world_by_default_and_another_with_world()
    {
        var baseline = CliRun.Of("simulate", "delury-engagement", "--runs", "300", "--json", "--no-store", "--out", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString()));
        var explicitBaseline = CliRun.Of("simulate", "delury-engagement", "--runs", "300", "--json", "--no-store", "--world", "baseline-2018", "--out", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString()));
        var lax = CliRun.Of("simulate", "delury-engagement", "--runs", "300", "--json", "--no-store", "--world", "china-lax", "--out", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString()));

        Assert.True(baseline.Exit == 0, baseline.Err);
        Assert.Equal(baseline.Out, explicitBaseline.Out);
        Assert.NotEqual(baseline.Out, lax.Out);
        // The roadmap file holds no beliefs, so it loads without the old-form warning.
        Assert.DoesNotContain("embeds beliefs", baseline.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_world_is_refused_with_the_valid_choices()
    {
        var run = CliRun.Of("compare", "relief-only", "maximum-pressure", "--world", "china-lox", "--no-store");

        Assert.Equal(2, run.Exit);
        Assert.Contains("unknown world 'china-lox'", run.Err, StringComparison.Ordinal);
        Assert.Contains("did you mean 'china-lax'?", run.Err, StringComparison.Ordinal);
        Assert.False(run.ShowsStackTrace);
    }

    [Fact]
    public void Comparing_old_files_under_their_own_differing_beliefs_is_refused_and_under_one_world_warns_at_each()
    {
        var refused = CliRun.Of("compare", OldForm("maximum-pressure"), OldForm("delury-engagement"), "--world", "embedded", "--runs", "100", "--no-store");
        Assert.Equal(2, refused.Exit);
        Assert.Contains("comparing them would pair beliefs, not strategies", refused.Err, StringComparison.Ordinal);

        using var dir = new TempDir();
        var paired = CliRun.Of("compare", OldForm("maximum-pressure"), OldForm("delury-engagement"), "--runs", "100", "--no-store", "--out", Path.Combine(dir.Path, "out"));
        Assert.True(paired.Exit == 0, paired.Err);
        Assert.Equal(2, paired.Err.Split('\n').Count(l => l.Contains(": warning: this file embeds beliefs about the world", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_split_old_file_plays_as_the_old_file_under_its_own_beliefs()
    {
        using var dir = new TempDir();
        var old = dir.Write("delury.yaml", File.ReadAllText(OldForm("delury-engagement")));

        var split = CliRun.Of("scenarios", "--split", old);
        Assert.True(split.Exit == 0, split.Err);
        var roadmap = Path.Combine(dir.Path, "delury.roadmap.yaml");
        var world = Path.Combine(dir.Path, "delury.world.yaml");
        Assert.Equal(0, CliRun.Of("validate", roadmap, world).Exit);

        var embedded = CliRun.Of("simulate", old, "--world", "embedded", "--runs", "400", "--json", "--no-store", "--out", Path.Combine(dir.Path, "a"));
        var played = CliRun.Of("simulate", roadmap, "--world", world, "--runs", "400", "--json", "--no-store", "--out", Path.Combine(dir.Path, "b"));
        Assert.True(played.Exit == 0, played.Err);
        // The same game on the same draws: only the file's path differs.
        Assert.Equal(embedded.Out.Replace("delury.yaml", "delury.roadmap.yaml", StringComparison.Ordinal), played.Out);

        // A second split refuses to overwrite what the first wrote.
        var again = CliRun.Of("scenarios", "--split", old);
        Assert.Equal(2, again.Exit);
        Assert.Contains("exists; nothing was written", again.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_prints_the_roadmaps_under_the_baseline_then_the_matrix_over_every_shipped_world()
    {
        using var dir = new TempDir();
        var folder = Path.Combine(dir.Path, "out");
        var run = CliRun.Of("run", "relief-only", "delury-engagement", "--runs", "200", "--no-store", "--out", folder);

        Assert.True(run.Exit == 0, run.Err);
        Assert.Contains("World: baseline-2018", run.Out, StringComparison.Ordinal);
        foreach (var w in new[] { "baseline-2018", "reformer-reading", "sceptic-reading", "china-lax", "china-strict" })
            Assert.Contains(w, run.Out[run.Out.IndexOf("The same roadmaps under each world", StringComparison.Ordinal)..], StringComparison.Ordinal);

        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "run.json"))).RootElement;
        Assert.Equal("baseline-2018", json.GetProperty("world").GetProperty("name").GetString());
        var matrix = json.GetProperty("matrix");
        Assert.Equal(5, matrix.GetProperty("worlds").GetProperty("worlds").GetArrayLength());
        // The matrix's baseline column is the main table: the same figure on the same draws.
        var main = json.GetProperty("strategies")[1].GetProperty("outcomes").GetProperty("p_complete").GetDouble();
        var column = matrix.GetProperty("robustness").GetProperty("strategies").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == json.GetProperty("strategies")[1].GetProperty("name").GetString())
            .GetProperty("objective").GetProperty("baseline-2018").GetDouble();
        Assert.Equal(main, column);
        Assert.Equal(1 + (5 * 2), File.ReadAllLines(Path.Combine(folder, "robustness.csv")).Length);
    }

    [Fact]
    public void Compare_with_worlds_gives_one_comparison_per_world_on_the_same_draws()
    {
        using var dir = new TempDir();
        var matrix = CliRun.Of("compare", "relief-only", "delury-engagement", "--worlds", "baseline-2018,china-strict", "--runs", "300", "--json", "--no-store", "--out", Path.Combine(dir.Path, "m"));
        var strict = CliRun.Of("compare", "relief-only", "delury-engagement", "--world", "china-strict", "--runs", "300", "--json", "--no-store", "--out", Path.Combine(dir.Path, "s"));
        Assert.True(matrix.Exit == 0, matrix.Err);

        var column = JsonDocument.Parse(matrix.Out).RootElement.GetProperty("comparisons")[1];
        Assert.Equal("china-strict", column.GetProperty("world").GetString());
        // That column is the comparison under china-strict alone, figure for figure.
        var alone = JsonDocument.Parse(strict.Out).RootElement;
        Assert.Equal(JsonSerializer.Serialize(alone.GetProperty("strategies")), JsonSerializer.Serialize(column.GetProperty("strategies")));
    }

    [Fact]
    public void Analyses_that_would_drop_a_worlds_economy_values_refuse_it_and_simulate_plays_them()
    {
        using var dir = new TempDir();
        var world = dir.Write("leaky.yaml", "format: statecraft-world/1\nname: leaky\neconomy:\n  leakage: 0.3\n");

        foreach (var args in new[] { new[] { "sensitivity", "relief-only" }, ["optimize", "relief-only"], ["compare", "relief-only", "maximum-pressure", "--assumption-sets", "priors-2018", "--no-store"] })
        {
            var run = CliRun.Of([.. args, "--world", world, "--out", Path.Combine(dir.Path, Guid.NewGuid().ToString())]);
            Assert.Equal(2, run.Exit);
            Assert.Contains("holds economy values (leakage)", run.Err, StringComparison.Ordinal);
        }

        var plain = CliRun.Of("simulate", "relief-only", "--runs", "200", "--json", "--no-store", "--out", Path.Combine(dir.Path, "a"));
        var leaky = CliRun.Of("simulate", "relief-only", "--runs", "200", "--json", "--no-store", "--world", world, "--out", Path.Combine(dir.Path, "b"));
        Assert.True(leaky.Exit == 0, leaky.Err);
        Assert.NotEqual(plain.Out, leaky.Out);
    }
}
