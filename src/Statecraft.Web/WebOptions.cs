using Statecraft.Store;

namespace Statecraft.Web;

/// <summary>How <c>statecraft serve</c> runs: where it listens, what it reads and writes, and the limits it holds every request to.</summary>
public sealed record WebOptions
{
    /// <summary>The address <c>statecraft serve</c> listens on when none is given: this machine only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5180";

    /// <summary>Addresses to listen on, separated by ';' (port 0 lets the system choose one).</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>The run store completed jobs are recorded in; null for <see cref="RunStore.DefaultPath"/>.</summary>
    public string? StorePath { get; init; }

    /// <summary>The folder of the user's own scenarios (<c>*.yaml</c>); null for <see cref="DefaultScenariosFolder"/>.</summary>
    public string? ScenariosFolder { get; init; }

    /// <summary>Write the server's warnings and errors to the console (the CLI does; tests keep quiet).</summary>
    public bool LogToConsole { get; init; }

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Longest scenario text accepted, in characters: far above any real roadmap, far below what would slow the parser.</summary>
    public int MaxScenarioChars { get; init; } = 256 * 1024;

    /// <summary>Most trajectories per strategy a web job may run: a web job is interactive, long runs belong to the CLI.</summary>
    public int MaxRuns { get; init; } = 200_000;

    /// <summary>Most trajectories per variant a web sensitivity analysis plays (its tornado plays 1 + 2 x factors variants, about 220).</summary>
    public int MaxSensitivityRuns { get; init; } = 20_000;

    /// <summary>Most rows of a web sensitivity analysis's Sobol design.</summary>
    public int MaxSensitivitySamples { get; init; } = 1_024;

    /// <summary>Most trajectories of a web Sobol stage, samples x (factors + 2) x inner runs: about a minute on two cores.</summary>
    public long MaxSobolTrajectories { get; init; } = 4_000_000;

    /// <summary>Most strategies in one compare.</summary>
    public int MaxStrategies { get; init; } = 8;

    /// <summary>Jobs simulating at once; more wait in line.</summary>
    public int MaxRunningJobs { get; init; } = 2;

    /// <summary>Jobs waiting in line; beyond it a new job is refused (429).</summary>
    public int MaxWaitingJobs { get; init; } = 8;

    /// <summary>Finished jobs kept in memory for <c>GET /api/jobs/{id}</c> (their runs stay in the store).</summary>
    public int FinishedJobsKept { get; init; } = 100;

    /// <summary>Worker threads per job (results do not depend on it).</summary>
    public int ThreadsPerJob { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>The run store's file.</summary>
    public string Store => StorePath ?? RunStore.DefaultPath;

    /// <summary>The user's scenarios folder.</summary>
    public string Scenarios => ScenariosFolder ?? DefaultScenariosFolder;

    /// <summary>A <c>scenarios</c> folder beside the default run store, so a user's own things live in one place.</summary>
    public static string DefaultScenariosFolder =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(RunStore.DefaultPath)) ?? ".", "scenarios");
}
