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
        var show = new Option<string?>("--show") { Description = "Print one shipped roadmap's or world's YAML (by name)" };
        var export = new Option<string?>("--export")
        {
            Description = "Write every shipped roadmap into this directory (statecraft/2), the shipped worlds into its worlds/ folder, and the bargaining actor tables into its bargaining/ folder (existing files are never overwritten)",
        };
        var split = new Option<string?>("--split")
        {
            HelpName = "FILE",
            Description = "Split an old single file (statecraft/1 with actors) into its roadmap, NAME.roadmap.yaml (statecraft/2), and the beliefs it embeds, NAME.world.yaml " +
                "(statecraft-world/1), beside it; play them with 'statecraft simulate NAME.roadmap.yaml --world NAME.world.yaml'. Comments inside the file are not carried over; existing files are never overwritten.",
        };
        var command = new Command("scenarios", "List the roadmaps, worlds and bargaining actor tables shipped with Statecraft, print one, copy them all out to edit, or split an old single file into a roadmap and a world.")
        {
            show, export, split,
        };
        command.SetAction(parse => parse.GetValue(split) is { } file ? Split(file, stdout, stderr) : Run(parse.GetValue(show), parse.GetValue(export), stdout, stderr));
        return command;
    }

    /// <summary>An old single file written again as a roadmap and a world, beside it.</summary>
    internal static int Split(string file, TextWriter stdout, TextWriter stderr)
    {
        var load = ScenarioInput.Load(file, Catalog.Korea, out var text);
        foreach (var d in load.Diagnostics.Where(d => d.Severity == Documents.Severity.Error)) stderr.WriteLine(d);
        if (load.Scenario is not { } old)
        {
            stderr.WriteLine($"statecraft scenarios: error: {file} is not a valid scenario; fix the errors above (statecraft validate {file}).");
            return Program.BadInput;
        }

        if (old.EmbeddedWorldAt is null)
        {
            stderr.WriteLine($"statecraft scenarios: error: {file} embeds no world (it has no actors): it is a roadmap already; play it with --world NAME|FILE.");
            return Program.BadInput;
        }

        var folder = File.Exists(file) ? Path.GetDirectoryName(Path.GetFullPath(file))! : Directory.GetCurrentDirectory();
        var stem = Path.GetFileNameWithoutExtension(file);
        var roadmapPath = Path.Combine(folder, stem + ".roadmap.yaml");
        var worldPath = Path.Combine(folder, stem + ".world.yaml");
        var header = ScenarioWriter.LeadingComments(text!);
        var world = World.Embedded(old) with { Name = $"Beliefs of {old.Name}", Description = $"the actors and their assumptions written into {Path.GetFileName(file)}" };
        var outputs = new[]
        {
            (Path: roadmapPath, Text: ScenarioWriter.Write(World.RoadmapOf(old), Catalog.Korea, header)),
            (Path: worldPath, Text: ScenarioWriter.WriteWorld(world, [$"The beliefs {Path.GetFileName(file)} embedded, split out by 'statecraft scenarios --split'."])),
        };
        foreach (var (path, _) in outputs)
        {
            if (File.Exists(path))
            {
                stderr.WriteLine($"statecraft scenarios: error: {path} exists; nothing was written (move it away and split again).");
                return Program.BadInput;
            }
        }

        try
        {
            foreach (var (path, content) in outputs) Documents.UserFile.WriteNew(path, content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"statecraft scenarios: error: cannot write beside {file}: {e.Message}");
            return Program.BadInput;
        }

        stdout.WriteLine($"wrote {roadmapPath}");
        stdout.WriteLine($"wrote {worldPath}");
        stdout.WriteLine($"Play them together: statecraft simulate {roadmapPath} --world {worldPath}");
        return Program.Ok;
    }

    internal static int Run(string? show, string? export, TextWriter stdout, TextWriter stderr)
    {
        if (show is not null)
        {
            if ((ShippedScenarios.Find(show) ?? ShippedWorlds.FindFile(show)) is not { } s)
            {
                stderr.WriteLine($"statecraft scenarios: error: {Documents.NearestName.Unknown("roadmap or world", show, [.. ShippedScenarios.All.Select(x => x.Name), .. ShippedWorlds.Files.Select(x => x.Name)])}");
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
        var worlds = new TextTable("world", "beliefs (type prior reformer/hedger/staller; what differs from the defaults)", "title");
        foreach (var w in ShippedWorlds.All) worlds.Add(w.Id + (w.Id == ShippedWorlds.BaselineName ? " (default)" : ""), w.Summary(), w.Name);
        worlds.Write(stdout);
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
        stdout.WriteLine("Print a roadmap or world: statecraft scenarios --show NAME; play roadmaps in a world: statecraft compare A B --world NAME; run an actor table: statecraft bargain eum|smp NAME; copy them all to edit: statecraft scenarios --export DIR");
        return Program.Ok;
    }

    private static int Export(string directory, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var skipped = 0;
            var files = ShippedScenarios.All.Select(s => (Relative: s.Name + ".yaml", s.Text))
                .Concat(ShippedWorlds.Files.Select(w => (Relative: Path.Combine("worlds", w.Name + ".yaml"), w.Text)))
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
