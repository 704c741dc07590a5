using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Statecraft.Data;
using Statecraft.Documents;
using Statecraft.Feasibility;
using Statecraft.Negotiation;
using Statecraft.Output;
using Statecraft.Sanctions;
using Statecraft.Scenarios;
using Statecraft.Simulation;
using Statecraft.Store;

namespace Statecraft.Web;

/// <summary>The HTTP API under <c>/api</c> (docs/web.md): the CLI's commands as JSON, the simulations as jobs.</summary>
internal static class ApiEndpoints
{
    /// <summary>The path diagnostics name for a text sent in a request.</summary>
    internal const string RequestPath = "scenario.yaml";

    public static void Map(WebApplication app, WebOptions options, ScenarioLibrary library, SimulationJobs jobs)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/scenarios", () => ListScenarios(library))
            .WithName("ListScenarios").WithSummary("The shipped scenarios and the user's own, with their validity")
            .Produces<ScenarioListAnswer>();
        api.MapGet("/scenarios/{name}", (string name) => GetScenario(library, name))
            .WithName("GetScenario").WithSummary("One scenario's text")
            .Produces<ScenarioAnswer>().Produces<ErrorAnswer>(404);
        api.MapPut("/scenarios/{name}", (string name, HttpRequest request) => Guarded(async () =>
            {
                var text = await ScenarioText(request, options);
                var created = library.Save(name, text);
                var load = ScenarioLibrary.Load(library.Find(name)!);
                return ApiAnswer.Json(new JsonObject
                {
                    ["name"] = name,
                    ["source"] = "user",
                    ["created"] = created,
                    ["valid"] = load.IsValid,
                    ["diagnostics"] = DiagnosticOutput.ToJson(load.Diagnostics),
                }, created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
            }))
            .WithName("SaveScenario").WithSummary("Saves a user scenario (never a shipped one), valid or not, and answers its diagnostics")
            .Accepts<ScenarioTextBody>("application/json").Produces<SavedAnswer>().Produces<SavedAnswer>(201).Produces<ErrorAnswer>(400).Produces<ErrorAnswer>(409);

        api.MapGet("/worlds", ListWorlds)
            .WithName("ListWorlds").WithSummary("The shipped worlds (what a run believes about the North, China and the others), the baseline first and the default; each with its beliefs in one line and its file's text")
            .Produces<WorldListAnswer>();

        api.MapPost("/validate", (HttpRequest request) => Guarded(async () =>
            {
                var load = ScenarioLoader.Parse(await ScenarioText(request, options), RequestPath, Catalog.Korea);
                return ApiAnswer.Json(new JsonObject { ["valid"] = load.IsValid, ["diagnostics"] = DiagnosticOutput.ToJson(load.Diagnostics) });
            }))
            .WithName("Validate").WithSummary("Every located problem of a scenario, as 'statecraft validate --json' gives them")
            .Accepts<ScenarioTextBody>("application/json").Produces<ValidationAnswer>().Produces<ErrorAnswer>(400).Produces<ErrorAnswer>(413);

        api.MapPost("/outline", (HttpRequest request) => Guarded(async () =>
                ApiAnswer.Json(RoadmapOutline.Of(await ScenarioText(request, options), RequestPath))))
            .WithName("Outline").WithSummary("The roadmap's editable fields (phase names, steps, verification levels, conditions, incentives) with their place in the text and their valid choices, for the page's form")
            .Accepts<ScenarioTextBody>("application/json").Produces<OutlineAnswer>().Produces<ErrorAnswer>(400).Produces<ErrorAnswer>(413);

        api.MapPost("/check", (HttpRequest request) => Guarded(async () =>
            {
                var load = ScenarioLoader.Parse(await ScenarioText(request, options), RequestPath, Catalog.Korea);
                return load.Scenario is { } scenario
                    ? ApiAnswer.Json(FeasibilityOutput.ToJson(FeasibilityCheck.Run(scenario, Catalog.Korea)))
                    : ApiAnswer.Json(new JsonObject
                    {
                        ["error"] = "the scenario is invalid; its diagnostics say where and why",
                        ["field"] = "yaml",
                        ["valid"] = false,
                        ["diagnostics"] = DiagnosticOutput.ToJson(load.Diagnostics),
                    }, StatusCodes.Status422UnprocessableEntity);
            }))
            .WithName("Check").WithSummary("The roadmap's sanctions feasibility report, as 'statecraft check --json' prints it (422 with the diagnostics when the scenario is invalid)")
            .Accepts<ScenarioTextBody>("application/json").Produces(200, contentType: "application/json").Produces<ValidationAnswer>(422).Produces<ErrorAnswer>(400);

        api.MapPost("/simulate", (HttpRequest request) => Guarded(() => StartJob("simulate", request, options, library, jobs)))
            .WithName("Simulate").WithSummary("Starts simulating one scenario in a world (default the baseline); the job's result is what 'statecraft simulate --world WORLD --json' prints")
            .Accepts<JobBody>("application/json").Produces<JobStarted>(202).Produces<ErrorAnswer>(400).Produces<ErrorAnswer>(422).Produces<ErrorAnswer>(429);
        api.MapPost("/compare", (HttpRequest request) => Guarded(() => StartJob("compare", request, options, library, jobs)))
            .WithName("Compare").WithSummary("Starts comparing two or more scenarios in one world on the same draws; the result is what 'statecraft compare --world WORLD --json' prints")
            .Accepts<JobBody>("application/json").Produces<JobStarted>(202).Produces<ErrorAnswer>(400).Produces<ErrorAnswer>(422).Produces<ErrorAnswer>(429);

        api.MapPost("/sensitivity", (HttpRequest request) => Guarded(() => StartSensitivity(request, options, library, jobs)))
            .WithName("Sensitivity").WithSummary("Starts a sensitivity analysis of one scenario (a tornado of every uncertain factor, and with method sobol first-order and total " +
                "indices); the job's result is what 'statecraft sensitivity --json' prints, its charts (GET /api/jobs/ID/charts) the report's tornado and Sobol charts")
            .Accepts<SensitivityBody>("application/json").Produces<JobStarted>(202).Produces<ErrorAnswer>(400).Produces<ErrorAnswer>(422).Produces<ErrorAnswer>(429);

        api.MapGet("/jobs/{id}", (string id) => jobs.Find(id) is { } job ? ApiAnswer.Json(job.ToJson(withResult: true)) : NoJob(id))
            .WithName("GetJob").WithSummary("A job's status and progress, and its result when done")
            .Produces<JobAnswer>().Produces<ErrorAnswer>(404);
        api.MapGet("/jobs/{id}/events", (string id, HttpContext context) => jobs.Find(id) is { } job ? Events(job, context) : Task.FromResult(NoJob(id)))
            .WithName("JobEvents").WithSummary("Server-Sent Events: 'progress' (done, total) as batches finish, then one 'done', 'failed' or 'cancelled'")
            .Produces(200, contentType: "text/event-stream").Produces<ErrorAnswer>(404);
        api.MapDelete("/jobs/{id}", (string id) =>
            {
                if (jobs.Find(id) is not { } job) return NoJob(id);
                SimulationJobs.Cancel(job);
                return ApiAnswer.Json(job.ToJson(withResult: false), StatusCodes.Status202Accepted);
            })
            .WithName("CancelJob").WithSummary("Cancels a job: a waiting one at once, a running one after its current batch (of 1,024 trajectories)")
            .Produces<JobAnswer>(202).Produces<ErrorAnswer>(404);

        api.MapGet("/runs", () => Guarded(() => Task.FromResult(ListRuns(options))))
            .WithName("ListRuns").WithSummary("The run store's runs, newest last, without their results (as 'statecraft runs list --json')")
            .Produces(200, contentType: "application/json");
        api.MapGet("/runs/{id}", (string id) => Guarded(() => Task.FromResult(GetRun(options, id))))
            .WithName("GetRun").WithSummary("One stored run with its result document (as 'statecraft runs show ID --json')")
            .Produces(200, contentType: "application/json").Produces<ErrorAnswer>(404);

        api.MapGet("/data", () =>
            {
                var text = new StringWriter();
                DatasetOutput.WriteJson(Dataset.Korea, Dataset.Korea.Series, text);
                return ApiAnswer.JsonText(text.ToString());
            })
            .WithName("Data").WithSummary("The embedded dataset: every series with its unit, observations, confidence and source (as 'statecraft data --json')")
            .Produces(200, contentType: "application/json");
    }

