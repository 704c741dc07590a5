using System.Text;
using Statecraft.Bargaining;
using Statecraft.Documents;
using Statecraft.Tests.Cli;

namespace Statecraft.Tests.Bargaining;

/// <summary>
/// The actor-table readers: every kind of bad input located at its line and column with the valid
/// choices or range, the CSV forms real files use (BOM, CRLF, trailing commas, quotes) accepted,
/// and no input at all that makes a reader throw or a model it accepts produce non-finite numbers.
/// </summary>
public sealed class TableReadingTests
{
    // Line 3 (actor B) is the one the EUM tests break: B at column 1, capability at 3, position at 7, salience at 9.
    private const string EumHeader = "Actor,Capability,Position,Salience";
    private const string EumRowA = "A,0.5,1,0.5";
    private const string EumRowB = "B,0.3,2,0.8";
    private const string EumRowC = "C,0.2,3,1";

    // Row 1: actors at column 18, dimensions at 20. Actor rows on lines 3-5:
    //   A,first,10,20,50,30,40,     power at 9, P1 at 12, S1 at 15, P2 at 18, S2 at 21
    //   B,second,20,60,30,70,60,    power at 10, P1 at 13, S1 at 16, P2 at 19, S2 at 22
    private const string SmpRow1 = "Test,Small table,3,2,";
    private const string SmpHeading = "Actor,Description,Power,P1,S1,P2,S2,";
    private const string SmpRowA = "A,first,10,20,50,30,40,";
    private const string SmpRowB = "B,second,20,60,30,70,60,";
    private const string SmpRowC = "C,third,30,90,70,10,20,";

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    private static string EumWithB(string rowB) => Lines(EumHeader, EumRowA, rowB, EumRowC);

    private static string SmpWithA(string rowA) => Lines(SmpRow1, SmpHeading, rowA, SmpRowB, SmpRowC);

    private static BargainingLoad<EumTable> Eum(string text) => EumTable.Parse(text, "t.csv");

    private static BargainingLoad<SmpTable> Smp(string text) => SmpTable.Parse(text, "k.csv");

    private static EumTable ValidEum(string text)
    {
        var load = Eum(text);
        Assert.True(load.IsValid, string.Join("\n", load.Diagnostics));
        Assert.Empty(load.Diagnostics);
        return load.Table!;
    }

    private static SmpTable ValidSmp(string text)
    {
        var load = Smp(text);
        Assert.True(load.IsValid, string.Join("\n", load.Diagnostics));
        Assert.Empty(load.Diagnostics);
        return load.Table!;
    }

    /// <summary>The load's only diagnostic: an error at line:column whose message contains every fragment.</summary>
    private static Diagnostic OnlyError<T>(BargainingLoad<T> load, int line, int column, params string[] fragments)
        where T : class
    {
        Assert.False(load.IsValid);
        Assert.Null(load.Table);
        var d = Assert.Single(load.Diagnostics);
        AssertError(d, line, column, fragments);
        return d;
    }

