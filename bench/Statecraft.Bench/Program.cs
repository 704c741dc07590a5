using BenchmarkDotNet.Running;

namespace Statecraft.Bench;

/// <summary>Entry point: <c>dotnet run -c Release --project bench/Statecraft.Bench -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen on the command line (BenchmarkDotNet's switches).</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