    /// <summary>Turns a refusal anywhere in a handler into its 4xx answer.</summary>
    private static async Task<IResult> Guarded(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (ApiRefusal refusal)
        {
            return refusal.ToResult();
        }
    }

    private static Task<IResult> Guarded(Func<IResult> handler) => Guarded(() => Task.FromResult(handler()));

    private static IResult NoJob(string id) => ApiAnswer.Error(StatusCodes.Status404NotFound, $"no job '{id}' (finished jobs are kept for a while; their runs are in /api/runs)", "id");

    private static async Task<string> ScenarioText(HttpRequest request, WebOptions options)
    {
        var body = await ApiRequest.ReadAsync(request, options, request.HttpContext.RequestAborted);
        return Capped(body.String("yaml", required: true)!, "yaml", "scenario", options);
    }

    /// <summary>A file's text sent in a request, refused with 413 beyond the cap a scenario has (a world file is held to the same).</summary>
    internal static string Capped(string text, string field, string what, WebOptions options) => text.Length <= options.MaxScenarioChars
        ? text
        : throw new ApiRefusal(StatusCodes.Status413PayloadTooLarge, string.Create(CultureInfo.InvariantCulture,
            $"the {what} is {text.Length:N0} characters; the limit is {options.MaxScenarioChars:N0}"), field);

