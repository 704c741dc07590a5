using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Statecraft.Analysis;
using Statecraft.Negotiation;
using Statecraft.Output;
using Statecraft.Simulation;
using Statecraft.Reports;
using Statecraft.Store;

namespace Statecraft.Web;

/// <summary>Where a job stands.</summary>
internal enum JobStatus
{
    Waiting,
    Running,
    Done,
    Failed,
    Cancelled,
}

/// <summary>A scenario a job simulates: the name it is known by, and the text read.</summary>
internal sealed record JobScenario(string Name, string Path, string Text);

/// <summary>
/// What a job runs: <c>simulate</c> or <c>compare</c> on compiled games, or with <paramref name="Sensitivity"/> a
/// sensitivity analysis of the one scenario, with the settings and changes asked for.
/// </summary>
internal sealed record JobRequest(
    string Command, IReadOnlyList<CompiledGame> Games, IReadOnlyList<JobScenario> Scenarios, int Runs, ulong Seed, IReadOnlyList<string> Set,
    SensitivityRequest? Sensitivity = null)
{
    /// <summary>The world the games were prepared in, as read.</summary>
    public required JobWorld World { get; init; }

    /// <summary>The preparation's warnings (an old file's own beliefs replaced by the world's, say), shown with the job.</summary>
    public ImmutableArray<Documents.Diagnostic> Warnings { get; init; } = [];

    /// <summary>The progress bar's end: trajectories per strategy for a simulation; variants and design points played for a sensitivity analysis.</summary>
    public long Total => Sensitivity?.Total ?? Runs;
}

/// <summary>
/// A sensitivity analysis as <c>statecraft sensitivity</c> runs it: a tornado over every factor of <paramref name="Space"/>
/// on <see cref="JobRequest.Runs"/> trajectories per variant, then with Sobol the indices of the <paramref name="Top"/> factors
/// the tornado ranks highest on <paramref name="Samples"/> design rows, each point played on <paramref name="InnerRuns"/> trajectories.
/// </summary>
internal sealed record SensitivityRequest(
    FactorSpace Space, ImmutableArray<Outcome> Outcomes, SensitivityMethod Method, int Samples, int InnerRuns, int Top, int Bootstrap)
{
    public int TornadoVariants => 1 + (2 * Space.Factors.Length);

    /// <summary>Factors the Sobol stage decomposes.</summary>
    public int SobolFactors => Method == SensitivityMethod.Sobol ? Math.Min(Top, Space.Factors.Length) : 0;

    /// <summary>Design points of the Sobol stage: N (k + 2).</summary>
    public long SobolPoints => Method == SensitivityMethod.Sobol ? (long)Samples * (SobolFactors + 2) : 0;

    /// <summary>Variants and design points played, both stages together.</summary>
    public long Total => TornadoVariants + SobolPoints;
}

/// <summary>One simulation started through the API: its progress while it runs, its result document when done.</summary>
internal sealed class SimulationJob(string id, JobRequest request)
{
    private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long done;

    public string Id { get; } = id;

    public JobRequest Request { get; } = request;

    public CancellationTokenSource Cancel { get; } = new();

    public JobStatus Status { get; set; } = JobStatus.Waiting;

    /// <summary>Trajectories done per strategy; for a sensitivity analysis, variants and design points played.</summary>
    public long Done => Interlocked.Read(ref done);

    /// <summary>The stage a sensitivity analysis is in (tornado, then sobol); null for a simulation.</summary>
    public string? Stage { get; set; }

    public string? Error { get; set; }

    public string? Warning { get; set; }

    public string? ResultJson { get; set; }

    /// <summary>The report's chart specs for the page, built once the result is in (GET /api/jobs/ID/charts).</summary>
    public string? ChartsJson { get; set; }

    public long? RunId { get; set; }

    /// <summary>Completes when the job has ended, however it ended.</summary>
    public Task Finished => finished.Task;

    public bool IsOver => Status is JobStatus.Done or JobStatus.Failed or JobStatus.Cancelled;

    public void Progress(long trajectories) => Interlocked.Exchange(ref done, trajectories);

    /// <summary>
    /// Progress reported from several worker threads, which may report their counts out of order: the count only
    /// grows, so the bar never steps back.
    /// </summary>
    public void Advance(long count)
    {
        var seen = Interlocked.Read(ref done);
        while (count > seen)
        {
            var was = Interlocked.CompareExchange(ref done, count, seen);
            if (was == seen) return;
            seen = was;
        }
    }

