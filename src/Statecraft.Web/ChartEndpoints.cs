using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Statecraft.Sanctions;
using Statecraft.Negotiation;
using Statecraft.Output;
using Statecraft.Reports;
using Statecraft.Simulation;
using Statecraft.Store;

namespace Statecraft.Web;

/// <summary>
/// The report's charts for the page: the chart libraries the report inlines, served as scripts, and the
/// report's Vega-Lite specs (<see cref="HtmlReport.Charts"/>) for a finished job or a stored run.
/// </summary>
internal static class ChartEndpoints
{
    public static void Map(WebApplication app, WebOptions options, SimulationJobs jobs)
    {
        foreach (var library in ChartLibraries.All)
        {
            // The same builds the report inlines, so the page and the report draw with the same code; cached, as they change only with the app.
            app.MapGet($"/assets/{library.Name}.min.js", (HttpContext context) =>
                {
                    context.Response.Headers.CacheControl = "public, max-age=86400";
                    return Results.Text(library.Code, "text/javascript; charset=utf-8");
                })
                .ExcludeFromDescription();
        }

        var api = app.MapGroup("/api");
        api.MapGet("/jobs/{id}/charts", (string id) =>
            {
                if (jobs.Find(id) is not { } job)
                    return ApiAnswer.Error(StatusCodes.Status404NotFound, $"no job '{id}' (finished jobs are kept for a while; their runs are in /api/runs)", "id");
                return job.ChartsJson is { } charts
                    ? ApiAnswer.JsonText(charts)
                    : ApiAnswer.Error(StatusCodes.Status409Conflict, $"job '{id}' is {job.Status.ToString().ToLowerInvariant()}; its charts exist once it is done", "id");
            })
            .WithName("JobCharts").WithSummary("The HTML report's Vega-Lite specs (data inline) for a finished job, to draw with vega-embed")
            .Produces(200, contentType: "application/json").Produces<ErrorAnswer>(404).Produces<ErrorAnswer>(409);
        api.MapGet("/runs/{id}/charts", (string id, HttpContext context) => RunChartsAnswer(options, jobs.RunCharts, id, context.RequestAborted))
            .WithName("RunCharts").WithSummary("The HTML report's Vega-Lite specs for a stored run, as stored with it; a run stored without them (schema 1) has them rebuilt by re-simulating its stored scenarios in its stored world with its seed, runs and assumptions")
            .Produces(200, contentType: "application/json").Produces<ErrorAnswer>(404).Produces<ErrorAnswer>(409);
    }

    /// <summary>The charts answer: the specs in page order and the libraries that draw them.</summary>
    public static string ChartsJson(SimulationResult result, bool? reproduced = null) => ChartsAnswer(HtmlReport.ChartsJson(result), reproduced, stored: false);

    /// <summary>The charts answer of a sensitivity analysis: its tornado and Sobol specs, as its report draws them.</summary>
    public static string SensitivityChartsJson(Analysis.SensitivityResult result) =>
        ChartsAnswer(SensitivityCharts.ChartsJson(result).ToJsonString(), reproduced: null, stored: false);

    /// <summary>
    /// The charts answer from the charts' JSON array (<see cref="HtmlReport.ChartsJson"/>): "stored" when they are the ones kept
    /// with the run, "reproduced" when they were rebuilt by re-simulating a run stored without them (whether the result matched).
    /// </summary>
    private static string ChartsAnswer(string charts, bool? reproduced, bool stored)
    {
        var answer = new JsonObject
        {
            ["charts"] = JsonNode.Parse(charts),
            ["libraries"] = Json.Array(ChartLibraries.All, l => new JsonObject { ["name"] = l.Name, ["version"] = l.Version, ["url"] = $"/assets/{l.Name}.min.js" }),
        };
        if (stored) answer["stored"] = true;
        if (reproduced is { } same) answer["reproduced"] = same;
        return answer.ToJsonString(Json.Options);
    }

