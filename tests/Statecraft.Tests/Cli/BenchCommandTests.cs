using System.Text.Json;

namespace Statecraft.Tests.Cli;

/// <summary>
/// <c>statecraft bench</c> on a tiny run: what it reports is consistent with the workload it says it measured
/// (not a timing test: speed is checked by running the command, docs/performance.md).
/// </summary>
public sealed class BenchCommandTests
{
    [Fact]
    public void A_small_bench_reports_a_consistent_measurement()
    {
        var run = CliRun.Of("bench", "--runs", "1024", "--repeat", "1", "--memory-trajectories", "6000", "--json");
        Assert.Equal(0, run.Exit);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(6, root.GetProperty("strategies").GetInt32());
        var timings = root.GetProperty("timings").EnumerateArray().ToList();
        Assert.Equal(Environment.ProcessorCount > 1 ? 2 : 1, timings.Count);
        Assert.Equal(1, timings[0].GetProperty("threads").GetInt32());
        foreach (var t in timings)
        {
            // 1,024 draws, each played by the six strategies, whose horizons add up to 196 quarters.
            Assert.Equal(6 * 1024, t.GetProperty("trajectories").GetInt64());
            Assert.Equal(196 * 1024, t.GetProperty("trajectory_quarters").GetInt64());
            var seconds = t.GetProperty("median_seconds").GetDouble();
            Assert.True(seconds > 0);
            Assert.Equal(196 * 1024 / seconds, t.GetProperty("trajectory_quarters_per_second").GetDouble(), 6);
        }

        // Allocation is reported per trajectory (its steady-state zero is checked directly by MonteCarloAllocationTests;
        // a run this short still grows the totals' summaries, which stop growing at 2,048 values).
        Assert.True(root.GetProperty("bytes_per_trajectory").GetDouble() > 0);
        Assert.True(double.IsFinite(root.GetProperty("marginal_bytes_per_trajectory").GetDouble()));
        // 6,000 trajectories requested: 1,000 draws of the six strategies.
        Assert.Equal(6000, root.GetProperty("memory_trajectories").GetInt64());
        Assert.True(root.GetProperty("peak_memory_bytes").GetInt64() > 10 * 1024 * 1024);
    }

    [Theory]
    [InlineData("--runs", "abc")]
    [InlineData("--runs", "0")]
    [InlineData("--repeat", "0")]
    [InlineData("--memory-trajectories", "-1")]
    public void Bad_settings_are_refused_with_a_message(string option, string value)
    {
        var run = CliRun.Of("bench", option, value);
        Assert.Equal(2, run.Exit);
        Assert.Contains(option, run.Err);
        Assert.False(run.ShowsStackTrace);
    }
}
