using System.Text.Json;

namespace Statecraft.Tests.Cli;

/// <summary>What users see from simulate and compare: tables, JSON, CSV, traces and clear errors.</summary>
public sealed class SimulateCommandTests
{
    [Theory]
    [InlineData("--runs", "abc", "is not a whole number")]
    [InlineData("--runs", "1,5", "is not a whole number")]
    [InlineData("--seed", "-3", "is not a whole number from 0")]
    [InlineData("--threads", "2.5", "is not a whole number")]
    public void Malformed_numbers_get_a_plain_message(string option, string value, string message)
    {
        var run = CliRun.Of("simulate", "relief-only", option, value);
        Assert.Equal(2, run.Exit);
        Assert.Contains($"{option} '{value}' {message}", run.Err);
        Assert.DoesNotContain("System.", run.Err);
    }

    [Fact]
    public void Simulate_json_has_the_documented_outcomes()
    {
        var run = CliRun.Of("simulate", "relief-only", "--runs", "400", "--json");

        Assert.Equal(0, run.Exit);
        var strategy = JsonDocument.Parse(run.Out).RootElement.GetProperty("strategies")[0];
        Assert.Equal("Relief only (step-by-step sanctions relief)", strategy.GetProperty("name").GetString());
        var o = strategy.GetProperty("outcomes");
        foreach (var p in new[] { "p_complete", "p_breakdown" })
            Assert.InRange(o.GetProperty(p).GetDouble(), 0.0, 1.0);
        var highest = o.GetProperty("highest_step").EnumerateArray().Sum(s => s.GetProperty("p").GetDouble());
        Assert.Equal(1.0, highest, 9);
        foreach (var m in new[] { "gdp_index", "household_income_index", "regime_revenue_busd", "china_share_pct", "inclusiveness", "reform_index" })
        {
            var d = o.GetProperty(m);
            Assert.True(d.GetProperty("p05").GetDouble() <= d.GetProperty("p50").GetDouble() && d.GetProperty("p50").GetDouble() <= d.GetProperty("p95").GetDouble(), m);
            Assert.True(d.TryGetProperty("mean", out _), m);
        }

        var paths = o.GetProperty("paths").EnumerateArray().ToList();
        Assert.Equal(40, paths.Count);
        Assert.Equal("2018Q4", paths[0].GetProperty("quarter").GetString());
        Assert.All(paths, p => Assert.True(p.GetProperty("gdp_index").GetProperty("p05").GetDouble() <= p.GetProperty("gdp_index").GetProperty("p95").GetDouble()));
        Assert.All(o.GetProperty("time_to_step").EnumerateArray(), s => Assert.InRange(s.GetProperty("p_reached").GetDouble(), 0.0, 1.0));
    }

    [Fact]
    public void Compare_writes_csv_that_loads_as_rectangular_tables_and_never_overwrites()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("compare", "relief-only", "delury-engagement", "--runs", "300", "--csv", dir.Path);

        Assert.Equal(0, run.Exit);
        Assert.Contains("Paired differences against relief-only", run.Out, StringComparison.Ordinal);
        foreach (var file in new[] { "summary.csv", "steps.csv", "paths.csv", "differences.csv" })
        {
            var lines = File.ReadAllLines(Path.Combine(dir.Path, file));
            var columns = lines[0].Split(',').Length;
            Assert.All(lines, l => Assert.Equal(columns, l.Split(',').Length));
            Assert.True(lines.Length > 2, file);
        }

        // One row per quarter of each strategy's own horizon (relief-only 40, delury-engagement 32).
        var paths = File.ReadAllLines(Path.Combine(dir.Path, "paths.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(40, paths.Count(p => p[0] == "relief-only"));
        Assert.Equal(32, paths.Count(p => p[0] == "delury-engagement"));
        Assert.Equal("2018Q4", paths.First(p => p[0] == "delury-engagement")[1]);
        Assert.All(File.ReadAllLines(Path.Combine(dir.Path, "differences.csv")).Skip(1), l => Assert.StartsWith("delury-engagement,relief-only,", l, StringComparison.Ordinal));

        var before = File.ReadAllText(Path.Combine(dir.Path, "summary.csv"));
        var again = CliRun.Of("compare", "relief-only", "delury-engagement", "--runs", "50", "--csv", dir.Path);
        Assert.Equal(2, again.Exit);
        Assert.Contains("exists", again.Err, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(dir.Path, "summary.csv")));
    }

