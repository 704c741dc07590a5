using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Statecraft.Negotiation;
using Statecraft.Output;
using Statecraft.Tests.Cli;
using Statecraft.Web;

namespace Statecraft.Tests.Web;

public sealed class WebApiTests
{
    private const string Broken = "name: Broken\nstart: 2018Q5\nhorizon_quarters: many\nroadmap:\n  phases:\n    - name: one\n      stepz: []\n";

    [Fact]
    public async Task Validate_gives_the_diagnostics_of_validate_json()
    {
        using var dir = new TempDir();
        var file = dir.Write("broken.yaml", Broken);
        var cli = JsonDocument.Parse(CliRun.Of("validate", file, "--json").Out).RootElement.GetProperty("files")[0].GetProperty("diagnostics");
        await using var server = await WebServer.StartAsync();
        var response = await server.PostJson("/api/validate", new { yaml = Broken });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var web = await WebServer.Json(response);
        Assert.False(web.GetProperty("valid").GetBoolean());
        var diagnostics = web.GetProperty("diagnostics");
        Assert.True(cli.GetArrayLength() >= 2);
        Assert.Equal(cli.GetArrayLength(), diagnostics.GetArrayLength());
        for (var i = 0; i < cli.GetArrayLength(); i++)
        {
            Assert.Equal(file, cli[i].GetProperty("path").GetString());
            Assert.Equal(ApiEndpoints.RequestPath, diagnostics[i].GetProperty("path").GetString());
            foreach (var field in new[] { "line", "column", "severity", "message" })
                Assert.Equal(cli[i].GetProperty(field).GetRawText(), diagnostics[i].GetProperty(field).GetRawText());
        }
    }

    [Fact]
    public async Task Check_answers_the_report_of_check_json()
    {
        var cli = JsonNode.Parse(CliRun.Of("check", "kaesong-quick-hit", "--json").Out)!.AsObject();
        await using var server = await WebServer.StartAsync();
        var response = await server.PostJson("/api/check", new { yaml = Statecraft.Scenarios.ShippedScenarios.Find("kaesong-quick-hit")!.Text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var web = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        // The one difference is the path the text is known by.
        Assert.Equal(ApiEndpoints.RequestPath, (string?)web["scenario"]!["path"]);
        web["scenario"]!["path"] = cli["scenario"]!["path"]!.GetValue<string>();
        Assert.Equal(cli.ToJsonString(Json.Options), web.ToJsonString(Json.Options));
        Assert.True(cli["incentives"]!.AsArray().Count > 0);
    }

    [Fact]
    public async Task Check_of_an_invalid_scenario_is_422_with_its_diagnostics()
    {
        await using var server = await WebServer.StartAsync();
        var response = await server.PostJson("/api/check", new { yaml = Broken });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await WebServer.Json(response)).GetProperty("diagnostics").GetArrayLength() > 0);
    }

    [Fact]
    public async Task A_simulate_job_streams_progress_in_order_and_its_result_is_simulate_json_bit_for_bit()
    {
        var cli = CliRun.Of("simulate", "kaesong-quick-hit", "--runs", "5000", "--seed", "7", "--json", "--no-store");
        Assert.Equal(0, cli.Exit);
        await using var server = await WebServer.StartAsync();
        var started = await server.PostJson("/api/simulate", new { name = "kaesong-quick-hit", runs = 5000, seed = 7 });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var job = (await WebServer.Json(started)).GetProperty("job").GetString()!;

        var events = await server.Events(job);
        Assert.Equal("done", events[^1].Event);
        var progress = events.Where(e => e.Event == "progress").Select(e => e.Data.GetProperty("done").GetInt64()).ToList();
        Assert.NotEmpty(progress);
        Assert.Equal(progress.Order(), progress);
        Assert.Equal(5000, progress[^1]);
        Assert.All(events.SkipLast(1), e => Assert.Equal("progress", e.Event));

        var answer = await WebServer.Json(await server.Client.GetAsync($"/api/jobs/{job}"));
        Assert.Equal("done", answer.GetProperty("status").GetString());
        Assert.Equal(cli.Out.TrimEnd('\n'), Rewritten(answer.GetProperty("result")));

        // Recorded in the server's store, with the same result.
        var run = answer.GetProperty("run_id").GetInt64();
        var stored = await WebServer.Json(await server.Client.GetAsync($"/api/runs/{run}"));
        Assert.Equal("complete", stored.GetProperty("status").GetString());
        Assert.Equal(cli.Out.TrimEnd('\n'), Rewritten(stored.GetProperty("result")));
        var list = await WebServer.Json(await server.Client.GetAsync("/api/runs"));
        Assert.Equal(run, list.GetProperty("runs")[0].GetProperty("id").GetInt64());
        Assert.Equal(Path.GetFullPath(server.Options.StorePath!), list.GetProperty("store").GetString());
    }

