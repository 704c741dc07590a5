using Statecraft.Cli;

namespace Statecraft.Tests.Cli;

/// <summary>Runs the statecraft command line in-process and captures what a user would see.</summary>
internal sealed record CliRun(int Exit, string Out, string Err)
{
    /// <summary>
    /// Runs one command line. The numbered result folders that run, simulate, compare and merge save
    /// when no --out is given go into a temporary folder removed afterwards, never beside the tests.
    /// </summary>
    public static CliRun Of(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var results = new TempDir();
        var exit = Program.Run(args, stdout, stderr, results.Path);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs one command line with its numbered result folders under <paramref name="resultsRoot"/>.</summary>
    public static CliRun In(string resultsRoot, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Program.Run(args, stdout, stderr, resultsRoot);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A stack trace prints frames as "   at Namespace.Type.Method(...)".</summary>
    public bool ShowsStackTrace => (Out + Err).Contains("   at ", StringComparison.Ordinal);
}

/// <summary>The repository root, found from the test binary, for tests about shipped files and docs.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Statecraft.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the tests must run inside the repository (Statecraft.slnx not found above " + AppContext.BaseDirectory + ")");
    }
}

/// <summary>A temporary directory removed after the test.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("statecraft-test-").FullName;

    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
