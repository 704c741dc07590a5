using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Statecraft.Tests.Cli;
using Statecraft.Web;

namespace Statecraft.Tests.Web;

/// <summary>The real web app on 127.0.0.1 with a port the system picks, a run store and scenarios folder of its own, and a client for it.</summary>
internal sealed class WebServer : IAsyncDisposable
{
    private readonly TempDir dir = new();

    private WebServer(Func<WebOptions, WebOptions> configure)
    {
        Options = configure(new WebOptions
        {
            Urls = "http://127.0.0.1:0",
            StorePath = Path.Combine(dir.Path, "runs.db"),
            ScenariosFolder = Path.Combine(dir.Path, "scenarios"),
            ThreadsPerJob = 2,
        });
        App = WebApp.Build(Options);
    }

    public WebOptions Options { get; }

    public WebApplication App { get; }

    public HttpClient Client { get; private set; } = null!;

    public static async Task<WebServer> StartAsync(Func<WebOptions, WebOptions>? configure = null, Action<WebApplication>? before = null)
    {
        var server = new WebServer(configure ?? (o => o));
        before?.Invoke(server.App);
        await server.App.StartAsync();
        server.Client = new HttpClient { BaseAddress = new Uri(server.App.Urls.Single()), Timeout = TimeSpan.FromSeconds(60) };
        return server;
    }

    public Task<HttpResponseMessage> PostJson(string path, string json) =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> PostJson(string path, object body) => PostJson(path, JsonSerializer.Serialize(body));

    public static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Reads a job's event stream to its end: every (event, data) in the order sent.</summary>
    public async Task<List<(string Event, JsonElement Data)>> Events(string job, Func<string, JsonElement, Task>? onEvent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{job}/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<(string, JsonElement)>();
        string? name = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var data = JsonDocument.Parse(line[6..]).RootElement.Clone();
                events.Add((name!, data));
                if (onEvent is not null) await onEvent(name!, data);
            }
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        dir.Dispose();
    }
}
