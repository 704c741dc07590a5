using System.Globalization;
using System.Text.Json;
using Statecraft.Bargaining;
using Statecraft.Cli;
using Statecraft.Data;
using Statecraft.Tests.Bargaining;

namespace Statecraft.Tests.Cli;

/// <summary>What users see from 'statecraft bargain eum|smp': help, tables, JSON, CSV, the reference log and clear errors.</summary>
public sealed class BargainCommandTests
{
    // A KTAB table with two independent errors: power 0 at 3:9 and a salience of 101 at 4:16.
    private const string BadKtab = """
        Test,Small table,3,2,
        Actor,Description,Power,P1,S1,P2,S2,
        A,first,0,20,50,30,40,
        B,second,20,60,101,70,60,
        C,third,30,90,70,10,20,
        """;

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    // ---- Help and usage ----

    [Fact]
    public void Bargain_help_names_both_models()
    {
        var run = CliRun.Of("bargain", "--help");

        Assert.Equal(0, run.Exit);
        Assert.Contains("statecraft bargain", run.Out, StringComparison.Ordinal);
        Assert.Contains("eum", run.Out, StringComparison.Ordinal);
        Assert.Contains("smp", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eum", new[] { "--rounds", "--status-quo-weight", "--json", "--csv", "--log" })]
    [InlineData("smp", new[] { "--json", "--csv" })]
    public void Each_model_has_help_with_its_options(string model, string[] options)
    {
        var run = CliRun.Of("bargain", model, "--help");

        Assert.Equal(0, run.Exit);
        Assert.Contains($"statecraft bargain {model}", run.Out, StringComparison.Ordinal);
        Assert.Contains("FILE", run.Out, StringComparison.Ordinal);
        foreach (var option in options)
        {
            Assert.Contains(option, run.Out, StringComparison.Ordinal);
        }

        if (model == "smp")
        {
            Assert.DoesNotContain("--log", run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Bargain_without_a_model_is_a_usage_error_naming_both()
    {
        var run = CliRun.Of("bargain");

        Assert.Equal(2, run.Exit);
        Assert.Contains("bargain eum", run.Err, StringComparison.Ordinal);
        Assert.Contains("bargain smp", run.Err, StringComparison.Ordinal);
        Assert.False(run.ShowsStackTrace);
    }

    // ---- Shipped tables by name ----

    [Theory]
    [InlineData("eum", "eum-example", "10 actors, 10 rounds")]
    [InlineData("smp", "ktab-dummy-3dim", "7 actors, 3 dimensions")]
    [InlineData("smp", "ktab-soe-pol-comp", "13 actors, 2 dimensions")]
    [InlineData("smp", "korea-2018", "10 actors, 2 dimensions")]
    public void A_shipped_table_runs_by_name(string model, string table, string summary)
    {
        var run = CliRun.Of("bargain", model, table);

        Assert.Equal(0, run.Exit);
        Assert.Contains($"scenarios/bargaining/{table}.csv", run.Out, StringComparison.Ordinal);
        Assert.Contains(summary, run.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Err);
    }

    [Fact]
    public void A_shipped_table_given_to_the_other_model_points_to_the_right_command()
    {
        var smpToEum = CliRun.Of("bargain", "eum", "ktab-dummy-3dim");
        Assert.Equal(2, smpToEum.Exit);
        Assert.Contains("use 'statecraft bargain smp'", smpToEum.Err, StringComparison.Ordinal);

        var eumToSmp = CliRun.Of("bargain", "smp", "eum-example");
        Assert.Equal(2, eumToSmp.Exit);
        Assert.Contains("use 'statecraft bargain eum'", eumToSmp.Err, StringComparison.Ordinal);
    }

    // ---- EUM output ----

    [Fact]
    public void EUM_json_has_11_rounds_with_mean_median_and_every_actors_position()
    {
        var run = CliRun.Of("bargain", "eum", "eum-example", "--json");

        Assert.Equal(0, run.Exit);
        using var doc = JsonDocument.Parse(run.Out);
        var actors = Oracle.EumExample().Actors.Select(a => a.Name).ToArray();
        var rounds = doc.RootElement.GetProperty("rounds").EnumerateArray().ToList();
        Assert.Equal(11, rounds.Count);
        for (var r = 0; r < rounds.Count; r++)
        {
            Assert.Equal(JsonValueKind.Object, rounds[r].ValueKind);
            Assert.Equal(r, rounds[r].GetProperty("round").GetInt32());
            Assert.Equal(JsonValueKind.Number, rounds[r].GetProperty("mean").ValueKind);
            Assert.Equal(JsonValueKind.Number, rounds[r].GetProperty("median").ValueKind);
            var positions = rounds[r].GetProperty("positions");
            Assert.Equal(actors, positions.EnumerateObject().Select(p => p.Name));
            Assert.All(positions.EnumerateObject(), p => Assert.Equal(JsonValueKind.Number, p.Value.ValueKind));
        }
    }

    [Fact]
    public void EUM_json_means_are_the_reference_means()
    {
        var run = CliRun.Of("bargain", "eum", "eum-example", "--json");

        using var doc = JsonDocument.Parse(run.Out);
        var rounds = doc.RootElement.GetProperty("rounds");
        var oracle = Oracle.Table("eum-example-means.csv");
        Assert.Equal(oracle.Rows.Count, rounds.GetArrayLength());
        foreach (var row in oracle.Rows)
        {
            var round = rounds[Oracle.Integer(oracle, row, "round")];
            Assert.Equal(Oracle.Number(oracle, row, "mean"), round.GetProperty("mean").GetDouble());
        }

        // Round 0's median line is the true median (later lines of the reference print the mean).
        Assert.Equal(Oracle.Number(oracle, oracle.Rows[0], "median_line_value"), rounds[0].GetProperty("median").GetDouble());
    }

    [Fact]
    public void EUM_json_positions_are_the_reference_positions()
    {
        using var doc = JsonDocument.Parse(CliRun.Of("bargain", "eum", "eum-example", "--json").Out);
        var rounds = doc.RootElement.GetProperty("rounds");
        var oracle = Oracle.Table("eum-example-positions.csv");
        Assert.Equal(110, oracle.Rows.Count);
        foreach (var row in oracle.Rows)
        {
            var round = rounds[Oracle.Integer(oracle, row, "round")];
            Assert.Equal(Oracle.Number(oracle, row, "position_after_round"), round.GetProperty("positions").GetProperty(oracle.Get(row, "actor")).GetDouble());
        }
    }

    [Fact]
    public void Rounds_3_plays_three_rounds_after_the_input()
    {
        var run = CliRun.Of("bargain", "eum", "eum-example", "--rounds", "3", "--json");

        Assert.Equal(0, run.Exit);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal([0, 1, 2, 3], doc.RootElement.GetProperty("rounds").EnumerateArray().Select(r => r.GetProperty("round").GetInt32()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void Rounds_below_1_are_refused_with_the_range(string rounds)
    {
        var run = CliRun.Of("bargain", "eum", "eum-example", "--rounds", rounds);

        Assert.Equal(2, run.Exit);
        Assert.Contains("--rounds", run.Err, StringComparison.Ordinal);
        Assert.Contains($"valid: 1 to {ExpectedUtilityModel.MaxRounds}", run.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
        Assert.False(run.ShowsStackTrace);
    }

    [Fact]
    public void A_negative_status_quo_weight_is_refused()
    {
        var run = CliRun.Of("bargain", "eum", "eum-example", "--status-quo-weight", "-0.5");

        Assert.Equal(2, run.Exit);
        Assert.Contains("--status-quo-weight", run.Err, StringComparison.Ordinal);
        Assert.Contains("valid: 0 or more", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void SMP_output_is_the_same_for_any_thread_count_and_a_negative_count_is_refused()
    {
        var one = CliRun.Of("bargain", "smp", "korea-2018", "--json", "--threads", "1");
        var two = CliRun.Of("bargain", "smp", "korea-2018", "--json", "--threads", "2");
        Assert.Equal(0, one.Exit);
        Assert.Equal(one.Out, two.Out);

        var bad = CliRun.Of("bargain", "smp", "korea-2018", "--threads", "-1");
        Assert.Equal(2, bad.Exit);
        Assert.Contains("valid: 1 to 1024, or 0 for the default", bad.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--status-quo-weight", "1,5", "is not a number (write decimals with a point: 1.5, not 1,5)")]
    [InlineData("--status-quo-weight", "NaN", "is not a number")]
    [InlineData("--rounds", "abc", "is not a whole number")]
    [InlineData("--rounds", "2.5", "is not a whole number")]
    public void A_malformed_number_option_is_refused_in_plain_words(string option, string value, string message)
    {
        var run = CliRun.Of("bargain", "eum", "eum-example", option, value);

        Assert.Equal(2, run.Exit);
        Assert.Contains($"{option} '{value}' {message}", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Exported_actor_tables_and_ranges_run_from_their_files_as_they_do_by_name()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRun.Of("scenarios", "--export", dir.Path).Exit);
        var tables = Directory.GetFiles(Path.Combine(dir.Path, "bargaining"), "*.csv");
        Assert.Equal(Statecraft.Bargaining.ShippedTables.All.Count, tables.Length);

        var byName = CliRun.Of("bargain", "smp", "korea-2018", "--sweep", "korea-2018", "--json");
        var byFile = CliRun.Of("bargain", "smp", Path.Combine(dir.Path, "bargaining", "korea-2018.csv"), "--sweep", Path.Combine(dir.Path, "bargaining", "ranges", "korea-2018.csv"), "--json");
        Assert.Equal(0, byFile.Exit);
        using var a = JsonDocument.Parse(byName.Out);
        using var b = JsonDocument.Parse(byFile.Out);
        Assert.Equal(a.RootElement.GetProperty("variants").GetRawText(), b.RootElement.GetProperty("variants").GetRawText());

        // The listing names every actor table with its model.
        var list = CliRun.Of("scenarios");
        Assert.All(Statecraft.Bargaining.ShippedTables.All, t => Assert.Contains(t.Name, list.Out, StringComparison.Ordinal));
    }

    [Fact]
    public void EUM_log_is_the_reference_log_exactly()
    {
        var run = CliRun.Of("bargain", "eum", "eum-example", "--log");

        Assert.Equal(0, run.Exit);
        Assert.Equal(Oracle.Text("eum-example-log.txt"), run.Out);
    }

    [Fact]
    public void EUM_csv_loads_with_the_documented_header_and_a_row_per_round_and_actor()
    {
        var run = CliRun.Of("bargain", "eum", "eum-example", "--csv");

        Assert.Equal(0, run.Exit);
        var csv = CsvTable.Parse(run.Out, "eum.csv");
        Assert.Equal(BargainCommand.EumCsvHeader, csv.Header);
        Assert.Equal(11 * 10, csv.Rows.Count);

        var oracle = Oracle.Table("eum-example-positions.csv");
        var expected = oracle.Rows.ToDictionary(r => (oracle.Get(r, "round"), oracle.Get(r, "actor")), r => Oracle.Number(oracle, r, "position_after_round"));
        Assert.Equal(expected.Count, csv.Rows.Select(r => (csv.Get(r, "round"), csv.Get(r, "actor"))).Distinct().Count());
        foreach (var row in csv.Rows)
        {
            Assert.Equal(expected[(csv.Get(row, "round"), csv.Get(row, "actor"))], Number(csv.Get(row, "position")));
        }
    }

    // ---- SMP output ----

    [Fact]
    public void SMP_json_has_11_turns_of_3_coordinate_positions_and_the_reference_final_probabilities()
    {
        var run = CliRun.Of("bargain", "smp", "ktab-dummy-3dim", "--json");

        Assert.Equal(0, run.Exit);
        using var doc = JsonDocument.Parse(run.Out);
        var final = Oracle.Table("smp-dummy3dim-final.csv");
        var names = final.Rows.Select(r => final.Get(r, "name")).ToArray();

        var turns = doc.RootElement.GetProperty("turns").EnumerateArray().ToList();
        Assert.Equal(11, turns.Count);
        for (var t = 0; t < turns.Count; t++)
        {
            Assert.Equal(t, turns[t].GetProperty("turn").GetInt32());
            var positions = turns[t].GetProperty("positions");
            Assert.Equal(names, positions.EnumerateObject().Select(p => p.Name));
            Assert.All(positions.EnumerateObject(), p => Assert.Equal(3, p.Value.GetArrayLength()));
        }

        var probabilities = doc.RootElement.GetProperty("final_probabilities");
        Assert.Equal(names, probabilities.EnumerateObject().Select(p => p.Name));
        foreach (var row in final.Rows)
        {
            Assert.Equal(Oracle.Number(final, row, "final_win_prob"), probabilities.GetProperty(final.Get(row, "name")).GetDouble(), 1e-12);
        }
    }

    [Fact]
    public void SMP_json_positions_of_every_turn_are_the_references()
    {
        using var doc = JsonDocument.Parse(CliRun.Of("bargain", "smp", "ktab-dummy-3dim", "--json").Out);
        var names = doc.RootElement.GetProperty("actors").EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToArray();
        var turns = doc.RootElement.GetProperty("turns");
        var oracle = Oracle.Table("smp-dummy3dim-positions.csv");
        Assert.Equal(11 * 7 * 3, oracle.Rows.Count);
        foreach (var row in oracle.Rows)
        {
            var turn = turns[Oracle.Integer(oracle, row, "turn")];
            var coordinates = turn.GetProperty("positions").GetProperty(names[Oracle.Integer(oracle, row, "actor")]);
            Assert.Equal(Oracle.Number(oracle, row, "position"), coordinates[Oracle.Integer(oracle, row, "dim")].GetDouble());
        }
    }

    [Fact]
    public void SMP_csv_loads_with_the_documented_header_and_a_row_per_turn_actor_and_dimension()
    {
        var run = CliRun.Of("bargain", "smp", "ktab-dummy-3dim", "--csv");

        Assert.Equal(0, run.Exit);
        var csv = CsvTable.Parse(run.Out, "smp.csv");
        Assert.Equal(BargainCommand.SmpCsvHeader, csv.Header);
        Assert.Equal(11 * 7 * 3, csv.Rows.Count);
        Assert.Equal(["Pstn1", "Pstn2", "Pstn3"], csv.Rows.Select(r => csv.Get(r, "dimension")).Distinct());
        Assert.Equal(Enumerable.Range(0, 11).Select(t => t.ToString(CultureInfo.InvariantCulture)), csv.Rows.Select(r => csv.Get(r, "turn")).Distinct());
    }

    [Fact]
    public void SMP_console_shows_the_final_win_probability_and_the_number_of_states()
    {
        var run = CliRun.Of("bargain", "smp", "ktab-dummy-3dim");

        Assert.Equal(0, run.Exit);
        Assert.Contains("11 states (10 turns)", run.Out, StringComparison.Ordinal);
        var final = Oracle.Table("smp-dummy3dim-final.csv");
        var probability = Oracle.Number(final, final.Rows[0], "final_win_prob").ToString("0.0000", CultureInfo.InvariantCulture);
        Assert.Equal("0.3340", probability);
        var lines = run.Out.Split('\n');
        var finalTable = lines.SkipWhile(l => !l.StartsWith("Final state", StringComparison.Ordinal)).ToArray();
        var row = Assert.Single(finalTable, l => l.StartsWith("SActor-00 ", StringComparison.Ordinal));
        Assert.EndsWith(" " + probability, row.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void SOE_Pol_Comp_takes_27_turns_as_smpc_does()
    {
        var run = CliRun.Of("bargain", "smp", "ktab-soe-pol-comp");

        Assert.Equal(0, run.Exit);
        Assert.Contains("28 states (27 turns)", run.Out, StringComparison.Ordinal);
    }

    // ---- Errors ----

    [Theory]
    [InlineData("eum", "--json", "--csv")]
    [InlineData("eum", "--csv", "--log")]
    [InlineData("eum", "--json", "--log")]
    [InlineData("smp", "--json", "--csv")]
    public void Two_output_formats_at_once_are_refused(string model, string first, string second)
    {
        var run = CliRun.Of("bargain", model, model == "eum" ? "eum-example" : "ktab-dummy-3dim", first, second);

        Assert.Equal(2, run.Exit);
        Assert.Contains("choose one output format", run.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void A_bad_file_exits_2_with_every_error_located_and_no_stack_trace()
    {
        using var dir = new TempDir();
        var path = dir.Write("bad.csv", BadKtab);

        var run = CliRun.Of("bargain", "smp", path);

        Assert.Equal(2, run.Exit);
        Assert.False(run.ShowsStackTrace);
        Assert.Contains($"{path}:3:9: error: power 0 is out of range; valid: above 0", run.Err, StringComparison.Ordinal);
        Assert.Contains($"{path}:4:16: error: salience of 'P1' 101 is out of range; valid: 0 to 100", run.Err, StringComparison.Ordinal);
        Assert.True(run.Err.IndexOf(":3:9:", StringComparison.Ordinal) < run.Err.IndexOf(":4:16:", StringComparison.Ordinal));
        Assert.Contains($"{path}: unusable actor table (2 errors)", run.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void A_bad_EUM_file_exits_2_with_a_located_error()
    {
        using var dir = new TempDir();
        var path = dir.Write("bad.csv", "Actor,Capability,Position,Salience\nA,0.5,1,0.5\nB,0.3,2,80\n");

        var run = CliRun.Of("bargain", "eum", path);

        Assert.Equal(2, run.Exit);
        Assert.False(run.ShowsStackTrace);
        Assert.Contains($"{path}:3:9: error: salience 80 is out of range; valid: 0 to 1", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_file_with_json_prints_the_diagnostics_as_a_document()
    {
        using var dir = new TempDir();
        var path = dir.Write("bad.csv", BadKtab);

        var run = CliRun.Of("bargain", "smp", path, "--json");

        Assert.Equal(2, run.Exit);
        Assert.False(run.ShowsStackTrace);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.False(doc.RootElement.GetProperty("valid").GetBoolean());
        var diagnostics = doc.RootElement.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.Equal(
            [(3, 9), (4, 16)],
            diagnostics.Select(d => (d.GetProperty("line").GetInt32(), d.GetProperty("column").GetInt32())).ToArray());
        Assert.All(diagnostics, d =>
        {
            Assert.Equal(path, d.GetProperty("path").GetString());
            Assert.Equal("error", d.GetProperty("severity").GetString());
        });
        Assert.Contains("valid: above 0", diagnostics[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("valid: 0 to 100", diagnostics[1].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eum")]
    [InlineData("smp")]
    public void A_missing_file_exits_2_saying_no_such_file(string model)
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "absent.csv");

        var run = CliRun.Of("bargain", model, path);

        Assert.Equal(2, run.Exit);
        Assert.Contains($"{path}: error: cannot read the file: no such file", run.Err, StringComparison.Ordinal);
        Assert.False(run.ShowsStackTrace);
    }

    [Theory]
    [InlineData("eum")]
    [InlineData("smp")]
    public void A_missing_file_with_json_still_prints_a_document(string model)
    {
        using var dir = new TempDir();

        var run = CliRun.Of("bargain", model, Path.Combine(dir.Path, "absent.csv"), "--json");

        Assert.Equal(2, run.Exit);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.False(doc.RootElement.GetProperty("valid").GetBoolean());
        var d = Assert.Single(doc.RootElement.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, d.GetProperty("line").ValueKind);
        Assert.Contains("no such file", d.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eum")]
    [InlineData("smp")]
    public void An_option_like_file_name_is_a_usage_error(string model)
    {
        var run = CliRun.Of("bargain", model, "--bogus");

        Assert.Equal(2, run.Exit);
        Assert.Contains("--bogus", run.Err, StringComparison.Ordinal);
        Assert.False(run.ShowsStackTrace);
    }

    [Fact]
    public void A_table_the_reader_accepts_never_makes_json_an_internal_error()
    {
        using var dir = new TempDir();
        foreach (var (name, text) in new[]
        {
            ("huge-capability.csv", "Actor,Capability,Position,Salience\nA,1e308,1,0.5\nB,1,2,0.8\nC,1,3,1\n"),
            ("huge-range.csv", "Actor,Capability,Position,Salience\nA,1,-1e308,0.5\nB,1,0,0.8\nC,1,1e308,1\n"),
        })
        {
            var run = CliRun.Of("bargain", "eum", dir.Write(name, text), "--json");

            Assert.True(run.Exit is 0 or 2, $"{name}: exit {run.Exit}: {run.Err}");
            using var doc = JsonDocument.Parse(run.Out);
        }
    }
}
