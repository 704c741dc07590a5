using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Statecraft.Analysis;
using Statecraft.Output;
using Statecraft.Simulation;

namespace Statecraft.Cli;

/// <summary>
/// <c>statecraft sensitivity</c>: which uncertain assumptions a strategy's outcomes depend on, by a tornado
/// (one factor at a time) and, with <c>--method sobol</c>, variance-based indices (docs/model.md, "Sensitivity").
/// </summary>
internal static class SensitivityCommand
{
    public const int DefaultRuns = 2000;
    public const int DefaultSamples = 256;
    public const int DefaultInnerRuns = 256;
    public const int DefaultTop = 8;

    /// <summary>Most design points one command plays: N (k + 2) at most this (about an hour on two cores at the defaults' inner runs).</summary>
    public const int MaxPoints = 2_000_000;

    internal sealed record Options(
        string Method, string? Outcomes, string? Factors, int Top, int Rows, int Runs, int Samples, int InnerRuns, int Bootstrap,
        ulong Seed, int Threads, bool Json, string? Out, IReadOnlyList<string> Set)
    {
        /// <summary>The world the roadmap is played in (--world); null: the baseline world. Its uncertain beliefs are factors too.</summary>
        public string? World { get; init; }
    }

    public static Command Create(TextWriter stdout, TextWriter stderr, string resultsRoot)
    {
        var file = new Argument<string>("FILE") { Description = "A scenario file or shipped scenario name" };
        var method = new Option<string>("--method")
        {
            Description = "tornado: every uncertain factor one at a time at the ends of its range (default). sobol: also first-order and total Sobol indices " +
                "of the factors the tornado ranks highest (--top), or of those named with --factors, with bootstrap intervals.",
            DefaultValueFactory = _ => "tornado",
        };
        method.AcceptOnlyFromAmong("tornado", "sobol");
        var outcomes = new Option<string?>("--outcomes")
        {
            HelpName = "LIST",
            Description = "Comma-separated outcomes to analyse (default p_complete,gdp_index,inclusiveness); any of " + string.Join(", ", Outcomes.All.Select(Outcomes.Name)) + ".",
        };
        var factors = new Option<string?>("--factors")
        {
            HelpName = "LIST",
            Description = "Comma-separated families (scenario: the roadmap's and the world's named assumptions; game; economy; default all three) or factor names. With --method sobol, named factors are " +
                "the ones decomposed; families limit the tornado that picks them.",
        };
        var top = NumberOptions.Whole("--top", $"With --method sobol and no factor names: how many of the tornado's highest-ranked factors to decompose (default {DefaultTop}).", DefaultTop);
        var rows = NumberOptions.Whole("--rows", "Factors shown per outcome in the console tornado (default 12; the JSON and CSV have all).", 12);
        var (runs, seed, threads, json, _, set) = SimulateCommand.CommonOptions();
        json.Description = "Print the JSON saved as sensitivity.json instead of the bars (docs/sensitivity.md, 'Output files').";
        runs = NumberOptions.Whole("--runs", $"Trajectories per tornado variant (default {DefaultRuns}); every variant plays the same ones.", DefaultRuns);
        var samples = NumberOptions.Whole("--samples", $"With --method sobol: rows N of Saltelli's design; it plays N (factors + 2) points (default {DefaultSamples}).", DefaultSamples);
        var inner = NumberOptions.Whole("--inner-runs", $"With --method sobol: trajectories each design point is played on, the same for every point (default {DefaultInnerRuns}).", DefaultInnerRuns);
        var bootstrap = NumberOptions.Whole("--bootstrap", $"With --method sobol: bootstrap replicates for the intervals (default {Sobol.DefaultBootstrap}).", Sobol.DefaultBootstrap);
        var output = new Option<string?>("--out")
        {
            HelpName = "DIR",
            Description = "Folder for sensitivity.json, tornado.csv, (with sobol) sobol.csv and report.html (default: a new statecraft-results/sensitivity-NNN; never overwritten: a folder that is not empty is refused).",
        };
        var (world, _) = SimulateCommand.WorldOptions();
        var command = new Command("sensitivity",
            "Which uncertain assumptions matter for a strategy: a tornado of every uncertain factor (the scenario's assumptions, the game's and the economy's " +
            "named assumptions) one at a time, and with --method sobol variance-based first-order and total indices, for p_complete, gdp_index and " +
            "inclusiveness. Prints bars; saves JSON and CSV.")
        {
            file, method, outcomes, factors, top, rows, runs, samples, inner, bootstrap, seed, threads, json, output, set, world,
        };
        command.SetAction(parse => Run(
            parse.GetValue(file)!,
            new Options(parse.GetValue(method)!, parse.GetValue(outcomes), parse.GetValue(factors), parse.GetValue(top), parse.GetValue(rows), parse.GetValue(runs),
                parse.GetValue(samples), parse.GetValue(inner), parse.GetValue(bootstrap), parse.GetValue(seed), parse.GetValue(threads), parse.GetValue(json),
                parse.GetValue(output), parse.GetValue(set) ?? []) { World = parse.GetValue(world) },
            stdout, stderr, resultsRoot));
        return command;
    }

