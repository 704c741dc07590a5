using Statecraft.Economy;
using Statecraft.Scenarios;

namespace Statecraft.Tests.Benchmarks;

/// <summary>
/// Invariants behind bench/Statecraft.Bench (docs/performance.md): <see cref="EconomyModel.Simulate"/>
/// allocates nothing on a reused path, and reusing a path gives the same trajectory as a fresh one.
/// These are not timing tests.
/// </summary>
public sealed class SimulateAllocationTests
{
    private const int Quarters = 40;

    private static InstrumentPath Historical() =>
        InstrumentCompiler.Compile(HistoricalTimeline.Korea(), new Quarter(2016, 1), Quarters);

    [Fact]
    public void Simulate_on_a_reused_path_allocates_nothing_after_a_warm_up()
    {
        var parameters = Calibration.Korea.Parameters;
        var instruments = Historical();
        var shocks = Shocks.None(Quarters);
        var path = new EconomyPath(Quarters);

        EconomyModel.Simulate(parameters, instruments, shocks, path);

        var before = GC.GetAllocatedBytesForCurrentThread();
        EconomyModel.Simulate(parameters, instruments, shocks, path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_reused_path_gives_the_same_trajectory_as_a_fresh_one()
    {
        var parameters = Calibration.Korea.Parameters;
        var instruments = Historical();
        var shocks = Shocks.Draw(Quarters, 0.05, new Random(7));
        var reused = new EconomyPath(Quarters);
        EconomyModel.Simulate(parameters, instruments, Shocks.None(Quarters), reused);
        EconomyModel.Simulate(parameters, instruments, shocks, reused);

        var fresh = new EconomyPath(Quarters);
        EconomyModel.Simulate(parameters, instruments, shocks, fresh);

        Assert.Equal(fresh.GdpIndex, reused.GdpIndex);
        Assert.Equal(fresh.ReservesMusd, reused.ReservesMusd);
        Assert.Equal(fresh.HouseholdIncomeIndex, reused.HouseholdIncomeIndex);
    }
}
