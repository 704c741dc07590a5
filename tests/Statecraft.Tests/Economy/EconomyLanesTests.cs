using Statecraft.Economy;

namespace Statecraft.Tests.Economy;

/// <summary>
/// The vector economy (<see cref="EconomyLanes"/>) against the scalar step it restates: on random instruments,
/// shocks and starting states every lane follows <see cref="EconomyModel.Step(EconomyParameters, InstrumentPath, Shocks, EconomyPath, int, ref EconomyState)"/>
/// to within the rounding of the vector library's exponentials and logarithms, and a lane's numbers never depend on
/// what the other lanes hold.
/// </summary>
public sealed class EconomyLanesTests
{
    private const int Quarters = 40;
    private static readonly int Width = EconomyLanes.Width;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_lane_follows_the_scalar_step(int seed)
    {
        var random = new Random(seed);
        var p = Draws.Parameters(random);
        var lanes = Enumerable.Range(0, Width).Select(_ => RandomTrajectory(random, p)).ToArray();
        var economy = new EconomyLanes([.. lanes.Select(l => l.Instruments)], [.. lanes.Select(l => l.Shocks)], [.. lanes.Select(l => l.Path)]);
        for (var k = 0; k < Width; k++) economy.Reset(k, lanes[k].Start, lanes[k].Openness);
        for (var q = 0; q < Quarters; q++)
        {
            var ordinal = lanes[0].Instruments.FirstQuarterOrdinal + q;
            economy.Step(p, q, EconomyModel.Trend(p, ordinal), EconomyModel.Population(p, ordinal));
        }

        // The draws reach both sides of the branches that differ between lanes: rationing and surplus, shortages and full inputs.
        var all = lanes.SelectMany(l => l.Path.ImportRationing).ToArray();
        Assert.Contains(all, r => r < 1.0);
        Assert.Contains(all, r => r == 1.0);
        Assert.Contains(lanes.SelectMany(l => l.Path.InputIndex), x => x < 1.0);

        foreach (var lane in lanes)
        {
            var scalar = new EconomyPath(Quarters);
            lane.Openness.CopyTo(scalar.Openness, 0);
            var state = lane.Start;
            for (var q = 0; q < Quarters; q++) EconomyModel.Step(p, lane.Instruments, lane.Shocks, scalar, q, ref state);
            foreach (var (name, vector, reference) in Series(lane.Path, scalar))
            {
                for (var i = 0; i < reference.Length; i++)
                    Assert.True(Close(vector[i], reference[i]), $"{name}[{i}]: lanes {vector[i]:R}, scalar {reference[i]:R}");
            }
        }
    }

    [Fact]
    public void A_lane_does_not_depend_on_the_other_lanes()
    {
        var random = new Random(11);
        var p = Draws.Parameters(random);
        var tracked = RandomTrajectory(random, p);

        // The same trajectory in lane 0 beside two different sets of neighbours, and in the last lane.
        var runs = new List<double[]>();
        foreach (var place in new[] { 0, 0, Width - 1 })
        {
            var lanes = Enumerable.Range(0, Width).Select(k => k == place ? tracked.WithFreshPath() : RandomTrajectory(random, p)).ToArray();
            var economy = new EconomyLanes([.. lanes.Select(l => l.Instruments)], [.. lanes.Select(l => l.Shocks)], [.. lanes.Select(l => l.Path)]);
            for (var k = 0; k < Width; k++) economy.Reset(k, lanes[k].Start, lanes[k].Openness);
            for (var q = 0; q < Quarters; q++)
            {
                var ordinal = tracked.Instruments.FirstQuarterOrdinal + q;
                economy.Step(p, q, EconomyModel.Trend(p, ordinal), EconomyModel.Population(p, ordinal));
            }

            runs.Add([.. lanes[place].Path.GdpIndex, .. lanes[place].Path.HouseholdIncomeIndex, .. lanes[place].Path.ReservesMusd, economy.Reform(place)]);
        }

        Assert.Equal(runs[0], runs[1]);
        Assert.Equal(runs[0], runs[2]);
    }

    [Fact]
    public void Single_trajectory_lanes_give_the_grouped_numbers()
    {
        var random = new Random(5);
        var p = Draws.Parameters(random);
        var lanes = Enumerable.Range(0, Width).Select(_ => RandomTrajectory(random, p)).ToArray();
        var grouped = new EconomyLanes([.. lanes.Select(l => l.Instruments)], [.. lanes.Select(l => l.Shocks)], [.. lanes.Select(l => l.Path)]);
        for (var k = 0; k < Width; k++) grouped.Reset(k, lanes[k].Start, lanes[k].Openness);
        var alone = lanes[2].WithFreshPath();
        var single = new EconomyLanes(alone.Instruments, alone.Shocks, alone.Path);
        single.Reset(null, alone.Start, alone.Openness);
        for (var q = 0; q < Quarters; q++)
        {
            var ordinal = alone.Instruments.FirstQuarterOrdinal + q;
            grouped.Step(p, q, EconomyModel.Trend(p, ordinal), EconomyModel.Population(p, ordinal));
            single.Step(p, q, EconomyModel.Trend(p, ordinal), EconomyModel.Population(p, ordinal));
        }

        Assert.Equal(lanes[2].Path.GdpIndex, alone.Path.GdpIndex);
        Assert.Equal(lanes[2].Path.ImportRationing, alone.Path.ImportRationing);
        Assert.Equal(grouped.State(2), single.State(0));
    }