    private static void AssertError(Diagnostic d, int line, int column, params string[] fragments)
    {
        Assert.Equal(Severity.Error, d.Severity);
        Assert.Equal((line, column), (d.Location.Line, d.Location.Column));
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, d.Message, StringComparison.Ordinal);
        }
    }

    // ---- The EUM reader ----

    [Fact]
    public void A_valid_EUM_table_keeps_every_actor_in_file_order()
    {
        var table = ValidEum(EumWithB(EumRowB));

        Assert.Equal("t.csv", table.Path);
        Assert.Equal(
            [new EumActor("A", 0.5, 1, 0.5), new EumActor("B", 0.3, 2, 0.8), new EumActor("C", 0.2, 3, 1)],
            table.Actors);
    }

    [Fact]
    public void EUM_columns_may_come_in_any_order_and_letter_case_and_other_columns_are_ignored()
    {
        var table = ValidEum(Lines("salience,Notes,ACTOR,Position,capability", "0.5,first,A,1,0.5", "0.8,,B,2,0.3", "1,x y,C,3,0.2"));

        Assert.Equal(ValidEum(EumWithB(EumRowB)).Actors, table.Actors);
    }

    [Fact]
    public void A_missing_EUM_column_names_the_required_columns_and_what_the_header_has()
    {
        var load = Eum(Lines("Actor,Capability,Position", "A,0.5,1", "B,0.3,2"));

        var d = OnlyError(
            load,
            1,
            1,
            "the header has no column 'Salience'",
            "required columns: Actor, Capability, Position, Salience",
            "the header has: Actor, Capability, Position");
        Assert.DoesNotContain("did you mean", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_EUM_header_gets_a_did_you_mean()
    {
        var load = Eum(EumWithB(EumRowB).Replace("Capability", "Capabilty", StringComparison.Ordinal));

        // Located at the misspelt cell, which the message names as the probable column.
        var d = OnlyError(load, 1, 7, "no column 'Capability'", "required columns: Actor, Capability, Position, Salience", "is 'Capabilty' meant to be 'Capability'?");
        Assert.Contains("'Capabilty'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_EUM_header_message_ends_in_one_punctuation_mark()
    {
        var d = Assert.Single(Eum(EumWithB(EumRowB).Replace("Capability", "Capabilty", StringComparison.Ordinal)).Diagnostics);

        Assert.DoesNotContain("?.", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_missing_EUM_column_is_reported()
    {
        var load = Eum(Lines("Actor,Position", "A,1", "B,2"));

        Assert.Equal(2, load.Diagnostics.Count);
        AssertError(load.Diagnostics[0], 1, 1, "no column 'Capability'");
        AssertError(load.Diagnostics[1], 1, 1, "no column 'Salience'");
    }

    [Theory]
    [InlineData("ktab-dummy-3dim")]
    [InlineData("ktab-soe-pol-comp")]
    public void A_KTAB_file_given_to_the_EUM_reader_points_to_bargain_smp(string shipped)
    {
        var load = EumTable.Parse(ShippedTables.Find(shipped)!.Text, "ktab.csv");

        Assert.False(load.IsValid);
        Assert.NotEmpty(load.Diagnostics);
        Assert.All(load.Diagnostics, d => AssertError(d, 1, 1, "required columns: Actor, Capability, Position, Salience", "use 'statecraft bargain smp'"));
    }

    [Fact]
    public void An_EUM_file_given_to_the_KTAB_reader_points_to_bargain_eum_in_one_error()
    {
        var load = SmpTable.Parse(ShippedTables.Find("eum-example")!.Text, "eum.csv");

        // One error that says what the file is, not three about the fields of a header it does not have.
        Assert.False(load.IsValid);
        var d = Assert.Single(load.Diagnostics);
        AssertError(d, 1, 1, "use 'statecraft bargain eum'", "name,description,number of actors,number of dimensions");
    }

    [Theory]
    [InlineData("B,abc,2,0.8", 3, "capability 'abc' is not a number")]
    [InlineData("B,0.3,two,0.8", 7, "position 'two' is not a number")]
    [InlineData("B,0.3,NaN,0.8", 7, "position 'NaN' is not a number")]
    [InlineData("B,0.3,Infinity,0.8", 7, "position 'Infinity' is not a number")]
    [InlineData("B,0.3,1e999,0.8", 7, "position '1e999' is too large to use")]
    [InlineData("B,,2,0.8", 3, "capability is empty; expected a number")]
    [InlineData("B,0.3,2,  ", 9, "salience is empty; expected a number")]
    public void A_non_numeric_EUM_number_is_located_at_its_field(string rowB, int column, string message)
    {
        OnlyError(Eum(EumWithB(rowB)), 3, column, message);
    }

    [Theory]
    [InlineData("B,0.3,2,\"0,8\"", 9, "salience '0,8' is not a number")]
    [InlineData("B,\"0,3\",2,0.8", 3, "capability '0,3' is not a number")]
    [InlineData("B,0;3,2,0.8", 3, "capability '0;3' is not a number")]
    public void A_decimal_comma_gets_the_hint_to_write_a_point(string rowB, int column, string message)
    {
        OnlyError(Eum(EumWithB(rowB)), 3, column, message, "write decimals with a point");
    }

    [Fact]
    public void A_malformed_number_without_a_comma_gets_no_decimal_hint()
    {
        var d = OnlyError(Eum(EumWithB("B,0.3,2,0.8x")), 3, 9, "salience '0.8x' is not a number");
        Assert.DoesNotContain("decimals", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-0.1")]
    [InlineData("1.0001")]
    [InlineData("150")]
    public void An_EUM_salience_outside_0_to_1_names_the_range(string salience)
    {
        var d = OnlyError(Eum(EumWithB("B,0.3,2," + salience)), 3, 9, $"salience {salience} is out of range; valid: 0 to 1");
        if (salience == "150")
        {
            Assert.DoesNotContain("not 80", d.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_EUM_salience_written_as_a_percentage_gets_the_fraction_hint()
    {
        OnlyError(Eum(EumWithB("B,0.3,2,80")), 3, 9, "salience 80 is out of range; valid: 0 to 1", "saliences are fractions: write 0.8, not 80");
    }

    [Fact]
    public void EUM_saliences_of_exactly_0_and_1_and_a_capability_of_0_are_accepted()
    {
        var table = ValidEum(Lines(EumHeader, "A,0.5,1,0", "B,0,2,0.8", "C,0.2,3,1"));

        Assert.Equal([0.0, 0.8, 1.0], table.Actors.Select(a => a.Salience));
        Assert.Equal(0.0, table.Actors[1].Capability);
    }

    [Fact]
    public void A_negative_EUM_capability_is_refused_with_the_range()
    {
        OnlyError(Eum(EumWithB("B,-0.3,2,0.8")), 3, 3, "capability -0.3 is out of range; valid: 0 to 1e15");
    }

    [Fact]
    public void EUM_capabilities_and_positions_beyond_1e15_are_refused_and_1e15_is_accepted()
    {
        OnlyError(Eum(EumWithB("B,2e15,2,0.8")), 3, 3, "capability 2e15 is out of range; valid: 0 to 1e15");
        OnlyError(Eum(EumWithB("B,0.3,-2e15,0.8")), 3, 7, "position -2e15 is out of range; valid: -1e15 to 1e15");
        Assert.True(Eum(EumWithB("B,1e15,-1e15,0.8")).IsValid);
    }

    [Fact]
    public void A_column_named_twice_in_the_EUM_header_is_refused_at_the_second()
    {
        OnlyError(Eum(Lines("Actor,Capability,Position,Salience,Salience", "A,0.5,1,0.5,0.5", "B,0.3,2,0.8,0.8")), 1, 36, "column 'Salience' appears twice in the header (first in field 4)");
    }

    [Fact]
    public void A_blank_quoted_name_counts_as_empty()
    {
        OnlyError(Eum(EumWithB("\"  \",0.3,2,0.8")), 3, 1, "the actor's name is empty");
    }

    [Fact]
    public void A_duplicate_EUM_actor_is_located_at_the_second_with_the_line_of_the_first()
    {
        OnlyError(Eum(EumWithB("A,0.3,2,0.8")), 3, 1, "actor 'A' appears twice (first on line 2)", "names must be unique");
    }

    [Fact]
    public void Names_that_differ_only_by_surrounding_blanks_are_duplicates()
    {
        OnlyError(Eum(EumWithB("  A ,0.3,2,0.8")), 3, 3, "actor 'A' appears twice (first on line 2)");
    }

    [Fact]
    public void An_empty_EUM_actor_name_is_refused()
    {
        OnlyError(Eum(EumWithB(",0.3,2,0.8")), 3, 1, "the actor's name is empty");
    }

    [Fact]
    public void A_single_EUM_actor_is_too_few()
    {
        OnlyError(Eum(Lines(EumHeader, EumRowA)), 2, 1, "the table has 1 actor; the model needs at least 2");
    }

    [Fact]
    public void A_header_without_actors_is_too_few()
    {
        OnlyError(Eum(Lines(EumHeader)), 1, 1, "the table has 0 actors; the model needs at least 2");
    }

    [Fact]
    public void EUM_actors_all_at_one_position_are_refused()
    {
        OnlyError(Eum(Lines(EumHeader, "A,0.5,4,0.5", "B,0.3,4,0.8", "C,0.2,4.0,1")), 4, 1, "every actor starts at position 4", "at least two must differ");
    }

    [Fact]
    public void EUM_actors_none_of_whom_has_a_vote_are_refused()
    {
        OnlyError(Eum(Lines(EumHeader, "A,0,1,0.5", "B,0.3,2,0", "C,0,3,1")), 4, 1, "every actor has capability or salience 0", "give at least one actor both");
    }

    [Fact]
    public void A_short_EUM_row_is_located_at_its_end_and_names_the_field_it_lacks()
    {
        OnlyError(Eum(EumWithB("B,0.3,2")), 3, 8, "this row has 3 fields; the header puts 'Salience' in field 4");
    }

    [Fact]
    public void A_short_EUM_row_ending_in_a_quoted_field_is_located_after_the_closing_quote()
    {
        OnlyError(Eum(EumWithB("B,0.3,\"2\"")), 3, 10, "this row has 3 fields");
    }

    [Fact]
    public void An_empty_EUM_file_names_the_columns_it_needs()
    {
        var d = Assert.Single(Eum(string.Empty).Diagnostics);

        Assert.Equal(Severity.Error, d.Severity);
        Assert.Equal(0, d.Location.Line);
        Assert.Contains("empty file", d.Message, StringComparison.Ordinal);
        Assert.Contains("Actor, Capability, Position, Salience", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EUM_errors_are_all_reported_in_one_pass_sorted_by_position()
    {
        // Columns in reverse order, so within a row the reader meets the fields right to left.
        var load = Eum(Lines("Salience,Position,Capability,Actor", "0.5,1,0.5,A", "80,x,-1,B", "0.2,3,0.2,A"));

        Assert.Equal(
            [(3, 1, "salience 80"), (3, 4, "position 'x'"), (3, 6, "capability -1"), (4, 11, "actor 'A' appears twice")],
            load.Diagnostics.Select(d => (d.Location.Line, d.Location.Column, Head(d.Message))).ToArray());

        static string Head(string message) =>
            new[] { "salience 80", "position 'x'", "capability -1", "actor 'A' appears twice" }.First(h => message.StartsWith(h, StringComparison.Ordinal));
    }

    // ---- The KTAB (SMP) reader ----

    [Fact]
    public void A_valid_KTAB_table_keeps_name_dimensions_and_actors()
    {
        var table = ValidSmp(SmpWithA(SmpRowA));

        Assert.Equal("Test", table.Name);
        Assert.Equal("Small table", table.Description);
        Assert.Equal(["P1", "P2"], table.Dimensions);
        Assert.Equal(["A", "B", "C"], table.Actors.Select(a => a.Name));
        Assert.Equal("first", table.Actors[0].Description);
        Assert.Equal(10.0, table.Actors[0].Power);
        Assert.Equal([20.0, 30.0], table.Actors[0].Positions);
        Assert.Equal([50.0, 40.0], table.Actors[0].Saliences);
    }

    [Theory]
    [InlineData("Test,Small table,x,2,", 18, "the number of actors (row 1) is 'x'; expected a whole number from 3 to 250")]
    [InlineData("Test,Small table,3.0,2,", 18, "the number of actors (row 1) is '3.0'; expected a whole number from 3 to 250")]
    [InlineData("Test,Small table,,2,", 18, "the number of actors (row 1) is ''; expected a whole number from 3 to 250")]
    [InlineData("Test,Small table,3,two,", 20, "the number of dimensions (row 1) is 'two'; expected a whole number from 1 to 100")]
    [InlineData("Test,Small table,3,2.5,", 20, "the number of dimensions (row 1) is '2.5'; expected a whole number from 1 to 100")]
    [InlineData("Test,Small table,2,2,", 18, "the number of actors is 2; valid: 3 to 250")]
    [InlineData("Test,Small table,251,2,", 18, "the number of actors is 251; valid: 3 to 250")]
    [InlineData("Test,Small table,3,0,", 20, "the number of dimensions is 0; valid: 1 to 100")]
    [InlineData("Test,Small table,3,101,", 20, "the number of dimensions is 101; valid: 1 to 100")]
    public void A_bad_count_in_row_1_is_located_with_its_range(string row1, int column, string message)
    {
        OnlyError(Smp(Lines(row1, SmpHeading, SmpRowA, SmpRowB, SmpRowC)), 1, column, message);
    }

    [Fact]
    public void Both_bad_counts_of_row_1_are_reported()
    {
        var load = Smp(Lines("Test,Small table,many,some,", SmpHeading, SmpRowA));

        Assert.Equal(2, load.Diagnostics.Count);
        AssertError(load.Diagnostics[0], 1, 18, "number of actors", "3 to 250");
        AssertError(load.Diagnostics[1], 1, 23, "number of dimensions", "1 to 100");
    }

    [Fact]
    public void A_first_row_with_fewer_than_4_fields_shows_KTABs_first_row()
    {
        OnlyError(Smp(Lines("Test,3,2", SmpHeading, SmpRowA)), 1, 8, "the first row has 3 fields", "'name,description,number of actors,number of dimensions'");
    }

    [Fact]
    public void More_actor_rows_than_row_1_says_is_located_at_the_first_extra_row()
    {
        OnlyError(Smp(Lines(SmpRow1, SmpHeading, SmpRowA, SmpRowB, SmpRowC, "D,fourth,5,1,1,1,1,")), 6, 1, "row 1 says 3 actors but the file has 4 actor rows", "make the count (field 3 of row 1) match");
    }

    [Fact]
    public void Fewer_actor_rows_than_row_1_says_is_located_at_the_count()
    {
        OnlyError(Smp(Lines(SmpRow1, SmpHeading, SmpRowA, SmpRowB)), 1, 18, "row 1 says 3 actors but the file has 2 actor rows");
    }

    [Fact]
    public void A_missing_heading_row_is_reported_on_the_line_after_row_1()
    {
        OnlyError(Smp(Lines(SmpRow1)), 2, 1, "missing the heading row", "2 dimensions");
    }

    [Fact]
    public void A_short_heading_row_says_how_many_fields_the_dimensions_need()
    {
        OnlyError(Smp(Lines(SmpRow1, "Actor,Description,Power,P1,S1,P2", SmpRowA, SmpRowB, SmpRowC)), 2, 31, "the heading row has 6 fields; 2 dimensions (row 1, field 4) need 7");
    }

    [Fact]
    public void A_short_actor_row_is_located_at_its_end_with_the_width_it_needs()
    {
        OnlyError(Smp(Lines(SmpRow1, SmpHeading, SmpRowA, "B,second,20,60,30,70", SmpRowC)), 4, 21, "this actor row has 6 fields; 2 dimensions need 7");
    }

    [Fact]
    public void A_name_of_26_characters_is_too_long_and_25_is_accepted()
    {
        var name25 = new string('N', 25);
        Assert.Equal(name25, ValidSmp(SmpWithA(name25 + SmpRowA[1..])).Actors[0].Name);

        OnlyError(Smp(SmpWithA(name25 + "X" + SmpRowA[1..])), 3, 1, "has 26 characters; valid: 1 to 25");
    }

    [Fact]
    public void An_empty_KTAB_name_is_refused_with_the_length_range()
    {
        OnlyError(Smp(SmpWithA("," + SmpRowA[2..])), 3, 1, "has 0 characters; valid: 1 to 25");
    }

    [Fact]
    public void A_duplicate_KTAB_actor_is_located_at_the_second()
    {
        OnlyError(Smp(Lines(SmpRow1, SmpHeading, SmpRowA, SmpRowB.Replace("B,", "A,", StringComparison.Ordinal), SmpRowC)), 4, 1, "actor 'A' appears twice (first on line 3)");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("100000001")]
    public void Power_must_be_above_0_and_at_most_1e8(string power)
    {
        OnlyError(Smp(SmpWithA($"A,first,{power},20,50,30,40,")), 3, 9, $"power {power} is out of range; valid: above 0 and at most 1e8");
    }

    [Fact]
    public void Power_of_exactly_1e8_and_just_above_0_is_accepted()
    {
        Assert.Equal(1e8, ValidSmp(SmpWithA("A,first,1e8,20,50,30,40,")).Actors[0].Power);
        Assert.Equal(1e-9, ValidSmp(SmpWithA("A,first,0.000000001,20,50,30,40,")).Actors[0].Power);
    }

    [Fact]
    public void A_non_numeric_power_is_located()
    {
        OnlyError(Smp(SmpWithA("A,first,ten,20,50,30,40,")), 3, 9, "power 'ten' is not a number");
    }

    [Theory]
    [InlineData("A,first,10,-1,50,30,40,", 12, "position on 'P1' -1 is out of range; valid: 0 to 100")]
    [InlineData("A,first,10,20,50,100.5,40,", 18, "position on 'P2' 100.5 is out of range; valid: 0 to 100")]
    [InlineData("A,first,10,20,-0.5,30,40,", 15, "salience of 'P1' -0.5 is out of range; valid: 0 to 100")]
    [InlineData("A,first,10,20,50,30,101,", 21, "salience of 'P2' 101 is out of range; valid: 0 to 100")]
    [InlineData("A,first,10,20,50,x,40,", 18, "position on 'P2' 'x' is not a number")]
    public void Positions_and_saliences_must_be_0_to_100(string rowA, int column, string message)
    {
        OnlyError(Smp(SmpWithA(rowA)), 3, column, message);
    }

    [Fact]
    public void Positions_and_saliences_of_exactly_0_and_100_are_accepted()
    {
        var actor = ValidSmp(SmpWithA("A,first,10,0,100,100,0,")).Actors[0];

        Assert.Equal([0.0, 100.0], actor.Positions);
        Assert.Equal([100.0, 0.0], actor.Saliences);
    }

    [Fact]
    public void Saliences_adding_up_to_more_than_100_are_located_at_the_first_salience()
    {
        OnlyError(Smp(SmpWithA("A,first,10,20,60,30,50,")), 3, 15, "the saliences of 'A' add up to 110; valid: at most 100 in all");
    }

    [Fact]
    public void Saliences_adding_up_to_exactly_100_are_accepted()
    {
        Assert.Equal([60.0, 40.0], ValidSmp(SmpWithA("A,first,10,20,60,30,40,")).Actors[0].Saliences);
    }

    [Fact]
    public void Saliences_written_to_add_up_to_exactly_100_are_accepted_whatever_the_rounding()
    {
        var text = Lines(
            "Test,Three dimensions,3,3,",
            "Actor,Description,Power,P1,S1,P2,S2,P3,S3,",
            "A,a,10,20,0.2,30,83.9,40,15.9,",
            "B,b,20,60,30,70,60,50,5,",
            "C,c,30,90,70,10,20,1,1,");

        Assert.Equal([0.2, 83.9, 15.9], ValidSmp(text).Actors[0].Saliences);
    }

    [Fact]
    public void An_actor_whose_saliences_are_all_0_is_refused()
    {
        OnlyError(Smp(SmpWithA("A,first,10,20,0,30,0.0,")), 3, 15, "every salience of 'A' is 0", "at least one must be above 0");
    }

    [Fact]
    public void Saliences_too_small_to_square_are_refused_like_zeros()
    {
        // (1e-200 / 100)² is 0 in floating point: the distance would be 0/0 and the run meaningless.
        OnlyError(Smp(SmpWithA("A,first,10,20,1e-200,30,0,")), 3, 15, "every salience of 'A' is 0 (or so small that its square is 0)");
        Assert.True(Smp(SmpWithA("A,first,10,20,1e-6,30,0,")).IsValid);
    }

    [Fact]
    public void A_row_of_empty_fields_is_a_blank_line_as_spreadsheets_export_it()
    {
        var table = ValidSmp(Lines(SmpRow1, SmpHeading, SmpRowA, ",,,,,,,", SmpRowB, SmpRowC, ",,,,"));
        Assert.Equal(["A", "B", "C"], table.Actors.Select(a => a.Name));

        // A quoted empty field is written on purpose, so that row still counts (and is refused as an actor row).
        Assert.False(Smp(Lines(SmpRow1, SmpHeading, SmpRowA, "\"\",,,,,,,", SmpRowB, SmpRowC)).IsValid);
    }

    [Fact]
    public void An_empty_KTAB_file_describes_the_format()
    {
        var d = Assert.Single(Smp(string.Empty).Diagnostics);

        Assert.Equal(0, d.Location.Line);
        Assert.Contains("empty file", d.Message, StringComparison.Ordinal);
        Assert.Contains("name,description,number of actors,number of dimensions", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KTAB_errors_are_all_reported_in_one_pass_sorted_by_position()
    {
        var load = Smp(Lines(SmpRow1, SmpHeading, "A,first,0,20,50,30,40,", new string('B', 26) + ",second,20,60,30,70,60,", "C,third,30,90,70,101,20,"));

        Assert.Equal(
            [(3, 9, "power 0 is out of range"), (4, 1, "has 26 characters"), (5, 18, "position on 'P2' 101")],
            load.Diagnostics.Select(d => (d.Location.Line, d.Location.Column, Fragment(d.Message))).ToArray());

        static string Fragment(string message) =>
            new[] { "power 0 is out of range", "has 26 characters", "position on 'P2' 101" }.First(f => message.Contains(f, StringComparison.Ordinal));
    }

    // ---- CSV forms both readers share ----

    [Fact]
    public void An_unclosed_quote_is_located_at_the_opening_quote()
    {
        OnlyError(Eum(EumWithB("B,0.3,2,\"0.8")), 3, 9, "a quoted field is never closed", "add the closing '\"'");
        OnlyError(Smp(SmpWithA("A,\"first,10,20,50,30,40,")), 3, 3, "a quoted field is never closed");
    }

    [Fact]
    public void Text_after_a_closing_quote_is_located_at_the_text()
    {
        OnlyError(Eum(EumWithB("B,\"0.3\"x,2,0.8")), 3, 8, "text after the closing quote of a field", "double any quote inside it");
        OnlyError(Smp(SmpWithA("A,\"first\" one,10,20,50,30,40,")), 3, 11, "text after the closing quote");
    }

    [Fact]
    public void Blanks_after_a_closing_quote_are_accepted()
    {
        Assert.Equal(0.3, ValidEum(EumWithB("B, \"0.3\"  ,2,0.8")).Actors[1].Capability);
    }

    [Fact]
    public void A_byte_order_mark_is_accepted_and_takes_no_column()
    {
        Assert.Equal(3, ValidEum("\uFEFF" + EumWithB(EumRowB)).Actors.Count);
        Assert.Equal("Test", ValidSmp("\uFEFF" + SmpWithA(SmpRowA)).Name);

        OnlyError(Smp("\uFEFF" + Lines("Test,Small table,x,2,", SmpHeading, SmpRowA, SmpRowB, SmpRowC)), 1, 18, "number of actors");
    }

    [Fact]
    public void CRLF_line_ends_are_accepted_and_counted_as_one_line()
    {
        string Crlf(string text) => text.Replace("\n", "\r\n", StringComparison.Ordinal);

        Assert.Equal(ValidEum(EumWithB(EumRowB)).Actors, ValidEum(Crlf(EumWithB(EumRowB))).Actors);
        Assert.Equal(["A", "B", "C"], ValidSmp(Crlf(SmpWithA(SmpRowA))).Actors.Select(a => a.Name));

        OnlyError(Eum(Crlf(EumWithB("B,0.3,2,80"))), 3, 9, "salience 80");
        OnlyError(Smp(Crlf(Lines(SmpRow1, SmpHeading, SmpRowA, SmpRowB, "C,third,0,90,70,10,20,"))), 5, 9, "power 0");
    }

    [Fact]
    public void Blank_lines_are_ignored_but_still_counted_in_locations()
    {
        var eum = ValidEum("\n" + EumHeader + "\n\n" + EumRowA + "\n   \n" + EumRowB + "\n\t\n" + EumRowC + "\n\n");
        Assert.Equal(["A", "B", "C"], eum.Actors.Select(a => a.Name));
        var smp = ValidSmp(SmpRow1 + "\n\n" + SmpHeading + "\n" + SmpRowA + "\n \n" + SmpRowB + "\n" + SmpRowC);
        Assert.Equal(["A", "B", "C"], smp.Actors.Select(a => a.Name));

        OnlyError(Eum(EumHeader + "\n\n" + EumRowA + "\n   \nB,abc,2,0.8\n" + EumRowC), 5, 3, "capability 'abc'");
    }

    [Fact]
    public void Trailing_commas_are_accepted_as_in_KTABs_own_files()
    {
        Assert.Equal(3, ValidSmp(SmpWithA(SmpRowA)).Actors.Count);
        Assert.Equal(3, ValidSmp(SmpWithA(SmpRowA).Replace(",\n", "\n", StringComparison.Ordinal)).Actors.Count);
        Assert.Equal(
            ValidEum(EumWithB(EumRowB)).Actors,
            ValidEum(Lines(EumHeader + ",", EumRowA + ",", EumRowB + ",", EumRowC + ",")).Actors);
    }

    [Fact]
    public void Quoted_fields_may_hold_commas_doubled_quotes_and_line_breaks()
    {
        var eum = ValidEum(Lines("\"Actor\",\"Capability\",Position,Salience", "\"Korea, Republic of\",0.5,1,0.5", "\"the \"\"North\"\"\",\"0.3\",2,0.8", EumRowC));
        Assert.Equal(["Korea, Republic of", "the \"North\"", "C"], eum.Actors.Select(a => a.Name));
        Assert.Equal(0.3, eum.Actors[1].Capability);

        var smp = ValidSmp(SmpWithA("A,\"first, and best\",10,20,50,30,40,"));
        Assert.Equal("first, and best", smp.Actors[0].Description);

        // A line break inside a quoted description moves every later location down one line.
        OnlyError(Smp(Lines(SmpRow1, SmpHeading, "A,\"two\nlines\",10,20,50,30,40,", "B,second,0,60,30,70,60,", SmpRowC)), 5, 10, "power 0");
    }

    [Fact]
    public void The_shipped_KTAB_tables_read_as_written()
    {
        var dummy = SmpTable.Parse(ShippedTables.Find("ktab-dummy-3dim")!.Text, "dummy.csv");
        Assert.True(dummy.IsValid, string.Join("\n", dummy.Diagnostics));
        Assert.Equal("DummyData_3Dim", dummy.Table!.Name);
        Assert.Equal("Dummy scenario to test reading format", dummy.Table.Description);
        Assert.Equal(["Pstn1", "Pstn2", "Pstn3"], dummy.Table.Dimensions);
        Assert.Equal(7, dummy.Table.Actors.Count);
        Assert.Equal("Random Spatial Actor", dummy.Table.Actors[0].Description);

        var soe = SmpTable.Parse(ShippedTables.Find("ktab-soe-pol-comp")!.Text, "soe.csv");
        Assert.True(soe.IsValid, string.Join("\n", soe.Diagnostics));
        Assert.Equal(13, soe.Table!.Actors.Count);
        Assert.Equal(2, soe.Table.Dimensions.Count);
    }

    [Fact]
    public void Every_shipped_table_is_valid_for_exactly_one_reader()
    {
        Assert.NotEmpty(ShippedTables.All);
        foreach (var table in ShippedTables.All)
        {
            var eum = EumTable.Parse(table.Text, table.Path).IsValid;
            var smp = SmpTable.Parse(table.Text, table.Path).IsValid;
            Assert.True(eum != smp, $"{table.Name}: valid for EUM {eum}, for SMP {smp}");

            // The cheap first-line test the help listings use says the same.
            Assert.Equal(eum, table.IsEum);
        }
    }

    [Fact]
    public void A_lone_CR_inside_a_quoted_field_is_counted_like_a_lone_CR_between_records()
    {
        // Outside quotes a lone CR ends a line (old Mac files).
        OnlyError(Smp(string.Join("\r", SmpRow1, SmpHeading, SmpRowA, "B,second,0,60,30,70,60,", SmpRowC)), 4, 10, "power 0");

        OnlyError(Smp(Lines(SmpRow1, SmpHeading, "A,\"two\rlines\",10,20,50,30,40,", "B,second,0,60,30,70,60,", SmpRowC)), 5, 10, "power 0");
    }

    // ---- Files ----

    [Fact]
    public void A_missing_file_is_one_diagnostic_naming_the_file()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "missing.csv");

        foreach (var diagnostics in new[] { EumTable.LoadFile(path).Diagnostics, SmpTable.LoadFile(path).Diagnostics })
        {
            var d = Assert.Single(diagnostics);
            Assert.Equal(Severity.Error, d.Severity);
            Assert.Equal(SourceLocation.FileOnly(path), d.Location);
            Assert.Equal("cannot read the file: no such file", d.Message);
        }
    }

    [Fact]
    public void A_directory_is_one_diagnostic_saying_it_is_not_an_actor_table()
    {
        using var dir = new TempDir();

        var eum = EumTable.LoadFile(dir.Path);
        var smp = SmpTable.LoadFile(dir.Path);

        Assert.Null(eum.Table);
        Assert.Null(smp.Table);
        foreach (var diagnostics in new[] { eum.Diagnostics, smp.Diagnostics })
        {
            var d = Assert.Single(diagnostics);
            Assert.Equal(SourceLocation.FileOnly(dir.Path), d.Location);
            Assert.Equal("cannot read the file: it is a directory, not an actor table", d.Message);
        }
    }

    [Fact]
    public void LoadFile_reads_a_file_as_Parse_reads_its_text()
    {
        using var dir = new TempDir();
        var eumPath = dir.Write("actors.csv", "\uFEFF" + EumWithB(EumRowB).Replace("\n", "\r\n", StringComparison.Ordinal));
        var smpPath = dir.Write("ktab.csv", SmpWithA("A,first,0,20,50,30,40,"));

        var eum = EumTable.LoadFile(eumPath);
        Assert.True(eum.IsValid, string.Join("\n", eum.Diagnostics));
        Assert.Equal(eumPath, eum.Table!.Path);
        Assert.Equal(ValidEum(EumWithB(EumRowB)).Actors, eum.Table.Actors);

        var smp = SmpTable.LoadFile(smpPath);
        var d = Assert.Single(smp.Diagnostics);
        Assert.Equal(new SourceLocation(smpPath, 3, 9), d.Location);
    }

    // ---- Models on whatever a reader accepts ----

    [Fact]
    public void Every_EUM_table_the_reader_accepts_runs_to_finite_numbers()
    {
        foreach (var text in new[]
        {
            Lines(EumHeader, "A,1e308,1,0.5", "B,1,2,0.8", "C,1,3,1"),
            Lines(EumHeader, "A,1,-1e308,0.5", "B,1,0,0.8", "C,1,1e308,1"),
        })
        {
            var load = Eum(text);
            if (load.IsValid)
            {
                AssertFinite(ExpectedUtilityModel.Run(load.Table!, 3));
            }
            else
            {
                Assert.Contains(load.Diagnostics, d => d.Severity == Severity.Error && d.Location.Line > 0);
            }
        }
    }

    [Fact]
    public void EUM_capabilities_on_any_common_scale_give_the_same_run()
    {
        var example = ShippedTables.Find("eum-example")!;
        var unscaled = ExpectedUtilityModel.Run(ValidEum(example.Text), 10);
        var scaled = EumTable.Parse(
            string.Join("\n", example.Text.Split('\n').Select((line, i) => i == 0 || line.Length == 0 ? line : Scale(line))),
            example.Path);

        if (scaled.IsValid)
        {
            var run = ExpectedUtilityModel.Run(scaled.Table!, 10);
            for (var r = 0; r < run.Rounds.Count; r++)
            {
                for (var a = 0; a < run.Rounds[r].Positions.Count; a++)
                {
                    Assert.Equal(unscaled.Rounds[r].Positions[a], run.Rounds[r].Positions[a], 1e-9);
                }
            }
        }
        else
        {
            Assert.Contains(scaled.Diagnostics, d => d.Severity == Severity.Error && d.Location.Line > 0);
        }

        static string Scale(string line)
        {
            var fields = line.Split(',');
            fields[1] += "e307";
            return string.Join(',', fields);
        }
    }

    // Structural characters and ordinary numbers; extreme magnitudes (1e308) are the bug above.
    private static readonly string[] Tokens =
    [
        ",", "\"", "\"\"", "\n", "\r", "\r\n", " ", "\t", "-", "+", ".", "e", "0", "9", "x", ";", "\uFEFF", "\0",
        "100", "1e8", "-0", "0.0001", "99.99", "3", "250", "251", "NaN", ",,,", "\"a,b\"",
    ];

    [Fact]
    public void Neither_reader_throws_on_mutated_tables_and_every_table_accepted_runs_to_finite_numbers()
    {
        var random = new Random(20180612);
        var seen = (Valid: 0, Invalid: 0);
        foreach (var (name, eum) in new[] { ("eum-example", true), ("ktab-dummy-3dim", false) })
        {
            var source = ShippedTables.Find(name)!.Text;
            for (var n = 0; n < 2000; n++)
            {
                var text = n % 10 == 0 ? Garbage(random) : Mutate(source, random);
                try
                {
                    var valid = eum ? FuzzEum(text) : FuzzSmp(text);
                    seen = valid ? (seen.Valid + 1, seen.Invalid) : (seen.Valid, seen.Invalid + 1);
                }
                catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
                {
                    Assert.Fail($"{(eum ? "EUM" : "SMP")} reader or model threw {ex.GetType().Name}: {ex.Message}\non input:\n{text}");
                }
            }
        }

        // Both outcomes must actually be exercised for the test to mean anything.
        Assert.True(seen.Valid > 500 && seen.Invalid > 500, $"valid {seen.Valid}, invalid {seen.Invalid}");
    }

    private static bool FuzzEum(string text)
    {
        var load = EumTable.Parse(text, "fuzz.csv");
        AssertOutcome(load, text);
        if (load.IsValid)
        {
            AssertFinite(ExpectedUtilityModel.Run(load.Table!, 3), text);
        }

        return load.IsValid;
    }

    private static bool FuzzSmp(string text)
    {
        var load = SmpTable.Parse(text, "fuzz.csv");
        AssertOutcome(load, text);
        if (load.IsValid)
        {
            AssertFinite(SpatialModel.Run(load.Table!), text);
        }

        return load.IsValid;
    }

    /// <summary>Valid with a table, or at least one error and no table; every location inside the file.</summary>
    private static void AssertOutcome<T>(BargainingLoad<T> load, string text)
        where T : class
    {
        var hasError = load.Diagnostics.Any(d => d.Severity == Severity.Error);
        Assert.True(load.IsValid != hasError, $"valid {load.IsValid} but {load.Diagnostics.Count} diagnostics, on input:\n{text}");
        var lines = 1 + text.Replace("\r\n", "\n", StringComparison.Ordinal).Count(c => c is '\n' or '\r');
        foreach (var d in load.Diagnostics)
        {
            Assert.Equal("fuzz.csv", d.Location.Path);
            Assert.False(string.IsNullOrWhiteSpace(d.Message));
            if (d.Location.Line != 0)
            {
                Assert.True(d.Location.Line >= 1 && d.Location.Line <= lines + 1 && d.Location.Column >= 1, $"{d} outside the file's {lines} lines, on input:\n{text}");
            }
        }
    }

    private static void AssertFinite(EumRun run, string text = "")
    {
        var numbers = new List<double> { run.Width };
        foreach (var r in run.Rounds)
        {
            numbers.AddRange([r.Mean, r.Median, r.ProbabilityDenominator]);
            numbers.AddRange(r.Positions);
            numbers.AddRange(r.Danger);
            numbers.AddRange(r.RiskAcceptance);
            numbers.AddRange(r.RiskExponent);
            numbers.AddRange(r.Offers.SelectMany(o => new[] { o.ReceiverChallenges, o.ProposerChallenges, o.NewPosition }));
        }

        Assert.True(numbers.TrueForAll(double.IsFinite), $"non-finite EUM output on input:\n{text}");
    }

    private static void AssertFinite(SmpRun run, string text)
    {
        var numbers = new List<double> { run.FirstStepDistance };
        foreach (var s in run.States)
        {
            numbers.AddRange(s.Positions.SelectMany(p => p));
            numbers.AddRange(s.WinProbabilities);
            numbers.AddRange(s.RiskAttitudes);
        }

        foreach (var t in run.Turns)
        {
            numbers.AddRange([t.Distance, t.Ratio]);
            numbers.AddRange(t.Bargains.SelectMany(b => b.InitiatorPosition.Concat(b.TargetPosition).Append(b.Gain).Append(b.InitiatorWins)));
            numbers.AddRange(t.Choices.Select(c => c.Probability));
        }

        Assert.True(numbers.TrueForAll(double.IsFinite), $"non-finite SMP output on input:\n{text}");
    }

    private static string Mutate(string source, Random random)
    {
        var text = new StringBuilder(source);
        for (var m = 1 + random.Next(4); m > 0; m--)
        {
            var at = text.Length == 0 ? 0 : random.Next(text.Length);
            switch (random.Next(5))
            {
                case 0:
                    text.Remove(at, Math.Min(text.Length - at, 1 + random.Next(4)));
                    break;
                case 1:
                    text.Insert(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 2:
                    if (text.Length > 0)
                    {
                        text.Remove(at, 1).Insert(at, Tokens[random.Next(Tokens.Length)]);
                    }

                    break;
                case 3:
                    var lines = text.ToString().Split('\n').ToList();
                    var line = random.Next(lines.Count);
                    if (random.Next(2) == 0)
                    {
                        lines.RemoveAt(line);
                    }
                    else
                    {
                        lines.Insert(line, lines[random.Next(lines.Count)]);
                    }

                    text.Clear().Append(string.Join('\n', lines));
                    break;
                default:
                    text.Length = at;
                    break;
            }
        }

        return text.ToString();
    }

    private static string Garbage(Random random)
    {
        const string likely = ",\"\n\r 0123456789.-e;x";
        var chars = new char[random.Next(200)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = random.Next(3) == 0 ? (char)random.Next(0xFFFF) : likely[random.Next(likely.Length)];
        }

        return new string(chars);
    }
}
