using System.Net;
using System.Text.Json.Nodes;
using Statecraft.Output;
using Statecraft.Reports;

namespace Statecraft.Tests.Web;

/// <summary>The report's charts over the API, and the chart libraries served to the page.</summary>
public sealed class WebChartTests
{
    [Fact]
    public async Task A_finished_job_answers_the_reports_specs_and_its_stored_run_the_same_ones()
    {
        await using var server = await WebServer.StartAsync();
        var started = await WebServer.Json(await server.PostJson("/api/compare", new { scenarios = new[] { new { name = "maximum-pressure" }, new { name = "kaesong-quick-hit" } }, runs = 1500, seed = 11 }));
        var job = started.GetProperty("job").GetString()!;
        Assert.Equal("done", (await server.Events(job))[^1].Event);

        var response = await server.Client.GetAsync($"/api/jobs/{job}/charts");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var charts = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(HtmlReport.ChartIds, charts["charts"]!.AsArray().Select(c => (string)c!["id"]!));
        Assert.Equal(ChartLibraries.All.Select(l => $"/assets/{l.Name}.min.js"), charts["libraries"]!.AsArray().Select(l => (string)l!["url"]!));

        // Another server on the same store has not seen the job: it answers the charts stored with the run.
        await using var other = await WebServer.StartAsync(o => o with { StorePath = server.Options.StorePath });
        var stored = JsonNode.Parse(await (await other.Client.GetAsync("/api/runs/1/charts")).Content.ReadAsStringAsync())!.AsObject();
        Assert.True((bool)stored["stored"]!);
        stored.Remove("stored");
        Assert.Equal(charts.ToJsonString(Json.Options), stored.ToJsonString(Json.Options));

        // A run stored before the store kept charts (schema 1) has them rebuilt by re-simulating it, which gives the same bits.
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={server.Options.StorePath};Pooling=False"))
        {
            c.Open();
            using var forget = c.CreateCommand();
            forget.CommandText = "UPDATE runs SET charts_json = NULL WHERE id = 1;";
            Assert.Equal(1, forget.ExecuteNonQuery());
        }

        await using var third = await WebServer.StartAsync(o => o with { StorePath = server.Options.StorePath });
        var rebuilt = JsonNode.Parse(await (await third.Client.GetAsync("/api/runs/1/charts")).Content.ReadAsStringAsync())!.AsObject();
        Assert.True((bool)rebuilt["reproduced"]!);
        rebuilt.Remove("reproduced");
        Assert.Equal(charts.ToJsonString(Json.Options), rebuilt.ToJsonString(Json.Options));
    }

    /// <summary>Clears a stored run's charts, as a store of schema 1 holds it, so that asking for them re-simulates it.</summary>
    private static void ForgetCharts(string store, long id, string? also = null)
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store};Pooling=False");
        c.Open();
        using var forget = c.CreateCommand();
        forget.CommandText = $"UPDATE runs SET charts_json = NULL WHERE id = {id}; {also}";
        forget.ExecuteNonQuery();
    }

    [Fact]
    public async Task A_run_in_another_world_has_its_charts_rebuilt_in_that_world()
    {
        await using var server = await WebServer.StartAsync();
        var body = new { scenarios = new[] { new { name = "kaesong-quick-hit" }, new { name = "relief-only" } }, runs = 1200, seed = 5, world = "reformer-reading" };
        var job = (await WebServer.Json(await server.PostJson("/api/compare", body))).GetProperty("job").GetString()!;
        Assert.Equal("done", (await server.Events(job))[^1].Event);
        var charts = JsonNode.Parse(await (await server.Client.GetAsync($"/api/jobs/{job}/charts")).Content.ReadAsStringAsync())!.AsObject();
        ForgetCharts(server.Options.StorePath!, 1);

        await using var other = await WebServer.StartAsync(o => o with { StorePath = server.Options.StorePath });
        var rebuilt = JsonNode.Parse(await (await other.Client.GetAsync("/api/runs/1/charts")).Content.ReadAsStringAsync())!.AsObject();
        // Rebuilt in the baseline world instead, the re-simulation would not give the stored result.
        Assert.True((bool)rebuilt["reproduced"]!);
        rebuilt.Remove("reproduced");
        Assert.Equal(charts.ToJsonString(Json.Options), rebuilt.ToJsonString(Json.Options));
    }

    [Fact]
    public void A_run_stored_before_runs_kept_their_world_is_replayed_with_each_file_under_its_own_beliefs()
    {
        // Before worlds were separated, a compare played each old file under the beliefs written into it, on common draws, so each
        // strategy's outcomes were those of simulating its file alone under them. These two files' beliefs differ (one embedded
        // plan refuses them), and each differs from the baseline world's.
        string[] names = ["delury-engagement", "maximum-pressure"];
        var files = names.Select(n => Statecraft.Tests.Cli.Repository.PathOf($"tests/Statecraft.Tests/Scenarios/old-form/{n}.yaml")).ToArray();
        var run = new Statecraft.Store.StoredRun(1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, Statecraft.Store.RunStatus.Complete, "compare", "compare", "0.1.0",
            9, 1500, [], [.. names.Select((n, i) => Statecraft.Store.StoredScenario.Of(n, files[i], File.ReadAllText(files[i])))], null, "{}", "", "elsewhere", 1);
        Assert.Equal(Statecraft.Store.WorldRecord.NotRecorded, run.World);

        var games = Statecraft.Web.ChartEndpoints.Replay(run);
        Assert.NotNull(games);
        var result = SimulationOutput.ToJson(Statecraft.Simulation.MonteCarlo.Run(games, new Statecraft.Simulation.SimulationSettings(1500, 9, 2)));

        for (var i = 0; i < names.Length; i++)
        {
            string[] simulate = ["simulate", files[i], "--runs", "1500", "--seed", "9", "--json", "--no-store"];
            var alone = JsonNode.Parse(Statecraft.Tests.Cli.CliRun.Of([.. simulate, "--world", "embedded"]).Out)!["strategies"]![0]!["outcomes"]!;
            var baseline = JsonNode.Parse(Statecraft.Tests.Cli.CliRun.Of(simulate).Out)!["strategies"]![0]!["outcomes"]!;
            Assert.Equal(alone.ToJsonString(), result["strategies"]![i]!["outcomes"]!.ToJsonString());
            Assert.NotEqual(baseline.ToJsonString(), alone.ToJsonString());
        }
    }

    [Fact]
    public async Task Charts_of_what_does_not_exist_are_404_with_the_field()
    {
        await using var server = await WebServer.StartAsync();
        foreach (var path in new[] { "/api/jobs/nope/charts", "/api/runs/5/charts" })
        {
            var response = await server.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("id", (await WebServer.Json(response)).GetProperty("field").GetString());
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.GetAsync("/api/runs/x/charts")).StatusCode);
    }

    [Fact]
    public async Task The_page_loads_only_from_this_server_and_gets_the_embedded_chart_libraries()
    {
        await using var server = await WebServer.StartAsync();
        foreach (var library in ChartLibraries.All)
        {
            var response = await server.Client.GetAsync($"/assets/{library.Name}.min.js");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(library.Code, await response.Content.ReadAsStringAsync());
        }

        foreach (var path in new[] { "/", "/app.js", "/style.css" })
        {
            var response = await server.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("default-src 'self';", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }

        // User text goes in through textContent only.
        var script = await server.Client.GetStringAsync("/app.js");
        foreach (var sink in new[] { ".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write" })
            Assert.DoesNotContain(sink, script, StringComparison.Ordinal);
    }
}
