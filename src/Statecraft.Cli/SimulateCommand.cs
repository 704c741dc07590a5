using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Statecraft.Negotiation;
using Statecraft.Sanctions;
using Statecraft.Scenarios;
using Statecraft.Simulation;

namespace Statecraft.Cli;

/// <summary>
/// <c>statecraft simulate</c> and <c>statecraft compare</c>: the negotiation game played in lockstep
/// with the economy over many trajectories (docs/model.md, "Negotiation" and "Simulation").
/// </summary>
internal static class SimulateCommand
{
    /// <summary>Most trajectories accepted in one command (memory stays flat; this bounds the time).</summary>
    internal const int MaxRuns = 10_000_000;

    internal sealed record Options(int Runs, ulong Seed, int Threads, bool Json, string? CsvDir, long? Trace, IReadOnlyList<string> Set, string? Shard = null, string? Partial = null, string? Out = null, RunRecorder.Where? Record = null)
    {
        /// <summary>compare only: the assumption-sets file or shipped name that turns on the robustness view (docs/robustness.md).</summary>
        public string? AssumptionSets { get; init; }

        /// <summary>compare only, with <see cref="AssumptionSets"/>: the objective (default p_complete).</summary>
        public string? Objective { get; init; }

        /// <summary>compare only, with <see cref="AssumptionSets"/>: bounds on outcome figures.</summary>
        public IReadOnlyList<string> SubjectTo { get; init; } = [];

        /// <summary>The world every roadmap is played in (a shipped name, a file, or <c>embedded</c>); null: the baseline world.</summary>
        public string? World { get; init; }

        /// <summary>Worlds for the roadmap x world matrix, comma-separated (compare and run).</summary>
        public string? Worlds { get; init; }
    }

    /// <summary>A scenario as it was read: the path it is known by and its text, which a partial result stores so the merge needs no files.</summary>
    internal sealed record ScenarioSource(string Path, string Text);

    public static Command CreateSimulate(TextWriter stdout, TextWriter stderr, string resultsRoot) => Create("simulate",
        "Simulate one roadmap: the North's type and the scenario's uncertain assumptions drawn per trajectory, the negotiation " +
        "game played quarter by quarter with the economy. Prints the chance of each step, breakdowns and the economy at the horizon; " +
        "saves JSON, CSV and an HTML report.",
        false, stdout, stderr, resultsRoot);

    public static Command CreateCompare(TextWriter stdout, TextWriter stderr, string resultsRoot) => Create("compare",
        "Compare roadmaps on the same draws (common random numbers): every strategy plays trajectory i with the same type, " +
        "assumptions, weather and events, so differences against the first are paired, with 95% intervals; saves JSON, CSV and an HTML report.",
        true, stdout, stderr, resultsRoot);

