using Statecraft.Economy;

namespace Statecraft.Tests.Economy;

/// <summary>Parameter draws: every named assumption uniform within its range, on the calibrated structure.</summary>
internal static class Draws
{
    public static EconomyParameters Parameters(Random random) =>
        EconomyAssumptions.All.Aggregate(Calibration.Korea.Parameters,
            (p, a) => a.Set(p, a.Low + (random.NextDouble() * (a.High - a.Low))));
}
