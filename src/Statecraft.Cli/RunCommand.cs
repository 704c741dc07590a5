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
        var command = new Command("run", "The main job: compare the shipped strategies (or the given files) on the same draws, with each roadmap's sanctions feasibility, and save JSON, CSV and an HTML report.")
        {
            files, runs, seed, threads, json, output, set, store, noStore,
        };
        command.SetAction(parse => Run(
            parse.GetValue(files) ?? [],
            new SimulateCommand.Options(parse.GetValue(runs), parse.GetValue(seed), parse.GetValue(threads), parse.GetValue(json), null, null, parse.GetValue(set) ?? [],
                Record: RunRecorder.From(parse, store, noStore)),
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
        var sources = new List<SimulateCommand.ScenarioSource>();
        var games = SimulateCommand.Prepare("run", names, options, stderr, sources);
        if (games is null) return Program.BadInput;

        if (SavedResults.Choose("run", output, resultsRoot, stderr) is not { } folder) return Program.BadInput;

        var settings = new SimulationSettings(options.Runs, options.Seed, options.Threads);
        var recorder = RunRecorder.Begin(options.Record, "run", settings, options.Set, sources, stderr);
        var result = MonteCarlo.Run(games, settings, SimulateCommand.Progress("run", (long)options.Runs * games.Count, games.Count, stderr));
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

        if (!SimulationOutput.WriteCsv(result, folder, stderr, "run"))
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
        stdout.WriteLine($"Saved: {folder}/run.json, summary.csv, steps.csv, paths.csv, differences.csv, {SavedResults.ReportFile}");
        return Program.Ok;
    }
}