    /// <summary>A world of the analyst's own: a reformist North, a lax China and a cheaper Hanoi package.</summary>
    private const string OwnWorld = """
        format: statecraft-world/1
        name: Own reading
        assumptions:
          china_enforcement:
            distribution: beta
            alpha: 3
            beta: 7
            bounds: [0, 1]
        actors:
          north_korea:
            type_prior: {reformer: 0.6, hedger: 0.3, staller: 0.1}
          china:
            enforcement: china_enforcement
        game:
          hanoi_ratio: 0.4

        """;

    /// <summary>Saves the old single-file Delury scenario as the user's 'old-delury'; returns the file the server reads it from.</summary>
    private static async Task<string> SaveOldDelury(WebServer server)
    {
        var saved = await server.Client.PutAsync("/api/scenarios/old-delury", new StringContent(JsonSerializer.Serialize(new { yaml = OldDelury }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        return Path.Combine(server.Options.Scenarios, "old-delury.yaml");
    }

    private static string OldDelury => File.ReadAllText(Repository.PathOf("tests/Statecraft.Tests/Scenarios/old-form/delury-engagement.yaml"));

    [Theory]
    [InlineData("shipped")]
    [InlineData("text")]
    [InlineData("embedded")]
    public async Task A_job_in_another_world_gives_the_cli_json_of_that_world_bit_for_bit_and_is_stored_with_it(string kind)
    {
        using var dir = new TempDir();
        await using var server = await WebServer.StartAsync();
        // Saved in the server's library, the old file is known to the job by the path the CLI reads it from, which the result names.
        var oldFile = await SaveOldDelury(server);
        var (cliArgs, body, name, path, text) = kind switch
        {
            "shipped" => ((string[])["compare", "kaesong-quick-hit", "relief-only", "--world", "china-lax"],
                (object)new { scenarios = new[] { new { name = "kaesong-quick-hit" }, new { name = "relief-only" } }, runs = 2100, seed = 3, world = "china-lax" },
                "china-lax", "worlds/china-lax.yaml", Statecraft.Scenarios.ShippedWorlds.FindFile("china-lax")!.Text),
            "text" => (["compare", "kaesong-quick-hit", "relief-only", "--world", dir.Write("world.yaml", OwnWorld)],
                new { scenarios = new[] { new { name = "kaesong-quick-hit" }, new { name = "relief-only" } }, runs = 2100, seed = 3, world_yaml = OwnWorld },
                "world", JobWorld.RequestPath, OwnWorld),
            _ => (["simulate", oldFile, "--world", "embedded"], new { name = "old-delury", runs = 2100, seed = 3, world = "embedded" }, "embedded", null, null),
        };
        var command = cliArgs[0];
        var cli = CliRun.Of([.. cliArgs, "--runs", "2100", "--seed", "3", "--json", "--no-store"]);
        Assert.True(cli.Exit == 0, cli.Err);
        // The baseline world gives other figures, so a job that lost its world could not match.
        Assert.NotEqual(CliRun.Of([.. cliArgs[..^2], "--runs", "2100", "--seed", "3", "--json", "--no-store"]).Out, cli.Out);

        var started = await server.PostJson($"/api/{command}", body);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var job = (await WebServer.Json(started)).GetProperty("job").GetString()!;
        Assert.Equal("done", (await server.Events(job))[^1].Event);
        var answer = await WebServer.Json(await server.Client.GetAsync($"/api/jobs/{job}"));
        Assert.Equal(cli.Out.TrimEnd('\n'), Rewritten(answer.GetProperty("result")));
        var world = answer.GetProperty("world");
        Assert.Equal(name, world.GetProperty("name").GetString());
        Assert.Equal(path, world.GetProperty("path").GetString());
        Assert.Equal(kind == "embedded", world.GetProperty("embedded").GetBoolean());
        Assert.False(string.IsNullOrEmpty(world.GetProperty("beliefs").GetString()));

        // Stored with the world it was played in, as the CLI stores its runs.
        var stored = await WebServer.Json(await server.Client.GetAsync($"/api/runs/{answer.GetProperty("run_id").GetInt64()}"));
        Assert.Equal(kind == "embedded" ? "embedded" : "recorded", stored.GetProperty("world_record").GetString());
        var worlds = stored.GetProperty("worlds").EnumerateArray().ToList();
        if (text is null) Assert.Empty(worlds);
        else
        {
            var kept = Assert.Single(worlds);
            Assert.Equal((name, path, Statecraft.Store.StoredScenario.Sha256Of(text)),
                (kept.GetProperty("name").GetString(), kept.GetProperty("path").GetString(), kept.GetProperty("world_sha256").GetString()));
        }

        Assert.EndsWith($"--world {name}", stored.GetProperty("arguments").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_naming_no_world_is_played_and_stored_in_the_baseline_and_an_old_file_says_its_beliefs_were_replaced()
    {
        await using var server = await WebServer.StartAsync();
        var cli = CliRun.Of("simulate", await SaveOldDelury(server), "--runs", "1100", "--seed", "4", "--json", "--no-store");
        Assert.Equal(0, cli.Exit);
        var job = (await WebServer.Json(await server.PostJson("/api/simulate", new { name = "old-delury", runs = 1100, seed = 4 }))).GetProperty("job").GetString()!;
        Assert.Equal("done", (await server.Events(job))[^1].Event);
        var answer = await WebServer.Json(await server.Client.GetAsync($"/api/jobs/{job}"));

        Assert.Equal(cli.Out.TrimEnd('\n'), Rewritten(answer.GetProperty("result")));
        Assert.Equal("baseline-2018", answer.GetProperty("world").GetProperty("name").GetString());
        var warning = Assert.Single(answer.GetProperty("diagnostics").EnumerateArray().ToList());
        Assert.Equal("warning", warning.GetProperty("severity").GetString());
        Assert.Equal(Path.Combine(server.Options.Scenarios, "old-delury.yaml"), warning.GetProperty("path").GetString());
        Assert.Contains("--world embedded", warning.GetProperty("message").GetString(), StringComparison.Ordinal);
        var stored = await WebServer.Json(await server.Client.GetAsync($"/api/runs/{answer.GetProperty("run_id").GetInt64()}"));
        Assert.Equal("worlds/baseline-2018.yaml", stored.GetProperty("worlds")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task The_worlds_are_the_shipped_ones_baseline_first_with_their_beliefs_and_text()
    {
        await using var server = await WebServer.StartAsync();
        var answer = await WebServer.Json(await server.Client.GetAsync("/api/worlds"));
        Assert.Equal("baseline-2018", answer.GetProperty("default").GetString());
        var worlds = answer.GetProperty("worlds").EnumerateArray().ToList();
        Assert.Equal(["baseline-2018", "reformer-reading", "sceptic-reading", "china-lax", "china-strict"], worlds.Select(w => w.GetProperty("name").GetString()));
        Assert.Equal([true, false, false, false, false], worlds.Select(w => w.GetProperty("default").GetBoolean()));
        foreach (var w in worlds)
        {
            var id = w.GetProperty("name").GetString()!;
            Assert.Equal(File.ReadAllText(Repository.PathOf($"scenarios/worlds/{id}.yaml")), w.GetProperty("yaml").GetString());
            Assert.Equal($"worlds/{id}.yaml", w.GetProperty("path").GetString());
            Assert.Equal(Statecraft.Scenarios.ShippedWorlds.Find(id)!.Summary(), w.GetProperty("beliefs").GetString());
            Assert.False(string.IsNullOrWhiteSpace(w.GetProperty("title").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(w.GetProperty("basis").GetString()));
        }

        // The readings differ from the baseline in the North's type prior, which their beliefs say first.
        Assert.StartsWith("type prior 0.6/", worlds[1].GetProperty("beliefs").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_world_text_is_422_with_its_located_diagnostics_before_any_job()
    {
        await using var server = await WebServer.StartAsync();
        var response = await server.PostJson("/api/simulate", new { name = "kaesong-quick-hit", world_yaml = "format: statecraft-world/1\nname: x\nactors:\n  china:\n    enforcment: 0.5\n" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var json = await WebServer.Json(response);
        Assert.Equal("world_yaml", json.GetProperty("field").GetString());
        Assert.Contains("the world 'world' is invalid", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        var error = Assert.Single(json.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("severity").GetString() == "error");
        Assert.Equal((JobWorld.RequestPath, 5), (error.GetProperty("path").GetString(), error.GetProperty("line").GetInt32()));
        Assert.Contains("enforcment", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await WebServer.Json(await server.Client.GetAsync("/api/runs"))).GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public async Task A_compare_job_with_set_gives_compare_json_with_set()
    {
        var assumption = GameAssumptions.All[0];
        var value = (assumption.Low + assumption.High) / 2;
        var text = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var cli = CliRun.Of("compare", "kaesong-quick-hit", "maximum-pressure", "--runs", "2100", "--seed", "3", "--set", $"{assumption.Name}={text}", "--json", "--no-store");
        Assert.Equal(0, cli.Exit);
        await using var server = await WebServer.StartAsync();
        var body = $"{{\"scenarios\": [{{\"name\": \"kaesong-quick-hit\"}}, {{\"name\": \"maximum-pressure\"}}], \"runs\": 2100, \"seed\": 3, \"set\": {{\"{assumption.Name}\": {text}}}}}";
        var job = (await WebServer.Json(await server.PostJson("/api/compare", body))).GetProperty("job").GetString()!;
        Assert.Equal("done", (await server.Events(job))[^1].Event);
        var answer = await WebServer.Json(await server.Client.GetAsync($"/api/jobs/{job}"));
        Assert.Equal(cli.Out.TrimEnd('\n'), Rewritten(answer.GetProperty("result")));
        Assert.Equal($"{assumption.Name}={text}", answer.GetProperty("set")[0].GetString());
    }

    [Fact]
    public async Task Cancelling_a_long_job_ends_it_as_cancelled_quickly_and_records_no_run()
    {
        await using var server = await WebServer.StartAsync(o => o with { ThreadsPerJob = 1 });
        var job = (await WebServer.Json(await server.PostJson("/api/simulate", new { name = "kaesong-quick-hit", runs = 200_000 }))).GetProperty("job").GetString()!;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan? cancelledAt = null;
        var events = await server.Events(job, async (name, data) =>
        {
            if (name == "progress" && data.GetProperty("done").GetInt64() > 0 && cancelledAt is null)
            {
                cancelledAt = clock.Elapsed;
                Assert.Equal(HttpStatusCode.Accepted, (await server.Client.DeleteAsync($"/api/jobs/{job}")).StatusCode);
            }
        });
        Assert.NotNull(cancelledAt);
        Assert.Equal("cancelled", events[^1].Event);
        Assert.True(clock.Elapsed - cancelledAt < TimeSpan.FromSeconds(5), $"cancelled after {clock.Elapsed - cancelledAt}");
        var answer = await WebServer.Json(await server.Client.GetAsync($"/api/jobs/{job}"));
        Assert.Equal("cancelled", answer.GetProperty("status").GetString());
        Assert.True(answer.GetProperty("progress").GetProperty("done").GetInt64() < 200_000);
        Assert.Equal(0, (await WebServer.Json(await server.Client.GetAsync("/api/runs"))).GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public async Task Jobs_beyond_the_running_and_waiting_limits_are_refused_with_429()
    {
        await using var server = await WebServer.StartAsync(o => o with { MaxRunningJobs = 1, MaxWaitingJobs = 1, ThreadsPerJob = 1 });
        var body = new { name = "kaesong-quick-hit", runs = 200_000 };
        var first = await server.PostJson("/api/simulate", body);
        var second = await server.PostJson("/api/simulate", body);
        var third = await server.PostJson("/api/simulate", body);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal((HttpStatusCode)429, third.StatusCode);
        Assert.Contains("too many jobs", (await WebServer.Json(third)).GetProperty("error").GetString());
        var waiting = (await WebServer.Json(second)).GetProperty("job").GetString()!;
        Assert.Equal("waiting", (await WebServer.Json(await server.Client.GetAsync($"/api/jobs/{waiting}"))).GetProperty("status").GetString());
        foreach (var r in new[] { first, second })
        {
            var id = (await WebServer.Json(r)).GetProperty("job").GetString()!;
            await server.Client.DeleteAsync($"/api/jobs/{id}");
            Assert.Equal("cancelled", (await server.Events(id))[^1].Event);
        }
    }

    [Theory]
    [InlineData("/api/simulate", """{"name": "kaesong-quick-hit", "runs": 0}""", 422, "runs", "1 to 200,000")]
    [InlineData("/api/simulate", """{"name": "kaesong-quick-hit", "runs": 200001}""", 422, "runs", "1 to 200,000")]
    [InlineData("/api/simulate", """{"name": "kaesong-quick-hit", "runs": 1e12}""", 422, "runs", "1 to 200,000")]
    [InlineData("/api/compare", """{"scenarios": [{"name": "a"}, {"name": "a"}, {"name": "a"}, {"name": "a"}, {"name": "a"}, {"name": "a"}, {"name": "a"}, {"name": "a"}, {"name": "a"}]}""", 422, "scenarios", "at most 8")]
    [InlineData("/api/simulate", """{"name": "kaesong-quick-hit", "set": {"no_such_thing": 1}}""", 422, "set.no_such_thing", "no game assumption")]
    [InlineData("/api/simulate", """{"name": "no-such-scenario"}""", 404, "name", "no scenario")]
    [InlineData("/api/simulate", """{"yaml": "name: x\n"}""", 422, "yaml", "invalid")]
    [InlineData("/api/simulate", """{"name": "kaesong-quick-hit", "world": "china-lux"}""", 422, "world", "unknown world 'china-lux'; valid choices: baseline-2018, reformer-reading")]
    [InlineData("/api/simulate", """{"name": "kaesong-quick-hit", "world": "china-lux"}""", 422, "world", "did you mean 'china-lax'?")]
    [InlineData("/api/compare", """{"scenarios": [{"name": "kaesong-quick-hit"}, {"name": "relief-only"}], "world": "/etc/passwd"}""", 422, "world", "unknown world '/etc/passwd'")]
    [InlineData("/api/sensitivity", """{"name": "kaesong-quick-hit", "world": "Baseline"}""", 422, "world", "GET /api/worlds describes them")]
    [InlineData("/api/simulate", """{"name": "kaesong-quick-hit", "world": "china-lax", "world_yaml": "x"}""", 400, "world_yaml", "not both")]
    [InlineData("/api/simulate", """{"name": "kaesong-quick-hit", "world": 5}""", 400, "world", "must be a string")]
    [InlineData("/api/simulate", """{"name": "kaesong-quick-hit", "world_yaml": "format: statecraft/2\n"}""", 422, "world_yaml", "the world 'world' is invalid")]
    [InlineData("/api/sensitivity", """{"name": "kaesong-quick-hit", "world_yaml": "format: statecraft-world/1\nname: w\neconomy:\n  leakage: 0.3\n"}""", 422, "world_yaml", "does not play yet")]
    public async Task Limits_answer_their_4xx_with_a_json_error(string path, string body, int status, string field, string says)
    {
        await using var server = await WebServer.StartAsync();
        var response = await server.PostJson(path, body);
        Assert.Equal(status, (int)response.StatusCode);
        var json = await WebServer.Json(response);
        Assert.Equal(field, json.GetProperty("field").GetString());
        Assert.Contains(says, json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_a_scenario_over_its_cap_is_413()
    {
        await using var server = await WebServer.StartAsync();
        var huge = await server.PostJson("/api/validate", JsonSerializer.Serialize(new { yaml = new string('x', 1_100_000) }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Contains("1,048,576 bytes", (await WebServer.Json(huge)).GetProperty("error").GetString());

        var long_ = await server.PostJson("/api/validate", new { yaml = "# " + new string('x', 300_000) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, long_.StatusCode);
        var json = await WebServer.Json(long_);
        Assert.Equal("yaml", json.GetProperty("field").GetString());
        Assert.Contains("262,144", json.GetProperty("error").GetString());

        var world = await server.PostJson("/api/simulate", new { name = "kaesong-quick-hit", world_yaml = "# " + new string('x', 300_000) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, world.StatusCode);
        var worldJson = await WebServer.Json(world);
        Assert.Equal("world_yaml", worldJson.GetProperty("field").GetString());
        Assert.Contains("the world is 300,002 characters", worldJson.GetProperty("error").GetString());

        // Sent in chunks, without a length up front: Kestrel's own limit, still a JSON 413.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"yaml\": \"" + new string('y', 1_200_000) + "\"}")));
        chunked.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/validate") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True((await WebServer.Json(response)).TryGetProperty("error", out _));
    }

    public static TheoryData<string, string, string?, string?> Malformed => new()
    {
        { "POST", "/api/validate", "application/json", "{" },
        { "POST", "/api/validate", "application/json", "not json" },
        { "POST", "/api/validate", "application/json", "" },
        { "POST", "/api/validate", "application/json", "[1, 2]" },
        { "POST", "/api/validate", "application/json", "null" },
        { "POST", "/api/validate", "application/json", "{\"yaml\": 5}" },
        { "POST", "/api/validate", "application/json", "{\"yaml\": null}" },
        { "POST", "/api/validate", "application/json", "{}" },
        { "POST", "/api/validate", "application/json", "{\"yaml\": \"a\", \"yaml\": \"b\"}" },
        { "POST", "/api/validate", "application/json", new string('[', 5000) + new string(']', 5000) },
        { "POST", "/api/validate", "application/json", "{\"yaml\": \"\\ud800\"}" },
        { "POST", "/api/validate", "text/plain", "{\"yaml\": \"name: x\"}" },
        { "POST", "/api/validate", null, "{\"yaml\": \"name: x\"}" },
        { "POST", "/api/validate", "application/x-www-form-urlencoded", "yaml=x" },
        { "GET", "/api/validate", null, null },
        { "POST", "/api/check", "application/json", "{\"yaml\": [\"a\"]}" },
        { "POST", "/api/check", "application/json", "{\"yaml\": \"{{{{{{ ]]]]\"}" },
        { "POST", "/api/check", "application/json", "{\"yaml\": \"- - - - - -\\n\\t\\u0000\"}" },
        { "POST", "/api/simulate", "application/json", "{\"runs\": \"many\", \"name\": \"kaesong-quick-hit\"}" },
        { "POST", "/api/simulate", "application/json", "{\"runs\": 1.5, \"name\": \"kaesong-quick-hit\"}" },
        { "POST", "/api/simulate", "application/json", "{\"seed\": -1, \"name\": \"kaesong-quick-hit\"}" },
        { "POST", "/api/simulate", "application/json", "{\"seed\": 1e400, \"name\": \"kaesong-quick-hit\"}" },
        { "POST", "/api/simulate", "application/json", "{\"set\": [1], \"name\": \"kaesong-quick-hit\"}" },
        { "POST", "/api/simulate", "application/json", "{\"set\": {\"x\": \"y\"}, \"name\": \"kaesong-quick-hit\"}" },
        { "POST", "/api/simulate", "application/json", "{\"name\": \"../../etc/passwd\"}" },
        { "POST", "/api/simulate", "application/json", "{\"name\": \"kaesong-quick-hit\", \"yaml\": \"x\"}" },
        { "POST", "/api/simulate", "application/json", "{}" },
        { "POST", "/api/simulate", "application/json", "{\"scenarios\": \"x\"}" },
        { "POST", "/api/simulate", "application/json", "{\"scenarios\": [1]}" },
        { "POST", "/api/simulate", "application/json", "{\"scenarios\": [{}]}" },
        { "POST", "/api/compare", "application/json", "{\"scenarios\": [{\"name\": \"kaesong-quick-hit\"}]}" },
        { "POST", "/api/compare", "application/json", "{\"name\": \"kaesong-quick-hit\"}" },
        { "POST", "/api/compare", "application/json", "{\"scenarios\": [{\"name\": \"kaesong-quick-hit\"}, {\"name\": \"..\"}]}" },
        { "POST", "/api/simulate", "application/json", "{\"name\": \"kaesong-quick-hit\", \"world\": \"../../etc/passwd\"}" },
        { "POST", "/api/simulate", "application/json", "{\"name\": \"kaesong-quick-hit\", \"world\": [\"china-lax\"]}" },
        { "POST", "/api/simulate", "application/json", "{\"name\": \"kaesong-quick-hit\", \"world_yaml\": \"{{{{ ]]]]\"}" },
        { "POST", "/api/simulate", "application/json", "{\"name\": \"kaesong-quick-hit\", \"world_yaml\": \"- - -\\n\\t\\u0000\"}" },
        { "POST", "/api/sensitivity", "application/json", "{\"name\": \"kaesong-quick-hit\", \"world_yaml\": null, \"world\": \"\"}" },
        { "GET", "/api/scenarios/..%2F..%2Fetc%2Fpasswd", null, null },
        { "GET", "/api/scenarios/%2e%2e", null, null },
        { "GET", "/api/scenarios/NOPE", null, null },
        { "GET", "/api/scenarios/no-such-scenario", null, null },
        { "PUT", "/api/scenarios/..%2F..%2Fetc%2Fpasswd", "application/json", "{\"yaml\": \"name: x\"}" },
        { "PUT", "/api/scenarios/a.yaml", "application/json", "{\"yaml\": \"name: x\"}" },
        { "PUT", "/api/scenarios/kaesong-quick-hit", "application/json", "{\"yaml\": \"name: x\"}" },
        { "PUT", "/api/scenarios/mine", "application/json", "{\"text\": \"name: x\"}" },
        { "GET", "/api/jobs/nope", null, null },
        { "GET", "/api/jobs/nope/events", null, null },
        { "DELETE", "/api/jobs/nope", null, null },
        { "GET", "/api/runs/abc", null, null },
        { "GET", "/api/runs/0", null, null },
        { "GET", "/api/runs/-1", null, null },
        { "GET", "/api/runs/99999999999999999999999", null, null },
        { "GET", "/api/runs/12", null, null },
        { "GET", "/api/nothing-here", null, null },
        { "DELETE", "/api/runs", null, null },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_request_gets_a_4xx_json_error_never_a_5xx(string method, string path, string? contentType, string? body)
    {
        await using var server = await WebServer.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null) request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        var response = await server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(text).RootElement.GetProperty("error").GetString()));
        Assert.False(Directory.Exists(server.Options.ScenariosFolder) && Directory.EnumerateFileSystemEntries(server.Options.ScenariosFolder!).Any());
    }

    [Fact]
    public async Task A_bug_answers_500_in_one_line_without_a_stack_trace()
    {
        await using var server = await WebServer.StartAsync(before: app => app.MapGet("/test/bug", string () => throw new InvalidOperationException("a bug")));
        var response = await server.Client.GetAsync("/test/bug");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException", JsonDocument.Parse(text).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Saved_scenarios_are_listed_read_back_and_never_replace_a_shipped_one()
    {
        await using var server = await WebServer.StartAsync();
        var text = Statecraft.Scenarios.ShippedScenarios.Find("kaesong-quick-hit")!.Text.Replace("name: ", "name: Mine, from ", StringComparison.Ordinal);
        var created = await server.Client.PutAsync("/api/scenarios/my-plan", new StringContent(JsonSerializer.Serialize(new { yaml = text }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True((await WebServer.Json(created)).GetProperty("valid").GetBoolean());
        var again = await server.Client.PutAsync("/api/scenarios/my-plan", new StringContent(JsonSerializer.Serialize(new { yaml = "name: x\n" }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var saved = await WebServer.Json(again);
        Assert.False(saved.GetProperty("valid").GetBoolean());
        Assert.True(saved.GetProperty("diagnostics").GetArrayLength() > 0);
        Assert.Equal(["my-plan.yaml"], Directory.GetFiles(server.Options.ScenariosFolder!).Select(Path.GetFileName));

        var list = (await WebServer.Json(await server.Client.GetAsync("/api/scenarios"))).GetProperty("scenarios").EnumerateArray().ToList();
        Assert.Contains(list, s => s.GetProperty("name").GetString() == "kaesong-quick-hit" && s.GetProperty("source").GetString() == "shipped" && s.GetProperty("valid").GetBoolean());
        var mine = Assert.Single(list, s => s.GetProperty("source").GetString() == "user");
        Assert.Equal("my-plan", mine.GetProperty("name").GetString());
        Assert.False(mine.GetProperty("valid").GetBoolean());
        Assert.Equal("name: x\n", (await WebServer.Json(await server.Client.GetAsync("/api/scenarios/my-plan"))).GetProperty("yaml").GetString());

        var shipped = await server.Client.PutAsync("/api/scenarios/kaesong-quick-hit", new StringContent("{\"yaml\": \"name: x\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, shipped.StatusCode);
        Assert.Equal(Statecraft.Scenarios.ShippedScenarios.Find("kaesong-quick-hit")!.Text,
            (await WebServer.Json(await server.Client.GetAsync("/api/scenarios/kaesong-quick-hit"))).GetProperty("yaml").GetString());
    }

    [Fact]
    public async Task Data_is_data_json()
    {
        var cli = CliRun.Of("data", "--json");
        await using var server = await WebServer.StartAsync();
        var response = await server.Client.GetAsync("/api/data");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(cli.Out, await response.Content.ReadAsStringAsync());
        Assert.True(JsonDocument.Parse(cli.Out).RootElement.GetProperty("series").GetArrayLength() > 10);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_api_paths()
    {
        await using var server = await WebServer.StartAsync();
        var doc = await WebServer.Json(await server.Client.GetAsync("/openapi/v1.json"));
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var path in new[] { "/api/scenarios", "/api/scenarios/{name}", "/api/worlds", "/api/validate", "/api/check", "/api/simulate", "/api/compare",
                     "/api/jobs/{id}", "/api/jobs/{id}/events", "/api/runs", "/api/runs/{id}", "/api/data" })
            Assert.Contains(path, paths);
        Assert.Equal("Validate", doc.GetProperty("paths").GetProperty("/api/validate").GetProperty("post").GetProperty("operationId").GetString());
        Assert.Equal("Outline", doc.GetProperty("paths").GetProperty("/api/outline").GetProperty("post").GetProperty("operationId").GetString());
    }

    [Fact]
    public async Task The_server_binds_loopback_only_by_default()
    {
        Assert.Equal("http://127.0.0.1:5180", new WebOptions().Urls);
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(new Uri(new WebOptions().Urls).Host)));
        await using var server = await WebServer.StartAsync();
        var addresses = server.App.Services.GetService(typeof(IServer)) is IServer s ? s.Features.Get<IServerAddressesFeature>()!.Addresses : [];
        var bound = Assert.Single(addresses);
        Assert.StartsWith("http://127.0.0.1:", bound, StringComparison.Ordinal);
        Assert.NotEqual(0, new Uri(bound).Port);
    }

    [Fact]
    public async Task The_page_is_served_as_html()
    {
        await using var server = await WebServer.StartAsync();
        var response = await server.Client.GetAsync("/");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Statecraft</title>", await response.Content.ReadAsStringAsync());
        var script = await server.Client.GetAsync("/app.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        var code = await script.Content.ReadAsStringAsync();
        // User text goes in as text: the script calls the API and never writes HTML.
        Assert.Contains("/api/validate", code);
        Assert.Contains("textContent", code);
        Assert.DoesNotContain(".innerHTML", code);
        Assert.DoesNotContain("insertAdjacentHTML", code);
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("[::1]", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("*", false)]
    [InlineData("example.org", false)]
    [InlineData("192.168.1.2", false)]
    public void Serve_tells_loopback_from_other_addresses(string host, bool loopback) =>
        Assert.Equal(loopback, Statecraft.Cli.ServeCommand.IsLoopback(host));

    [Theory]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("127.0.0.1:5180")]
    [InlineData(";")]
    public void Serve_refuses_an_address_it_cannot_use(string urls)
    {
        var run = CliRun.Of("serve", "--urls", urls);
        Assert.Equal(2, run.Exit);
        Assert.Contains("--urls", run.Err);
        Assert.False(run.ShowsStackTrace);
    }

    /// <summary>A result element written in the CLI's JSON style: the same numbers' text, so equality is bit for bit.</summary>
    private static string Rewritten(JsonElement result) => JsonNode.Parse(result.GetRawText())!.ToJsonString(Json.Options);
}
