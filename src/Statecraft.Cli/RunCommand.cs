using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Statecraft.Feasibility;
using Statecraft.Sanctions;
using Statecraft.Scenarios;
using Statecraft.Simulation;

namespace Statecraft.Cli;

/// <summary>
/// <c>statecraft run</c>: the main job. With no FILE it compares the six shipped strategies on the
/// Korea 2018 case with the default runs and seed, prints the comparison and each roadmap's
/// feasibility, and writes JSON and CSV into a new output folder it names.
/// </summary>
internal static class RunCommand
{
    /// <summary>The shipped strategies in comparison order: the 2017-2018 pressure line first, as the reference the others are paired against.</summary>
    internal static readonly string[] ShippedOrder =
    [
        "maximum-pressure", "relief-only", "delury-engagement", "cnas-conditional-development", "kaesong-quick-hit", "pyongyang-declaration-2018",
    ];

    public static Command Create(TextWriter stdout, TextWriter stderr, string resultsRoot)
    {
        var files = new Argument<string[]>("FILE") { Description = "Scenario files; none means the six shipped strategies (maximum-pressure first, as the reference)", Arity = ArgumentArity.ZeroOrMore };
        var (runs, seed, threads, json, _, set) = SimulateCommand.CommonOptions();
        var output = SavedResults.OutOption("run");
        var (store, noStore) = RunRecorder.Options();
        var (world, worlds) = SimulateCommand.WorldOptions();
        world.Description = $"The world of the main comparison (default {ShippedWorlds.BaselineName}): a shipped world's name or a world file; it is also the matrix's first column.";
        worlds.Description = "The worlds of the roadmap x world matrix printed after the main comparison (names or files, comma-separated; default every shipped world).";
        var command = new Command("run", "The main job: compare the shipped strategies (or the given files) under one world on the same draws, with each roadmap's sanctions feasibility; " +
            "then the roadmap x world matrix over the shipped worlds, to show how the ranking depends on beliefs; save JSON, CSV and an HTML report.")
        {
            files, runs, seed, threads, json, output, set, world, worlds, store, noStore,
        };
        command.SetAction(parse => Run(
            parse.GetValue(files) ?? [],
            new SimulateCommand.Options(parse.GetValue(runs), parse.GetValue(seed), parse.GetValue(threads), parse.GetValue(json), null, null, parse.GetValue(set) ?? [],
                Record: RunRecorder.From(parse, store, noStore)) { World = parse.GetValue(world), Worlds = parse.GetValue(worlds) },
            parse.GetValue(output),
            stdout,
            stderr,
            resultsRoot));
        return command;
    }

