using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Statecraft.Web;

/// <summary>
/// The web app of <c>statecraft serve</c> (docs/web.md): the HTTP API under <c>/api</c>, its OpenAPI document at
/// <c>/openapi/v1.json</c>, and the page at <c>/</c>. Every request is held to <see cref="WebOptions"/>' limits,
/// and every answer to a bad request is a 4xx with a JSON <c>{"error", "field"}</c>.
/// </summary>
public static class WebApp
{
    /// <summary>The JSON of typed answers: snake_case like the CLI's --json.</summary>
    internal static readonly JsonSerializerOptions JsonOptions = new(Output.Json.Options);

    /// <summary>Builds the app, not yet started: <c>StartAsync</c> binds <see cref="WebOptions.Urls"/>, and <c>app.Urls</c> then holds the bound addresses.</summary>
    public static WebApplication Build(WebOptions options)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            // Not the current folder: the app reads nothing from disk but the store and the scenarios folder.
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            k.AddServerHeader = false;
        });
        builder.Logging.ClearProviders();
        if (options.LogToConsole)
        {
            builder.Logging.AddSimpleConsole(c => c.SingleLine = true);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }

        builder.Services.ConfigureHttpJsonOptions(j => j.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Statecraft";
            document.Info.Description = "Validate, check, simulate and compare roadmaps of economic statecraft (docs/web.md).";
            return Task.CompletedTask;
        }));
        var library = new ScenarioLibrary(options);
        var jobs = new SimulationJobs(options);
        builder.Services.AddSingleton(jobs);

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = Unexpected, StatusCodeSelector = StatusOf });
        app.UseStatusCodePages(EmptyAnswer);
        app.MapOpenApi();
        ApiEndpoints.Map(app, options, library, jobs);
        ChartEndpoints.Map(app, options, jobs);
        WebPage.Map(app);
        app.Lifetime.ApplicationStopping.Register(jobs.Dispose);
        return app;
    }

    /// <summary>Kestrel's own refusals (a body over the limit, a malformed request) keep their 4xx; anything else is a bug.</summary>
    private static int StatusOf(Exception e) => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;

    /// <summary>One line, no stack trace: user input is refused before it gets here, so reaching here is a bug in Statecraft.</summary>
    private static async Task Unexpected(HttpContext context)
    {
        var e = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var status = e is null ? StatusCodes.Status500InternalServerError : StatusOf(e);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var error = status < 500 && e is not null
            ? $"bad request: {e.Message}"
            : $"internal error{(e is null ? "" : $": {e.GetType().Name}")}; this is a bug in Statecraft, not in the request";
        await context.Response.WriteAsync(new System.Text.Json.Nodes.JsonObject { ["error"] = error, ["field"] = null }.ToJsonString(Output.Json.Options));
    }

    /// <summary>A status with no body (an unknown route, a wrong method or content type) still answers JSON.</summary>
    private static async Task EmptyAnswer(StatusCodeContext status)
    {
        var http = status.HttpContext;
        var code = http.Response.StatusCode;
        var error = code switch
        {
            404 => $"no such page or endpoint: {http.Request.Path}; /openapi/v1.json lists the endpoints",
            415 => "send the body as JSON with 'Content-Type: application/json'",
            405 => $"{http.Request.Method} is not allowed here; /openapi/v1.json lists each endpoint's methods",
            413 => "the request body is too large",
            _ => $"status {code}",
        };
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(new System.Text.Json.Nodes.JsonObject { ["error"] = error, ["field"] = null }.ToJsonString(Output.Json.Options));
    }
}
