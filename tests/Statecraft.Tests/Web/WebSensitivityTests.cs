using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Statecraft.Tests.Cli;

namespace Statecraft.Tests.Web;

/// <summary>POST /api/sensitivity: a background job like a simulation, whose result is the CLI's sensitivity JSON and whose charts are the report's.</summary>
public sealed class WebSensitivityTests
{
    private const float Timeout = 60_000;

    [Fact]
    public async Task A_sobol_job_streams_growing_progress_and_gives_the_cli_json_and_the_report_charts()
    {
        string[] options = ["--method", "sobol", "--runs", "40", "--samples", "6", "--inner-runs", "8", "--top", "3", "--bootstrap", "20", "--seed", "3"];
        using var dir = new TempDir();
        var cli = CliRun.Of(["sensitivity", "delury-engagement", .. options, "--json", "--out", Path.Combine(dir.Path, "out")]);
        Assert.Equal(0, cli.Exit);
        await using var server = await WebServer.StartAsync();

        var started = await server.PostJson("/api/sensitivity", new { name = "delury-engagement", method = "sobol", runs = 40, samples = 6, inner_runs = 8, top = 3, bootstrap = 20, seed = 3 });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var job = (await WebServer.Json(started)).GetProperty("job").GetString()!;
        var events = await server.Events(job);

        Assert.Equal("done", events[^1].Event);
        var progress = events.Where(e => e.Event == "progress").Select(e => e.Data).ToList();
        var done = progress.Select(p => p.GetProperty("done").GetInt64()).ToList();
        Assert.Equal(done.Order(), done);
        var factors = JsonDocument.Parse(cli.Out).RootElement.GetProperty("settings").GetProperty("factors_considered").GetInt32();
        var total = 1 + (2 * factors) + (6 * (3 + 2));
        Assert.All(progress, p => Assert.Equal(total, p.GetProperty("total").GetInt64()));
        Assert.Equal(total, done[^1]);
        Assert.Contains(progress, p => p.GetProperty("stage").GetString() == "sobol");

        // The result is what the CLI prints for the same options, bit for bit.
        var answer = await WebServer.Json(await server.Client.GetAsync($"/api/jobs/{job}"));
        Assert.Equal("sensitivity", answer.GetProperty("command").GetString());
        Assert.Equal("sobol", answer.GetProperty("method").GetString());
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(cli.Out), System.Text.Json.Nodes.JsonNode.Parse(answer.GetProperty("result").GetRawText())),
            "the job's result is the CLI's JSON");

        // The charts are the report's: a tornado per outcome whose rows are the result's widest factors, and the Sobol charts.
        var charts = await WebServer.Json(await server.Client.GetAsync($"/api/jobs/{job}/charts"));
        var ids = charts.GetProperty("charts").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(["tornado-p-complete", "tornado-gdp-index", "tornado-inclusiveness", "sobol-p-complete", "sobol-gdp-index", "sobol-inclusiveness"], ids);
        var tornado = charts.GetProperty("charts")[1].GetProperty("spec").GetProperty("data").GetProperty("values").EnumerateArray()
            .Select(v => v.GetProperty("factor").GetString()).Distinct().ToList();
        var widest = answer.GetProperty("result").GetProperty("tornado").EnumerateArray()
            .Select(f => (Name: f.GetProperty("name").GetString(), Span: f.GetProperty("effects").GetProperty("gdp_index").GetProperty("span").GetDouble()))
            .Where(f => f.Span > 0).OrderByDescending(f => f.Span).Take(15).ToList();
        Assert.Equal(widest.Select(f => f.Name).Order(), tornado.Order());
        Assert.NotEmpty(charts.GetProperty("libraries").EnumerateArray());
    }

    [Theory]
    [InlineData("{\"name\":\"delury-engagement\",\"method\":\"morris\"}", "method", "'method' must be tornado or sobol, not 'morris'")]
    [InlineData("{\"name\":\"delury-engagement\",\"runs\":20001}", "runs", "'runs' must be 2 to 20,000 (trajectories per tornado variant), not 20001")]
    [InlineData("{\"name\":\"delury-engagement\",\"method\":\"sobol\",\"samples\":1025}", "samples", "'samples' must be 2 to 1,024 (rows of the Sobol design), not 1025")]
    [InlineData("{\"name\":\"delury-engagement\",\"method\":\"sobol\",\"top\":21}", "top", "'top' must be 1 to 20")]
    [InlineData("{\"name\":\"delury-engagement\",\"method\":\"sobol\",\"samples\":1024,\"top\":20,\"inner_runs\":1000}", "samples", "this server plays at most 4,000,000")]
    [InlineData("{\"name\":\"delury-engagement\",\"outcomes\":[\"p_compete\"]}", "outcomes[0]", "did you mean 'p_complete'?")]
    [InlineData("{\"name\":\"delury-engagement\",\"outcomes\":\"p_complete\"}", "outcomes", "'outcomes' must be an array of strings")]
    public async Task A_bad_option_is_400_with_a_message_that_states_the_limit(string body, string field, string says)
    {
        await using var server = await WebServer.StartAsync();
        var response = await server.PostJson("/api/sensitivity", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await WebServer.Json(response);
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Contains(says, error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_scenario_is_422_with_its_diagnostics_before_any_job()
    {
        await using var server = await WebServer.StartAsync();
        var response = await server.PostJson("/api/sensitivity", new { yaml = "name: x\nfoo: 1\n" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await WebServer.Json(response)).GetProperty("diagnostics").GetArrayLength() > 0);
    }

    [Fact]
    public async Task A_long_analysis_is_cancelled_quickly()
    {
        await using var server = await WebServer.StartAsync();
        var started = await server.PostJson("/api/sensitivity", new { name = "delury-engagement", runs = 5_000 });
        var job = (await WebServer.Json(started)).GetProperty("job").GetString()!;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan? asked = null;

        var events = await server.Events(job, async (name, data) =>
        {
            if (name == "progress" && data.GetProperty("done").GetInt64() > 0 && asked is null)
            {
                asked = clock.Elapsed;
                Assert.Equal(HttpStatusCode.Accepted, (await server.Client.DeleteAsync($"/api/jobs/{job}")).StatusCode);
            }
        });

        Assert.NotNull(asked);
        Assert.Equal("cancelled", events[^1].Event);
        Assert.True(clock.Elapsed - asked < TimeSpan.FromSeconds(10), $"ended {clock.Elapsed - asked} after the cancel");
        var answer = await WebServer.Json(await server.Client.GetAsync($"/api/jobs/{job}"));
        Assert.Equal("cancelled", answer.GetProperty("status").GetString());
        Assert.True(answer.GetProperty("progress").GetProperty("done").GetInt64() < answer.GetProperty("progress").GetProperty("total").GetInt64());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_endpoint_and_its_body()
    {
        await using var server = await WebServer.StartAsync();
        var doc = await WebServer.Json(await server.Client.GetAsync("/openapi/v1.json"));

        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/sensitivity", out var path));
        Assert.Equal("Sensitivity", path.GetProperty("post").GetProperty("operationId").GetString());
        Assert.True(doc.GetProperty("components").GetProperty("schemas").TryGetProperty("SensitivityBody", out _));
    }

    [Fact]
    public async Task The_sensitivity_tab_analyses_the_roadmap_in_the_editor_and_draws_its_charts()
    {
        await using var server = await WebServer.StartAsync();
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync();
        var problems = Chromium.WatchForProblems(page);
        await page.GotoAsync(server.App.Urls.Single() + "/");
        await Assertions.Expect(page.Locator("#validity")).ToHaveTextAsync("valid", new() { Timeout = Timeout });

        await page.Locator("#tab-sensitivity").ClickAsync();
        await Assertions.Expect(page.Locator("#view-editor")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#sens-current")).ToContainTextAsync("maximum-pressure");
        await Assertions.Expect(page.Locator("#sens-sobol-options")).ToBeHiddenAsync();
        await page.Locator("#sens-method").SelectOptionAsync("sobol");
        await Assertions.Expect(page.Locator("#sens-sobol-options")).ToBeVisibleAsync();
        await page.Locator("#sens-runs").FillAsync("40");
        await page.Locator("#sens-samples").FillAsync("6");
        await page.Locator("#sens-inner").FillAsync("8");
        await page.Locator("#sens-top").FillAsync("3");
        // The world is one choice for the page: chosen here, the Roadmap tab's selector shows it too.
        await Assertions.Expect(page.Locator("#sens-world")).ToHaveValueAsync("baseline-2018", new() { Timeout = Timeout });
        await page.Locator("#sens-world").SelectOptionAsync("sceptic-reading");
        await Assertions.Expect(page.Locator("#world")).ToHaveValueAsync("sceptic-reading");
        await Assertions.Expect(page.Locator("#sens-world-beliefs")).ToContainTextAsync("type prior 0.1/0.3/0.6");
        await page.Locator("#sens-run").ClickAsync();

        await Assertions.Expect(page.Locator("#sens-status")).ToHaveTextAsync("done", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#sens-results .world")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^World: sceptic-reading \\("));
        await Assertions.Expect(page.Locator("#sens-results table.summary tr")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#sens-results .chart svg")).ToHaveCountAsync(6, new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#sens-results .chart[data-chart=\"tornado-gdp-index\"] svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#sens-results .chart[data-chart=\"sobol-p-complete\"] svg")).ToBeVisibleAsync();
        Assert.True(await page.Locator("#sens-progress").EvaluateAsync<bool>("p => p.value === p.max && p.max > 0"), "the bar ends full");
        await Chromium.Shot(page, "11-sensitivity");

        // An option over the web's limit is refused with the limit, and nothing runs.
        await page.Locator("#sens-runs").FillAsync("20001");
        await page.Locator("#sens-run").ClickAsync();
        await Assertions.Expect(page.Locator("#sens-status")).ToContainTextAsync("2 to 20,000", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#sens-run")).ToBeEnabledAsync();

        // The 400 is the page's own request refused, which the browser reports as a failed resource: nothing else may be.
        Assert.True(problems.All(p => p.Contains("400", StringComparison.Ordinal)), string.Join("\n", problems));
    }
}
