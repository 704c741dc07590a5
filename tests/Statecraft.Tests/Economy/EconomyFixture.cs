using Statecraft.Economy;
using Statecraft.Scenarios;

namespace Statecraft.Tests.Economy;

/// <summary>Runs of the calibrated model over the historical timeline, for the economy tests.</summary>
internal static class EconomyFixture
{
    public static readonly Quarter Start = new(2016, 1);

    public static EconomyParameters Parameters => Calibration.Korea.Parameters;

    public static InstrumentPath History(int quarters) => InstrumentCompiler.Compile(HistoricalTimeline.Korea(), Start, quarters);

    public static EconomyPath Run(EconomyParameters parameters, InstrumentPath instruments, Shocks? shocks = null)
    {
        var path = new EconomyPath(instruments.Quarters);
        EconomyModel.Simulate(parameters, instruments, shocks ?? Shocks.None(instruments.Quarters), path);
        return path;
    }

    /// <summary>The historical timeline with one measure ended at <paramref name="relievedOn"/> (terminated or suspended).</summary>
    public static InstrumentPath HistoryWithRelief(int quarters, string measureId, DateOnly relievedOn)
    {
        var timeline = HistoricalTimeline.Korea();
        var measures = timeline.Measures.Select(m => m.Id == measureId ? m with { Ended = relievedOn } : m).ToArray();
        return InstrumentCompiler.Compile(timeline with { Measures = [.. measures] }, Start, quarters);
    }

    public static IEnumerable<ExportLine> Lines => Enum.GetValues<ExportLine>();
}