    public void End(JobStatus status)
    {
        Status = status;
        finished.TrySetResult();
    }

    public JsonObject ToJson(bool withResult) => new()
    {
        ["job"] = Id,
        ["command"] = Request.Command,
        ["status"] = Status.ToString().ToLowerInvariant(),
        ["strategies"] = Json.Strings(Request.Scenarios.Select(s => s.Name)),
        ["runs"] = Request.Runs,
        ["seed"] = Request.Seed,
        ["set"] = Json.Strings(Request.Set),
        ["world"] = Request.World.ToJson(),
        ["diagnostics"] = DiagnosticOutput.ToJson(Request.Warnings),
        ["method"] = Request.Sensitivity is { } a ? (a.Method == SensitivityMethod.Sobol ? "sobol" : "tornado") : null,
        ["progress"] = new JsonObject { ["done"] = Done, ["total"] = Request.Total, ["stage"] = Stage },
        ["error"] = Error,
        ["warning"] = Warning,
        ["run_id"] = RunId,
        ["events"] = $"/api/jobs/{Id}/events",
        ["result"] = withResult && ResultJson is { } json ? JsonNode.Parse(json) : null,
    };
}

/// <summary>
/// The jobs of this server: at most <see cref="WebOptions.MaxRunningJobs"/> simulate at once, up to
/// <see cref="WebOptions.MaxWaitingJobs"/> wait in line, and beyond that a new one is refused, so a busy
/// browser cannot queue unbounded work. A completed job is recorded in the run store as the CLI records its runs.
/// </summary>
internal sealed class SimulationJobs(WebOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<string, SimulationJob> jobs = new();
    private readonly ConcurrentQueue<string> order = new();
    private readonly SemaphoreSlim running = new(options.MaxRunningJobs);
    private readonly Lock admitting = new();
    private int pending;

    /// <summary>Charts of stored runs; a run this server completes goes in at once, so opening it from the history is instant.</summary>
    public RunChartCache RunCharts { get; } = new();

    public SimulationJob? Find(string id) => jobs.TryGetValue(id, out var job) ? job : null;

    /// <summary>Starts a job, or refuses it with 429 when the line is full.</summary>
    public SimulationJob Start(JobRequest request)
    {
        SimulationJob job;
        lock (admitting)
        {
            if (pending >= options.MaxRunningJobs + options.MaxWaitingJobs)
                throw new ApiRefusal(StatusCodes.Status429TooManyRequests,
                    $"too many jobs: {options.MaxRunningJobs} run at once and {options.MaxWaitingJobs} may wait; wait for one to finish or cancel one (DELETE /api/jobs/ID)");
            pending++;
            job = new SimulationJob(Guid.NewGuid().ToString("N")[..12], request);
            jobs[job.Id] = job;
            order.Enqueue(job.Id);
        }

        Forget();
        _ = Task.Run(() => RunAsync(job));
        return job;
    }

    /// <summary>Asks a job to stop; a waiting job stops at once, a running one after its current batch.</summary>
    public static void Cancel(SimulationJob job) => job.Cancel.Cancel();

    public void Dispose()
    {
        foreach (var job in jobs.Values) job.Cancel.Cancel();
    }

    private async Task RunAsync(SimulationJob job)
    {
        var admitted = false;
        try
        {
            await running.WaitAsync(job.Cancel.Token);
            admitted = true;
            job.Status = JobStatus.Running;
            await Task.Factory.StartNew(() =>
            {
                if (job.Request.Sensitivity is { } analysis) Analyse(job, analysis);
                else Simulate(job);
            }, job.Cancel.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch (OperationCanceledException)
        {
            job.End(JobStatus.Cancelled);
        }
        catch (Exception e)
        {
            // Input was checked before the job started: a failure here is a bug, told in one line.
            job.Error = $"internal error: {e.GetType().Name}: {e.Message}";
            job.End(JobStatus.Failed);
        }
        finally
        {
            if (admitted) running.Release();
            lock (admitting) pending--;
        }
    }

    private void Simulate(SimulationJob job)
    {
        var r = job.Request;
        var settings = new SimulationSettings(r.Runs, r.Seed, options.ThreadsPerJob);
        var (store, id) = Begin(job, settings);
        try
        {
            var result = MonteCarlo.Run(r.Games, settings, job.Progress, job.Cancel.Token);
            var json = SimulationOutput.ToJson(result).ToJsonString(Json.Options);
            if (store is not null) Complete(job, store, id, json, result);
            job.ChartsJson = ChartEndpoints.ChartsJson(result, reproduced: null);
            if (job.RunId is { } runId) RunCharts.Add(runId, job.ChartsJson);
            job.ResultJson = json;
            job.End(JobStatus.Done);
        }
        catch
        {
            // A cancelled or failed job is no run: its record goes, rather than staying 'running' while this server lives.
            if (store is not null)
            {
                try { store.Delete([id]); } catch (Exception e) when (e is RunStoreException or Microsoft.Data.Sqlite.SqliteException) { }
            }

            throw;
        }
        finally
        {
            store?.Dispose();
        }
    }

    /// <summary>
    /// A sensitivity analysis, as <c>statecraft sensitivity</c> runs it (the same result for the same settings). It is not
    /// recorded in the run store, which keeps simulations; its result and charts stay with the job.
    /// </summary>
    private void Analyse(SimulationJob job, SensitivityRequest a)
    {
        var r = job.Request;
        var cancel = job.Cancel.Token;
        job.Stage = "tornado";
        var tornado = Tornado.Run(a.Space, a.Outcomes, new TrajectoryWindow(r.Seed, 0, r.Runs), options.ThreadsPerJob, null, (done, _) => job.Advance(done), cancel);
        SobolResult? sobol = null;
        if (a.Method == SensitivityMethod.Sobol)
        {
            job.Stage = "sobol";
            sobol = Sobol.Run(a.Space, [.. tornado.Screened().Take(a.Top)], a.Outcomes, a.Samples, new TrajectoryWindow(r.Seed, 0, a.InnerRuns), a.Bootstrap,
                options.ThreadsPerJob, (done, _) => job.Advance(a.TornadoVariants + done), cancel);
        }

        var scenario = r.Scenarios[0];
        var result = new SensitivityResult(a.Space.Scenario.Name, scenario.Path, a.Method, [.. r.Set], a.Space.Factors.Length, tornado, sobol, Screened: true);
        job.ChartsJson = ChartEndpoints.SensitivityChartsJson(result);
        job.ResultJson = SensitivityOutput.ToJson(result).ToJsonString(Json.Options);
        job.End(JobStatus.Done);
    }

    private (RunStore? Store, long Id) Begin(SimulationJob job, SimulationSettings settings)
    {
        var r = job.Request;
        RunStore? store = null;
        try
        {
            store = RunStore.Open(options.Store);
            var scenarios = r.Scenarios.Select(s => StoredScenario.Of(s.Name, s.Path, s.Text)).ToList();
            var arguments = string.Join(' ', [.. r.Scenarios.Select(s => s.Name), "--runs", r.Runs.ToString(CultureInfo.InvariantCulture),
                "--seed", r.Seed.ToString(CultureInfo.InvariantCulture), .. r.Set.SelectMany(s => new[] { "--set", s }), "--world", r.World.Name]);
            // As the CLI records its runs: the world file played (the baseline's when the request named none), or that it was embedded.
            var start = new RunStart(r.Command, arguments, SimulationOutput.ToolVersion, settings.Seed, settings.Runs, r.Set, scenarios)
            {
                Worlds = r.World.File is { } world ? [StoredWorld.Of(r.World.Name, world.Path, world.Text)] : [],
                EmbeddedWorld = r.World.Embedded,
            };
            return (store, store.Begin(start));
        }
        catch (Exception e) when (e is RunStoreException or Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            // As in the CLI: a store that cannot be used never costs the run.
            store?.Dispose();
            job.Warning = $"not recorded in the run store: {e.Message}";
            return (null, 0);
        }
    }

    private static void Complete(SimulationJob job, RunStore store, long id, string json, SimulationResult result)
    {
        try
        {
            store.Complete(id, json + "\n", SimulationOutput.Text(result), null, HtmlReport.ChartsJson(result));
            job.RunId = id;
        }
        catch (Exception e) when (e is RunStoreException or Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            job.Warning = $"the results could not be recorded in {store.Path}: {e.Message}";
        }
    }

    /// <summary>Drops the oldest finished jobs beyond the number kept; their runs stay in the store.</summary>
    private void Forget()
    {
        while (order.Count > options.FinishedJobsKept && order.TryPeek(out var oldest) && jobs.TryGetValue(oldest, out var job) && job.IsOver)
        {
            order.TryDequeue(out _);
            jobs.TryRemove(oldest, out _);
        }
    }

}