    internal static int Run(IReadOnlyList<string> files, SimulateCommand.Options options, string? output, TextWriter stdout, TextWriter stderr, string resultsRoot = SavedResults.DefaultRoot)
    {
        if (ScenarioInput.RejectOptionLike(files, "run", stderr)) return Program.BadInput;
        var names = files.Count == 0 ? ShippedOrder : files;
        if (options.World == RunPlan.EmbeddedWorld || (options.Worlds ?? "").Split(',').Any(w => w.Trim() == RunPlan.EmbeddedWorld))
        {
            stderr.WriteLine($"statecraft run: error: run compares roadmaps under shared worlds; '{RunPlan.EmbeddedWorld}' is for simulate and compare (--world {RunPlan.EmbeddedWorld}).");
            return Program.BadInput;
        }

        // The main world first, then the matrix's other worlds: one preparation, one set of draws for every cell.
        var main = options.World ?? ShippedWorlds.BaselineName;
        var columns = SimulateCommand.WorldList(options.Worlds ?? "all");
        var matrix = options with { World = null, Worlds = string.Join(",", columns.Where(c => c != main && Path.GetFileNameWithoutExtension(c) != main).Prepend(main)) };
        var sources = new List<SimulateCommand.ScenarioSource>();
        var worldSources = new List<SimulateCommand.ScenarioSource>();
        if (SimulateCommand.PrepareRun("run", names, matrix, stderr, sources, worldSources) is not { } prepared) return Program.BadInput;
        var games = prepared.First;

        if (SavedResults.Choose("run", output, resultsRoot, stderr) is not { } folder) return Program.BadInput;

        var settings = new SimulationSettings(options.Runs, options.Seed, options.Threads);
        var recorder = RunRecorder.Begin(options.Record, "run", settings, options.Set, sources, PlayedWorlds.Of(matrix, worldSources), stderr);
        var robustness = prepared.Worlds.Length < 2 ? null : Analysis.Robustness.Evaluate(
            Analysis.Objective.Parse(null, [], out _)!, $"worlds {string.Join(", ", prepared.Worlds.Select(w => w.Id))}",
            [.. prepared.Worlds.Select(Analysis.WorldColumn.Of)], prepared.Games, settings, RobustnessCompare.Progress("run: matrix", stderr));
        // The matrix's first row is the main comparison, played on the same games and settings: it is not played again.
        var result = robustness?.Runs[0].Result
            ?? MonteCarlo.Run(games, settings, SimulateCommand.Progress("run", (long)options.Runs * games.Length, games.Length, stderr));
        var catalog = Catalog.Korea;
        var reports = games.Select(g => FeasibilityCheck.Run(g.Scenario, catalog)).ToList();

        var json = SimulationOutput.ToJson(result);
        var strategies = json["strategies"]!.AsArray();
        for (var i = 0; i < reports.Count; i++)
        {
            strategies[i]!.AsObject()["feasibility"] = new JsonObject
            {
                ["incentives"] = reports[i].Findings.Length,
                ["feasible"] = reports[i].Findings.Count(f => f.Feasible),
                ["infeasible"] = Json.Strings(reports[i].Findings.Where(f => !f.Feasible).Select(f => f.Incentive.Id)),
            };
        }

        json["world"] = new JsonObject
        {
            ["name"] = prepared.Worlds[0].Id,
            ["path"] = prepared.Worlds[0].Path,
            ["description"] = prepared.Worlds[0].Description,
            ["beliefs"] = prepared.Worlds[0].Summary(),
        };
        if (robustness is not null)
        {
            var matrixJson = RobustnessOutput.ToJson(robustness);
            json["matrix"] = new JsonObject
            {
                ["objective"] = robustness.Objective.ToString(),
                ["worlds"] = matrixJson["worlds"]!.DeepClone(),
                ["robustness"] = matrixJson["robustness"]!.DeepClone(),
            };
        }

        if (!SimulationOutput.WriteCsv(result, folder, stderr, "run")
            || (robustness is not null && !RobustnessCompare.WriteNew("run", Path.Combine(folder, RobustnessOutput.CsvFile), RobustnessOutput.Csv(robustness), stderr)))
        {
            recorder?.Abandon();
            return Program.BadInput;
        }

        File.WriteAllText(Path.Combine(folder, "run.json"), json.ToJsonString(Json.Options) + "\n");
        SavedResults.WriteReport("run", result, reports, folder);
        recorder?.Complete(json, result, folder, stderr);

        if (options.Json)
        {
            Json.Write(stdout, json);
            return Program.Ok;
        }

        stdout.WriteLine($"World: {prepared.Worlds[0].Id} ({prepared.Worlds[0].Path}): {prepared.Worlds[0].Summary()}. Every roadmap below is played in it; --world changes it.");
        SimulationOutput.WriteText(result, stdout);
        stdout.WriteLine();
        var table = new TextTable("strategy", "feasible incentives", "blocked (statecraft check FILE for why)");
        foreach (var r in reports)
        {
            table.Add(
                Path.GetFileNameWithoutExtension(r.Scenario.Path),
                $"{r.Findings.Count(f => f.Feasible)}/{r.Findings.Length}",
                string.Join(", ", r.Findings.Where(f => !f.Feasible).Select(f => f.Incentive.Id)));
        }

        table.Write(stdout);
        stdout.WriteLine("In the simulation an incentive blocked by an unrelieved measure is never delivered; one whose relief comes late waits for it.");
        stdout.WriteLine();
        if (robustness is not null)
        {
            stdout.WriteLine("The same roadmaps under each world (the worlds differ in beliefs only; the draws are the same):");
            RobustnessOutput.WriteText(robustness, stdout);
            stdout.WriteLine();
        }

        stdout.WriteLine($"Saved: {folder}/run.json, summary.csv, steps.csv, paths.csv, differences.csv, {(robustness is null ? "" : RobustnessOutput.CsvFile + ", ")}{SavedResults.ReportFile}");
        return Program.Ok;
    }
}
