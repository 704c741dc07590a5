using System.CommandLine;
using System.Text.Json;
using Statecraft.Cli;
using Statecraft.Data;

namespace Statecraft.Tests.Data;

/// <summary><c>statecraft data</c>, run through System.CommandLine as a user would.</summary>
public sealed class DataCommandTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var root = new RootCommand { DataCommand.Create(stdout, stderr) };
        var exit = root.Parse(["data", .. args]).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Text_lists_every_series_with_periods_values_and_sources()
    {
        var (exit, output, error) = Run();

        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Contains($"{Dataset.Korea.Series.Count} series, {Dataset.Korea.ObservationCount} observations", output, StringComparison.Ordinal);
        foreach (var series in Dataset.Korea.Series)
        {
            Assert.Contains(series.Id + "  ", output, StringComparison.Ordinal);
        }

        var kotra = output[output.IndexOf("kotra.exports_busd  ", StringComparison.Ordinal)..];
        Assert.Matches(@"^\s+2016\s+2\.82\s+high\s+KOTRA; inter-Korean trade", kotra.Split('\n').First(l => l.TrimStart().StartsWith("2016", StringComparison.Ordinal)));
        Assert.Contains("5450 to 5500", output, StringComparison.Ordinal);
        Assert.Contains("...", output, StringComparison.Ordinal); // long sources are cut
    }

    [Fact]
    public void Json_parses_and_carries_every_series_and_observation()
    {
        var (exit, output, _) = Run("--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("korea", json.RootElement.GetProperty("dataset").GetString());
        var series = json.RootElement.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(Dataset.Korea.Series.Select(s => s.Id), series.Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(Dataset.Korea.ObservationCount, series.Sum(s => s.GetProperty("observations").GetArrayLength()));

        var exports = series.Single(s => s.GetProperty("id").GetString() == "kotra.exports_busd");
        Assert.Equal("busd", exports.GetProperty("unit").GetString());
        Assert.Equal("trade_kotra.csv", exports.GetProperty("file").GetString());
        var y2016 = exports.GetProperty("observations").EnumerateArray().Single(o => o.GetProperty("year").GetInt32() == 2016);
        Assert.Equal(2.82, y2016.GetProperty("value").GetDouble());
        Assert.Equal(JsonValueKind.Null, y2016.GetProperty("low").ValueKind);
        Assert.Equal(JsonValueKind.Null, y2016.GetProperty("notes").ValueKind);
        Assert.Equal("high", y2016.GetProperty("confidence").GetString());
        Assert.Equal("2016", y2016.GetProperty("period").GetString());

        var rice = series.Single(s => s.GetProperty("id").GetString() == "fx_rice.rice_kpw_per_kg")
            .GetProperty("observations").EnumerateArray().Single(o => o.GetProperty("period").GetString() == "2016-11-27");
        Assert.Equal(JsonValueKind.Null, rice.GetProperty("value").ValueKind);
        Assert.Equal(5450, rice.GetProperty("low").GetDouble());
        Assert.Equal("5450-5500", rice.GetProperty("raw").GetString());
    }

    [Fact]
    public void Csv_round_trips_through_a_parser()
    {
        var (exit, output, _) = Run("--csv");

        Assert.Equal(0, exit);
        Assert.EndsWith("\r\n", output, StringComparison.Ordinal);
        var table = CsvTable.Parse(output, "stdout");
        Assert.Equal(DataCommand.CsvHeader, table.Header);
        Assert.Equal(Dataset.Korea.ObservationCount, table.Rows.Count);

        var expected = Dataset.Korea.Series.SelectMany(s => s.Observations.Select(o => (s.Id, o))).ToList();
        for (var i = 0; i < expected.Count; i++)
        {
            var (id, o) = expected[i];
            var row = table.Rows[i];
            Assert.Equal(id, table.Get(row, "series_id"));
            Assert.Equal(o.Period, table.Get(row, "period"));
            Assert.Equal(o.Value, Number(table.Get(row, "value")));
            Assert.Equal(o.Low, Number(table.Get(row, "low")));
            Assert.Equal(o.High, Number(table.Get(row, "high")));
            Assert.Equal(o.Source, table.Get(row, "source"));
            Assert.Equal(o.Notes ?? string.Empty, table.Get(row, "notes"));
        }

        static double? Number(string text) =>
            text.Length == 0 ? null : double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Series_filters_take_ids_and_topic_prefixes_and_repeat()
    {
        var (exit, output, _) = Run("--series", "kotra.", "--series", "bok.real_gdp_growth_pct", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var ids = json.RootElement.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Equal(6, ids.Count);
        Assert.Contains("bok.real_gdp_growth_pct", ids);
        Assert.All(ids.Where(id => id != "bok.real_gdp_growth_pct"), id => Assert.StartsWith("kotra.", id, StringComparison.Ordinal));
    }

    [Fact]
    public void The_backcast_test_set_is_listed_by_its_topic()
    {
        var (exit, output, error) = Run("--series", "after2016", "--json");

        Assert.Equal(0, exit);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        var series = json.RootElement.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(
            ["after2016.real_gdp_growth_pct", "after2016.total_trade_busd", "after2016.exports_busd", "after2016.imports_busd", "after2016.china_share_pct"],
            series.Select(s => s.GetProperty("id").GetString()));
        Assert.All(series, s =>
        {
            Assert.Equal("after_2016/macro_observed.csv", s.GetProperty("file").GetString());
            Assert.Equal(
                Enumerable.Range(2017, 7),
                s.GetProperty("observations").EnumerateArray().Select(o => o.GetProperty("year").GetInt32()));
        });
    }

    [Fact]
    public void An_unknown_series_exits_2_and_suggests_the_nearest()
    {
        var (exit, output, error) = Run("--series", "kotra.export_busd");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("unknown series 'kotra.export_busd'", error, StringComparison.Ordinal);
        Assert.Contains("kotra.exports_busd", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_and_csv_together_exit_2()
    {
        var (exit, output, error) = Run("--json", "--csv");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("--json and --csv", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3.9, null, null, "3.9", "3.9")]
    [InlineData(-1.0, null, null, "-1.0", "-1.0")]
    [InlineData(null, 5450.0, 5500.0, "5450-5500", "5450 to 5500")]
    [InlineData(25.0, 20.0, 30.0, "25 (20 to 30)", "25 (20 to 30)")]
    [InlineData(null, 30000.0, null, ">= 30000", ">= 30000")]
    [InlineData(null, null, 75.0, "<= 75", "<= 75")]
    [InlineData(null, null, null, "", "n/a")]
    public void Figures_read_as_written(double? value, double? low, double? high, string raw, string shown)
    {
        var o = new Observation("2016", 2016, value, low, high, raw, "pct", Confidence.High, "S", null, 2);
        Assert.Equal(shown, DataCommand.Figure(o));
    }
}