    [Fact]
    public void Trace_prints_the_draws_every_quarter_and_the_outcome()
    {
        var run = CliRun.Of("simulate", "cnas-conditional-development", "--trace", "3", "--runs", "10");

        Assert.Equal(0, run.Exit);
        Assert.Contains("draw: type ", run.Out, StringComparison.Ordinal);
        Assert.Contains("draw: china_enforcement = ", run.Out, StringComparison.Ordinal);
        Assert.Contains("2018Q4 (quarter 0)", run.Out, StringComparison.Ordinal);
        Assert.Contains("2028Q3 (quarter 39)", run.Out, StringComparison.Ordinal);
        Assert.Contains("outcome: highest step", run.Out, StringComparison.Ordinal);
        // The same trajectory traced twice reads the same.
        Assert.Equal(run.Out, CliRun.Of("simulate", "cnas-conditional-development", "--trace", "3", "--runs", "10").Out);
    }

    [Theory]
    [InlineData(new[] { "simulate", "relief-only", "--runs", "0" }, "--runs must be 1 to")]
    [InlineData(new[] { "simulate", "relief-only", "--threads", "0" }, "--threads must be 1 to 1024")]
    [InlineData(new[] { "simulate", "relief-only", "--set", "detection.intrusive_inspektion=0.3" }, "did you mean 'detection.intrusive_inspection'")]
    [InlineData(new[] { "simulate", "relief-only", "--set", "hanoi_ratio=5" }, "outside its range [0.3, 0.9]")]
    [InlineData(new[] { "simulate", "relief-only", "--set", "hanoi_ratio" }, "--set takes NAME=VALUE")]
    [InlineData(new[] { "simulate", "relief-only", "--set", "hanoi_ratio=abc" }, "is not a number")]
    [InlineData(new[] { "simulate", "relief-only", "--trace", "10", "--runs", "10" }, "choose 0 to 9")]
    [InlineData(new[] { "simulate", "relief-only", "delury-engagement" }, "use 'statecraft compare")]
    [InlineData(new[] { "compare", "relief-only" }, "at least two scenarios")]
    [InlineData(new[] { "simulate", "no-such-scenario.yaml" }, "no-such-scenario.yaml")]
    public void Bad_input_gets_a_clear_message_and_exit_2(string[] args, string message)
    {
        var run = CliRun.Of(args);

        Assert.Equal(2, run.Exit);
        Assert.Contains(message, run.Err, StringComparison.Ordinal);
        Assert.False(run.ShowsStackTrace);
    }

    [Fact]
    public void An_invalid_scenario_is_reported_at_its_line_and_column()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "bad.yaml");
        File.WriteAllText(file, File.ReadAllText(Repository.PathOf("scenarios/relief-only.yaml")).Replace("step: yongbyon_shutdown", "step: yongbyon_shutdwn", StringComparison.Ordinal));

        var run = CliRun.Of("simulate", file, "--runs", "10");

        Assert.Equal(2, run.Exit);
        Assert.Matches(@"bad\.yaml:\d+:\d+: error: .*yongbyon_shutdwn", run.Err);
    }

    [Fact]
    public void Set_changes_the_game_and_is_reported_in_the_json()
    {
        var baseline = JsonDocument.Parse(CliRun.Of("simulate", "relief-only", "--runs", "300", "--json").Out).RootElement;
        var changed = JsonDocument.Parse(CliRun.Of("simulate", "relief-only", "--runs", "300", "--json", "--set", "hanoi_ratio=0.3").Out).RootElement;

        Assert.Equal(0.5, baseline.GetProperty("game_assumptions").GetProperty("hanoi_ratio").GetDouble());
        Assert.Equal(0.3, changed.GetProperty("game_assumptions").GetProperty("hanoi_ratio").GetDouble());
        // Cheaper steps: the North goes at least as far up the ladder on the same draws.
        double Steps(JsonElement e) => e.GetProperty("strategies")[0].GetProperty("outcomes").GetProperty("highest_step").EnumerateArray()
            .Select((s, i) => i * s.GetProperty("p").GetDouble()).Sum();
        Assert.True(Steps(changed) > Steps(baseline));
    }
}
