using System.CommandLine;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Cli;

/// <summary><c>statecraft validate FILE...</c>: every problem in every file, located; exit 0 only when all are valid.</summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("FILE") { Description = "Roadmap, old scenario or world files (YAML) to validate, or shipped names", Arity = ArgumentArity.OneOrMore };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only errors and warnings, not the per-file verdict" };
        var json = new Option<bool>("--json") { Description = "Print every file's verdict and diagnostics as JSON (path, line, column, severity, message)" };
        var command = new Command("validate", "Check roadmap and world files for errors; every problem is reported as path:line:column with the valid choices. Exit 0 when every file is valid, 1 otherwise.")
        {
            files,
            quiet,
            json,
        };
        command.SetAction(parse => Run(parse.GetValue(files) ?? [], parse.GetValue(quiet), stdout, stderr, parse.GetValue(json)));
        return command;
    }

    internal static int Run(IReadOnlyList<string> files, bool quiet, TextWriter stdout, TextWriter stderr, bool json = false)
    {
        if (ScenarioInput.RejectOptionLike(files, "validate", stderr))
        {
            return Program.BadInput;
        }

        if (json)
        {
            var loads = files.Select(f => (File: f, Load: ScenarioInput.Validate(f, Catalog.Korea))).ToList();
            Json.Write(stdout, new System.Text.Json.Nodes.JsonObject
            {
                ["valid"] = loads.All(l => l.Load.IsValid),
                ["files"] = Json.Array(loads, l => new System.Text.Json.Nodes.JsonObject
                {
                    ["path"] = l.File,
                    ["valid"] = l.Load.IsValid,
                    ["diagnostics"] = ScenarioInput.Diagnostics(l.Load.Diagnostics),
                }),
            });
            return loads.All(l => l.Load.IsValid) ? Program.Ok : Program.Failed;
        }

        var allValid = true;
        foreach (var file in files)
        {
            var load = ScenarioInput.Validate(file, Catalog.Korea);
            foreach (var d in load.Diagnostics)
            {
                stderr.WriteLine(d);
            }

            allValid &= load.IsValid;
            if (!quiet)
            {
                var errors = load.Diagnostics.Count(d => d.Severity == Documents.Severity.Error);
                var warnings = load.Diagnostics.Count - errors;
                stdout.WriteLine(load.IsValid
                    ? $"{file}: valid{(warnings > 0 ? $" ({Plural(warnings, "warning")})" : "")}"
                    : $"{file}: invalid ({Plural(errors, "error")}{(warnings > 0 ? $", {Plural(warnings, "warning")}" : "")})");
            }
        }

        return allValid ? Program.Ok : Program.Failed;
    }

    internal static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