    /// <summary>
    /// The games a stored run played, prepared again with <see cref="RunPlan.Prepare"/> from its stored scenario and world texts and
    /// changes: in its recorded world, or in each file's own beliefs for an embedded-world run. A run stored before runs kept their
    /// world played each file under the beliefs written into it, so each is prepared alone under them (those of different files
    /// may differ, which one embedded plan refuses). The first world's games: those whose charts the run stored. Null when this
    /// version cannot prepare them.
    /// </summary>
    internal static List<CompiledGame>? Replay(StoredRun run)
    {
        var roadmaps = run.Scenarios.Select(s => new InputText(s.Path, s.Text)).ToList();
        IEnumerable<RunPlan> plans = run.World switch
        {
            WorldRecord.Recorded => [new RunPlan([.. roadmaps], [.. run.Worlds.Select(w => new InputText(w.Path, w.Text))], [.. run.Set])],
            WorldRecord.Embedded => [new RunPlan([.. roadmaps], [], [.. run.Set]) { Embedded = true }],
            _ => roadmaps.Select(r => new RunPlan([r], [], [.. run.Set]) { Embedded = true }),
        };
        var games = new List<CompiledGame>();
        foreach (var plan in plans)
        {
            if (plan.Prepare(Catalog.Korea).Run is not { } prepared) return null;
            games.AddRange(prepared.First);
        }

        return games;
    }

    private static async Task<IResult> RunChartsAnswer(WebOptions options, RunChartCache cache, string text, CancellationToken aborted)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
            return ApiAnswer.Error(StatusCodes.Status400BadRequest, $"'{text}' is not a run number; GET /api/runs lists them (1, 2, ...)", "id");
        if (cache.TryGet(id, out var cached)) return ApiAnswer.JsonText(cached);
        if (!File.Exists(options.Store)) return ApiAnswer.Error(StatusCodes.Status404NotFound, $"no run {id}: the run store {Path.GetFullPath(options.Store)} does not exist yet", "id");

        StoredRun? run;
        try
        {
            using var store = RunStore.Open(options.Store);
            run = store.Find(id);
        }
        catch (RunStoreException e)
        {
            return ApiAnswer.Error(StatusCodes.Status503ServiceUnavailable, e.Message);
        }

        if (run is null) return ApiAnswer.Error(StatusCodes.Status404NotFound, $"no run {id}; GET /api/runs lists them", "id");
        if (run.Status != RunStatus.Complete || run.ResultJson is null)
            return ApiAnswer.Error(StatusCodes.Status409Conflict, $"run {id} is {run.Status.ToString().ToLowerInvariant()}; only a complete run has charts", "id");

        // Runs are stored with their charts; only runs stored before the store kept them (schema 1) are re-simulated.
        if (run.ChartsJson is { } kept) return ApiAnswer.JsonText(ChartsAnswer(kept, reproduced: null, stored: true));
        if (run.Runs > options.MaxRuns)
            return ApiAnswer.Error(StatusCodes.Status422UnprocessableEntity, string.Create(CultureInfo.InvariantCulture,
                $"run {id} has {run.Runs:N0} trajectories per strategy; this server re-simulates at most {options.MaxRuns:N0} to draw charts ('statecraft runs show {id}' prints its figures)"), "id");

        if (Replay(run) is not { } games)
            return ApiAnswer.Error(StatusCodes.Status422UnprocessableEntity,
                $"run {id}'s stored scenarios, world or changes cannot be prepared by this version, so its charts cannot be rebuilt ('statecraft runs show {id}' prints its figures)", "id");

        await cache.Rebuilding.WaitAsync(aborted);
        try
        {
            // Another request may have drawn them while this one waited its turn.
            if (cache.TryGet(id, out cached)) return ApiAnswer.JsonText(cached);

            // Deterministic for any thread count: the re-simulation gives the stored result, unless a later version changed the model.
            // A browser that goes away stops it after the current batch.
            var settings = new SimulationSettings(run.Runs, run.Seed, options.ThreadsPerJob);
            var result = await Task.Factory.StartNew(() => MonteCarlo.Run(games, settings, null, aborted), aborted, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            var same = SimulationOutput.ToJson(result).ToJsonString(Json.Options).Trim() == run.ResultJson.Trim();
            var charts = ChartsJson(result, same);
            cache.Add(id, charts);
            return ApiAnswer.JsonText(charts);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The browser went away: nobody is waiting for the charts.
            return Results.Empty;
        }
        finally
        {
            cache.Rebuilding.Release();
        }
    }
}
