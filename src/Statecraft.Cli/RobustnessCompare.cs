using System.Collections.Immutable;
using System.CommandLine;
using System.Text;
using Statecraft.Analysis;
using Statecraft.Negotiation;
using Statecraft.Simulation;

namespace Statecraft.Cli;

/// <summary>
/// <c>statecraft compare A B ... --assumption-sets FILE|NAME</c>: the comparison run under each named set of
/// assumptions on the same draws, with each strategy's regret against the set's best (docs/robustness.md).
/// Without <c>--assumption-sets</c> compare is untouched: this class is not reached.
/// </summary>
internal static class RobustnessCompare
{
    internal static (Option<string?> Sets, Option<string?> Objective, Option<string[]> SubjectTo) Options() =>
    (
        new Option<string?>("--assumption-sets")
        {
            HelpName = "FILE|NAME",
            Description = "Compare under each named set of assumptions in FILE (or a shipped file such as priors-2018), applied on top of the run's --world, on the same draws, and report each " +
                "strategy's regret: the set's best objective minus its own, with the largest and mean regret over the sets (docs/robustness.md). For whole worlds, use --worlds.",
        },
        new Option<string?>("--objective")
        {
            HelpName = "EXPR",
            Description = "With --worlds or --assumption-sets: what the roadmaps are judged by, a weighted sum of outcomes such as 'p_complete + 0.002*gdp_index' (default p_complete).",
        },
        new Option<string[]>("--subject-to")
        {
            HelpName = "BOUND",
            Description = "With --worlds or --assumption-sets: a bound a roadmap must meet to count in a world or set, NAME>=NUMBER or NAME<=NUMBER (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        }
    );

    internal static int Run(string command, IReadOnlyList<string> files, SimulateCommand.Options options, TextWriter stdout, TextWriter stderr, string resultsRoot)
    {
        if (options.AssumptionSets is null && options.Worlds is null)
        {
            var option = options.Objective is not null ? "--objective" : "--subject-to";
            stderr.WriteLine($"statecraft {command}: error: {option} needs --worlds A,B,... or --assumption-sets FILE|NAME: it says how the matrix ranks roadmaps (compare alone reports every outcome).");
            return Program.BadInput;
        }

        if (options.AssumptionSets is not null && options.Worlds is not null)
        {
            stderr.WriteLine($"statecraft {command}: error: give --worlds A,B,... (the roadmap x world matrix) or --assumption-sets FILE (sets applied to one --world), not both.");
            return Program.BadInput;
        }

        var matrix = options.Worlds is not null ? "--worlds" : "--assumption-sets";
        if (options.Shard is not null || options.Partial is not null)
        {
            stderr.WriteLine($"statecraft {command}: error: {matrix} cannot be used with --shard: run the matrix unsharded.");
            return Program.BadInput;
        }

        if (Objective.Parse(options.Objective, options.SubjectTo, out var problem) is not { } objective)
        {
            stderr.WriteLine($"statecraft {command}: error: {problem}.");
            return Program.BadInput;
        }

        AssumptionSetFile? sets = null;
        if (options.AssumptionSets is { } setsArgument && (sets = Read(command, setsArgument, stderr)) is null) return Program.BadInput;
        if (Matrix(command, files, options, sets, stderr) is not var (source, columns, games)) return Program.BadInput;

        if (SavedResults.Choose(command, options.Out, resultsRoot, stderr) is not { } folder) return Program.BadInput;
        if (options.Record is { Off: false })
            stderr.WriteLine($"statecraft {command}: note: a roadmap x world matrix is not recorded in the run store; its folder keeps the results.");
        var settings = new SimulationSettings(options.Runs, options.Seed, options.Threads);
        var result = Robustness.Evaluate(objective, source, columns, games, settings, Progress(command, stderr));

        if (options.CsvDir is { } dir && !WriteCsv(command, result, dir, stderr)) return Program.BadInput;
        if (!Save(command, result, folder, stderr)) return Program.BadInput;
        if (options.Json) Json.Write(stdout, RobustnessOutput.ToJson(result));
        else RobustnessOutput.WriteText(result, stdout);
        if (options.CsvDir is { } written && !options.Json) stdout.WriteLine($"CSV written to {written}");
        return Program.Ok;
    }

    /// <summary>
    /// The matrix's columns and games [column][roadmap]: one per world of --worlds, or, with <paramref name="sets"/>, one per
    /// assumption set applied on top of the run's world (--world, default the baseline); null after printing why not.
    /// </summary>
    internal static (string Source, ImmutableArray<WorldColumn> Columns, ImmutableArray<ImmutableArray<CompiledGame>> Games)? Matrix(
        string command, IReadOnlyList<string> files, SimulateCommand.Options options, AssumptionSetFile? sets, TextWriter stderr)
    {
        if (SimulateCommand.PrepareRun(command, files, options, stderr) is not { } run) return null;
        if (sets is null)
            return ($"worlds {string.Join(", ", run.Worlds.Select(w => w.Id))}", [.. run.Worlds.Select(WorldColumn.Of)], run.Games);

        if (!SimulateCommand.PlaysEconomyValues(command, run, "--assumption-sets", stderr)) return null;
        var world = run.Worlds[0];
        var played = run.First.Select(g => g.Scenario).ToList();
        if (!Fit(command, sets, played, $"the roadmaps compared under world '{world.Id}'", options.Set, stderr)) return null;
        return ($"{sets.Path} applied to world {world.Id}", WorldColumn.Of(sets, world), Robustness.Compile(sets, played, run.Parameters[0]));
    }

    /// <summary>Reads an assumption-sets file (or a shipped one by name); null after printing its diagnostics and why it cannot be used.</summary>
    internal static AssumptionSetFile? Read(string command, string argument, TextWriter stderr)
    {
        var load = AssumptionSets.Load(argument);
        foreach (var d in load.Diagnostics) stderr.WriteLine(d);
        if (load.File is null) stderr.WriteLine($"statecraft {command}: the assumption sets cannot be used; fix the errors above.");
        return load.File;
    }

    /// <summary>
    /// Whether <paramref name="sets"/> fit <paramref name="scenarios"/> (<paramref name="what"/> names them in the message) and
    /// the <c>--set</c> values <paramref name="set"/>; false after printing why not.
    /// </summary>
    internal static bool Fit(string command, AssumptionSetFile sets, IReadOnlyList<Scenarios.Scenario> scenarios, string what, IReadOnlyList<string> set, TextWriter stderr)
    {
        // A --set value and a set's own value for one assumption would leave unclear which is meant: refuse.
        var setNames = set.Select(a => a.Split('=', 2)[0].Trim()).ToHashSet(StringComparer.Ordinal);
        foreach (var s in sets.Sets)
        {
            foreach (var g in s.Game.Where(g => setNames.Contains(g.Name)))
            {
                stderr.WriteLine($"{g.Location}: error: set '{s.Name}' gives {g.Name}, which --set also gives; remove one of them (--set applies to every set, a set's value only to that set).");
                return false;
            }
        }

        var check = AssumptionSets.Check(sets, scenarios);
        foreach (var d in check) stderr.WriteLine(d);
        if (!check.Any(d => d.Severity == Documents.Severity.Error)) return true;
        stderr.WriteLine($"statecraft {command}: the assumption sets do not fit {what}; fix the errors above.");
        return false;
    }

    /// <summary>robustness.csv in the folder, and each set's compare CSV files in a subfolder named after the set.</summary>
    private static bool WriteCsv(string command, RobustnessResult result, string dir, TextWriter stderr)
    {
        if (!WriteNew(command, Path.Combine(dir, RobustnessOutput.CsvFile), RobustnessOutput.Csv(result), stderr)) return false;
        return result.Runs.All(run => SimulationOutput.WriteCsv(run.Result, Path.Combine(dir, run.World.Name), stderr, command));
    }

    /// <summary>The output folder: compare.json (what --json prints), robustness.csv, and each set's full compare output in a subfolder.</summary>
    private static bool Save(string command, RobustnessResult result, string folder, TextWriter stderr)
    {
        if (!WriteNew(command, Path.Combine(folder, $"{command}.json"), RobustnessOutput.ToJson(result).ToJsonString(Json.Options) + "\n", stderr)) return false;
        if (!WriteNew(command, Path.Combine(folder, RobustnessOutput.CsvFile), RobustnessOutput.Csv(result), stderr)) return false;
        foreach (var run in result.Runs)
        {
            if (!SavedResults.Save(command, run.Result, Path.Combine(folder, run.World.Name), stderr)) return false;
        }

        stderr.WriteLine($"statecraft {command}: saved {command}.json and {RobustnessOutput.CsvFile} in {folder}, and each set's comparison in a subfolder named after it");
        return true;
    }

    internal static bool WriteNew(string command, string path, string text, TextWriter stderr)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            Documents.UserFile.WriteNew(path, text);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            stderr.WriteLine($"statecraft {command}: error: {path} exists; choose an empty folder (nothing was overwritten).");
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"statecraft {command}: error: cannot write {path}: {e.Message}");
            return false;
        }
    }

    /// <summary>A line per stage on a terminal; nothing when stderr is a file, a pipe or a test.</summary>
    internal static Action<string>? Progress(string command, TextWriter stderr) =>
        !ReferenceEquals(stderr, Console.Error) || Console.IsErrorRedirected ? null : stage => stderr.WriteLine($"{command}: {stage}");
}
