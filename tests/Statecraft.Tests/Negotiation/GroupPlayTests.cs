using Statecraft.Economy;
using Statecraft.Negotiation;
using Statecraft.Simulation;

namespace Statecraft.Tests.Negotiation;

/// <summary>
/// Trajectories played together (<see cref="NegotiationGame.PlayGroup"/>, what the Monte Carlo runs) give each
/// trajectory exactly what it gets played alone (<see cref="NegotiationGame.Play"/>, what <c>--trace</c> shows),
/// whatever group it lands in and however full the group is.
/// </summary>
public sealed class GroupPlayTests
{
    [Theory]
    [InlineData("maximum-pressure")]
    [InlineData("relief-only")]
    [InlineData("delury-engagement")]
    [InlineData("cnas-conditional-development")]
    [InlineData("kaesong-quick-hit")]
    [InlineData("pyongyang-declaration-2018")]
    public void A_trajectory_played_in_a_group_is_the_trajectory_played_alone(string name)
    {
        var g = GameFixture.Shipped(name);
        var group = new GameGroup(g);
        var alone = new GameWorkspace(g);
        var width = EconomyLanes.Width;
        var draws = new TrajectoryDraw[width];
        var streams = new StreamRandom[width];
        // Groups of every size, starting at different trajectories, so each index meets several lanes.
        long first = 0;
        for (var round = 0; round < 12; round++)
        {
            var count = 1 + (round % width);
            for (var k = 0; k < count; k++)
            {
                var stream = MonteCarlo.TrajectoryStream(9, first + k);
                draws[k] = MonteCarlo.Draw(g, stream, group.Workspaces[k]);
                streams[k] = MonteCarlo.GameStream(stream);
            }

            NegotiationGame.PlayGroup(group, draws, streams, count);
            for (var k = 0; k < count; k++)
            {
                var stream = MonteCarlo.TrajectoryStream(9, first + k);
                var draw = MonteCarlo.Draw(g, stream, alone);
                NegotiationGame.Play(g, draw, MonteCarlo.GameStream(stream), alone);
                var a = alone.Outcome;
                var b = group.Workspaces[k].Outcome;
                Assert.Equal(a.GdpPath, b.GdpPath);
                Assert.Equal(a.HouseholdIncomePath, b.HouseholdIncomePath);
                Assert.Equal(a.StepPath, b.StepPath);
                Assert.Equal(a.StepQuarter, b.StepQuarter);
                Assert.Equal(a.BreakdownQuarter, b.BreakdownQuarter);
                Assert.Equal(a.Cause, b.Cause);
                Assert.Equal((a.FormalBreakdownQuarter, a.StallQuarter, a.TalksStartQuarter), (b.FormalBreakdownQuarter, b.StallQuarter, b.TalksStartQuarter));
                Assert.Equal((a.HouseholdGainMusd, a.RegimeGainMusd), (b.HouseholdGainMusd, b.RegimeGainMusd));
                Assert.Equal(a.Delivered, b.Delivered);
                Assert.Equal(a.Cheated, b.Cheated);
                Assert.Equal(
                    new[] { a.GdpIndex, a.HouseholdIncomeIndex, a.RegimeRevenueBusd, a.ChinaSharePct, a.Inclusiveness, a.ReformIndex, a.LeveragePct },
                    new[] { b.GdpIndex, b.HouseholdIncomeIndex, b.RegimeRevenueBusd, b.ChinaSharePct, b.Inclusiveness, b.ReformIndex, b.LeveragePct });
            }

            first += count + 3;
        }
    }

    [Fact]
    public void A_group_refuses_more_trajectories_than_it_has_lanes()
    {
        var g = GameFixture.Shipped("relief-only");
        var group = new GameGroup(g);
        var width = EconomyLanes.Width;
        Assert.Throws<ArgumentOutOfRangeException>(() => NegotiationGame.PlayGroup(group, new TrajectoryDraw[width + 1], new StreamRandom[width + 1], width + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NegotiationGame.PlayGroup(group, new TrajectoryDraw[width], new StreamRandom[width], 0));
    }
}
