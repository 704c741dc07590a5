using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text;
using Statecraft.Feasibility;
using Statecraft.Reports;
using Statecraft.Sanctions;
using Statecraft.Simulation;

namespace Statecraft.Cli;

/// <summary>
/// The output folder of <c>run</c>, <c>simulate</c>, <c>compare</c> and <c>merge</c>: the JSON, the CSV
/// files and the HTML report, in <c>--out DIR</c> or a new <c>ROOT/COMMAND-NNN</c>. Nothing is overwritten:
/// a folder that is not empty is refused before anything runs.
/// </summary>
internal static class SavedResults
{
    /// <summary>Where the numbered folders go, relative to the current folder.</summary>
    public const string DefaultRoot = "statecraft-results";

    public const string ReportFile = "report.html";

    public static Option<string?> OutOption(string command) => new("--out")
    {
        HelpName = "DIR",
        Description = $"Folder for {command}.json, the CSV files and report.html (default: a new statecraft-results/{command}-NNN in the current folder; " +
            "never overwritten: a folder that is not empty is refused).",
    };

    /// <summary>The folder to save into: <paramref name="output"/>, or the first <c>ROOT/COMMAND-NNN</c> that does not exist; null (after saying why) when the folder is not empty.</summary>
    public static string? Choose(string command, string? output, string root, TextWriter stderr)
    {
        var folder = output ?? NextFolder(command, root);
        if (File.Exists(folder) || (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()))
        {
            stderr.WriteLine($"statecraft {command}: error: {folder} is not empty; choose a new folder with --out (nothing was overwritten).");
            return null;
        }

        return folder;
    }

    private static string NextFolder(string command, string root)
    {
        for (var n = 1; ; n++)
        {
            var folder = Path.Combine(root, $"{command}-{n.ToString("000", CultureInfo.InvariantCulture)}");
            if (!Directory.Exists(folder) && !File.Exists(folder)) return folder;
        }
    }

    /// <summary>
    /// Saves <c>COMMAND.json</c> (what <c>--json</c> prints), the CSV files and the report into the folder,
    /// and says so on stderr, so stdout stays what the command prints; false after saying why it could not.
    /// </summary>
    public static bool Save(string command, SimulationResult result, string folder, TextWriter stderr)
    {
        if (!SimulationOutput.WriteCsv(result, folder, stderr, command)) return false;
        try
        {
            File.WriteAllText(Path.Combine(folder, $"{command}.json"), SimulationOutput.ToJson(result).ToJsonString(Json.Options) + "\n");
            WriteReport(command, result, Checks(result), folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"statecraft {command}: error: cannot write into {folder}: {e.Message}");
            return false;
        }

        stderr.WriteLine($"statecraft {command}: saved {command}.json, summary.csv, steps.csv, paths.csv, differences.csv and {ReportFile} in {folder}");
        return true;
    }

    /// <summary>Each strategy's feasibility check, against the catalog the simulation compiled with.</summary>
    public static ImmutableArray<FeasibilityReport> Checks(SimulationResult result) =>
        [.. result.Strategies.Select(s => FeasibilityCheck.Run(s.Game.Scenario, Catalog.Korea))];

    /// <summary>Writes report.html (a new file: an existing one is an error, never overwritten).</summary>
    public static void WriteReport(string command, SimulationResult result, IReadOnlyList<FeasibilityReport> checks, string folder)
    {
        var html = HtmlReport.Render(new ReportContents(command, SimulationOutput.Version, result, [.. checks]));
        Documents.UserFile.WriteNew(Path.Combine(folder, ReportFile), html);
    }
}