    private static Command Create(string name, string description, bool many, TextWriter stdout, TextWriter stderr, string resultsRoot)
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = many ? "Two or more scenario files (or shipped scenario names); the first is the reference" : "A scenario file or shipped scenario name",
            Arity = ArgumentArity.OneOrMore,
        };
        var (runs, seed, threads, json, csv, set) = CommonOptions();
        var trace = new Option<long?>("--trace")
        {
            Description = "Print trajectory K's trace quarter by quarter (its draws, every event, the North's valuation and decision) instead of a summary.",
        };
        var shard = new Option<string?>("--shard")
        {
            HelpName = "K/N",
            Description = "Run only shard K of N (K/N, 1 <= K <= N <= the run's batches of 1024): its batches, written to --partial FILE; " +
                "'statecraft merge' combines the N partial files into exactly this command's unsharded output.",
        };
        var partial = new Option<string?>("--partial") { HelpName = "FILE", Description = "With --shard: the partial result file to write (never overwritten)." };
        var output = SavedResults.OutOption(name);
        output.Description += " Not with --shard or --trace, which save no folder.";
        var (store, noStore) = RunRecorder.Options();
        var (sets, objective, subjectTo) = RobustnessCompare.Options();
        var (world, worlds) = WorldOptions();
        var command = new Command(name, description) { files, runs, seed, threads, json, csv, output, set, world, shard, partial, store, noStore };
        if (!many) command.Options.Add(trace);
        if (many)
        {
            command.Options.Add(worlds);
            command.Options.Add(sets);
            command.Options.Add(objective);
            command.Options.Add(subjectTo);
        }

        command.SetAction(parse => Run(
            name,
            parse.GetValue(files) ?? [],
            new Options(parse.GetValue(runs), parse.GetValue(seed), parse.GetValue(threads), parse.GetValue(json), parse.GetValue(csv),
                many ? null : parse.GetValue(trace), parse.GetValue(set) ?? [], parse.GetValue(shard), parse.GetValue(partial), parse.GetValue(output), RunRecorder.From(parse, store, noStore))
            {
                AssumptionSets = many ? parse.GetValue(sets) : null,
                Objective = many ? parse.GetValue(objective) : null,
                SubjectTo = many ? parse.GetValue(subjectTo) ?? [] : [],
                World = parse.GetValue(world),
                Worlds = many ? parse.GetValue(worlds) : null,
            },
            stdout,
            stderr,
            resultsRoot));
        return command;
    }

    /// <summary>--world (every command that plays roadmaps) and --worlds (the matrix: compare and run).</summary>
    internal static (Option<string?> World, Option<string?> Worlds) WorldOptions() =>
    (
        new Option<string?>("--world")
        {
            HelpName = "NAME|FILE",
            Description = $"The world every roadmap is played in: a shipped world ({string.Join(", ", ShippedWorlds.All.Select(w => w.Id))}), a world file, " +
                $"or '{RunPlan.EmbeddedWorld}' (each old file's own beliefs; refused when they differ). Default {ShippedWorlds.BaselineName}.",
        },
        new Option<string?>("--worlds")
        {
            HelpName = "A,B,...",
            Description = "The roadmap x world matrix: every roadmap under each world (names or files, comma-separated) on the same draws, with each " +
                "roadmap's regret against the world's best (--objective, default p_complete); 'all' for every shipped world.",
        }
    );

    internal static (Option<int> Runs, Option<ulong> Seed, Option<int> Threads, Option<bool> Json, Option<string?> Csv, Option<string[]> Set) CommonOptions() =>
    (
        NumberOptions.Whole("--runs", $"Trajectories per strategy (default {SimulationSettings.DefaultRuns}).", SimulationSettings.DefaultRuns),
        NumberOptions.Natural("--seed", $"Master seed (default {SimulationSettings.DefaultSeed}); the same seed gives the same result for any --threads.", SimulationSettings.DefaultSeed),
        NumberOptions.Whole("--threads", "Worker threads (default: all cores). Results do not depend on it.", Environment.ProcessorCount),
        new Option<bool>("--json") { Description = "Print JSON: {\"strategies\": [{\"name\", \"outcomes\": {...}, \"differences\": {...}}], ...} (see docs/model.md, 'Output')." },
        new Option<string?>("--csv") { HelpName = "DIR", Description = "Also write summary.csv, steps.csv, paths.csv and differences.csv into DIR (created if missing; existing files are not overwritten)." },
        new Option<string[]>("--set") { Description = "Change a game assumption for this run, NAME=VALUE (repeatable); 'statecraft simulate --help' lists none, docs/model.md lists all.", AllowMultipleArgumentsPerToken = false }
    );

    internal static int Run(string command, IReadOnlyList<string> files, Options options, TextWriter stdout, TextWriter stderr, string resultsRoot = SavedResults.DefaultRoot)
    {
        if (ScenarioInput.RejectOptionLike(files, command, stderr)) return Program.BadInput;
        if (command == "simulate" && files.Count > 1)
        {
            stderr.WriteLine("statecraft simulate: error: give one scenario; to compare several on the same draws, use 'statecraft compare FILE FILE...'.");
            return Program.BadInput;
        }

        if (command == "compare" && files.Count < 2)
        {
            stderr.WriteLine("statecraft compare: error: give at least two scenarios (the first is the reference); to simulate one, use 'statecraft simulate FILE'.");
            return Program.BadInput;
        }

        if ((options.Shard is null) != (options.Partial is null))
        {
            stderr.WriteLine($"statecraft {command}: error: --shard K/N and --partial FILE go together: a shard writes its part of the run to the partial file.");
            return Program.BadInput;
        }

        if (options.Shard is not null && options.Trace is not null)
        {
            stderr.WriteLine($"statecraft {command}: error: --trace cannot be used with --shard: a trace plays one trajectory alone; run it without --shard.");
            return Program.BadInput;
        }

        if (options.Shard is not null && (options.Json || options.CsvDir is not null))
        {
            var option = options.Json ? "--json" : "--csv DIR";
            stderr.WriteLine($"statecraft {command}: error: {option.Split(' ')[0]} cannot be used with --shard: a shard writes only its partial file; 'statecraft merge FILES... {option}' writes the output.");
            return Program.BadInput;
        }

        if (options.Out is not null && (options.Shard is not null || options.Trace is not null))
        {
            stderr.WriteLine($"statecraft {command}: error: --out cannot be used with {(options.Shard is null ? "--trace" : "--shard")}, which saves no folder.");
            return Program.BadInput;
        }

        if (options.AssumptionSets is not null || options.Worlds is not null || options.Objective is not null || options.SubjectTo.Count > 0)
            return RobustnessCompare.Run(command, files, options, stdout, stderr, resultsRoot);

        var sources = new List<ScenarioSource>();
        var worldSources = new List<ScenarioSource>();
        var games = PrepareRun(command, files, options, stderr, sources, worldSources)?.First.ToList();
        if (games is null) return Program.BadInput;
        var worlds = PlayedWorlds.Of(options, worldSources);
        if (options.Shard is { } shardText) return RunShard(command, games, sources, worlds, shardText, options.Partial!, options, stdout, stderr);
        if (options.Trace is { } k)
        {
            if (k < 0 || k >= options.Runs)
            {
                stderr.WriteLine($"statecraft {command}: error: --trace {k} is not a trajectory of this run; choose 0 to {options.Runs - 1}.");
                return Program.BadInput;
            }

            WriteTrace(games[0], options.Seed, k, stdout);
            return Program.Ok;
        }

        if (SavedResults.Choose(command, options.Out, resultsRoot, stderr) is not { } folder) return Program.BadInput;
        var settings = new SimulationSettings(options.Runs, options.Seed, options.Threads);
        var recorder = RunRecorder.Begin(options.Record, command, settings, options.Set, sources, worlds, stderr);
        var result = MonteCarlo.Run(games, settings, Progress(command, options.Runs * games.Count, games.Count, stderr));
        var code = Emit(command, result, options, stdout, stderr, folder);
        if (code == Program.Ok) recorder?.Complete(SimulationOutput.ToJson(result), result, folder, stderr);
        else recorder?.Abandon();
        return code;
    }

    /// <summary>Loads, validates and compiles the scenarios under the first world of the run (--world), applying --set; null (after printing why) when something is wrong.</summary>
    internal static List<CompiledGame>? Prepare(string command, IReadOnlyList<string> files, Options options, TextWriter stderr, List<ScenarioSource>? sources = null) =>
        PrepareRun(command, files, options, stderr, sources) is { } run ? [.. run.First] : null;

    /// <summary>
    /// The run's plan from the command line (the roadmaps, --world or --worlds, --set) prepared by <see cref="RunPlan.Prepare"/>,
    /// the one library operation every front end uses; null after printing every problem, located. The texts read are added to
    /// <paramref name="sources"/> (roadmaps) and <paramref name="worlds"/> (world files) for shards and the run store.
    /// </summary>
    internal static PreparedRun? PrepareRun(string command, IReadOnlyList<string> files, Options options, TextWriter stderr, List<ScenarioSource>? sources = null, List<ScenarioSource>? worlds = null)
    {
        if (options.Runs is < 1 or > MaxRuns)
        {
            stderr.WriteLine($"statecraft {command}: error: --runs must be 1 to {MaxRuns:N0}, not {options.Runs}.");
            return null;
        }

        if (options.Threads is < 1 or > 1024)
        {
            stderr.WriteLine($"statecraft {command}: error: --threads must be 1 to 1024, not {options.Threads}.");
            return null;
        }

        if (Plan(command, files, options, stderr) is not { } plan) return null;
        var prepared = plan.Prepare(Catalog.Korea);
        Report(command, prepared.Diagnostics, stderr);
        if (prepared.Run is not { } run)
        {
            stderr.WriteLine($"statecraft {command}: some inputs are invalid; fix the errors above (statecraft validate FILE).");
            return null;
        }

        sources?.AddRange(plan.Roadmaps.Select(r => new ScenarioSource(r.Path, r.Text)));
        worlds?.AddRange(plan.Worlds.Select(w => new ScenarioSource(w.Path, w.Text)));
        return run;
    }

    /// <summary>
    /// False (after saying why) when the run's world holds economy values and <paramref name="what"/> compiles its variants on
    /// the default calibration, which would drop them silently.
    /// </summary>
    internal static bool PlaysEconomyValues(string command, PreparedRun run, string what, TextWriter stderr)
    {
        if (run.Worlds[0].Economy.IsEmpty) return true;
        stderr.WriteLine($"statecraft {command}: error: world '{run.Worlds[0].Id}' holds economy values ({string.Join(", ", run.Worlds[0].Economy.Select(v => v.Name))}), " +
            $"which {what} does not play yet (its variants use the default calibration); remove them from the world, or use simulate or compare, which play them.");
        return false;
    }

    /// <summary>The plan the command line asks for: each FILE read (or a shipped roadmap), each world read (or a shipped world); null after printing why not.</summary>
    internal static RunPlan? Plan(string command, IReadOnlyList<string> files, Options options, TextWriter stderr)
    {
        if (options.World is not null && options.Worlds is not null)
        {
            stderr.WriteLine($"statecraft {command}: error: give --world NAME|FILE (one world) or --worlds A,B,... (the roadmap x world matrix), not both.");
            return null;
        }

        var roadmaps = new List<InputText>();
        var problems = new List<Documents.Diagnostic>();
        foreach (var f in files)
        {
            if (RunPlan.RoadmapText(f, out var problem) is { } text) roadmaps.Add(text);
            else problems.Add(problem!);
        }

        var names = options.Worlds is { } list ? WorldList(list) : options.World is { } one ? [one.Trim()] : [];
        if (options.Worlds is not null && names.Length == 0)
        {
            stderr.WriteLine($"statecraft {command}: error: --worlds takes a comma-separated list of world names or files, such as {string.Join(",", ShippedWorlds.All.Select(w => w.Id))}.");
            return null;
        }

        var embedded = names.Contains(RunPlan.EmbeddedWorld);
        if (embedded && names.Length > 1)
        {
            stderr.WriteLine($"statecraft {command}: error: --worlds: '{RunPlan.EmbeddedWorld}' (each file's own beliefs) cannot be a column of the matrix; use it alone, with --world {RunPlan.EmbeddedWorld}.");
            return null;
        }

        var worlds = new List<InputText>();
        foreach (var name in names.Where(n => n != RunPlan.EmbeddedWorld))
        {
            if (RunPlan.WorldText(name, out var problem) is { } text) worlds.Add(text);
            else problems.Add(problem!);
        }

        if (problems.Count > 0)
        {
            foreach (var p in problems) stderr.WriteLine(p);
            stderr.WriteLine($"statecraft {command}: some inputs cannot be read; fix the errors above.");
            return null;
        }

        return new RunPlan([.. roadmaps], [.. worlds], [.. options.Set]) { Embedded = embedded };
    }

    /// <summary>The worlds of <c>--worlds</c>: its comma-separated names or files, or every shipped world for <c>all</c>.</summary>
    internal static string[] WorldList(string worlds) => worlds.Trim() == "all"
        ? [.. ShippedWorlds.All.Select(w => w.Id)]
        : worlds.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Prints diagnostics: a file's located, a command-line option's (--set) as the command's own error.</summary>
    internal static void Report(string command, IEnumerable<Documents.Diagnostic> diagnostics, TextWriter stderr)
    {
        foreach (var d in diagnostics)
        {
            if (d.Location == GameAssumptions.SetOption) stderr.WriteLine($"statecraft {command}: {(d.Severity == Documents.Severity.Error ? "error" : "warning")}: {d.Message}");
            else stderr.WriteLine(d);
        }
    }

    /// <summary>Runs shard K of N and writes its partial result; no summary (the merge prints it).</summary>
    private static int RunShard(string command, List<CompiledGame> games, List<ScenarioSource> sources, PlayedWorlds worlds, string shardText, string partial, Options options, TextWriter stdout, TextWriter stderr)
    {
        var batches = BatchRange.BatchesIn(options.Runs);
        var match = System.Text.RegularExpressions.Regex.Match(shardText, @"^\s*(\d{1,9})\s*/\s*(\d{1,9})\s*$");
        if (!match.Success)
        {
            stderr.WriteLine($"statecraft {command}: error: --shard takes K/N (shard K of N, 1 <= K <= N), not '{shardText}'.");
            return Program.BadInput;
        }

        var index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var count = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (count < 1 || index < 1 || index > count)
        {
            stderr.WriteLine($"statecraft {command}: error: --shard {shardText}: K must be 1 to N and N at least 1.");
            return Program.BadInput;
        }

        if (count > batches)
        {
            stderr.WriteLine($"statecraft {command}: error: --shard {shardText}: {options.Runs:N0} trajectories are {batches} batch{(batches == 1 ? "" : "es")} of {SimulationSettings.BatchSize}, so at most {batches} shard{(batches == 1 ? "" : "s")}.");
            return Program.BadInput;
        }

        if (File.Exists(partial) || Directory.Exists(partial))
        {
            stderr.WriteLine($"statecraft {command}: error: {partial} exists; choose a new file for --partial (nothing was overwritten).");
            return Program.BadInput;
        }

        var range = BatchRange.Shard(options.Runs, index, count);
        var settings = new SimulationSettings(options.Runs, options.Seed, options.Threads);
        var runsInShard = (int)(Math.Min(options.Runs, (long)range.End * SimulationSettings.BatchSize) - ((long)range.First * SimulationSettings.BatchSize));
        var result = MonteCarlo.Run(games, settings, Progress(command, (long)runsInShard * games.Count, games.Count, stderr), range);
        var bytes = PartialResult.Write(command, result, new PartialResult.ShardInfo(index, count, range), options.Set, sources, worlds);
        try
        {
            using var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write);
            file.Write(bytes);
        }
        catch (IOException) when (File.Exists(partial))
        {
            stderr.WriteLine($"statecraft {command}: error: {partial} exists; choose a new file for --partial (nothing was overwritten).");
            return Program.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            stderr.WriteLine($"statecraft {command}: error: cannot write the partial file {partial}: {e.Message}");
            return Program.BadInput;
        }

        var first = (long)range.First * SimulationSettings.BatchSize;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Shard {index} of {count} (batches {range.First} to {range.End - 1} of {batches}, trajectories {first} to {first + runsInShard - 1}) written to {partial}; combine all {count} with 'statecraft merge FILES...'."));
        return Program.Ok;
    }

    internal static int Emit(string command, SimulationResult result, Options options, TextWriter stdout, TextWriter stderr, string? folder)
    {
        if (options.CsvDir is { } dir && !SimulationOutput.WriteCsv(result, dir, stderr, command)) return Program.BadInput;
        if (folder is not null && !SavedResults.Save(command, result, folder, stderr)) return Program.BadInput;
        if (options.Json) Json.Write(stdout, SimulationOutput.ToJson(result));
        else SimulationOutput.WriteText(result, stdout);
        if (options.CsvDir is { } written && !options.Json) stdout.WriteLine($"CSV written to {written}");
        return Program.Ok;
    }

    /// <summary>A progress bar on a terminal for runs long enough to need one; nothing when stderr is a file, a pipe or a test.</summary>
    internal static Action<long>? Progress(string command, long trajectories, int strategies, TextWriter stderr)
    {
        if (!ReferenceEquals(stderr, Console.Error) || Console.IsErrorRedirected || trajectories < 20_000) return null;
        var started = System.Diagnostics.Stopwatch.StartNew();
        return done =>
        {
            var total = trajectories / strategies;
            const int width = 30;
            var filled = (int)(done * width / Math.Max(1, total));
            var rate = done * strategies / Math.Max(0.001, started.Elapsed.TotalSeconds);
            stderr.Write($"\r{command}: [{new string('#', filled)}{new string('.', width - filled)}] {done:N0}/{total:N0} trajectories, {rate:N0}/s");
            if (done >= total) stderr.WriteLine();
        };
    }

    private static void WriteTrace(CompiledGame g, ulong seed, long k, TextWriter stdout)
    {
        var sink = new TextTrace(stdout);
        stdout.WriteLine($"Trace of trajectory {k} of {g.Scenario.Name} (seed {seed}); docs/model.md explains every line.");
        var w = new GameWorkspace(g);
        var stream = MonteCarlo.TrajectoryStream(seed, k);
        var draw = MonteCarlo.Draw(g, stream, w);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"draw: type {Documents.YamlName.Of(draw.Type)}, valuation error {draw.PersistentNoise:+0.00;-0.00} log points, willing to cheat: {(draw.CheatWilling ? "yes" : "no")}, accepts reform: {(draw.ReformWilling ? "yes" : "no")}"));
        for (var i = 0; i < g.Assumptions.Length; i++)
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"draw: {g.Assumptions[i].Name} = {w.Assumptions[i]:G6} {g.Assumptions[i].Unit}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"anchor: the Hanoi package is worth {g.HanoiPackageValueMusd:F0} USD m/yr to a hedger at the start; Yongbyon's security cost for this type: {g.YongbyonCostMusd * g.Game.SecurityMultiplier[(int)draw.Type]:F0} USD m/yr"));
        NegotiationGame.Play(g, draw, MonteCarlo.GameStream(stream), w, sink);
        var o = w.Outcome;
        stdout.WriteLine();
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"outcome: highest step {(o.HighestStep < 0 ? "none" : Documents.YamlName.Of((Step)o.HighestStep))}, complete and honest: {(o.CompleteHonest ? "yes" : "no")}, " +
            $"breakdown: {(o.BreakdownQuarter >= 0 ? $"{g.Start.Plus(o.BreakdownQuarter)} ({NegotiationGame.Name(o.Cause)})" : o.StallQuarter >= 0 ? $"none, stalled from {g.Start.Plus(o.StallQuarter)}" : "none")}, " +
            $"GDP {o.GdpIndex:F1}, household income {o.HouseholdIncomeIndex:F1} (2018 = 100), regime revenue {o.RegimeRevenueBusd:F2} USD bn, " +
            $"China share {o.ChinaSharePct:F1}%, inclusiveness {(double.IsNaN(o.Inclusiveness) ? "n/a" : o.Inclusiveness.ToString("F2", CultureInfo.InvariantCulture))} " +
            $"(gains: households {o.HouseholdGainMusd:F0}, regime {o.RegimeGainMusd:F0} USD m/yr), reform {o.ReformIndex:F3}, leverage {o.LeveragePct:F0}% (final year)"));
    }

    private static string Num(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private sealed class TextTrace(TextWriter o) : ITraceSink
    {
        public void Quarter(int q, Quarter calendar) => o.WriteLine($"{calendar} (quarter {q})");

        public void Event(string text) => o.WriteLine($"  {text}");
    }
}
