using System.Globalization;
using Statecraft.Bargaining;
using Statecraft.Documents;
using Statecraft.Tests.Cli;

namespace Statecraft.Tests.Bargaining;

/// <summary>The one-at-a-time sweep: its ranges file, its variants, and the Korea ranges' agreement with korea-2018.md.</summary>
public sealed class SweepTests
{
    private static SmpTable Korea()
    {
        var table = ShippedTables.Find("korea-2018")!;
        return SmpTable.Parse(table.Text, table.Path).Table!;
    }

    private static IReadOnlyList<SweepRange> KoreaRanges()
    {
        var ranges = ShippedTables.FindRanges("korea-2018")!;
        var load = SmpSweep.ParseRanges(ranges.Text, ranges.Path, Korea());
        Assert.True(load.IsValid, string.Join('\n', load.Diagnostics));
        return load.Table!;
    }

    [Fact]
    public void Every_variant_changes_exactly_one_value_and_the_base_run_is_the_plain_run()
    {
        var table = Korea();
        var sweep = SmpSweep.Run(table, "ranges.csv", KoreaRanges());
        var plain = SpatialModel.Run(table);

        Assert.Equal(plain.Final.Positions.SelectMany(p => p), sweep.Base.Run.Final.Positions.SelectMany(p => p));
        foreach (var v in sweep.Variants)
        {
            var changed = new List<string>();
            for (var a = 0; a < table.Actors.Count; a++)
            {
                var x = table.Actors[a];
                var y = v.Run.Table.Actors[a];
                if (x.Power != y.Power)
                {
                    changed.Add($"{a} power");
                }

                for (var d = 0; d < table.Dimensions.Count; d++)
                {
                    if (x.Positions[d] != y.Positions[d])
                    {
                        changed.Add($"{a} position {d}");
                    }

                    if (x.Saliences[d] != y.Saliences[d])
                    {
                        changed.Add($"{a} salience {d}");
                    }
                }
            }

            Assert.Single(changed);
            Assert.True(v.Value == v.Range!.Low || v.Value == v.Range.High);
            Assert.Equal(v.Value, SmpSweep.ValueOf(v.Run.Table, v.Range));

            // The run is the model's run on the changed table, and the most likely position is the top probability's.
            Assert.Equal(SpatialModel.Run(v.Run.Table).Final.Positions.SelectMany(p => p), v.Run.Final.Positions.SelectMany(p => p));
            Assert.Equal(v.Run.Final.WinProbabilities.Max(), v.Run.Final.WinProbabilities[v.MostLikely]);
            Assert.Contains(v.MostLikely, v.Holders);
        }
    }

    [Fact]
    public void Each_range_end_that_differs_from_the_table_gives_one_variant()
    {
        var table = Korea();
        var ranges = KoreaRanges();
        var sweep = SmpSweep.Run(table, "ranges.csv", ranges);
        var expected = ranges.Sum(r => new[] { r.Low, r.High }.Distinct().Count(v => v != SmpSweep.ValueOf(table, r)));
        Assert.Equal(expected, sweep.Variants.Count);
        Assert.Equal(98, sweep.Variants.Count);
    }

