using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Statecraft.Negotiation;
using Statecraft.Simulation;

namespace Statecraft.Cli;

/// <summary>
/// <c>statecraft bench</c>: a quick whole-engine measurement on the default workload (the six shipped
/// strategies of <c>statecraft run</c>, on the same draws): trajectory-quarters per second on one
/// thread and on every core, bytes allocated per trajectory, and the process's peak memory after a
/// run of a million trajectories. The BenchmarkDotNet suite in bench/ measures the parts in detail.
/// </summary>
internal static class BenchCommand
{
    /// <summary>What one configuration measured: wall times of the repetitions, in seconds.</summary>
    internal sealed record Timing(int Threads, long Trajectories, long TrajectoryQuarters, double[] Seconds)
    {
        public double MedianSeconds => Economy.Backcast.Percentile([.. Seconds.Order()], 0.5);

        public double QuartersPerSecond => TrajectoryQuarters / MedianSeconds;
    }

    internal sealed record Report(
        string Workload, int Strategies, int Cores, Timing[] Timings, double BytesPerTrajectory, double MarginalBytesPerTrajectory,
        long MemoryTrajectories, double MemorySeconds, long PeakBytes, string Machine);

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var runs = NumberOptions.Whole("--runs", "Draws per timed repetition; each draw is played by all six strategies.", 20_000);
        runs.HelpName = "N";
        var repeat = NumberOptions.Whole("--repeat", "Timed repetitions per thread count; the median is reported.", 5);
        repeat.HelpName = "R";
        var memory = NumberOptions.Whole("--memory-trajectories", "Trajectories (draws x strategies) in the run after which peak memory is read (0 skips it).", 1_000_000);
        memory.HelpName = "M";
        var json = new Option<bool>("--json") { Description = "Print the measurements as JSON." };
        var command = new Command(
            "bench",
            "Measure the engine on this machine: trajectory-quarters per second for the default comparison (the six shipped " +
            "strategies) with 1 thread and with every core, bytes allocated per trajectory, and peak memory after a million trajectories. " +
            "Takes about 45 seconds; docs/performance.md explains the figures.")
        {
            runs, repeat, memory, json,
        };
        command.SetAction(parse => Run(parse.GetValue(runs), parse.GetValue(repeat), parse.GetValue(memory), parse.GetValue(json), stdout, stderr));
        return command;
    }

    internal static int Run(int runs, int repeat, int memoryTrajectories, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (runs is < 1 or > SimulateCommand.MaxRuns)
        {
            stderr.WriteLine($"statecraft bench: error: --runs must be 1 to {SimulateCommand.MaxRuns:N0}, not {runs}.");
            return Program.BadInput;
        }

        if (repeat is < 1 or > 100)
        {
            stderr.WriteLine($"statecraft bench: error: --repeat must be 1 to 100, not {repeat}.");
            return Program.BadInput;
        }

        if (memoryTrajectories < 0 || memoryTrajectories > (long)SimulateCommand.MaxRuns * RunCommand.ShippedOrder.Length)
        {
            stderr.WriteLine($"statecraft bench: error: --memory-trajectories must be 0 to {(long)SimulateCommand.MaxRuns * RunCommand.ShippedOrder.Length:N0}, not {memoryTrajectories}.");
            return Program.BadInput;
        }

        var games = SimulateCommand.Prepare("bench", RunCommand.ShippedOrder, new SimulateCommand.Options(runs, SimulationSettings.DefaultSeed, 1, false, null, null, []), stderr);
        if (games is null) return Program.BadInput;
        var report = Measure(games, runs, repeat, memoryTrajectories, json ? null : stderr);
        if (json) Json.Write(stdout, ToJson(report));
        else Write(report, stdout);
        return Program.Ok;
    }

    internal static Report Measure(IReadOnlyList<Negotiation.CompiledGame> games, int runs, int repeat, long memoryTrajectories, TextWriter? log)
    {
        var cores = Environment.ProcessorCount;
        var quartersPerDraw = games.Sum(g => (long)g.Horizon);

        // Warm-up: every method reaches its optimised tier before anything is timed.
        var warmUp = Math.Min(runs, 4 * SimulationSettings.BatchSize);
        for (var i = 0; i < 3; i++) MonteCarlo.Run(games, new SimulationSettings(warmUp, SimulationSettings.DefaultSeed, 1));

        var timings = new List<Timing>();
        foreach (var threads in cores > 1 ? new[] { 1, cores } : [1])
        {
            var seconds = new double[repeat];
            for (var r = 0; r < repeat; r++)
            {
                var clock = Stopwatch.StartNew();
                MonteCarlo.Run(games, new SimulationSettings(runs, SimulationSettings.DefaultSeed, threads));
                seconds[r] = clock.Elapsed.TotalSeconds;
                log?.Write($"\rbench: {threads} thread(s), repetition {r + 1}/{repeat}: {seconds[r]:F3} s     ");
            }

            log?.WriteLine();
            timings.Add(new Timing(threads, (long)runs * games.Count, runs * quartersPerDraw, seconds));
        }

        // Allocation: all bytes of a whole run over its trajectories, and the marginal bytes of a
        // trajectory (the difference between two run lengths), which leaves out fixed set-up.
        var small = Allocated(games, runs);
        var large = Allocated(games, 2 * runs);
        var trajectories = (double)runs * games.Count;
        var bytesPerTrajectory = large / (2 * trajectories);
        var marginal = (large - small) / trajectories;

        double memorySeconds = 0;
        if (memoryTrajectories > 0)
        {
            var draws = (int)Math.Max(1, memoryTrajectories / games.Count);
            log?.WriteLine($"bench: {draws * (long)games.Count:N0} trajectories on {cores} thread(s) for peak memory");
            var clock = Stopwatch.StartNew();
            MonteCarlo.Run(games, new SimulationSettings(draws, SimulationSettings.DefaultSeed, cores));
            memorySeconds = clock.Elapsed.TotalSeconds;
            memoryTrajectories = draws * (long)games.Count;
        }

        return new Report(
            "the six shipped strategies of 'statecraft run', on the same draws, seed " + SimulationSettings.DefaultSeed.ToString(CultureInfo.InvariantCulture),
            games.Count, cores, [.. timings], bytesPerTrajectory, marginal, memoryTrajectories, memorySeconds, PeakBytes(), Machine());
    }

    private static long Allocated(IReadOnlyList<Negotiation.CompiledGame> games, int runs)
    {
        var before = GC.GetTotalAllocatedBytes(true);
        MonteCarlo.Run(games, new SimulationSettings(runs, SimulationSettings.DefaultSeed, 1));
        return GC.GetTotalAllocatedBytes(true) - before;
    }

    /// <summary>The process's peak resident memory: VmHWM on Linux, the runtime's peak working set elsewhere.</summary>
    internal static long PeakBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Process.GetCurrentProcess().PeakWorkingSet64;
    }

    private static string Machine()
    {
        var cpu = "unknown CPU";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return $"{cpu}, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    private static void Write(Report r, TextWriter o)
    {
        o.WriteLine($"Workload: {r.Workload}.");
        o.WriteLine($"Machine: {r.Machine}.");
        o.WriteLine();
        var table = new TextTable("threads", "trajectories", "median wall time", "trajectory-quarters per second", "repetitions");
        foreach (var t in r.Timings)
        {
            table.Add(
                t.Threads.ToString(CultureInfo.InvariantCulture),
                t.Trajectories.ToString("N0", CultureInfo.InvariantCulture),
                $"{t.MedianSeconds:F3} s",
                $"{t.QuartersPerSecond / 1e6:F2} million",
                string.Join(", ", t.Seconds.Select(s => s.ToString("F3", CultureInfo.InvariantCulture))));
        }

        table.Write(o);
        if (r.Timings.Length > 1)
            o.WriteLine($"Speed-up on {r.Timings[^1].Threads} threads: {r.Timings[^1].QuartersPerSecond / r.Timings[0].QuartersPerSecond:F2}x one thread.");
        // Rounded to the tenth shown, so noise of a few bytes over a run does not print as "-0.0".
        o.WriteLine($"Allocated: {r.BytesPerTrajectory:F1} bytes per trajectory over a whole run; {Math.Round(r.MarginalBytesPerTrajectory, 1) + 0.0:F1} per additional trajectory (steady state).");
        if (r.MemoryTrajectories > 0)
            o.WriteLine($"Peak memory: {r.PeakBytes / 1048576.0:F0} MB (resident high-water mark of this process) after {r.MemoryTrajectories:N0} trajectories in {r.MemorySeconds:F1} s.");
    }

    private static JsonObject ToJson(Report r) => new()
    {
        ["workload"] = r.Workload,
        ["machine"] = r.Machine,
        ["cores"] = r.Cores,
        ["strategies"] = r.Strategies,
        ["timings"] = Json.Array(r.Timings, t => new JsonObject
        {
            ["threads"] = t.Threads,
            ["trajectories"] = t.Trajectories,
            ["trajectory_quarters"] = t.TrajectoryQuarters,
            ["median_seconds"] = t.MedianSeconds,
            ["trajectory_quarters_per_second"] = t.QuartersPerSecond,
            ["seconds"] = Json.Numbers(t.Seconds),
        }),
        ["bytes_per_trajectory"] = r.BytesPerTrajectory,
        ["marginal_bytes_per_trajectory"] = r.MarginalBytesPerTrajectory,
        ["memory_trajectories"] = r.MemoryTrajectories,
        ["memory_seconds"] = r.MemorySeconds,
        ["peak_memory_bytes"] = r.PeakBytes,
    };
}
