using Statecraft.Data;
using Statecraft.Economy;
using Statecraft.Negotiation;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Tests.Negotiation;

/// <summary>
/// Play begins from the state history left in the start quarter (issue 17, "No jump at the start"): with nothing
/// offered, nothing taken and the world's enforcement at history's value, the start quarter of play is the start
/// quarter of the backcast's replay; a world far from history moves the economy gradually from there.
/// </summary>
public sealed class StartStateTests
{
    // A roadmap that offers nothing: the North's offer is worth 0, so it never takes (or fakes) the step and talks
    // never break on a condition. Major provocations are ruled out by the rate so China's response stays 0.
    private const string NoDeal = """
        format: statecraft/1
        name: No deal
        start: START
        horizon_quarters: 24
        actors:
          china:
            enforcement: CHINA
          south_korea:
            enforcement: SOUTH
          north_korea:
            provocation_rate: PROVOCATION
        roadmap:
          phases:
            - name: Nothing offered
              steps:
                - step: test_moratorium
                  verification: national_technical_means
        """;

    private static readonly BackcastResult History = Backcast.Run(Dataset.Korea, Catalog.Korea, Calibration.Korea);

    private static string World(string start, double china, double south, double provocation = 0) => NoDeal
        .Replace("START", start, StringComparison.Ordinal)
        .Replace("CHINA", china.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("SOUTH", south.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("PROVOCATION", provocation.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>Index in the backcast's path (from 2015Q1) of the quarter <paramref name="q"/> quarters after <paramref name="start"/>.</summary>
    private static int HistoryIndex(Quarter start, int q) => start.Ordinal - History.First.Ordinal + q;

    private static void AssertClose(double expected, double actual, string what)
    {
        // The game's vector economy agrees with the scalar step to a few units in the last place (EconomyLanes), so
        // a relative 1e-9 is far below any modelled effect and far above rounding.
        Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Abs(expected), $"{what}: history {expected:R}, play {actual:R}");
    }

    private static void AssertNothingHappened(CompiledGame g, GameWorkspace w, List<(int Quarter, string Text)> events)
    {
        Assert.All(w.Outcome.StepPath, steps => Assert.Equal(0, steps));
        Assert.DoesNotContain(events, e => e.Text.StartsWith("major provocation", StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e.Text.StartsWith("talks break down", StringComparison.Ordinal));
        Assert.Empty(g.Incentives);
    }

    [Fact]
    public void A_no_deal_roadmap_under_a_world_file_enforcing_as_history_did_has_no_jump_at_the_start()
    {
        // The same check through the run's one preparation: the beliefs in a world file, the roadmap in the new form.
        const string world = """
            format: statecraft-world/1
            name: History's enforcement
            actors:
              china:
                enforcement: 0.9
              south_korea:
                enforcement: 1.0
              north_korea:
                provocation_rate: 0
            """;
        var roadmap = World("2018Q4", 0.9, 1.0).Replace("format: statecraft/1", "format: statecraft/2", StringComparison.Ordinal);
        roadmap = roadmap[..roadmap.IndexOf("actors:", StringComparison.Ordinal)] + roadmap[roadmap.IndexOf("roadmap:", StringComparison.Ordinal)..];
        var prepared = new Statecraft.Simulation.RunPlan([new("no-deal.yaml", roadmap)], [new("history.yaml", world)], []).Prepare();
        Assert.True(prepared.IsValid, string.Join("\n", prepared.Diagnostics));
        var g = prepared.Run!.First[0];
        Assert.Empty(g.Scenario.Assumptions);
        var h = HistoryIndex(new Quarter(2018, 4), 0);
        for (var trajectory = 0; trajectory < 4; trajectory++)
        {
            var (w, _, events) = GameFixture.Play(g, trajectory);
            AssertNothingHappened(g, w, events);
            AssertClose(History.Path.GdpIndex[h], w.Path.GdpIndex[0], $"GDP index, trajectory {trajectory}");
            AssertClose(History.Path.HouseholdIncomeIndex[h], w.Path.HouseholdIncomeIndex[0], "household income index");
        }
    }

    /// <summary>
    /// History's enforcement in the start quarter, from the timeline's table in docs/model.md: China 0.3 from 2006Q4
    /// and 0.9 from 2018Q1, South Korea 1.0. 2016Q3 keeps the 2016 harvest (+0.0168 log points) in its start quarter;
    /// 2021Q2 starts inside the pandemic closure (0.8 from 2020Q1 to 2021Q4); 2018Q4 is the shipped start.
    /// </summary>
    [Theory]
    [InlineData(2016, 3, 0.3)]
    [InlineData(2018, 4, 0.9)]
    [InlineData(2021, 2, 0.9)]
    public void A_no_deal_roadmap_in_a_world_enforcing_as_history_did_starts_exactly_where_history_is(int year, int number, double chinaHistory)
    {
        var start = new Quarter(year, number);
        var g = GameFixture.Compile(World(start.ToString(), chinaHistory, 1.0));
        var h = HistoryIndex(start, 0);
        // Different trajectories draw different types, weather after the start year and events; none may move quarter 0.
        for (var trajectory = 0; trajectory < 6; trajectory++)
        {
            var (w, _, events) = GameFixture.Play(g, trajectory);
            AssertNothingHappened(g, w, events);
            AssertClose(History.Path.GdpIndex[h], w.Path.GdpIndex[0], $"{start} GDP index, trajectory {trajectory}");
            AssertClose(History.Path.HouseholdIncomeIndex[h], w.Path.HouseholdIncomeIndex[0], $"{start} household income index");
            AssertClose(History.Path.RecordedExportsMusd[h], w.Path.RecordedExportsMusd[0], $"{start} recorded exports");
            AssertClose(History.Path.RecordedImportsMusd[h], w.Path.RecordedImportsMusd[0], $"{start} recorded imports");
            AssertClose(History.Path.ReservesMusd[h], w.Path.ReservesMusd[0], $"{start} holdings");
        }
    }

    /// <summary>
    /// With no weather drawn, history's enforcement and no closure before 2020, nothing separates play from history
    /// until the pandemic: the no-deal game from 2018Q4 reproduces the backcast through 2019Q4, not only its first quarter.
    /// </summary>
    [Fact]
    public void Without_drawn_weather_the_no_deal_game_continues_history_until_the_pandemic_closure()
    {
        var calm = Calibration.Korea with { Parameters = Calibration.Korea.Parameters with { WeatherSd = 0 } };
        var scenario = GameFixture.Load(World("2018Q4", 0.9, 1.0));
        var g = GameCompiler.Compile(scenario, Catalog.Korea, calm);
        var (w, _, events) = GameFixture.Play(g, 3);
        AssertNothingHappened(g, w, events);
        for (var q = 0; q < 5; q++)
        {
            var h = HistoryIndex(g.Start, q);
            AssertClose(History.Path.GdpIndex[h], w.Path.GdpIndex[q], $"{g.Start.Plus(q)} GDP index");
            AssertClose(History.Path.HouseholdIncomeIndex[h], w.Path.HouseholdIncomeIndex[q], $"{g.Start.Plus(q)} household income index");
        }

        // From 2020Q1 the backcast closes the border and the 2018 scenario, which does not know of the pandemic, does not.
        var pandemic = HistoryIndex(g.Start, 5);
        Assert.True(w.Path.GdpIndex[5] > History.Path.GdpIndex[pandemic] + 1, $"2020Q1: play {w.Path.GdpIndex[5]:F2}, history {History.Path.GdpIndex[pandemic]:F2}");
    }

    /// <summary>
    /// A world enforcing less than history (China 0.5 against 0.9, South Korea 0.95 against 1.0) lets more banned trade
    /// through, so it ends with more output; but it gets there along the enforcement path, so quarter 0 is still
    /// history's and the gap grows from quarter 1 on. The same trajectory is played in both worlds.
    /// </summary>
    [Fact]
    public void A_world_far_from_history_moves_the_economy_gradually_from_where_history_left_it()
    {
        var historyWorld = GameFixture.Compile(World("2018Q4", 0.9, 1.0));
        var lax = GameFixture.Compile(World("2018Q4", 0.5, 0.95));
        var (hw, _, _) = GameFixture.Play(historyWorld, 2);
        var (lw, _, laxEvents) = GameFixture.Play(lax, 2);
        AssertNothingHappened(lax, lw, laxEvents);

        AssertClose(History.Path.GdpIndex[HistoryIndex(lax.Start, 0)], lw.Path.GdpIndex[0], "2018Q4 GDP in the lax world");
        var last = lax.Horizon - 1;
        var first = lw.Path.GdpIndex[1] - hw.Path.GdpIndex[1];
        var end = lw.Path.GdpIndex[last] - hw.Path.GdpIndex[last];
        Assert.True(first > 0, $"quarter 1: lax {lw.Path.GdpIndex[1]:F3}, history's world {hw.Path.GdpIndex[1]:F3}");
        Assert.True(end > first, $"the gap grows: quarter 1 {first:F3}, quarter {last} {end:F3}");
        // Enforcement 0.5 against 0.9 reopens a large part of the banned trade: several index points, not rounding.
        Assert.True(end > 2.0, $"quarter {last}: lax {lw.Path.GdpIndex[last]:F2}, history's world {hw.Path.GdpIndex[last]:F2}");
        Assert.True(lw.Path.RecordedExportsMusd[last] > 1.5 * hw.Path.RecordedExportsMusd[last],
            $"exports at the end: lax {lw.Path.RecordedExportsMusd[last]:F1}, history's world {hw.Path.RecordedExportsMusd[last]:F1}");
    }

    /// <summary>
    /// Worked example of the enforcement path E(q) = L + (E_hist - L) * (1 - a)^q: from history's 0.9 (China) and 1.0
    /// (South Korea) in 2018Q4 towards the world's 0.5 and 0.95. With a = 0.5 China is 0.9, 0.7, 0.6, 0.55 and South
    /// Korea 1.0, 0.975, 0.9625, 0.95625; with a = 0.25 China is 0.9, 0.8, 0.725, 0.66875. The other partners keep
    /// the timeline's 0.9.
    /// </summary>
    [Theory]
    [InlineData(0.5, new[] { 0.9, 0.7, 0.6, 0.55 }, new[] { 1.0, 0.975, 0.9625, 0.95625 })]
    [InlineData(0.25, new[] { 0.9, 0.8, 0.725, 0.66875 }, new[] { 1.0, 0.9875, 0.978125, 0.97109375 })]
    public void Enforcement_closes_the_adjustment_share_of_the_gap_to_the_worlds_level_each_quarter(double adjustment, double[] china, double[] south)
    {
        var game = GameAssumptions.Find("enforcement_adjustment")!.Set(GameAssumptions.Defaults, adjustment);
        var g = GameFixture.Compile(World("2018Q4", 0.5, 0.95), game);
        var (w, _, events) = GameFixture.Play(g, 0);
        AssertNothingHappened(g, w, events);
        for (var q = 0; q < china.Length; q++)
        {
            Assert.Equal(china[q], w.Instruments.Enforcement[w.Instruments.PartnerIndex(q, Partner.China)], 12);
            Assert.Equal(south[q], w.Instruments.Enforcement[w.Instruments.PartnerIndex(q, Partner.SouthKorea)], 12);
            Assert.Equal(0.9, w.Instruments.Enforcement[w.Instruments.PartnerIndex(q, Partner.Other)], 12);
        }

        // Far out, the level the world sets: after 23 quarters the gap left is 0.4 * (1 - a)^23, under a thousandth even at a = 0.25.
        Assert.InRange(w.Instruments.Enforcement[w.Instruments.PartnerIndex(g.Horizon - 1, Partner.China)], 0.5, 0.501);
    }

    /// <summary>
    /// China's response to provocations comes on top of the path. With a major provocation every quarter (rate 1, every
    /// type's factor raised to 2) the response is B(q) = 0.9 * (B(q-1) + 0.1): 0.09, 0.171, 0.2439; on the path 0.9,
    /// 0.7, 0.6 that makes 0.99, 0.871, 0.8439.
    /// </summary>
    [Fact]
    public void Chinas_response_to_provocations_comes_on_top_of_the_enforcement_path()
    {
        var game = GameAssumptions.Defaults with { ProvocationFactor = [2.0, 2.0, 2.0] };
        var g = GameFixture.Compile(World("2018Q4", 0.5, 0.95, provocation: 1), game);
        var (w, _, events) = GameFixture.Play(g, 0);
        Assert.Equal(3, events.Count(e => e.Quarter < 3 && e.Text.StartsWith("major provocation", StringComparison.Ordinal)));
        double[] expected = [0.99, 0.871, 0.8439];
        for (var q = 0; q < expected.Length; q++)
            Assert.Equal(expected[q], w.Instruments.Enforcement[w.Instruments.PartnerIndex(q, Partner.China)], 12);
    }

    /// <summary>
    /// China's easing for progress comes on top of the path too. A moratorium worth a large aid package is taken in
    /// quarter 0 and verified that quarter, so from quarter 1 China's enforcement is the path less 0.02 a step: 0.68, 0.58.
    /// </summary>
    [Fact]
    public void Chinas_easing_for_verified_steps_comes_on_top_of_the_enforcement_path()
    {
        var yaml = World("2018Q4", 0.5, 0.95).Replace("""
                      verification: national_technical_means
            """, """
                      verification: national_technical_means
                  incentives:
                    - id: aid
                      kind: humanitarian_aid
                      provider: multilateral
                      amount_musd_per_year: 2000
                      sequencing: on_verified_step
            """, StringComparison.Ordinal);
        var g = GameFixture.Compile(yaml);
        var (w, _, events) = GameFixture.Play(g, 0);
        Assert.Contains((0, "verified: test_moratorium (national_technical_means)"), events);
        Assert.Equal(0.9, w.Instruments.Enforcement[w.Instruments.PartnerIndex(0, Partner.China)], 12);
        Assert.Equal(0.68, w.Instruments.Enforcement[w.Instruments.PartnerIndex(1, Partner.China)], 12);
        Assert.Equal(0.58, w.Instruments.Enforcement[w.Instruments.PartnerIndex(2, Partner.China)], 12);
    }

    /// <summary>
    /// A historical closure underway at the start runs its recorded course (docs/model.md: 0.8 to 2021Q4, 0.5 in 2022,
    /// 0.25 in 2023); one not yet begun at the start is not known to the scenario.
    /// </summary>
    [Fact]
    public void A_closure_underway_at_the_start_runs_its_recorded_course_and_a_later_one_is_not_known()
    {
        var during = GameFixture.Compile(World("2021Q2", 0.9, 1.0));
        double[] expected = [0.8, 0.8, 0.8, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0, 0];
        Assert.Equal(expected, during.BorderClosure.Take(expected.Length));

        var before = GameFixture.Compile(World("2018Q4", 0.9, 1.0));
        Assert.All(before.BorderClosure, c => Assert.Equal(0.0, c));
    }

    /// <summary>
    /// One harvest a year: a start in 2018Q4 keeps history's normal 2018 harvest in quarter 0 and draws 2019's for its
    /// four quarters; a start in a year's first quarter draws that year's harvest for all of it.
    /// </summary>
    [Fact]
    public void The_start_years_harvest_is_historys_unless_the_start_is_the_years_first_quarter()
    {
        var mid = GameFixture.Compile(World("2018Q4", 0.9, 1.0));
        var (w, _, _) = GameFixture.Play(mid, 1);
        Assert.Equal(0.0, w.Shocks.Weather[0]);
        Assert.NotEqual(0.0, w.Shocks.Weather[1]);
        Assert.All(w.Shocks.Weather.Skip(2).Take(3), v => Assert.Equal(w.Shocks.Weather[1], v));
        Assert.NotEqual(w.Shocks.Weather[1], w.Shocks.Weather[5]);

        var first = GameFixture.Compile(World("2019Q1", 0.9, 1.0));
        var (f, _, _) = GameFixture.Play(first, 1);
        Assert.NotEqual(0.0, f.Shocks.Weather[0]);
        Assert.All(f.Shocks.Weather.Skip(1).Take(3), v => Assert.Equal(f.Shocks.Weather[0], v));
    }
}
