using System.CommandLine;
using Statecraft.Bargaining;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Cli;

/// <summary><c>statecraft scenarios</c>: the shipped strategy scenarios, to read or to copy and edit.</summary>
internal static class ScenariosCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var show = new Option<string?>("--show") { Description = "Print one shipped scenario's YAML (by name)" };
        var export = new Option<string?>("--export")
        {
            Description = "Write every shipped scenario into this directory, and the bargaining actor tables into its bargaining/ folder (existing files are never overwritten)",
        };
        var command = new Command("scenarios", "List the strategy scenarios and bargaining actor tables shipped with Statecraft, print a scenario, or copy them all out to edit.")
        {
            show, export,
        };
        command.SetAction(parse => Run(parse.GetValue(show), parse.GetValue(export), stdout, stderr));
        return command;
    }

    internal static int Run(string? show, string? export, TextWriter stdout, TextWriter stderr)
    {
        if (show is not null)
        {
            if (ShippedScenarios.Find(show) is not { } s)
            {
                stderr.WriteLine($"statecraft scenarios: error: {Documents.NearestName.Unknown("scenario", show, [.. ShippedScenarios.All.Select(x => x.Name)])}");
                return Program.BadInput;
            }

            stdout.Write(s.Text);
            return Program.Ok;
        }

        if (export is not null)
        {
            return Export(export, stdout, stderr);
        }

        var table = new TextTable("name", "phases", "incentives", "title");
        foreach (var s in ShippedScenarios.All)
        {
            var load = ScenarioLoader.Parse(s.Text, s.Path, Catalog.Korea);
            var scenario = load.Scenario;
            table.Add(s.Name, scenario?.Roadmap.Phases.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?",
                scenario?.Roadmap.AllIncentives.Count().ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?", scenario?.Name ?? "(invalid)");
        }

        table.Write(stdout);
        stdout.WriteLine();
        var tables = new TextTable("actor table", "model", "actors", "title");
        foreach (var t in ShippedTables.All)
        {
            if (SmpTable.Parse(t.Text, t.Path).Table is { } smp)
            {
                tables.Add(t.Name, "smp", smp.Actors.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), smp.Name + (ShippedTables.FindRanges(t.Name) is null ? string.Empty : " (ranges for --sweep)"));
            }
            else if (EumTable.Parse(t.Text, t.Path).Table is { } eum)
            {
                tables.Add(t.Name, "eum", eum.Actors.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "one issue");
            }
        }

        tables.Write(stdout);
        stdout.WriteLine();
        stdout.WriteLine("Print a scenario: statecraft scenarios --show NAME; run an actor table: statecraft bargain eum|smp NAME; copy them all to edit: statecraft scenarios --export DIR");
        return Program.Ok;
    }

    private static int Export(string directory, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var skipped = 0;
            var files = ShippedScenarios.All.Select(s => (Relative: s.Name + ".yaml", s.Text))
                .Concat(ShippedTables.All.Select(t => (Relative: Path.Combine("bargaining", t.Name + ".csv"), t.Text)))
                .Concat(ShippedTables.Ranges.Select(r => (Relative: Path.Combine("bargaining", "ranges", r.Name + ".csv"), r.Text)));
            foreach (var (relative, text) in files)
            {
                var path = Path.Combine(directory, relative);
                try
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);

                    // CreateNew: an existing file is the user's work and is never replaced.
                    using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                    using var writer = new StreamWriter(stream);
                    writer.Write(text);
                    stdout.WriteLine($"wrote {path}");
                }
                catch (IOException) when (File.Exists(path))
                {
                    stderr.WriteLine($"{path}: exists, left as it is");
                    skipped++;
                }
            }

            return skipped == 0 ? Program.Ok : Program.Failed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"{directory}: error: cannot write there: {ex.Message}");
            return Program.BadInput;
        }
    }
}
