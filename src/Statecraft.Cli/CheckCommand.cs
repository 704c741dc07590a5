using System.CommandLine;
using System.Text.Json.Nodes;
using Statecraft.Data;
using Statecraft.Documents;
using Statecraft.Feasibility;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Cli;

/// <summary><c>statecraft check FILE</c>: the sanctions feasibility check of a roadmap.</summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "Scenario file (YAML) whose roadmap to check" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (a top-level 'incentives' array)" };
        var csv = new Option<bool>("--csv") { Description = "Print one CSV row per incentive and collision (for R, pandas, spreadsheets)" };
        var command = new Command(
            "check",
            "Check a roadmap against the sanctions in force: for every incentive, the measures it collides with, " +
            "the relief the roadmap provides or lacks, who must consent, and timing problems. " +
            "Exit 0 when feasible, 1 when not, 2 when the file is invalid.")
        {
            file,
            json,
            csv,
        };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(json), stdout, stderr, parse.GetValue(csv)));
        return command;
    }

    internal static int Run(string path, bool json, TextWriter stdout, TextWriter stderr, bool csv = false)
    {
        if (json && csv)
        {
            stderr.WriteLine("statecraft check: error: choose one of --json and --csv");
            return Program.BadInput;
        }

        if (ScenarioInput.RejectOptionLike([path], "check", stderr))
        {
            return Program.BadInput;
        }

        var catalog = Catalog.Korea;
        var load = ScenarioInput.Load(path, catalog);
        foreach (var d in load.Diagnostics)
        {
            stderr.WriteLine(d);
        }

        if (load.Scenario is not { } scenario)
        {
            stderr.WriteLine($"{path}: invalid scenario; fix the errors above (statecraft validate {path})");
            if (json)
            {
                // A script reading stdout still gets a document that says why there is no report.
                Json.Write(stdout, new JsonObject { ["valid"] = false, ["diagnostics"] = ScenarioInput.Diagnostics(load.Diagnostics) });
            }

            return Program.BadInput;
        }

        var report = FeasibilityCheck.Run(scenario, catalog);
        if (json)
        {
            Json.Write(stdout, FeasibilityOutput.ToJson(report));
        }
        else if (csv)
        {
            WriteCsv(report, stdout);
        }
        else
        {
            Print(report, stdout);
        }

        return report.Feasible ? Program.Ok : Program.Failed;
    }

    /// <summary>
    /// Long form: one row per collision, and one row with empty measure columns for an incentive
    /// that collides with nothing, so every incentive appears and filters work in any tool.
    /// </summary>
    internal static void WriteCsv(FeasibilityReport report, TextWriter o)
    {
        o.WriteLine(CsvTable.Line(["phase", "phase_name", "incentive", "kind", "provider", "sequencing", "feasible",
            "measure", "summary", "issuer", "relief_needed", "consent", "relieved_by", "timing", "resolved", "problem"]));
        foreach (var f in report.Findings)
        {
            string?[] incentive = [f.Phase.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), f.Phase.Name, f.Incentive.Id,
                YamlName.Of(f.Incentive.Kind), YamlName.Of(f.Incentive.Provider), f.Incentive.Sequencing.ToString(), f.Feasible ? "true" : "false"];
            if (f.Collisions.IsEmpty)
            {
                o.WriteLine(CsvTable.Line([.. incentive, null, null, null, null, null, null, null, null, null]));
            }

            foreach (var c in f.Collisions)
            {
                o.WriteLine(CsvTable.Line([.. incentive, c.Measure.Id, c.Measure.Title, YamlName.Of(c.Measure.Issuer), YamlName.Of(c.ReliefNeeded),
                    string.Join(";", c.Consent.Select(YamlName.Of)), c.RelievedBy, c.Timing is { } t ? YamlName.Of(t) : null,
                    c.IsResolved ? "true" : "false", c.Problem]));
            }
        }
    }

    private static void Print(FeasibilityReport report, TextWriter o)
    {
        var s = report.Scenario;
        o.WriteLine($"{s.Name}  ({s.Path})");
        o.WriteLine($"start {s.Start}, horizon {s.HorizonQuarters} quarters, {s.SanctionsInForce.Length} measures in force at the start");
        foreach (var phase in s.Roadmap.Phases)
        {
            o.WriteLine();
            var steps = phase.Steps.IsEmpty ? "no steps" : string.Join(", ", phase.Steps.Select(x => $"{YamlName.Of(x.Step)} [{YamlName.Of(x.Verification)}]"));
            o.WriteLine($"Phase {phase.Number}: {phase.Name}");
            o.WriteLine($"  steps: {steps}");
            foreach (var f in report.Findings.Where(f => f.Phase.Number == phase.Number))
            {
                var i = f.Incentive;
                var verdict = f.Feasible ? "feasible" : "NOT FEASIBLE";
                o.WriteLine($"  {i.Id}: {YamlName.Of(i.Kind)} by {YamlName.Of(i.Provider)}, {i.Sequencing} -- {verdict}");
                foreach (var c in f.Collisions)
                {
                    var status = c.RelievedBy is null ? (c.Measure.Hortatory ? "no relief (hortatory: calls upon states, not binding)" : "NO RELIEF") : c.Timing switch
                    {
                        Timing.Late => $"relieved by {c.RelievedBy}, TOO LATE",
                        Timing.Uncertain => $"relieved by {c.RelievedBy}, maybe late",
                        _ => $"relieved by {c.RelievedBy}",
                    };
                    o.WriteLine($"      collides with {c.Measure.Id} ({c.Measure.Title}) via {string.Join(", ", c.Activities)}");
                    o.WriteLine($"        {YamlName.Of(c.ReliefNeeded)}, consent: {string.Join("; ", c.Consent.Select(VocabularyText.Describe))} -- {status}");
                    if (c.Problem is not null && c.RelievedBy is not null)
                    {
                        o.WriteLine($"        {c.Problem}");
                    }
                }

                foreach (var p in f.Provides)
                {
                    o.WriteLine($"      provides {YamlName.Of(p.Route)} of {p.Measure.Id} ({p.Measure.Title}); consent: {string.Join("; ", p.Consent.Select(YamlName.Of))}; {p.Consequence}");
                }

                foreach (var (party, why) in f.OtherConsent)
                {
                    o.WriteLine($"      also needs {VocabularyText.Describe(party)}: {why}");
                }

                foreach (var w in f.Warnings)
                {
                    o.WriteLine($"      warning: {w}");
                }
            }
        }

        o.WriteLine();
        var infeasible = report.Findings.Where(f => !f.Feasible).Select(f => f.Incentive.Id).ToList();
        o.WriteLine(report.Feasible
            ? $"Feasible: all {report.Findings.Length} incentives are covered by relief the roadmap provides in time."
            : $"Not feasible: {infeasible.Count} of {report.Findings.Length} incentives lack relief or get it too late: {string.Join(", ", infeasible)}.");
        var consent = FeasibilityOutput.ConsentSummary(report);
        if (consent.Count > 0)
        {
            o.WriteLine("Consent the roadmap needs:");
            foreach (var (party, ids) in consent)
            {
                o.WriteLine($"  {VocabularyText.Describe(party)}: {string.Join(", ", ids)}");
            }
        }
    }
}