    [Fact]
    public void The_shipped_Korea_ranges_are_the_ranges_table_of_korea_2018_md()
    {
        var doc = File.ReadAllLines(Repository.PathOf("scenarios/bargaining/korea-2018.md"));
        var start = Array.FindIndex(doc, l => l.StartsWith("Plausible ranges (judgement)", StringComparison.Ordinal));
        var rows = doc.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).Skip(2)
            .Select(l => l.Trim('|').Split('|', StringSplitOptions.TrimEntries)).ToList();
        var table = Korea();
        var ranges = KoreaRanges();
        Assert.Equal(table.Actors.Count, rows.Count);
        var fromDoc = new List<(string, string, double, double)>();
        foreach (var cells in rows)
        {
            for (var c = 1; c < cells.Length; c++)
            {
                var parts = cells[c].Split('–');
                if (parts.Length == 2)
                {
                    fromDoc.Add((cells[0], table.Headings[c - 1], double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture)));
                }
            }
        }

        Assert.Equal(fromDoc, ranges.Select(r => (table.Actors[r.Actor].Name, r.Column, r.Low, r.High)));

        // Every range holds the table's own value.
        Assert.All(ranges, r => Assert.InRange(SmpSweep.ValueOf(table, r), r.Low, r.High));
    }

    [Fact]
    public void The_sweep_table_in_bargaining_md_is_what_the_sweep_gives()
    {
        var doc = File.ReadAllLines(Repository.PathOf("docs/bargaining.md"));
        var start = Array.FindIndex(doc, l => l.StartsWith("| most likely final position |", StringComparison.Ordinal));
        Assert.True(start >= 0);
        var sweep = SmpSweep.Run(Korea(), "ranges.csv", KoreaRanges());
        for (var d = 0; d < 2; d++)
        {
            var cells = doc[start + 2 + d].Trim('|').Split('|', StringSplitOptions.TrimEntries).Skip(1).Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            var values = sweep.Variants.Select(v => v.MostLikelyPosition[d]).Order().ToArray();
            double Q(double p)
            {
                var h = (values.Length - 1) * p;
                var lo = (int)Math.Floor(h);
                return values[lo] + ((h - lo) * (values[Math.Min(lo + 1, values.Length - 1)] - values[lo]));
            }

            Assert.Equal(sweep.Base.MostLikelyPosition[d], cells[0], 0.0051);
            Assert.Equal(values[0], cells[1], 0.0051);
            Assert.Equal(Q(0.25), cells[2], 0.0051);
            Assert.Equal(Q(0.5), cells[3], 0.0051);
            Assert.Equal(Q(0.75), cells[4], 0.0051);
            Assert.Equal(values[^1], cells[5], 0.0051);
        }
    }

    private static IReadOnlyList<Diagnostic> Errors(string ranges) => SmpSweep.ParseRanges(ranges, "r.csv", Korea()).Diagnostics;

    [Fact]
    public void A_ranges_file_with_mistakes_gets_every_error_located_with_the_valid_choices()
    {
        var errors = Errors("actor,column,low,high\nUS-Exec,Sequencing Position,70,90\nChina,Sequencing Postion,20,40\nJapan,Influence,50,25\nRussia,salience:1,30,80\nDPRK,position:2,-5,15\nDPRK,Influence,40,80\nDPRK,influence,50,60\n");

        Assert.Equal(
        [
            (2, 1, "unknown actor 'US-Exec'", "did you mean 'US-Executive'?"),
            (3, 7, "unknown column 'Sequencing Postion'", "did you mean 'Sequencing Position'?"),
            (4, 17, "low 50 is above high 25", "low 50"),
            (5, 22, "the saliences of 'Russia' add up to 105", "valid: at most 100 in all"),
            (6, 17, "position:2 -5 is out of range", "valid: 0 to 100"),
            (8, 1, "'DPRK' influence is already given a range on line 7", "line 7"),
        ],
        errors.Select(d => (d.Location.Line, d.Location.Column, First(d.Message), Second(d.Message))).ToArray());

        static string First(string m) => new[] { "unknown actor 'US-Exec'", "unknown column 'Sequencing Postion'", "low 50 is above high 25", "the saliences of 'Russia' add up to 105", "position:2 -5 is out of range", "'DPRK' influence is already given a range on line 7" }.First(m.Contains);

        static string Second(string m) => new[] { "did you mean 'US-Executive'?", "did you mean 'Sequencing Position'?", "low 50", "valid: at most 100 in all", "valid: 0 to 100", "line 7" }.First(m.Contains);
    }

    [Fact]
    public void A_ranges_file_with_nothing_to_vary_is_refused()
    {
        var d = Assert.Single(Errors("actor,column,low,high\nDPRK,Influence,60,60\n"));
        Assert.Equal((1, 1), (d.Location.Line, d.Location.Column));
        Assert.Contains("nothing to vary", d.Message, StringComparison.Ordinal);

        var empty = Assert.Single(Errors("actor,column,low,high\n"));
        Assert.Contains("has no ranges", empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_salience_end_the_table_itself_would_refuse_is_refused()
    {
        // A one-dimension table: a salience of 1e-200 squares to 0, which SmpTable refuses too.
        var table = SmpTable.Parse("T,t,3,1,\nActor,Description,Power,P,S,\nA,a,10,20,50,\nB,b,20,60,30,\nC,c,30,90,70,\n", "t.csv").Table!;
        var d = Assert.Single(SmpSweep.ParseRanges("actor,column,low,high\nA,S,1e-200,60\n", "r.csv", table).Diagnostics);
        Assert.Equal((2, 5), (d.Location.Line, d.Location.Column));
        Assert.Contains("every salience of 'A' is 0 (or so small that its square is 0)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Actor_names_match_regardless_of_case_and_a_range_missing_the_tables_value_is_a_warning()
    {
        var load = SmpSweep.ParseRanges("actor,column,low,high\njapan,Influence,50,70\n", "r.csv", Korea());
        Assert.True(load.IsValid);
        Assert.Equal("Japan", Korea().Actors[load.Table![0].Actor].Name);
        var warning = Assert.Single(load.Diagnostics);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("does not contain the table's Influence for 'Japan' (35)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Holders_of_the_forecast_are_shown_its_probability_and_stand_within_the_tolerance()
    {
        var sweep = SmpSweep.Run(Korea(), "ranges.csv", KoreaRanges());
        foreach (var v in sweep.Variants.Prepend(sweep.Base))
        {
            var p = v.Run.Final.WinProbabilities;
            Assert.All(v.Holders, a => Assert.Equal(p[v.MostLikely], p[a]));
            for (var a = 0; a < p.Count; a++)
            {
                var near = Math.Sqrt(v.Run.Final.Positions[a].Zip(v.MostLikelyPosition, (x, y) => (x - y) * (x - y)).Sum()) < 0.1;
                Assert.Equal(near && p[a] == p[v.MostLikely], v.Holders.Contains(a));
            }
        }
    }

    [Fact]
    public void The_counts_stated_in_bargaining_md_are_the_sweeps()
    {
        var table = Korea();
        var sweep = SmpSweep.Run(table, "ranges.csv", KoreaRanges());
        var seq = sweep.Variants.Select(v => v.MostLikelyPosition[0]).ToArray();
        var us = table.Actors.ToList().FindIndex(a => a.Name == "US-Executive");
        var north = table.Actors.ToList().FindIndex(a => a.Name == "DPRK");

        static double Distance(IReadOnlyList<double> a, IReadOnlyList<double> b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());
        bool Keeps(SweepVariant v, int a) => Distance(v.Run.Final.Positions[a], v.Run.Table.Actors[a].Positions) < 0.01;

        // The doc's text with its line breaks and indents folded to single spaces.
        var stated = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(Repository.PathOf("docs/bargaining.md")), @"\s+", " ");
        Assert.Contains($"{seq.Count(x => x > 60)} of the 98 end above 60, {seq.Count(x => x is >= 52 and <= 55)} within 52–55, and {seq.Count(x => x < 50)} below 50", stated, StringComparison.Ordinal);
        Assert.Contains($"keeps its opening position in {sweep.Variants.Count(v => Keeps(v, north))} of the 98 variants", stated, StringComparison.Ordinal);
        var usKeeps = sweep.Variants.Count(v => Keeps(v, us));
        var usFar = sweep.Variants.Count(v => !Keeps(v, us) && Distance(v.Run.Final.Positions[us], v.MostLikelyPosition) > 10);
        var usNear = sweep.Variants.Count(v => !Keeps(v, us) && Distance(v.Run.Final.Positions[us], v.MostLikelyPosition) <= 2);
        Assert.Contains($"position in {usKeeps} and ends more than 10 points from the most likely position in {usFar} more; it ends within 2 points of it (joining the settlement) in {usNear}", stated, StringComparison.Ordinal);
        Assert.All(seq, x => Assert.InRange(x, 15, 80));
        Assert.All(sweep.Variants, v => Assert.True(v.MostLikelyPosition[1] < 40));
    }

    [Fact]
    public void A_ranges_header_is_read_as_table_headers_are_misspellings_and_repeats_included()
    {
        var misspelt = Assert.Single(Errors("actor,colum,low,high\nChina,Influence,65,95\n"));
        Assert.Equal((1, 7), (misspelt.Location.Line, misspelt.Location.Column));
        Assert.Contains("is 'colum' meant to be 'column'?", misspelt.Message, StringComparison.Ordinal);

        var repeated = Assert.Single(Errors("actor,column,low,high,low\nChina,Influence,65,95,70\n"));
        Assert.Contains("column 'low' appears twice in the header (first in field 3)", repeated.Message, StringComparison.Ordinal);

        var shortRow = Assert.Single(Errors("actor,column,low,high\nChina,Influence,65\n"));
        Assert.Equal((2, 19), (shortRow.Location.Line, shortRow.Location.Column));
        Assert.Contains("the header puts 'high' in field 4", shortRow.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ranges_file_without_the_required_columns_names_them()
    {
        var d = Assert.Single(Errors("who,what,low,high\nChina,Influence,65,95\n"), x => x.Message.Contains("'actor'", StringComparison.Ordinal));
        Assert.Contains("required columns: actor, column, low, high", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_forecast_in_the_JSON_is_the_final_position_with_the_highest_probability()
    {
        var run = CliRun.Of("bargain", "smp", "korea-2018", "--json");
        using var document = System.Text.Json.JsonDocument.Parse(run.Out);
        var probabilities = document.RootElement.GetProperty("final_probabilities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        var mostLikely = document.RootElement.GetProperty("most_likely");
        Assert.Equal(probabilities.Values.Max(), mostLikely.GetProperty("probability").GetDouble());
        var holders = mostLikely.GetProperty("held_by").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.All(holders, h => Assert.Equal(probabilities.Values.Max(), probabilities[h]));
        var final = document.RootElement.GetProperty("turns").EnumerateArray().Last().GetProperty("positions");
        Assert.Equal(
            final.GetProperty(holders[0]).EnumerateArray().Select(e => e.GetDouble()),
            mostLikely.GetProperty("position").EnumerateArray().Select(e => e.GetDouble()));
    }

    [Fact]
    public void The_sweep_runs_from_the_command_line_with_json_and_csv()
    {
        var json = CliRun.Of("bargain", "smp", "korea-2018", "--sweep", "korea-2018", "--json");
        Assert.Equal(0, json.Exit);
        using var document = System.Text.Json.JsonDocument.Parse(json.Out);
        Assert.Equal(98, document.RootElement.GetProperty("variants").GetArrayLength());
        Assert.Equal(2, document.RootElement.GetProperty("base").GetProperty("most_likely_position").GetArrayLength());

        var csv = CliRun.Of("bargain", "smp", "korea-2018", "--sweep", "korea-2018", "--csv");
        Assert.Equal(0, csv.Exit);
        var table = Statecraft.Data.CsvTable.Parse(csv.Out, "sweep.csv");
        Assert.Equal(Statecraft.Cli.BargainCommand.SweepCsvHeader, table.Header);
        Assert.Equal(99 * 10 * 2, table.Rows.Count);

        var text = CliRun.Of("bargain", "smp", "korea-2018", "--sweep", "korea-2018");
        Assert.Equal(0, text.Exit);
        Assert.Contains("98 variants", text.Out, StringComparison.Ordinal);
        Assert.Contains("not a probability distribution", text.Out, StringComparison.Ordinal);

        var bad = CliRun.Of("bargain", "smp", "korea-2018", "--sweep", "no-such-ranges.csv");
        Assert.Equal(2, bad.Exit);
        Assert.Contains("no such file", bad.Err, StringComparison.Ordinal);
        Assert.Contains("unusable ranges file", bad.Err, StringComparison.Ordinal);
    }
}