    internal static int Run(string file, Options options, TextWriter stdout, TextWriter stderr, string resultsRoot = SavedResults.DefaultRoot)
    {
        const string name = "sensitivity";
        if (ScenarioInput.RejectOptionLike([file], name, stderr)) return Program.BadInput;
        var sobol = options.Method == "sobol";
        foreach (var (option, value, low, high) in new[]
        {
            ("--runs", options.Runs, 2, SimulateCommand.MaxRuns), ("--samples", options.Samples, 2, MaxPoints), ("--inner-runs", options.InnerRuns, 1, SimulateCommand.MaxRuns),
            ("--bootstrap", options.Bootstrap, 0, 100_000), ("--top", options.Top, 1, 1000), ("--rows", options.Rows, 1, 10_000),
        })
        {
            if (value < low || value > high)
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"statecraft {name}: error: {option} must be {low:N0} to {high:N0}, not {value}."));
                return Program.BadInput;
            }
        }

        var outcomes = ReadOutcomes(options.Outcomes, stderr);
        if (outcomes is null) return Program.BadInput;

        var simulateOptions = new SimulateCommand.Options(1, options.Seed, options.Threads, false, null, null, options.Set) { World = options.World };
        if (SimulateCommand.PrepareRun(name, [file], simulateOptions, stderr) is not { } prepared
            || !SimulateCommand.PlaysEconomyValues(name, prepared, "sensitivity", stderr)) return Program.BadInput;
        var games = prepared.First;
        var scenario = games[0].Scenario;

        // --factors: families and names.
        var families = new List<FactorFamily>();
        var names = new List<string>();
        foreach (var item in (options.Factors ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            switch (item)
            {
                case "scenario": families.Add(FactorFamily.Scenario); break;
                case "game": families.Add(FactorFamily.Game); break;
                case "economy": families.Add(FactorFamily.Economy); break;
                default: names.Add(item); break;
            }
        }

        var everything = new FactorSpace(scenario, games[0].Game);
        FactorSpace space;
        List<Factor>? named = null;
        if (names.Count > 0)
        {
            named = [];
            foreach (var n in names)
            {
                if (everything.Find(n) is { } f)
                {
                    // A factor named twice would be set twice on every design point, the second value winning.
                    if (!named.Contains(f)) named.Add(f);
                    continue;
                }

                var near = Documents.NearestName.Find(n, everything.Factors.Select(x => x.Name));
                stderr.WriteLine($"statecraft {name}: error: --factors: '{n}' is not an uncertain factor of {scenario.Name}{(near is null ? "" : $"; did you mean '{near}'?")} " +
                    "(families: scenario, game, economy; 'statecraft sensitivity FILE --json' lists every factor).");
                return Program.BadInput;
            }

            if (families.Count > 0)
            {
                stderr.WriteLine($"statecraft {name}: error: --factors takes families or factor names, not both.");
                return Program.BadInput;
            }

            space = everything;
        }
        else
        {
            space = families.Count == 0 ? everything : new FactorSpace(scenario, games[0].Game, null, families);
        }

        if (space.Factors.IsEmpty)
        {
            stderr.WriteLine($"statecraft {name}: error: {scenario.Name} has no uncertain factor in {string.Join(", ", families.Select(f => f.ToString().ToLowerInvariant()))}: nothing varies.");
            return Program.BadInput;
        }

        if (sobol)
        {
            var k = named?.Count ?? Math.Min(options.Top, space.Factors.Length);
            if ((long)options.Samples * (k + 2) > MaxPoints)
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"statecraft {name}: error: --samples {options.Samples} with {k} factors is {(long)options.Samples * (k + 2):N0} design points; at most {MaxPoints:N0}."));
                return Program.BadInput;
            }
        }

        if (SavedResults.Choose(name, options.Out, resultsRoot, stderr) is not { } folder) return Program.BadInput;

        // The tornado: over the named factors, or every factor of the families.
        var tornadoFactors = named ?? (IReadOnlyList<Factor>)space.Factors;
        var window = new TrajectoryWindow(options.Seed, 0, options.Runs);
        var tornado = Tornado.Run(space, outcomes.Value, window, options.Threads, tornadoFactors, Progress("tornado", stderr, (long)options.Runs));
        SobolResult? indices = null;
        if (sobol)
        {
            var chosen = named ?? [.. tornado.Screened().Take(options.Top)];
            indices = Sobol.Run(space, chosen, outcomes.Value, options.Samples, new TrajectoryWindow(options.Seed, 0, options.InnerRuns), options.Bootstrap, options.Threads,
                Progress("sobol", stderr, (long)options.InnerRuns));
        }

        var result = new SensitivityResult(scenario.Name, scenario.Path, sobol ? SensitivityMethod.Sobol : SensitivityMethod.Tornado, [.. options.Set],
            everything.Factors.Length, tornado, indices, named is null);
        var json = SensitivityOutput.ToJson(result);
        try
        {
            Directory.CreateDirectory(folder);
            var written = new List<string>();
            Documents.UserFile.WriteNew(Path.Combine(folder, "sensitivity.json"), json.ToJsonString(Json.Options) + "\n");

            written.Add("sensitivity.json");
            written.AddRange(SensitivityOutput.WriteCsv(result, folder));
            written.Add(Reports.SensitivityReport.Write(result, SimulationOutput.Version, folder));
            stderr.WriteLine($"statecraft {name}: saved {string.Join(", ", written)} in {folder}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"statecraft {name}: error: cannot write into {folder}: {e.Message}");
            return Program.BadInput;
        }

        if (options.Json) Json.Write(stdout, json);
        else SensitivityOutput.WriteText(result, stdout, options.Rows);
        return Program.Ok;
    }

    private static ImmutableArray<Outcome>? ReadOutcomes(string? text, TextWriter stderr)
    {
        if (string.IsNullOrWhiteSpace(text)) return Outcomes.Key;
        var list = new List<Outcome>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Outcomes.Find(item) is { } o)
            {
                if (!list.Contains(o)) list.Add(o);
                continue;
            }

            var near = Documents.NearestName.Find(item, Outcomes.All.Select(Outcomes.Name));
            stderr.WriteLine($"statecraft sensitivity: error: --outcomes: '{item}' is not an outcome{(near is null ? "" : $"; did you mean '{near}'?")}; choose from {string.Join(", ", Outcomes.All.Select(Outcomes.Name))}.");
            return null;
        }

        if (list.Count == 0)
        {
            stderr.WriteLine("statecraft sensitivity: error: --outcomes names no outcome.");
            return null;
        }

        return [.. list];
    }

    /// <summary>A progress bar over variants played, on a terminal only (as <see cref="SimulateCommand.Progress"/>).</summary>
    private static Action<int, int>? Progress(string stage, TextWriter stderr, long trajectoriesPerVariant)
    {
        if (!ReferenceEquals(stderr, Console.Error) || Console.IsErrorRedirected) return null;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var gate = new object();
        var shown = -1;
        return (done, total) =>
        {
            lock (gate)
            {
                const int width = 30;
                var filled = (int)((long)done * width / Math.Max(1, total));
                if (filled == shown && done < total && done % 16 != 0) return;
                shown = filled;
                var rate = done * trajectoriesPerVariant / Math.Max(0.001, started.Elapsed.TotalSeconds);
                stderr.Write(string.Create(CultureInfo.InvariantCulture, $"\rsensitivity {stage}: [{new string('#', filled)}{new string('.', width - filled)}] {done:N0}/{total:N0} variants, {rate:N0} trajectories/s"));
                if (done >= total) stderr.WriteLine();
            }
        };
    }
}
