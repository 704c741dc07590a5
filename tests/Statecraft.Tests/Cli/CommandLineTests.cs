using System.Text.Json;

namespace Statecraft.Tests.Cli;

public sealed class CommandLineTests
{
    private const string Feasible = """
        name: aid only
        start: 2018Q4
        horizon_quarters: 8
        roadmap:
          phases:
            - name: Aid
              incentives:
                - {id: aid, kind: humanitarian_aid}
        """;

    private const string Kaesong = """
        name: Kaesong first
        start: 2018Q4
        horizon_quarters: 8
        roadmap:
          phases:
            - name: Quick hit
              steps: [test_moratorium]
              incentives:
                - {id: kaesong, kind: kaesong_reopening, sequencing: upfront}
        """;

    [Theory]
    [InlineData("run")]
    [InlineData("validate")]
    [InlineData("check")]
    [InlineData("measures")]
    [InlineData("scenarios")]
    [InlineData("data")]
    [InlineData("calibrate")]
    [InlineData("backcast")]
    public void Every_command_has_help(string command)
    {
        var run = CliRun.Of(command, "--help");

        Assert.Equal(0, run.Exit);
        Assert.Contains("Usage:", run.Out, StringComparison.Ordinal);
        Assert.Contains($"statecraft {command}", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_is_a_usage_error_without_a_stack_trace()
    {
        var run = CliRun.Of("simulat");

        Assert.Equal(2, run.Exit);
        Assert.Contains("statecraft --help", run.Err, StringComparison.Ordinal);
        Assert.False(run.ShowsStackTrace);
    }

    [Fact]
    public void Validate_exits_0_when_every_file_is_valid_and_1_otherwise()
    {
        using var dir = new TempDir();
        var good = dir.Write("good.yaml", Feasible);
        var bad = dir.Write("bad.yaml", Feasible.Replace("humanitarian_aid", "humanitarian", StringComparison.Ordinal));

        Assert.Equal(0, CliRun.Of("validate", good).Exit);
        var run = CliRun.Of("validate", good, bad);
        Assert.Equal(1, run.Exit);
        Assert.Contains($"{bad}:8:27: error: unknown incentive kind 'humanitarian'", run.Err, StringComparison.Ordinal);
        Assert.Contains($"{good}: valid", run.Out, StringComparison.Ordinal);
        Assert.Contains($"{bad}: invalid (1 error)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_survives_a_missing_file_and_binary_garbage()
    {
        using var dir = new TempDir();
        var garbage = Path.Combine(dir.Path, "garbage.yaml");
        File.WriteAllBytes(garbage, [0x00, 0xFF, 0xFE, 0x7B, 0x5B, 0x3A, 0x0A, 0x2D, 0x20, 0x5B]);

        var run = CliRun.Of("validate", garbage, Path.Combine(dir.Path, "missing.yaml"));

        Assert.Equal(1, run.Exit);
        Assert.False(run.ShowsStackTrace);
        Assert.Contains("missing.yaml: error: cannot read the file: no such file", run.Err, StringComparison.Ordinal);
        Assert.Contains("garbage.yaml:", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_exits_0_when_feasible_1_when_not_and_2_when_invalid()
    {
        using var dir = new TempDir();

        Assert.Equal(0, CliRun.Of("check", dir.Write("ok.yaml", Feasible)).Exit);
        Assert.Equal(1, CliRun.Of("check", dir.Write("kaesong.yaml", Kaesong)).Exit);
        var invalid = CliRun.Of("check", dir.Write("broken.yaml", "name: [unclosed\n"));
        Assert.Equal(2, invalid.Exit);
        Assert.Contains("broken.yaml:", invalid.Err, StringComparison.Ordinal);
        Assert.False(invalid.ShowsStackTrace);
    }

    [Fact]
    public void Check_json_has_an_incentives_array_with_collisions_relief_and_consent()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("check", dir.Write("kaesong.yaml", Kaesong), "--json");

        using var doc = JsonDocument.Parse(run.Out);
        var incentive = doc.RootElement.GetProperty("incentives")[0];
        Assert.Equal("kaesong", incentive.GetProperty("id").GetString());
        Assert.Equal(1, incentive.GetProperty("phase").GetInt32());
        Assert.Equal("kaesong_reopening", incentive.GetProperty("kind").GetString());
        Assert.False(incentive.GetProperty("feasible").GetBoolean());
        var collisions = incentive.GetProperty("collisions").EnumerateArray().ToList();
        var jv = collisions.Single(c => c.GetProperty("measure").GetString() == "UNSC-2375-18");
        Assert.Equal("exemption", jv.GetProperty("relief_needed").GetString());
        Assert.Equal(["committee_1718"], jv.GetProperty("consent").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(collisions, c => c.GetProperty("measure").GetString() == "UNSC-2094-11");
        Assert.Contains(collisions, c => c.GetProperty("measure").GetString() == "UNSC-2397-7");
    }

    [Fact]
    public void Check_csv_has_one_row_per_collision_and_a_row_for_an_incentive_with_none()
    {
        using var dir = new TempDir();
        var kaesong = dir.Write("kaesong.yaml", Kaesong.Replace("sequencing: upfront}", "sequencing: upfront}\n        - {id: aid, kind: humanitarian_aid}", StringComparison.Ordinal));
        var json = JsonDocument.Parse(CliRun.Of("check", kaesong, "--json").Out).RootElement.GetProperty("incentives");
        var run = CliRun.Of("check", kaesong, "--csv");

        var table = Statecraft.Data.CsvTable.Parse(run.Out, "check.csv");
        Assert.Equal(1, run.Exit);
        Assert.Equal(json[0].GetProperty("collisions").GetArrayLength(), table.Rows.Count(r => table.Get(r, "incentive") == "kaesong"));
        var aid = Assert.Single(table.Rows, r => table.Get(r, "incentive") == "aid");
        Assert.Equal(("true", ""), (table.Get(aid, "feasible"), table.Get(aid, "measure")));
        Assert.Contains(table.Rows, r => table.Get(r, "measure") == "UNSC-2375-18" && table.Get(r, "consent") == "committee_1718");
        Assert.Equal(2, CliRun.Of("check", kaesong, "--csv", "--json").Exit);
    }

    [Fact]
    public void Validate_json_gives_every_file_its_verdict_and_located_diagnostics()
    {
        using var dir = new TempDir();
        var bad = dir.Write("bad.yaml", Feasible.Replace("horizon_quarters: 8", "horizon_quarters: 0", StringComparison.Ordinal));
        var run = CliRun.Of("validate", "--json", bad, "kaesong-quick-hit");

        Assert.Equal(1, run.Exit);
        var files = JsonDocument.Parse(run.Out).RootElement.GetProperty("files");
        var d = files[0].GetProperty("diagnostics")[0];
        Assert.Equal((3, 19, "error"), (d.GetProperty("line").GetInt32(), d.GetProperty("column").GetInt32(), d.GetProperty("severity").GetString()));
        Assert.True(files[1].GetProperty("valid").GetBoolean());
    }

    [Fact]
    public void Check_json_on_an_invalid_file_still_prints_a_document_with_the_diagnostics()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("check", "--json", dir.Write("bad.yaml", "name: [\n"));

        Assert.Equal(2, run.Exit);
        var root = JsonDocument.Parse(run.Out).RootElement;
        Assert.False(root.GetProperty("valid").GetBoolean());
        Assert.Equal(2, root.GetProperty("diagnostics")[0].GetProperty("line").GetInt32());
    }

    [Fact]
    public void A_shipped_scenario_can_be_checked_by_name_from_any_directory()
    {
        var run = CliRun.Of("check", "kaesong-quick-hit", "--json");

        Assert.Equal(1, run.Exit);
        Assert.Equal("scenarios/kaesong-quick-hit.yaml", JsonDocument.Parse(run.Out).RootElement.GetProperty("scenario").GetProperty("path").GetString());
    }

    [Fact]
    public void An_unknown_option_is_not_read_as_a_file_name()
    {
        var run = CliRun.Of("validate", "--jsn", "x.yaml");

        Assert.Equal(2, run.Exit);
        Assert.Contains("unknown option '--jsn'", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Measures_rejects_a_bad_date_and_an_unknown_issuer_with_the_choices()
    {
        Assert.Equal(2, CliRun.Of("measures", "--at", "2018/10/01").Exit);
        var run = CliRun.Of("measures", "--issuer", "un");
        Assert.Equal(2, run.Exit);
        Assert.Contains("valid choices: unsc, us, rok, japan", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Measures_in_force_in_late_2018_exclude_the_superseded_oil_caps()
    {
        var all = JsonDocument.Parse(CliRun.Of("measures", "--json").Out).RootElement.GetProperty("measures").EnumerateArray().ToList();
        var late2018 = JsonDocument.Parse(CliRun.Of("measures", "--json", "--at", "2018-10-01").Out).RootElement.GetProperty("measures")
            .EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();

        var ended = all.Where(m => m.GetProperty("ended").ValueKind == JsonValueKind.String).Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.NotEmpty(ended);
        Assert.All(ended, id => Assert.DoesNotContain(id, late2018));
        Assert.Contains("UNSC-2397-4", late2018);
    }

    [Fact]
    public void Scenarios_export_writes_every_shipped_scenario_and_never_overwrites()
    {
        using var dir = new TempDir();
        var mine = dir.Write("delury-engagement.yaml", "my own edits");

        var run = CliRun.Of("scenarios", "--export", dir.Path);

        Assert.Equal(1, run.Exit);
        Assert.Equal("my own edits", File.ReadAllText(mine));
        Assert.Contains("exists, left as it is", run.Err, StringComparison.Ordinal);
        Assert.Equal(6, Directory.GetFiles(dir.Path, "*.yaml").Length);
        Assert.Equal(0, CliRun.Of([.. Directory.GetFiles(dir.Path, "*.yaml").Where(f => f != mine).Prepend("validate")]).Exit);
    }

    [Fact]
    public void Run_compares_every_shipped_strategy_and_saves_json_and_csv()
    {
        using var dir = new TempDir();
        var folder = Path.Combine(dir.Path, "out");
        var run = CliRun.Of("run", "--json", "--runs", "300", "--out", folder);

        Assert.Equal(0, run.Exit);
        var strategies = JsonDocument.Parse(run.Out).RootElement.GetProperty("strategies").EnumerateArray().ToList();
        Assert.Equal(
            ["maximum-pressure", "relief-only", "delury-engagement", "cnas-conditional-development", "kaesong-quick-hit", "pyongyang-declaration-2018"],
            strategies.Select(s => Path.GetFileNameWithoutExtension(s.GetProperty("file").GetString())).ToList());
        // The feasibility check travels with the simulation: the quick hit's Kaesong reopening stays blocked by US measures.
        var kaesong = strategies[4].GetProperty("feasibility");
        Assert.Equal(4, kaesong.GetProperty("feasible").GetInt32());
        Assert.Equal(["kaesong"], kaesong.GetProperty("infeasible").EnumerateArray().Select(e => e.GetString()).ToList());
        // Paired differences against the first strategy only.
        Assert.False(strategies[0].TryGetProperty("differences", out _));
        Assert.All(strategies.Skip(1), s => Assert.True(s.GetProperty("differences").GetProperty("p_complete").TryGetProperty("ci95_low", out _)));
        Assert.Equal(run.Out.Trim(), File.ReadAllText(Path.Combine(folder, "run.json")).Trim());
        Assert.All(["summary.csv", "steps.csv", "paths.csv", "differences.csv"], f => Assert.True(File.Exists(Path.Combine(folder, f)), f));

        var again = CliRun.Of("run", "--runs", "10", "--out", folder);
        Assert.Equal(2, again.Exit);
        Assert.Contains("not empty", again.Err, StringComparison.Ordinal);
    }
}
