using System.CommandLine;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Cli;

/// <summary><c>statecraft scenarios</c>: the shipped strategy scenarios, to read or to copy and edit.</summary>
internal static class ScenariosCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var show = new Option<string?>("--show") { Description = "Print one shipped scenario's YAML (by name)" };
        var export = new Option<string?>("--export") { Description = "Write every shipped scenario into this directory (existing files are never overwritten)" };
        var command = new Command("scenarios", "List the strategy scenarios shipped with Statecraft, print one, or copy them out to edit.")
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
        stdout.WriteLine("Print one: statecraft scenarios --show NAME; copy them to edit: statecraft scenarios --export DIR");
        return Program.Ok;
    }

    private static int Export(string directory, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var skipped = 0;
            foreach (var s in ShippedScenarios.All)
            {
                var path = Path.Combine(directory, s.Name + ".yaml");
                try
                {
                    // CreateNew: an existing file is the user's work and is never replaced.
                    using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                    using var writer = new StreamWriter(stream);
                    writer.Write(s.Text);
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
