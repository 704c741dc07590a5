using Microsoft.Playwright;

namespace Statecraft.Tests.Web;

/// <summary>
/// The page at / driven in Debian's Chromium (<see cref="Chromium.Path"/>) against the real app on 127.0.0.1:
/// what a new user does, from opening a scenario to reopening its run from the history. Screenshots of
/// each stage go to bin/.../playwright-artifacts (not committed).
/// </summary>
public sealed class BrowserTests
{
    private const float Timeout = 60_000;

    [Fact]
    public async Task A_user_opens_breaks_fixes_runs_and_reopens_a_roadmap()
    {
        await using var server = await WebServer.StartAsync();
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync();
        var problems = Chromium.WatchForProblems(page);
        await page.GotoAsync(server.App.Urls.Single() + "/");

        // The default scenario opens by itself and is valid.
        var editor = page.Locator("#editor");
        await Assertions.Expect(page.Locator("#current")).ToContainTextAsync("maximum-pressure", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#validity")).ToHaveTextAsync("valid", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#check table")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Chromium.Shot(page, "1-opened");

        // An unknown verification level: the message appears at its line, in the list and in the gutter.
        var text = await editor.InputValueAsync();
        const string Level = "verification: national_technical_means";
        var at = text.IndexOf(Level, StringComparison.Ordinal);
        Assert.True(at > 0, "maximum-pressure names national_technical_means");
        var line = text[..at].Count(c => c == '\n') + 1;
        await editor.FillAsync(text[..at] + "verification: satellite_rumours" + text[(at + Level.Length)..]);
        var message = page.Locator($"#diagnostics li.error[data-line=\"{line}\"]");
        await Assertions.Expect(message).ToContainTextAsync("satellite_rumours", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator($"#gutter div.error[data-line=\"{line}\"]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#validity")).ToContainTextAsync("error");

        // Clicking the message puts the cursor on that line, scrolled into view.
        await message.ClickAsync();
        var cursor = await editor.EvaluateAsync<int>("e => e.value.slice(0, e.selectionStart).split('\\n').length");
        Assert.Equal(line, cursor);
        await Assertions.Expect(page.Locator($"#gutter div.error[data-line=\"{line}\"]")).ToBeInViewportAsync();
        await Chromium.Shot(page, "2-invalid");

        // Fixed again: valid, no marks.
        await editor.FillAsync(text);
        await Assertions.Expect(page.Locator("#validity")).ToHaveTextAsync("valid", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#gutter div.error")).ToHaveCountAsync(0);

        // Saved as the user's own: it is listed under "Yours".
        await page.Locator("#save-name").FillAsync("my-plan");
        await page.Locator("#save").ClickAsync();
        await Assertions.Expect(page.Locator("#saved")).ToHaveTextAsync("saved as my-plan", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#user button[data-scenario=\"my-plan\"]")).ToBeVisibleAsync(new() { Timeout = Timeout });
        Assert.True(File.Exists(Path.Combine(server.Options.Scenarios, "my-plan.yaml")));

        // The world selector offers the shipped worlds, the baseline chosen, and says what the chosen one believes.
        var world = page.Locator("#world");
        await Assertions.Expect(world).ToHaveValueAsync("baseline-2018", new() { Timeout = Timeout });
        Assert.Equal(Statecraft.Scenarios.ShippedWorlds.All.Select(w => w.Id), await world.Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)"));
        await world.SelectOptionAsync("china-lax");
        await Assertions.Expect(page.Locator("#world-beliefs")).ToContainTextAsync(Statecraft.Scenarios.ShippedWorlds.Find("china-lax")!.Summary());

        // Run with a few trajectories in that world: progress, the summary and the report's charts drawn as SVG.
        await page.Locator("#runs").FillAsync("3000");
        await page.Locator("#seed").FillAsync("7");
        await page.Locator("#run").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("stored as run 1", new() { Timeout = Timeout });
        Assert.Equal(3000, await page.Locator("#progress").EvaluateAsync<int>("p => p.value"));
        await Assertions.Expect(page.Locator("#results table.summary tr")).ToHaveCountAsync(2);

        // The figures are those of the roadmap in the chosen world, which differ from the baseline's.
        await Assertions.Expect(page.Locator("#results .world")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^World: china-lax \\("));
        string Gdp(params string[] world) => System.Text.Json.JsonDocument.Parse(Cli.CliRun.Of(["simulate", "maximum-pressure", "--runs", "3000", "--seed", "7", "--json", "--no-store", .. world]).Out)
            .RootElement.GetProperty("strategies")[0].GetProperty("outcomes").GetProperty("gdp_index").GetProperty("p50").GetDouble()
            .ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        var (lax, baseline) = (Gdp("--world", "china-lax"), Gdp());
        Assert.NotEqual(baseline, lax);
        Assert.Equal(lax, await page.Locator("#results table.summary tr").Nth(1).Locator("td").Nth(5).TextContentAsync());
        var stored = await WebServer.Json(await server.Client.GetAsync("/api/runs/1"));
        Assert.Equal("china-lax", stored.GetProperty("worlds")[0].GetProperty("name").GetString());
        await Assertions.Expect(page.Locator("#results .chart[data-chart=\"gdp-fan\"] svg").First).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#results .chart svg")).ToHaveCountAsync(3, new() { Timeout = Timeout });
        await Chromium.Shot(page, "3-run");

        // The run is in the history; opened, it shows the same charts (re-simulated, and equal to the stored result).
        await page.Locator("#tab-history").ClickAsync();
        var row = page.Locator("#runs-table tr[data-run=\"1\"]");
        await Assertions.Expect(row).ToContainTextAsync("complete", new() { Timeout = Timeout });
        await row.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Assertions.Expect(page.Locator("#run-detail .chart[data-chart=\"steps-reached\"] svg").First).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#run-detail")).Not.ToContainTextAsync("no longer reproduces");
        await Assertions.Expect(page.Locator("#run-detail table.summary")).ToContainTextAsync("Maximum pressure");
        await Assertions.Expect(page.Locator("#run-detail .world")).ToHaveTextAsync("World: china-lax");
        await Assertions.Expect(row).ToContainTextAsync("china-lax");
        await Chromium.Shot(page, "4-history");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task A_user_edits_the_roadmap_in_the_form_and_sees_each_message_at_its_field()
    {
        await using var server = await WebServer.StartAsync();
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync();
        var problems = Chromium.WatchForProblems(page);
        await page.GotoAsync(server.App.Urls.Single() + "/");
        var editor = page.Locator("#editor");
        await Assertions.Expect(page.Locator("#validity")).ToHaveTextAsync("valid", new() { Timeout = Timeout });
        var level = page.Locator("#form [data-path=\"roadmap.phases[0].steps[0].verification\"] select");
        await Assertions.Expect(level).ToHaveValueAsync("national_technical_means", new() { Timeout = Timeout });
        var text = await editor.InputValueAsync();

        // Choosing a level rewrites exactly that scalar: the rest of the text, comments included, stays as it was.
        const string Level = "verification: national_technical_means";
        var at = text.IndexOf(Level, StringComparison.Ordinal);
        await level.SelectOptionAsync("intrusive_inspection");
        Assert.Equal(text[..at] + "verification: intrusive_inspection" + text[(at + Level.Length)..], await editor.InputValueAsync());
        await Assertions.Expect(page.Locator("#validity")).ToHaveTextAsync("valid", new() { Timeout = Timeout });

        // An id that breaks the rules: the message appears next to that field, which is marked, and the text has it.
        var id = page.Locator("#form [data-path=\"roadmap.phases[0].incentives[0].id\"]");
        await id.Locator("input").FillAsync("Terminate UN");
        await Assertions.Expect(id.Locator(".field-message")).ToContainTextAsync("must be lower-case", new() { Timeout = Timeout });
        await Assertions.Expect(id).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\berror\\b"));
        Assert.Contains("- id: Terminate UN\n", await editor.InputValueAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#form .form-field.error")).ToHaveCountAsync(1);
        await id.Locator(".field-message").ScrollIntoViewIfNeededAsync();
        await Chromium.Shot(page, "9-form-invalid");

        // Fixed in the form: the message clears and the roadmap is valid again.
        await id.Locator("input").FillAsync("terminate-un-measures");
        await Assertions.Expect(page.Locator("#validity")).ToHaveTextAsync("valid", new() { Timeout = Timeout });
        await Assertions.Expect(id.Locator(".field-message")).ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#form .form-field.error")).ToHaveCountAsync(0);
        Assert.Equal(text[..at] + "verification: intrusive_inspection" + text[(at + Level.Length)..], await editor.InputValueAsync());
        await Chromium.Shot(page, "10-form-fixed");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Ticked_scenarios_are_compared_two_runs_sit_side_by_side_and_a_long_run_is_cancelled()
    {
        await using var server = await WebServer.StartAsync();
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync();
        var problems = Chromium.WatchForProblems(page);
        await page.GotoAsync(server.App.Urls.Single() + "/");
        await Assertions.Expect(page.Locator("#validity")).ToHaveTextAsync("valid", new() { Timeout = Timeout });

        await page.Locator("#runs").FillAsync("1000");
        await page.Locator("#run").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("stored as run 1", new() { Timeout = Timeout });

        await page.Locator("#shipped input[data-name=\"maximum-pressure\"]").CheckAsync();
        await page.Locator("#shipped input[data-name=\"kaesong-quick-hit\"]").CheckAsync();
        await Assertions.Expect(page.Locator("#run")).ToHaveTextAsync("Compare 2 scenarios");
        await page.Locator("#run").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("stored as run 2", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#results table.summary tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#results .chart[data-chart=\"comparison\"] svg").First).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Chromium.Shot(page, "5-compare");

        await page.Locator("#tab-history").ClickAsync();
        await page.Locator("#runs-table tr[data-run=\"1\"] input").CheckAsync();
        await page.Locator("#runs-table tr[data-run=\"2\"] input").CheckAsync();
        await page.Locator("#compare-runs").ClickAsync();
        await Assertions.Expect(page.Locator("#run-detail .side-by-side table.summary")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#run-detail .side-by-side")).ToContainTextAsync("Kaesong");
        // Each run's charts are drawn too, one row per chart, the two runs next to each other.
        foreach (var run in new[] { 1, 2 })
            await Assertions.Expect(page.Locator($"#run-detail .chart[data-chart=\"gdp-fan\"] [data-run=\"{run}\"]").Locator("svg, canvas").First)
                .ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#run-detail .chart[data-chart=\"comparison\"] [data-run=\"2\"] svg").First).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#run-detail .chart[data-chart=\"comparison\"] [data-run=\"1\"]")).ToContainTextAsync("no such chart");
        await Chromium.Shot(page, "6-runs-side-by-side");

        // A long run shows progress as it goes and stops on Cancel.
        await page.Locator("#tab-editor").ClickAsync();
        await page.Locator("#shipped input[data-name=\"kaesong-quick-hit\"]").UncheckAsync();
        await Assertions.Expect(page.Locator("#run")).ToHaveTextAsync("Run");
        await page.Locator("#runs").FillAsync("200000");
        await page.Locator("#run").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("running:", new() { Timeout = Timeout });
        await page.WaitForFunctionAsync("() => document.getElementById('progress').value > 0", null, new() { Timeout = Timeout });
        await Chromium.Shot(page, "7-progress");
        await page.Locator("#cancel").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("cancelled", new() { Timeout = Timeout });
        Assert.True(await page.Locator("#progress").EvaluateAsync<bool>("p => p.value < p.max"), "cancelled before the end");
        await Assertions.Expect(page.Locator("#cancel")).ToBeDisabledAsync();

        await page.Locator("#tab-data").ClickAsync();
        await Assertions.Expect(page.Locator("#data-list details.series").First).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Chromium.Shot(page, "8-data");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}

/// <summary>What the browser tests do without a browser.</summary>
public sealed class BrowserPrerequisiteTests
{
    [Fact]
    public async Task Without_chromium_a_browser_test_fails_saying_how_to_install_it()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Chromium.LaunchAsync("/nonexistent/chromium"));
        Assert.Contains(".ci/run", failure.Message, StringComparison.Ordinal);
        Assert.Contains("install chromium", failure.Message, StringComparison.Ordinal);
    }
}

/// <summary>Debian's Chromium under Playwright: no browser is downloaded; .ci/run installs the package when it is missing.</summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    private static readonly string[] Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

    public static async Task<Session> LaunchAsync(string path = Path)
    {
        // An honest browser test never passes without a browser: say how to get one.
        if (!File.Exists(path))
            Assert.Fail($"{path} is missing: the browser tests drive Debian's Chromium. Run .ci/run (it installs it when missing) or install chromium yourself ('apt-get install chromium').");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = path, Headless = true, Args = Args });
        return new Session(playwright, browser);
    }

    /// <summary>Script errors and failed requests of the page; a test asserts there were none.</summary>
    public static List<string> WatchForProblems(IPage page)
    {
        var problems = new List<string>();
        page.PageError += (_, e) => problems.Add($"script error: {e}");
        page.Console += (_, m) => { if (m.Type == "error") problems.Add($"console: {m.Text} at {m.Location}"); };
        // The page closes a job's event stream once the job has ended, which the browser reports as an aborted request.
        page.RequestFailed += (_, r) => { if (!(r.Url.EndsWith("/events", StringComparison.Ordinal) && r.Failure == "net::ERR_ABORTED")) problems.Add($"request failed: {r.Url} {r.Failure}"); };
        return problems;
    }

    public static Task Shot(IPage page, string name)
    {
        var folder = System.IO.Path.Combine(AppContext.BaseDirectory, "playwright-artifacts");
        Directory.CreateDirectory(folder);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = System.IO.Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public sealed class Session(IPlaywright playwright, IBrowser browser) : IAsyncDisposable
    {
        public async Task<IPage> NewPageAsync()
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
            return await context.NewPageAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
