using System.Text.Json.Nodes;

namespace Statecraft.Tests.Cli;

public class SensitivityCommandTests
{
    [Fact]
    public void A_tornado_prints_bars_and_saves_json_and_a_tidy_csv_with_a_row_per_factor_and_outcome()
    {
        using var dir = new TempDir();
        var folder = Path.Combine(dir.Path, "out");
        var run = CliRun.Of("sensitivity", "delury-engagement", "--runs", "60", "--factors", "scenario,game", "--out", folder);
        Assert.True(run.Exit == 0, run.Err);
        Assert.Contains("p_complete: chance of complete denuclearization", run.Out);
        Assert.Contains("|", run.Out);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "sensitivity.json")))!;
        var bars = json["tornado"]!.AsArray();
        Assert.All(bars, b => Assert.Contains(b!["family"]!.GetValue<string>(), new[] { "scenario", "game" }));
        var csv = File.ReadAllLines(Path.Combine(folder, "tornado.csv"));
        Assert.Equal("factor,family,unit,low,high,outcome,base,at_low,at_high,swing,swing_low,swing_high,span,n_base,n_low,n_high", csv[0]);
        Assert.Equal(1 + (bars.Count * 3), csv.Length);
        // A chance is over every trajectory; inclusiveness only over those where someone gained, and the output says how many.
        Assert.Equal(60, json["base"]!["p_complete"]!["n"]!.GetValue<long>());
        var inclusiveness = json["base"]!["inclusiveness"]!["n"]!.GetValue<long>();
        Assert.InRange(inclusiveness, 1, 60);
        Assert.Contains($"inclusiveness  {json["base"]!["inclusiveness"]!["value"]!.GetValue<double>():F2}", run.Out, StringComparison.Ordinal);
        Assert.Contains($"(n={inclusiveness})", run.Out, StringComparison.Ordinal);
        Assert.All(bars, b => Assert.Equal(60, b!["effects"]!["p_complete"]!["n_low"]!.GetValue<long>()));
        // The JSON's first bar is the screening's first factor, and its swing is at_high - at_low.
        var first = bars[0]!["effects"]!["p_complete"]!;
        Assert.Equal(first["at_high"]!.GetValue<double>() - first["at_low"]!.GetValue<double>(), first["swing"]!["value"]!.GetValue<double>(), 12);
    }

    [Fact]
    public void Json_output_is_the_saved_file_and_does_not_depend_on_the_thread_count()
    {
        using var dir = new TempDir();
        string Run(string threads, string name)
        {
            var run = CliRun.Of("sensitivity", "kaesong-quick-hit", "--method", "sobol", "--factors", "hanoi_ratio,leakage", "--runs", "40",
                "--samples", "12", "--inner-runs", "16", "--bootstrap", "40", "--threads", threads, "--json", "--out", Path.Combine(dir.Path, name));
            Assert.True(run.Exit == 0, run.Err);
            Assert.Equal(File.ReadAllText(Path.Combine(dir.Path, name, "sensitivity.json")), run.Out);
            Assert.True(File.Exists(Path.Combine(dir.Path, name, "sobol.csv")));
            return run.Out;
        }

        var one = Run("1", "a");
        Assert.Equal(one, Run("2", "b"));
        var sobol = JsonNode.Parse(one)!["sobol"]!;
        Assert.Equal("user", sobol["factors_chosen_by"]!.GetValue<string>());
        Assert.Equal(12 * 4, sobol["points"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("--outcomes", "p_complet", "did you mean 'p_complete'")]
    [InlineData("--factors", "hanoi_ration", "did you mean 'hanoi_ratio'")]
    [InlineData("--method", "morris", "morris")]
    [InlineData("--runs", "1", "--runs must be 2")]
    [InlineData("--factors", "scenario,hanoi_ratio", "families or factor names, not both")]
    public void Bad_options_are_refused_with_the_valid_choices(string option, string value, string message)
    {
        var run = CliRun.Of("sensitivity", "delury-engagement", option, value);
        Assert.Equal(2, run.Exit);
        Assert.Contains(message, run.Err);
        Assert.False(run.ShowsStackTrace);
    }

    [Fact]
    public void A_folder_that_is_not_empty_is_refused_before_anything_runs()
    {
        using var dir = new TempDir();
        dir.Write("keep.txt", "mine");
        var run = CliRun.Of("sensitivity", "delury-engagement", "--out", dir.Path);
        Assert.Equal(2, run.Exit);
        Assert.Contains("is not empty", run.Err);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir.Path, "keep.txt")));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_scenario_with_no_uncertain_assumption_of_its_own_says_so_when_only_those_are_asked_for()
    {
        using var dir = new TempDir();
        // Under a world whose beliefs are all fixed numbers, so neither the roadmap nor the world has an uncertain assumption.
        var world = dir.Write("fixed.yaml", "format: statecraft-world/1\nname: fixed\nactors:\n  china:\n    enforcement: 0.7\n");
        var file = dir.Write("plain.yaml", """
            format: statecraft/2
            name: plain
            start: 2018Q4
            horizon_quarters: 8
            roadmap:
              phases:
                - name: one
                  steps:
                    - step: test_moratorium
                      verification: national_technical_means
            """);
        var run = CliRun.Of("sensitivity", file, "--factors", "scenario", "--world", world);
        Assert.Equal(2, run.Exit);
        Assert.Contains("no uncertain factor", run.Err);
        // Under the baseline world, its uncertain enforcement is a factor of the same roadmap.
        Assert.DoesNotContain("no uncertain factor", CliRun.Of("sensitivity", file, "--factors", "scenario", "--runs", "20", "--out", Path.Combine(dir.Path, "out")).Err);
    }

    [Fact]
    public void A_factor_named_twice_is_decomposed_once()
    {
        var run = CliRun.Of("sensitivity", "delury-engagement", "--method", "sobol", "--factors", "leakage,hanoi_ratio,leakage",
            "--runs", "20", "--samples", "8", "--inner-runs", "8", "--bootstrap", "10", "--json");
        Assert.True(run.Exit == 0, run.Err);
        var factors = JsonNode.Parse(run.Out)!["sobol"]!["factors"]!.AsArray().Select(f => f!["name"]!.GetValue<string>());
        Assert.Equal(["leakage", "hanoi_ratio"], factors);
    }
}
