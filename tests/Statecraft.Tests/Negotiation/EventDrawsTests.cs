using Statecraft.Economy;
using Statecraft.Negotiation;
using Statecraft.Simulation;

namespace Statecraft.Tests.Negotiation;

/// <summary>
/// The event draws the strategies of a run share are the game stream's own numbers at the game's slots, so
/// sharing them changes no result; a run that shares them gives each strategy what it gets played alone.
/// </summary>
public sealed class EventDrawsTests
{
    [Fact]
    public void Each_draw_is_the_game_streams_number_at_its_slot()
    {
        var events = new EventDraws(40);
        foreach (var index in new long[] { 0, 1, 977, 1_000_003 })
        {
            var stream = MonteCarlo.GameStream(MonteCarlo.TrajectoryStream(20180918, index));
            events.Reset(stream);
            for (var q = 0; q < 40; q++)
            {
                var counter = (ulong)q * NegotiationGame.SlotsPerQuarter;
                Assert.Equal(stream.Uniform(counter + 0), events.Major(q));
                Assert.Equal(stream.Uniform(counter + 1), events.Minor(q));
                for (var e = 0; e < 3; e++) Assert.Equal(stream.Uniform(counter + 2 + (ulong)e), events.Election(q, e));
                Assert.Equal(stream.Derive(NegotiationGame.NoiseStream).Normal((ulong)q), events.Noise(q));
            }

            // A horizon of 40 quarters starting in any quarter of a year touches years 0 to 10.
            for (var year = 0; year <= 10; year++) Assert.Equal(stream.Derive(NegotiationGame.WeatherStream).Normal((ulong)year), events.Weather(year));
        }
    }

    [Fact]
    public void A_new_trajectory_forgets_the_normals_drawn_for_the_last()
    {
        var events = new EventDraws(8);
        var first = MonteCarlo.GameStream(MonteCarlo.TrajectoryStream(1, 0));
        var second = MonteCarlo.GameStream(MonteCarlo.TrajectoryStream(1, 1));
        events.Reset(first);
        var noise = events.Noise(3);
        var weather = events.Weather(1);
        events.Reset(second);
        Assert.NotEqual(noise, events.Noise(3));
        Assert.Equal(second.Derive(NegotiationGame.NoiseStream).Normal(3), events.Noise(3));
        Assert.NotEqual(weather, events.Weather(1));
        Assert.Equal(second.Derive(NegotiationGame.WeatherStream).Normal(1), events.Weather(1));
    }

    [Fact]
    public void Strategies_sharing_draws_in_a_run_get_what_each_gets_alone()
    {
        // Horizons of 32, 20 and 24 quarters: the shared draws are made for the longest.
        var games = new[] { GameFixture.Shipped("delury-engagement"), GameFixture.Shipped("kaesong-quick-hit"), GameFixture.Shipped("pyongyang-declaration-2018") };
        var together = GameFixture.Run(600, games);
        for (var s = 0; s < games.Length; s++)
        {
            var alone = GameFixture.Run(600, games[s]).Strategies[0].Summary;
            var shared = together.Strategies[s].Summary;
            Assert.Equal(alone.Complete, shared.Complete);
            Assert.Equal(alone.Breakdowns, shared.Breakdowns);
            foreach (var m in Enum.GetValues<Metric>())
            {
                Assert.Equal(alone.End[(int)m].Sum, shared.End[(int)m].Sum);
                Assert.Equal(alone.End[(int)m].Quantile(0.5), shared.End[(int)m].Quantile(0.5));
            }

            for (var q = 0; q < games[s].Horizon; q++) Assert.Equal(alone.GdpPath[q].Sum, shared.GdpPath[q].Sum);
        }
    }

    [Fact]
    public void A_group_refuses_draws_shorter_than_its_horizon()
    {
        var g = GameFixture.Shipped("relief-only");
        var group = new GameGroup(g);
        var events = new[] { new EventDraws(g.Horizon - 1) };
        events[0].Reset(new StreamRandom(5));
        Assert.Throws<ArgumentException>(() => NegotiationGame.PlayGroupOn(group, new TrajectoryDraw[1], events, 1));
        Assert.Equal(EconomyLanes.Width, group.Workspaces.Length);
    }
}