    private static IResult ListScenarios(ScenarioLibrary library)
    {
        var entries = library.All().Select(s =>
        {
            var load = ScenarioLibrary.Load(s);
            return new JsonObject
            {
                ["name"] = s.Name,
                ["title"] = load.Scenario?.Name,
                ["source"] = s.Source,
                ["valid"] = load.IsValid,
            };
        });
        return ApiAnswer.Json(new JsonObject { ["folder"] = library.Folder, ["scenarios"] = Json.Array(entries, e => e) });
    }

    private static IResult ListWorlds() => ApiAnswer.Json(new JsonObject
    {
        ["default"] = ShippedWorlds.BaselineName,
        ["worlds"] = Json.Array(ShippedWorlds.All, w => new JsonObject
        {
            ["name"] = w.Id,
            ["title"] = w.Name,
            ["description"] = w.Description?.Trim(),
            ["basis"] = w.Basis?.Trim(),
            ["beliefs"] = w.Summary(),
            ["path"] = w.Path,
            ["default"] = w.Id == ShippedWorlds.BaselineName,
            ["yaml"] = ShippedWorlds.FindFile(w.Id)!.Text,
        }),
    });

    private static IResult GetScenario(ScenarioLibrary library, string name) => library.Find(name) is { } s
        ? ApiAnswer.Json(new JsonObject { ["name"] = s.Name, ["source"] = s.Source, ["path"] = s.Path, ["yaml"] = s.Text })
        : ApiAnswer.Error(StatusCodes.Status404NotFound,
            ScenarioLibrary.IsName(name) ? $"no scenario '{name}'; GET /api/scenarios lists them" : $"'{name}' is not a scenario name: a name is {ScenarioLibrary.NameRule}", "name");

