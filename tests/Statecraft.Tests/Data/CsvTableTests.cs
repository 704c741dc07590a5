using Statecraft.Data;

namespace Statecraft.Tests.Data;

public sealed class CsvTableTests
{
    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks()
    {
        var table = CsvTable.Parse("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n3,z,w\r\n", "t.csv");

        Assert.Equal(["a", "b", "c"], table.Header);
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal("x, y", table.Get(table.Rows[0], "b"));
        Assert.Equal("say \"hi\"", table.Get(table.Rows[0], "c"));
        Assert.Equal("two\nlines", table.Get(table.Rows[1], "b"));
        Assert.Equal(string.Empty, table.Get(table.Rows[1], "c"));
        Assert.Equal([2, 3, 5], table.Rows.Select(r => r.Line));
    }

    [Fact]
    public void A_byte_order_mark_blank_lines_and_a_missing_final_newline_are_accepted()
    {
        var table = CsvTable.Parse("\uFEFFyear,v\n2015,1\n\n2016,2", "t.csv");
        Assert.Equal("year", table.Header[0]);
        Assert.Equal([2, 4], table.Rows.Select(r => r.Line));
        Assert.Equal("2", table.Get(table.Rows[1], "v"));
    }

    [Theory]
    [InlineData("a,b\n1,2,3\n", "t.csv:2:")]
    [InlineData("a,b\n1,2\n3\n", "t.csv:3:")]
    [InlineData("a,b\n1,\"open\n2,3\n", "t.csv:2:")]
    [InlineData("a,b\n1,\"x\"y\n", "t.csv:2:")]
    [InlineData("a,b\n1,x\"y\"\n", "t.csv:2:")]
    [InlineData("a,a\n1,2\n", "t.csv:1:")]
    [InlineData("", "t.csv:1:")]
    public void Malformed_text_fails_naming_file_and_line(string text, string where)
    {
        var error = Assert.Throws<InvalidDataException>(() => CsvTable.Parse(text, "t.csv"));
        Assert.StartsWith(where, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_column_is_reported_with_the_header()
    {
        var table = CsvTable.Parse("a,b\n1,2\n", "t.csv");
        var error = Assert.Throws<InvalidDataException>(() => table.Get(table.Rows[0], "c"));
        Assert.Contains("a, b", error.Message, StringComparison.Ordinal);
        Assert.True(table.HasColumn("a"));
        Assert.False(table.HasColumn("c"));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData(" padded", "\" padded\"")]
    public void Quote_follows_RFC_4180(string field, string expected) => Assert.Equal(expected, CsvTable.Quote(field));

    [Fact]
    public void Written_lines_parse_back_to_the_same_fields()
    {
        string[] fields = ["id", "x, y", "\"quoted\"", "multi\nline", string.Empty, " lead"];
        var table = CsvTable.Parse(CsvTable.Line(fields.Select((_, i) => "c" + i)) + "\r\n" + CsvTable.Line(fields) + "\r\n", "t.csv");
        Assert.Equal(fields, table.Rows.Single().Fields);
    }
}
