using System.CommandLine;

namespace Statecraft.Cli;

/// <summary>The <c>statecraft</c> command.</summary>
public static class Program
{
    /// <summary>Exit code: success, or a valid file / feasible roadmap.</summary>
    public const int Ok = 0;

    /// <summary>Exit code: a file is invalid (validate) or a roadmap is infeasible (check).</summary>
    public const int Failed = 1;

    /// <summary>Exit code: the input could not be used at all (bad arguments, unreadable or invalid file for check).</summary>
    public const int BadInput = 2;

    /// <summary>Exit code: a bug in Statecraft (never caused by input).</summary>
    public const int InternalError = 70;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>
    /// Runs the command line with explicit writers, so tests see exactly what a user sees;
    /// <paramref name="resultsRoot"/> is where commands put their numbered output folders.
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string resultsRoot = SavedResults.DefaultRoot)
    {
        // A plain command named "statecraft" rather than RootCommand, whose name is the host
        // executable's: under a test host or 'dotnet statecraft.dll' usage lines would name that.
        var root = new Command(
            "statecraft",
            "Statecraft: check, simulate and compare economic statecraft in nuclear negotiations " +
            "(ships with the Korean Peninsula 2018 case).")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
        };
        foreach (var command in Commands(stdout, stderr, resultsRoot))
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"statecraft: error: {error.Message}");
            }

            stderr.WriteLine("Run 'statecraft --help' (or 'statecraft COMMAND --help') for usage.");
            return BadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (Environment.GetEnvironmentVariable("STATECRAFT_DEBUG") is null)
        {
            // User errors are diagnostics, never exceptions; reaching here is a bug in Statecraft.
            // Say so in one line instead of a stack trace (set STATECRAFT_DEBUG=1 to see it).
            stderr.WriteLine($"statecraft: internal error: {ex.GetType().Name}: {ex.Message}");
            stderr.WriteLine("This is a bug in Statecraft, not in your input; please report it (STATECRAFT_DEBUG=1 shows the details).");
            return InternalError;
        }
    }

    private static IEnumerable<Command> Commands(TextWriter stdout, TextWriter stderr, string resultsRoot)
    {
        yield return RunCommand.Create(stdout, stderr, resultsRoot);
        yield return ValidateCommand.Create(stdout, stderr);
        yield return CheckCommand.Create(stdout, stderr);
        yield return MeasuresCommand.Create(stdout, stderr);
        yield return ScenariosCommand.Create(stdout, stderr);
        yield return DataCommand.Create(stdout, stderr);
        yield return CalibrateCommand.Create(stdout, stderr);
        yield return BackcastCommand.Create(stdout, stderr);
        yield return SimulateCommand.CreateSimulate(stdout, stderr, resultsRoot);
        yield return SimulateCommand.CreateCompare(stdout, stderr, resultsRoot);
        yield return SensitivityCommand.Create(stdout, stderr, resultsRoot);
        yield return OptimizeCommand.Create(stdout, stderr, resultsRoot);
        yield return MergeCommand.Create(stdout, stderr);
        yield return RunsCommand.Create(stdout, stderr);
        yield return BargainCommand.Create(stdout, stderr);
        yield return BenchCommand.Create(stdout, stderr);
        yield return ServeCommand.Create(stdout, stderr);
    }
}
