using BenchmarkDotNet.Attributes;
using Statecraft.Economy;
using Statecraft.Scenarios;

namespace Statecraft.Bench;

/// <summary>
/// Speed of one trajectory of the economy model: <see cref="EconomyModel.Simulate"/> over the
/// calibrated Korea parameters and the compiled historical instruments from 2016Q1, with normal
/// weather. Everything is built in <see cref="Setup"/>; the measured call writes into one reused
/// <see cref="EconomyPath"/> and should allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class EconomyBenchmarks
{
    private EconomyParameters parameters = null!;
    private InstrumentPath instruments = null!;
    private Shocks shocks = null!;
    private EconomyPath path = null!;

    /// <summary>Quarters per trajectory: 32 is the 2016–2023 backcast span, 40 a 10-year roadmap.</summary>
    [Params(32, 40)]
    public int Quarters { get; set; }

    /// <summary>Builds the inputs and the path once per parameter value, outside the measurement.</summary>
    [GlobalSetup]
    public void Setup()
    {
        parameters = Calibration.Korea.Parameters;
        instruments = InstrumentCompiler.Compile(HistoricalTimeline.Korea(), new Quarter(2016, 1), Quarters);
        shocks = Shocks.None(Quarters);
        path = new EconomyPath(Quarters);
    }

    /// <summary>One trajectory of <see cref="Quarters"/> quarters; returns the last GDP index so the work is not dead code.</summary>
    [Benchmark]
    public double Simulate()
    {
        EconomyModel.Simulate(parameters, instruments, shocks, path);
        return path.GdpIndex[Quarters - 1];
    }
}
