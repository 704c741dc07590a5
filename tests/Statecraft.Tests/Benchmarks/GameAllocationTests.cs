using Statecraft.Negotiation;
using Statecraft.Simulation;
using Statecraft.Tests.Negotiation;

namespace Statecraft.Tests.Benchmarks;

/// <summary>The game's hot loop allocates nothing on a reused workspace (DESIGN.md §4); not a timing test.</summary>
public sealed class GameAllocationTests
{
    [Theory]
    [InlineData("cnas-conditional-development")]
    [InlineData("pyongyang-declaration-2018")]
    public void Playing_a_trajectory_on_a_reused_workspace_allocates_nothing(string name)
    {
        var g = GameFixture.Shipped(name);
        var w = new GameWorkspace(g);
        for (var k = 0; k < 20; k++) Play(g, w, k);

        Assert.Equal(0, LeastOfThree(window => { for (var k = 20 + (200 * window); k < 220 + (200 * window); k++) Play(g, w, k); }));
    }

    /// <summary>
    /// The fewest bytes allocated on this thread by any of up to three windows of play (stopping at the first
    /// that allocates nothing). While other tests keep both cores busy, the runtime sometimes finishes compiling
    /// a method on this thread in the middle of a window and allocates a little for it, once; an allocation in
    /// the game itself would show in every window.
    /// </summary>
    private static long LeastOfThree(Action<int> window)
    {
        var least = long.MaxValue;
        for (var k = 0; k < 3 && least > 0; k++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            window(k);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }

    [Theory]
    [InlineData("delury-engagement")]
    [InlineData("kaesong-quick-hit")]
    public void Playing_a_group_on_reused_workspaces_allocates_nothing(string name)
    {
        var g = GameFixture.Shipped(name);
        var group = new GameGroup(g);
        var width = Statecraft.Economy.EconomyLanes.Width;
        var draws = new TrajectoryDraw[width];
        var streams = new StreamRandom[width];
        void PlayGroup(long first)
        {
            for (var k = 0; k < width; k++)
            {
                var stream = MonteCarlo.TrajectoryStream(3, first + k);
                draws[k] = MonteCarlo.Draw(g, stream, group.Workspaces[k]);
                streams[k] = MonteCarlo.GameStream(stream);
            }

            NegotiationGame.PlayGroup(group, draws, streams, width);
        }

        for (var k = 0; k < 10; k++) PlayGroup(k * width);
        Assert.Equal(0, LeastOfThree(window => { for (var k = 10 + (50 * window); k < 60 + (50 * window); k++) PlayGroup(k * width); }));
    }

    [Fact]
    public void A_reused_workspace_gives_the_same_trajectory_as_a_fresh_one()
    {
        var g = GameFixture.Shipped("delury-engagement");
        var reused = new GameWorkspace(g);
        for (var k = 0; k < 50; k++) Play(g, reused, k);
        for (var k = 50; k < 80; k++)
        {
            var fresh = new GameWorkspace(g);
            Play(g, fresh, k);
            Play(g, reused, k);
            Assert.Equal(fresh.Outcome.GdpPath, reused.Outcome.GdpPath);
            Assert.Equal(fresh.Outcome.StepQuarter, reused.Outcome.StepQuarter);
            Assert.Equal(fresh.Outcome.BreakdownQuarter, reused.Outcome.BreakdownQuarter);
            Assert.Equal(fresh.Outcome.RegimeRevenueBusd, reused.Outcome.RegimeRevenueBusd);
        }
    }

    private static void Play(CompiledGame g, GameWorkspace w, long k)
    {
        var stream = MonteCarlo.TrajectoryStream(3, k);
        var draw = MonteCarlo.Draw(g, stream, w);
        NegotiationGame.Play(g, draw, MonteCarlo.GameStream(stream), w);
    }
}
