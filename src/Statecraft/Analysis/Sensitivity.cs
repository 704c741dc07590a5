using System.Collections.Immutable;

namespace Statecraft.Analysis;

/// <summary>Which analysis <c>statecraft sensitivity</c> runs.</summary>
public enum SensitivityMethod
{
    /// <summary>One factor at a time, at the ends of its range.</summary>
    Tornado,

    /// <summary>Variance-based first-order and total indices (after a tornado that screens the factors).</summary>
    Sobol,
}

/// <summary>What a sensitivity analysis of one strategy found.</summary>
/// <param name="Scenario">The strategy's name.</param>
/// <param name="Path">The file it came from.</param>
/// <param name="Method">The method asked for.</param>
/// <param name="Set">The game assumptions changed for the run (<c>--set</c>), as NAME=VALUE.</param>
/// <param name="FactorsConsidered">Every uncertain factor of the strategy in the families asked for.</param>
/// <param name="Tornado">The one-at-a-time analysis (always run: with Sobol it screens the factors).</param>
/// <param name="Sobol">The variance-based analysis, when asked for.</param>
/// <param name="Screened">With Sobol: whether its factors were picked by the tornado's ranking (true) or named by the user.</param>
public sealed record SensitivityResult(
    string Scenario, string Path, SensitivityMethod Method, ImmutableArray<string> Set, int FactorsConsidered,
    TornadoResult Tornado, SobolResult? Sobol, bool Screened);
