using Statecraft.Data;

namespace Statecraft.Tests.Data;

/// <summary>Malformed embedded data is a developer error: loading must stop and name file:line.</summary>
public sealed class DatasetLoaderTests
{
    private static readonly TableLayout Wide = new("wide.csv", "t", "year", null, [new("v_pct", "pct", "v")]);

    private static readonly TableLayout Long = new("long.csv", "t", "year", "series", [new(string.Empty, null, "value", Low: "low", High: "high")], UnitColumn: "unit", NotesColumn: "notes");

    private static readonly Dictionary<string, string> Topics = new() { ["t"] = "Test" };

    private static Dataset Load(string wide, string? other = null, IReadOnlyList<string>? tablesOnly = null)
    {
        var files = new Dictionary<string, string> { ["wide.csv"] = wide, ["long.csv"] = "year,series,value,low,high,unit,confidence,source,notes\n" };
        if (other is not null)
        {
            files["other.csv"] = other;
        }

        return DatasetLoader.Load("test", "Data/test/", files, [Wide, Long], tablesOnly ?? [], Topics);
    }

    private static string LoadError(string wide, string? other = null) =>
        Assert.Throws<InvalidDataException>(() => Load(wide, other)).Message;

    [Fact]
    public void A_well_formed_file_loads()
    {
        var data = Load("year,v,confidence,source\n2015,1.5,high,Somebody\n2016,,low,Nobody\n");
        var series = data.Get("t.v_pct");
        Assert.Equal("Test: v", series.Title);
        Assert.Equal(1.5, series.ValueIn(2015));
        Assert.Null(series.In(2016)!.Value); // a row with no figure is kept, not dropped
        Assert.Equal("wide.csv", series.File);
    }

    [Theory]
    [InlineData("year,v,confidence,source\n2015,abc,high,S\n", "Data/test/wide.csv:2:", "abc")]
    [InlineData("year,v,confidence,source\n2015,1,high,S\n2016,1,certain,S\n", "Data/test/wide.csv:3:", "certain")]
    [InlineData("year,v,confidence,source\n2015,1,high,\n", "Data/test/wide.csv:2:", "source")]
    [InlineData("year,v,confidence,source\nsometime,1,high,S\n", "Data/test/wide.csv:2:", "no year")]
    [InlineData("year,v,confidence,source\n2015,1,high,S\n2015,2,high,S\n", "Data/test/wide.csv:3:", "already has a figure")]
    [InlineData("year,v,confidence,source\n2015,9-3,high,S\n", "Data/test/wide.csv:2:", "above high")]
    [InlineData("year,v,confidence,source\n2015,1,high,\"S\n", "Data/test/wide.csv:2:", "never closed")]
    [InlineData("year,v,extra,confidence,source\n2015,1,2,high,S\n", "Data/test/wide.csv:1:", "extra")]
    [InlineData("year,confidence,source\n2015,high,S\n", "Data/test/wide.csv:1:", "'v'")]
    public void Malformed_figures_fail_naming_file_and_line(string text, string where, string detail)
    {
        var message = LoadError(text);
        Assert.StartsWith(where, message, StringComparison.Ordinal);
        Assert.Contains(detail, message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_embedded_CSV_without_a_layout_is_refused_unless_listed_as_a_table()
    {
        const string wide = "year,v,confidence,source\n2015,1,high,S\n";
        Assert.StartsWith("Data/test/other.csv:1:", LoadError(wide, "a,b\n1,2\n"), StringComparison.Ordinal);
        var data = Load(wide, "a,b\n1,2\n", ["other.csv"]);
        Assert.Equal("2", data.Table("other.csv").Get(data.Table("other.csv").Rows[0], "b"));
    }

    [Fact]
    public void A_series_may_not_change_unit_or_come_from_two_files()
    {
        var files = new Dictionary<string, string>
        {
            ["wide.csv"] = "year,v,confidence,source\n2015,1,high,S\n",
            ["long.csv"] = "year,series,value,low,high,unit,confidence,source,notes\n2015,a,1,,,kt,high,S,\n2016,a,1,,,Mt,high,S,\n",
        };
        var unit = Assert.Throws<InvalidDataException>(() => DatasetLoader.Load("test", "Data/test/", files, [Wide, Long], [], Topics));
        Assert.StartsWith("Data/test/long.csv:3:", unit.Message, StringComparison.Ordinal);

        files["long.csv"] = "year,series,value,low,high,unit,confidence,source,notes\n2016,v_pct,1,,,pct,high,S,\n";
        var twice = Assert.Throws<InvalidDataException>(() => DatasetLoader.Load("test", "Data/test/", files, [Wide, Long], [], Topics));
        Assert.Contains("t.v_pct", twice.Message, StringComparison.Ordinal);
        Assert.Contains("Data/test/wide.csv:2", twice.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3.5", "", "", 3.5, null, null, "3.5")]
    [InlineData("-1.0", "", "", -1.0, null, null, "-1.0")]
    [InlineData("5450-5500", "", "", null, 5450.0, 5500.0, "5450-5500")]
    [InlineData("-2.5--1.5", "", "", null, -2.5, -1.5, "-2.5--1.5")]
    [InlineData("", "3010", "6630", null, 3010.0, 6630.0, "3010 to 6630")]
    [InlineData("", "200", "200", 200.0, null, null, "200")]
    [InlineData("", "30000", "", null, 30000.0, null, ">= 30000")]
    [InlineData("", "", "75", null, null, 75.0, "<= 75")]
    [InlineData("25", "20", "30", 25.0, 20.0, 30.0, "25 (20 to 30)")]
    [InlineData("", "", "", null, null, null, "")]
    public void Figures_parse_as_points_ranges_and_bounds(string value, string low, string high, double? v, double? l, double? h, string raw)
    {
        var figure = DatasetLoader.ParseFigure(value, low, high, "x:1");
        Assert.Equal((v, l, h, raw), (figure.Value, figure.Low, figure.High, figure.Raw));
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("1e3")]
    [InlineData("64.1/71.0")]
    [InlineData("about 5")]
    public void Anything_else_in_a_figure_cell_is_refused(string value) =>
        Assert.Throws<InvalidDataException>(() => DatasetLoader.ParseFigure(value, string.Empty, string.Empty, "x:1"));

    [Theory]
    [InlineData("2016", 2016)]
    [InlineData("2016-spring", 2016)]
    [InlineData("2015-06-12/18", 2015)]
    [InlineData("2007-2014", 2007)]
    [InlineData("baseline_2016-17", 2016)]
    [InlineData("after_2008-07", 2008)]
    [InlineData("circa_2016", 2016)]
    [InlineData("12345", null)]
    [InlineData("spring", null)]
    public void The_year_is_the_first_year_written_in_the_period(string period, int? year) =>
        Assert.Equal(year, DatasetLoader.YearOf(period));
}
