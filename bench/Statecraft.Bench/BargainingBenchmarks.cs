using BenchmarkDotNet.Attributes;
using Statecraft.Bargaining;

namespace Statecraft.Bench;

/// <summary>
/// In-process time of one run of each bargaining model on its reference input: the EUM on the
/// Scholz et al. example actors (10 rounds), the SMP on KTAB's dummyData_3Dim and SOE-Pol-Comp.
/// Reading the table happens in <see cref="Setup"/>, outside the measurement. Each model is measured
/// twice: recording every round or turn (what the command prints) and keeping only the result.
/// </summary>
[MemoryDiagnoser]
public class BargainingBenchmarks
{
    private EumTable eumExample = null!;
    private SmpTable dummy3Dim = null!;
    private SmpTable soePolComp = null!;

    /// <summary>Reads the shipped reference inputs once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        eumExample = Load(EumTable.Parse, "eum-example");
        dummy3Dim = Load(SmpTable.Parse, "ktab-dummy-3dim");
        soePolComp = Load(SmpTable.Parse, "ktab-soe-pol-comp");
    }

    /// <summary>EUM, example actors, 10 rounds, every round recorded (the reference Python takes about 3.7 s).</summary>
    [Benchmark]
    public int EumExampleRun() => ExpectedUtilityModel.Run(eumExample, 10).Rounds.Count;

    /// <summary>EUM, example actors, 10 rounds, only the means kept.</summary>
    [Benchmark]
    public double EumExampleMeans() => ExpectedUtilityModel.Means(eumExample, 10)[10];

    /// <summary>SMP, dummyData_3Dim, every state recorded (KTAB smpc --logmin: median 0.094 s whole process).</summary>
    [Benchmark]
    public int SmpDummy3DimRun() => SpatialModel.Run(dummy3Dim).States.Count;

    /// <summary>SMP, dummyData_3Dim, final positions only.</summary>
    [Benchmark]
    public int SmpDummy3DimFinal() => SpatialModel.Final(dummy3Dim).Turns;

    /// <summary>SMP, SOE-Pol-Comp, every state recorded (KTAB smpc --logmin: median 0.87 s whole process).</summary>
    [Benchmark]
    public int SmpSoePolCompRun() => SpatialModel.Run(soePolComp).States.Count;

    /// <summary>SMP, SOE-Pol-Comp, final positions only.</summary>
    [Benchmark]
    public int SmpSoePolCompFinal() => SpatialModel.Final(soePolComp).Turns;

    private static T Load<T>(Func<string, string, BargainingLoad<T>> parse, string name)
        where T : class
    {
        var shipped = ShippedTables.Find(name) ?? throw new InvalidOperationException($"no shipped table '{name}'");
        return parse(shipped.Text, shipped.Path).Table ?? throw new InvalidOperationException($"shipped table '{name}' does not load");
    }
}
