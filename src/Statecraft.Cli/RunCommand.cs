using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Statecraft.Feasibility;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Cli;

/// <summary>
/// <c>statecraft run</c>: the main job on the shipped strategies (or given files). Today it runs the
/// sanctions feasibility check of every roadmap side by side; the economy and negotiation stages
/// add their results here as they are built.
/// </summary>
internal static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("FILE") { Description = "Scenario files; none means every shipped strategy scenario", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Print as JSON (a 'scenarios' array, each with its full check report)" };
        var command = new Command("run", "Run the main job on the shipped strategy scenarios (or the given files): check every roadmap against the sanctions in force and compare them side by side.")
        {
            files, json,
        };
        command.SetAction(parse => Run(parse.GetValue(files) ?? [], parse.GetValue(json), stdout, stderr));
        return command;
    }

    internal static int Run(IReadOnlyList<string> files, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (ScenarioInput.RejectOptionLike(files, "run", stderr))
        {
            return Program.BadInput;
        }

        var catalog = Catalog.Korea;
        var loads = files.Count == 0
            ? ShippedScenarios.All.Select(s => ScenarioLoader.Parse(s.Text, s.Path, catalog)).ToList()
            : files.Select(f => ScenarioInput.Load(f, catalog)).ToList();
        foreach (var d in loads.SelectMany(l => l.Diagnostics))
        {
            stderr.WriteLine(d);
        }

        if (loads.Any(l => !l.IsValid))
        {
            stderr.WriteLine("statecraft run: some scenarios are invalid; fix the errors above (statecraft validate FILE)");
            return Program.BadInput;
        }

        var reports = loads.Select(l => FeasibilityCheck.Run(l.Scenario!, catalog)).ToList();
        if (json)
        {
            Json.Write(stdout, new JsonObject { ["scenarios"] = Json.Array(reports, CheckCommand.ToJson) });
            return Program.Ok;
        }

        stdout.WriteLine($"Sanctions feasibility of {reports.Count} roadmaps ({catalog.Measures.Length} measures in the catalog)");
        stdout.WriteLine();
        var table = new TextTable("scenario", "phases", "steps", "incentives", "feasible", "unrelieved", "consent needed");
        foreach (var r in reports)
        {
            var unrelieved = r.Findings.SelectMany(f => f.Collisions).Where(c => c.IsBlocking).Select(c => c.Measure.Id).Distinct().Count();
            table.Add(
                Path.GetFileNameWithoutExtension(r.Scenario.Path),
                Count(r.Scenario.Roadmap.Phases.Length),
                Count(r.Scenario.Roadmap.Phases.Sum(p => p.Steps.Length)),
                Count(r.Findings.Length),
                $"{r.Findings.Count(f => f.Feasible)}/{r.Findings.Length}",
                Count(unrelieved),
                string.Join(", ", CheckCommand.ConsentSummary(r).Select(c => Documents.YamlName.Of(c.Party))));
        }

        table.Write(stdout);
        stdout.WriteLine();
        stdout.WriteLine("feasible: incentives whose collisions the roadmap relieves in time; unrelieved: measures still blocking some incentive.");
        stdout.WriteLine("Details of one roadmap: statecraft check scenarios/NAME.yaml (statecraft scenarios --export DIR copies them out).");
        return Program.Ok;
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