    private static async Task<IResult> StartJob(string command, HttpRequest request, WebOptions options, ScenarioLibrary library, SimulationJobs jobs)
    {
        var body = await ApiRequest.ReadAsync(request, options, request.HttpContext.RequestAborted);
        var runs = (int)(body.Whole("runs", 1, options.MaxRuns, string.Create(CultureInfo.InvariantCulture, $"1 to {options.MaxRuns:N0} (trajectories per strategy)")) ?? SimulationSettings.DefaultRuns);
        var seed = body.Seed("seed") ?? SimulationSettings.DefaultSeed;
        var set = Assumptions(body.Numbers("set"));
        var strategies = Strategies(command, body, options, library);
        var world = JobWorld.From(body, options);
        var (run, warnings) = JobPreparation.Prepare(strategies, i => body.Has("scenarios") ? $"scenarios[{i}]" : body.Has("name") ? "name" : "yaml", world, set);
        var job = jobs.Start(new JobRequest(command, [.. run.First], strategies, runs, seed, set) { World = world with { Played = run.Worlds[0] }, Warnings = warnings });
        return Results.Json(new JobStarted(job.Id, $"/api/jobs/{job.Id}/events"), WebApp.JsonOptions, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// Starts a sensitivity job. Its options are the CLI's, held to the web's limits (<see cref="WebOptions.MaxSensitivityRuns"/>,
    /// <see cref="WebOptions.MaxSensitivitySamples"/>, <see cref="WebOptions.MaxSobolTrajectories"/>): an option outside them is
    /// a 400 that states the limit, since the request, not the scenario, is at fault.
    /// </summary>
    private static async Task<IResult> StartSensitivity(HttpRequest request, WebOptions options, ScenarioLibrary library, SimulationJobs jobs)
    {
        var body = await ApiRequest.ReadAsync(request, options, request.HttpContext.RequestAborted);
        var method = body.String("method") ?? "tornado";
        if (method is not ("tornado" or "sobol"))
            throw new ApiRefusal(StatusCodes.Status400BadRequest, $"'method' must be tornado or sobol, not '{method}'", "method");
        const int bad = StatusCodes.Status400BadRequest;
        var inv = CultureInfo.InvariantCulture;
        var runs = (int)(body.Whole("runs", 2, options.MaxSensitivityRuns, string.Create(inv, $"2 to {options.MaxSensitivityRuns:N0} (trajectories per tornado variant)"), bad) ?? DefaultSensitivityRuns);
        var samples = (int)(body.Whole("samples", 2, options.MaxSensitivitySamples, string.Create(inv, $"2 to {options.MaxSensitivitySamples:N0} (rows of the Sobol design)"), bad) ?? DefaultSensitivitySamples);
        var inner = (int)(body.Whole("inner_runs", 1, options.MaxSensitivityRuns, string.Create(inv, $"1 to {options.MaxSensitivityRuns:N0} (trajectories per Sobol design point)"), bad) ?? DefaultInnerRuns);
        var top = (int)(body.Whole("top", 1, MaxTop, $"1 to {MaxTop} (factors the Sobol indices decompose)", bad) ?? DefaultTop);
        var bootstrap = (int)(body.Whole("bootstrap", 0, MaxBootstrap, string.Create(inv, $"0 to {MaxBootstrap:N0} (bootstrap replicates)"), bad) ?? Analysis.Sobol.DefaultBootstrap);
        var outcomes = SensitivityOutcomes(body.Strings("outcomes"));
        var seed = body.Seed("seed") ?? SimulationSettings.DefaultSeed;
        var set = Assumptions(body.Numbers("set"));
        if (body.Has("yaml") && body.Has("name")) throw new ApiRefusal(StatusCodes.Status400BadRequest, "give 'yaml' or 'name', not both", "name");
        var scenario = Strategy(body.String("name"), body.String("yaml"), null, "", options, library);
        var world = JobWorld.From(body, options);
        var (run, warnings) = JobPreparation.Prepare([scenario], _ => body.Has("name") ? "name" : "yaml", world, set);
        // The factor space compiles its variants on the default calibration, so a world's economy values would be silently lost.
        if (!run.Worlds[0].Economy.IsEmpty)
            return ApiAnswer.Error(StatusCodes.Status422UnprocessableEntity,
                $"world '{world.Name}' holds economy values ({string.Join(", ", run.Worlds[0].Economy.Select(v => v.Name))}), which a sensitivity analysis does not play yet; " +
                "leave them out of the world (the analysis varies every economy assumption over its range) or simulate it instead", world.Field);

        // As 'statecraft sensitivity': the factors of the roadmap as played in the world, on the world's game values and the run's changes.
        var played = run.First[0];
        var space = new Analysis.FactorSpace(played.Scenario, played.Game);
        var analysis = new SensitivityRequest(space, outcomes, method == "sobol" ? Analysis.SensitivityMethod.Sobol : Analysis.SensitivityMethod.Tornado, samples, inner, top, bootstrap);
        if (space.Factors.IsEmpty)
            return ApiAnswer.Error(StatusCodes.Status422UnprocessableEntity, $"{played.Scenario.Name} has no uncertain factor: nothing varies", body.Has("name") ? "name" : "yaml");
        var design = analysis.SobolPoints * inner;
        if (design > options.MaxSobolTrajectories)
            throw new ApiRefusal(StatusCodes.Status400BadRequest, string.Create(inv,
                $"the Sobol design is {samples:N0} samples x ({analysis.SobolFactors} factors + 2) x {inner:N0} inner runs = {design:N0} trajectories; this server plays at most {options.MaxSobolTrajectories:N0} (lower 'samples', 'top' or 'inner_runs', or use the CLI)"), "samples");

        var job = jobs.Start(new JobRequest("sensitivity", [space.BaseGame], [scenario], runs, seed, set, analysis) { World = world with { Played = run.Worlds[0] }, Warnings = warnings });
        return Results.Json(new JobStarted(job.Id, $"/api/jobs/{job.Id}/events"), WebApp.JsonOptions, statusCode: StatusCodes.Status202Accepted);
    }

    private const int DefaultSensitivityRuns = 2000, DefaultSensitivitySamples = 256, DefaultInnerRuns = 256, DefaultTop = 8, MaxTop = 20, MaxBootstrap = 10_000;

    /// <summary>The outcomes asked for by name (default the key three), as the CLI's --outcomes reads them.</summary>
    private static System.Collections.Immutable.ImmutableArray<Analysis.Outcome> SensitivityOutcomes(IReadOnlyList<string>? names)
    {
        if (names is null) return Analysis.Outcomes.Key;
        var list = new List<Analysis.Outcome>();
        for (var i = 0; i < names.Count; i++)
        {
            if (Analysis.Outcomes.Find(names[i]) is { } o)
            {
                if (!list.Contains(o)) list.Add(o);
                continue;
            }

            var near = NearestName.Find(names[i], Analysis.Outcomes.All.Select(Analysis.Outcomes.Name));
            throw new ApiRefusal(StatusCodes.Status400BadRequest,
                $"'{names[i]}' is not an outcome{(near is null ? "" : $"; did you mean '{near}'?")}; choose from {string.Join(", ", Analysis.Outcomes.All.Select(Analysis.Outcomes.Name))}", $"outcomes[{i}]");
        }

        return list.Count > 0 ? [.. list] : throw new ApiRefusal(StatusCodes.Status400BadRequest, "'outcomes' names no outcome; leave it out for p_complete, gdp_index and inclusiveness", "outcomes");
    }

    /// <summary>The strategies a job names, by library name or text; the rules are the CLI's (simulate one, compare two or more).</summary>
    private static List<JobScenario> Strategies(string command, ApiRequest body, WebOptions options, ScenarioLibrary library)
    {
        var list = new List<JobScenario>();
        var items = body.Objects("scenarios");
        var single = body.Has("yaml") || body.Has("name");
        if (items is not null && single)
            throw new ApiRefusal(StatusCodes.Status400BadRequest, "give either 'scenarios' or 'yaml'/'name', not both", "scenarios");
        if (items is null)
        {
            if (command == "compare")
                throw new ApiRefusal(StatusCodes.Status400BadRequest, "compare takes 'scenarios': two or more of {\"name\": ...} or {\"yaml\": ...}, the first the reference", "scenarios");
            if (body.Has("yaml") && body.Has("name")) throw new ApiRefusal(StatusCodes.Status400BadRequest, "give 'yaml' or 'name', not both", "name");
            list.Add(Strategy(body.String("name"), body.String("yaml"), null, "", options, library));
            return list;
        }

        if (command == "simulate" && items.Count != 1)
            throw new ApiRefusal(StatusCodes.Status400BadRequest, "simulate takes one scenario; to compare several on the same draws, POST them to /api/compare", "scenarios");
        if (command == "compare" && items.Count < 2)
            throw new ApiRefusal(StatusCodes.Status400BadRequest, "compare takes at least two scenarios (the first is the reference); to simulate one, POST it to /api/simulate", "scenarios");
        if (items.Count > options.MaxStrategies)
            throw new ApiRefusal(StatusCodes.Status422UnprocessableEntity, $"at most {options.MaxStrategies} strategies in one compare, not {items.Count}", "scenarios");
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"scenarios[{i}]";
            list.Add(Strategy(ApiRequest.StringOf(items[i]["name"], field + ".name", false), ApiRequest.StringOf(items[i]["yaml"], field + ".yaml", false), i + 1, field + ".", options, library));
        }

        return list;
    }

    private static JobScenario Strategy(string? name, string? yaml, int? position, string prefix, WebOptions options, ScenarioLibrary library)
    {
        if ((name is null) == (yaml is null))
            throw new ApiRefusal(StatusCodes.Status400BadRequest, $"give a scenario as 'name' (a library scenario) or 'yaml' (its text), one of the two", prefix + "yaml");
        if (yaml is not null)
        {
            var path = position is { } p ? $"scenario-{p}.yaml" : RequestPath;
            return new JobScenario(Path.GetFileNameWithoutExtension(path), path, Capped(yaml, prefix + "yaml", "scenario", options));
        }

        return library.Find(name!) is { } s
            ? new JobScenario(s.Name, s.Path, s.Text)
            : throw new ApiRefusal(StatusCodes.Status404NotFound,
                ScenarioLibrary.IsName(name!) ? $"no scenario '{name}'; GET /api/scenarios lists them" : $"'{name}' is not a scenario name: a name is {ScenarioLibrary.NameRule}", prefix + "name");
    }

    /// <summary>
    /// The changes asked for as the CLI's <c>--set NAME=VALUE</c> (shortest round-trip numbers, so they play the bits sent), each
    /// checked here so that a bad one is refused naming its own field; <see cref="RunPlan.Prepare"/> then applies them.
    /// </summary>
    private static IReadOnlyList<string> Assumptions(IReadOnlyList<(string Name, double Value)> changes)
    {
        var set = new List<string>();
        foreach (var (name, value) in changes)
        {
            var field = $"set.{name}";
            if (GameAssumptions.Find(name) is not { } assumption)
            {
                var near = NearestName.Find(name, GameAssumptions.All.Select(a => a.Name));
                throw new ApiRefusal(StatusCodes.Status422UnprocessableEntity, $"no game assumption '{name}'{(near is null ? "" : $"; did you mean '{near}'?")} (docs/model.md lists them all)", field);
            }

            if (value < assumption.Low || value > assumption.High)
                throw new ApiRefusal(StatusCodes.Status422UnprocessableEntity, string.Create(CultureInfo.InvariantCulture,
                    $"{name} = {value:G6} is outside its range [{assumption.Low:G6}, {assumption.High:G6}] ({assumption.Unit})"), field);
            set.Add(string.Create(CultureInfo.InvariantCulture, $"{name}={value:R}"));
        }

        return set;
    }

    private static async Task<IResult> Events(SimulationJob job, HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var cancel = context.RequestAborted;
        long sent = -1;
        try
        {
            while (true)
            {
                var over = job.IsOver;
                var done = job.Done;
                if (done != sent && job.Status != JobStatus.Waiting || sent < 0)
                {
                    sent = done;
                    await Send(response, "progress", new JsonObject
                    {
                        ["done"] = done, ["total"] = job.Request.Total, ["status"] = job.Status.ToString().ToLowerInvariant(), ["stage"] = job.Stage,
                    }, cancel);
                }

                if (over)
                {
                    var end = job.Status switch { JobStatus.Done => "done", JobStatus.Failed => "failed", _ => "cancelled" };
                    await Send(response, end, new JsonObject { ["job"] = job.Id, ["status"] = end, ["error"] = job.Error, ["run_id"] = job.RunId }, cancel);
                    break;
                }

                await Task.WhenAny(job.Finished, Task.Delay(150, cancel));
            }
        }
        catch (OperationCanceledException)
        {
            // The browser went away; the job goes on (DELETE cancels it).
        }

        return Results.Empty;
    }

    private static async Task Send(HttpResponse response, string name, JsonObject data, CancellationToken cancel)
    {
        await response.WriteAsync($"event: {name}\ndata: {data.ToJsonString()}\n\n", cancel);
        await response.Body.FlushAsync(cancel);
    }

    private static IResult ListRuns(WebOptions options)
    {
        // As 'runs list': a missing store is no runs, and is not created by looking.
        if (!File.Exists(options.Store)) return ApiAnswer.Json(new JsonObject { ["store"] = Path.GetFullPath(options.Store), ["runs"] = new JsonArray() });
        using var store = OpenStore(options);
        return ApiAnswer.Json(new JsonObject { ["store"] = store.Path, ["runs"] = Json.Array(store.List(), r => RunOutput.ToJson(r, withResult: false)) });
    }

    private static IResult GetRun(WebOptions options, string text)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
            return ApiAnswer.Error(StatusCodes.Status400BadRequest, $"'{text}' is not a run number; GET /api/runs lists them (1, 2, ...)", "id");
        if (!File.Exists(options.Store)) return ApiAnswer.Error(StatusCodes.Status404NotFound, $"no run {id}: the run store {Path.GetFullPath(options.Store)} does not exist yet", "id");
        using var store = OpenStore(options);
        return store.Find(id) is { } run
            ? ApiAnswer.Json(RunOutput.ToJson(run, withResult: true))
            : ApiAnswer.Error(StatusCodes.Status404NotFound, $"no run {id} in {store.Path}; GET /api/runs lists them", "id");
    }

    private static RunStore OpenStore(WebOptions options)
    {
        try
        {
            return RunStore.Open(options.Store);
        }
        catch (RunStoreException e)
        {
            throw new ApiRefusal(StatusCodes.Status503ServiceUnavailable, e.Message);
        }
    }
}
