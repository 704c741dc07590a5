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
