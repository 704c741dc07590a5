using Statecraft.Economy;
using Statecraft.Scenarios;
using static Statecraft.Tests.Scenarios.ScenarioText;

namespace Statecraft.Tests.Scenarios;

/// <summary>The optional <c>shocks</c> list: what it keeps, how it is validated, and how it reaches the economy's inputs.</summary>
public sealed class ScenarioShockTests
{
    // Valid starts in 2018Q4 with 12 quarters: 2018Q4 to 2021Q3. Inserted before "roadmap:" (line 14),
    // so the shock list starts on line 14 and its first item's keys on lines 15-19.
    private static string WithShocks(string shocks) =>
        Valid.Replace("roadmap:\n", "shocks:\n" + shocks + "roadmap:\n", StringComparison.Ordinal);

    private const string Closure = """
          - id: closure
            kind: border_closure
            from: 2020Q1
            until: 2020Q4
            intensity: 0.8

        """;

    [Fact]
    public void A_valid_shock_list_is_kept_with_its_quarters_and_intensity()
    {
        var load = Load(WithShocks(Closure + """
              - id: drought
                kind: harvest_failure
                from: 2019Q2
                until: 2019Q3
                intensity: 0.1
                note: dry spring

            """));

        Assert.Empty(BesidesEmbeddedWorld(load.Diagnostics));
        var shocks = load.Scenario!.Shocks;
        Assert.Equal(["closure", "drought"], shocks.Select(s => s.Id));
        Assert.Equal((ShockKind.BorderClosure, new Quarter(2020, 1), new Quarter(2020, 4), 0.8),
            (shocks[0].Kind, shocks[0].From, shocks[0].Until, shocks[0].Intensity));
        Assert.Equal("dry spring", shocks[1].Note);
    }

    [Fact]
    public void A_scenario_without_shocks_has_an_empty_list() =>
        Assert.Empty(Load(Valid).Scenario!.Shocks);

    [Fact]
    public void An_unknown_kind_is_answered_with_the_choices_and_the_nearest() =>
        AssertError(WithShocks(Closure.Replace("border_closure", "border_closing", StringComparison.Ordinal)), 16, 11,
            "border_closing", "border_closure", "harvest_failure");

    [Fact]
    public void An_intensity_out_of_range_is_rejected_with_the_range() =>
        AssertError(WithShocks(Closure.Replace("0.8", "1.5", StringComparison.Ordinal)), 19, 16, "1.5", "0", "1");

    [Fact]
    public void A_harvest_failure_cannot_destroy_the_whole_harvest() =>
        AssertError(WithShocks(Closure.Replace("border_closure", "harvest_failure", StringComparison.Ordinal)
            .Replace("0.8", "1", StringComparison.Ordinal)), 19, 16, "0.9");

    [Fact]
    public void A_quarter_outside_the_scenario_is_rejected_with_the_scenarios_span() =>
        AssertError(WithShocks(Closure.Replace("2020Q4", "2022Q1", StringComparison.Ordinal)), 18, 12, "2022Q1", "2018Q4 to 2021Q3");

    [Fact]
    public void A_shock_that_ends_before_it_begins_is_rejected() =>
        AssertError(WithShocks(Closure.Replace("2020Q4", "2019Q4", StringComparison.Ordinal)), 18, 12, "before it begins");

    [Fact]
    public void A_malformed_quarter_is_located() =>
        AssertError(WithShocks(Closure.Replace("2020Q1", "2020-01", StringComparison.Ordinal)), 17, 11, "like 2018Q4", "2020-01");

    [Fact]
    public void A_repeated_shock_id_is_an_error_at_the_second() =>
        AssertError(WithShocks(Closure + Closure), 20, 9, "closure", "twice");

    [Fact]
    public void A_missing_key_and_an_unknown_key_are_both_reported_in_one_pass()
    {
        var load = Load(WithShocks(Closure.Replace("    intensity: 0.8", "    strength: 0.8", StringComparison.Ordinal)));
        Assert.Contains(load.Diagnostics, d => d.Message.Contains("strength", StringComparison.Ordinal) && d.Location.Line == 19);
        Assert.Contains(load.Diagnostics, d => d.Message.Contains("intensity", StringComparison.Ordinal));
    }

    [Fact]
    public void Closures_reach_the_instruments_and_harvest_failures_the_weather()
    {
        var scenario = Load(WithShocks(Closure + """
              - id: drought
                kind: harvest_failure
                from: 2019Q2
                until: 2019Q3
                intensity: 0.1

            """)).Scenario!;
        var first = scenario.Start;
        var timeline = ScheduledShocks.WithClosures(new Timeline([], [], []), scenario.Shocks);
        var instruments = InstrumentCompiler.Compile(timeline, first, scenario.HorizonQuarters);
        var shocks = Shocks.None(scenario.HorizonQuarters);
        ScheduledShocks.AddHarvestFailures(shocks, first, scenario.Shocks);

        for (var q = 0; q < scenario.HorizonQuarters; q++)
        {
            var quarter = first.Plus(q);
            var closed = quarter.Year == 2020;
            Assert.Equal(closed ? 0.8 : 0.0, instruments.BorderClosure[q]);
            var dry = quarter == new Quarter(2019, 2) || quarter == new Quarter(2019, 3);
            Assert.Equal(dry ? Math.Log(0.9) : 0.0, shocks.Weather[q], 12);
        }
    }
}