    [Fact]
    public void Steps_outside_the_instruments_are_refused()
    {
        var random = new Random(3);
        var p = Draws.Parameters(random);
        var t = RandomTrajectory(random, p);
        var economy = new EconomyLanes(t.Instruments, t.Shocks, t.Path);
        Assert.Throws<ArgumentOutOfRangeException>(() => economy.Step(p, Quarters, 1.0, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => economy.Step(p, -1, 1.0, 1.0));
    }

    private static bool Close(double a, double b) => a == b || Math.Abs(a - b) <= 1e-9 * Math.Max(1.0, Math.Max(Math.Abs(a), Math.Abs(b)));

    private static IEnumerable<(string Name, double[] Lanes, double[] Scalar)> Series(EconomyPath a, EconomyPath b)
    {
        yield return ("GdpIndex", a.GdpIndex, b.GdpIndex);
        yield return ("SectorOutput", a.SectorOutput, b.SectorOutput);
        yield return ("Exports", a.Exports, b.Exports);
        yield return ("Imports", a.Imports, b.Imports);
        yield return ("RecordedExportsMusd", a.RecordedExportsMusd, b.RecordedExportsMusd);
        yield return ("RecordedImportsMusd", a.RecordedImportsMusd, b.RecordedImportsMusd);
        yield return ("ChinaTradeMusd", a.ChinaTradeMusd, b.ChinaTradeMusd);
        yield return ("ForeignExchangeIncomeMusd", a.ForeignExchangeIncomeMusd, b.ForeignExchangeIncomeMusd);
        yield return ("OffBookMusd", a.OffBookMusd, b.OffBookMusd);
        yield return ("ReservesMusd", a.ReservesMusd, b.ReservesMusd);
        yield return ("ImportRationing", a.ImportRationing, b.ImportRationing);
        yield return ("InputIndex", a.InputIndex, b.InputIndex);
        yield return ("Capital", a.Capital, b.Capital);
        yield return ("RegimeRevenueMusd", a.RegimeRevenueMusd, b.RegimeRevenueMusd);
        yield return ("HouseholdIncomeMusd", a.HouseholdIncomeMusd, b.HouseholdIncomeMusd);
        yield return ("HouseholdIncomeIndex", a.HouseholdIncomeIndex, b.HouseholdIncomeIndex);
        yield return ("ReformIndex", a.ReformIndex, b.ReformIndex);
    }

    /// <summary>
    /// Instruments anywhere in their ranges (bites and enforcement from 0 to 1, some quarters closed, development
    /// instruments on and off), yearly harvest shocks and a starting state off the calibration base, so that every
    /// branch of the step (ramps, rationing or surplus, stock-outs, sourcing) is met.
    /// </summary>
    private static Trajectory RandomTrajectory(Random random, EconomyParameters p)
    {
        var instruments = new InstrumentPath(EconomyModel.BaseOrdinal + 8, Quarters);
        double U() => random.NextDouble();
        for (var q = 0; q < Quarters; q++)
        {
            var tight = U() < 0.5;
            for (var i = 0; i < Exposure.Lines * Exposure.Partners; i++) instruments.LineBite[(q * Exposure.Lines * Exposure.Partners) + i] = tight ? U() : 0.2 * U();
            for (var c = 0; c < Exposure.Categories; c++) instruments.ImportBite[(q * Exposure.Categories) + c] = tight ? U() : 0.1 * U();
            for (var r = 0; r < Exposure.Partners; r++)
            {
                instruments.Enforcement[(q * Exposure.Partners) + r] = U();
                instruments.ZoneWagesMusd[(q * Exposure.Partners) + r] = U() < 0.3 ? 50 * U() : 0.0;
            }

            instruments.BorderClosure[q] = U() < 0.2 ? U() : 0.0;
            instruments.TechnicalAssistance[q] = U() < 0.5 ? U() : 0.0;
            instruments.AccessionMilestone[q] = U() < 0.1 ? 0.05 : 0.0;
            instruments.DirectHire[q] = U() < 0.3 ? U() : 0.0;
            instruments.DomesticSourcing[q] = U() < 0.3 ? U() : 0.0;
            instruments.ExtraAidMusd[q] = U() < 0.3 ? 200 * U() : 0.0;
        }

        var shocks = new Shocks(Quarters);
        for (var q = 0; q < Quarters; q++) shocks.Weather[q] = 0.08 * ((2 * U()) - 1);
        var openness = Enumerable.Range(0, Exposure.Lines * Exposure.Partners).Select(_ => U()).ToArray();
        var start = new EconomyState(0.6 + (0.4 * U()), 0.3 * U(), 0.8 + (0.3 * U()), 0.2 * U(), p.ReservesMusd * (0.5 + U()), U() < 0.8);
        return new Trajectory(instruments, shocks, new EconomyPath(Quarters), start, openness);
    }

    private sealed record Trajectory(InstrumentPath Instruments, Shocks Shocks, EconomyPath Path, EconomyState Start, double[] Openness)
    {
        public Trajectory WithFreshPath() => this with { Path = new EconomyPath(Quarters) };
    }
}
