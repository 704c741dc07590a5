using System.Collections.Immutable;
using System.Globalization;
using MathNet.Numerics.Distributions;
using Statecraft.Economy;
using Statecraft.Negotiation;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Analysis;

/// <summary>Where an uncertain factor is written down.</summary>
public enum FactorFamily
{
    /// <summary>An assumption of the scenario file, drawn per trajectory from its distribution.</summary>
    Scenario,

    /// <summary>A named assumption of the negotiation game (<see cref="GameAssumptions"/>), with a plausible range.</summary>
    Game,

    /// <summary>A named assumption of the economy model (<see cref="EconomyAssumptions"/>), with a plausible range.</summary>
    Economy,
}

/// <summary>
/// One uncertain input of a strategy's simulation, and how the analyses vary it. A scenario assumption's
/// tornado ends are the 5th and 95th percentiles of its distribution, cut to its bounds (the distribution
/// the simulation draws from); a game or economy assumption's are the ends of its plausible range. For
/// variance-based indices a scenario assumption keeps its distribution and a game or economy assumption is
/// read as uniform over its range, as the backcast's <c>--runs</c> draws them (docs/model.md, "Sensitivity").
/// </summary>
public sealed record Factor(
    string Name, FactorFamily Family, string Unit, double Base, double Low, double High, string Basis, int Index,
    Assumption? Assumption = null, GameAssumption? GameAssumption = null, EconomyAssumption? EconomyAssumption = null)
{
    /// <summary>The share of the distribution below the low end, and above the high end, of a scenario assumption's tornado bar.</summary>
    public const double TailShare = 0.05;

    /// <summary>The family's name in output.</summary>
    public string FamilyName => Family switch
    {
        FactorFamily.Scenario => "scenario",
        FactorFamily.Game => "game",
        _ => "economy",
    };

    /// <summary>The value at probability <paramref name="u"/> in (0, 1) of the factor's distribution (uniform over the range for game and economy assumptions).</summary>
    public double Quantile(double u) => Assumption is { } a ? Quantiles.Of(a, u) : Low + (u * (High - Low));

    /// <summary>Factor names for messages.</summary>
    public override string ToString() => $"{Name} ({FamilyName})";
}

/// <summary>Inverse distribution functions of the scenario format's distributions, cut to an assumption's bounds.</summary>
public static class Quantiles
{
    /// <summary>
    /// The <paramref name="p"/> quantile of <paramref name="a"/>'s distribution truncated to its bounds: the
    /// distribution <see cref="Simulation.Sampling.Draw(Assumption, StreamRandom)"/> draws from, since it redraws
    /// values outside the bounds.
    /// </summary>
    public static double Of(Assumption a, double p)
    {
        if (p is < 0 or > 1 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(p), p, "a probability");
        var d = a.Distribution;
        if (d is PointValue point) return point.Value;
        var (supportLow, supportHigh) = d.Support;
        var lo = Math.Max(a.LowerBound ?? double.NegativeInfinity, supportLow);
        var hi = Math.Min(a.UpperBound ?? double.PositiveInfinity, supportHigh);
        var flo = double.IsNegativeInfinity(lo) ? 0.0 : Cdf(d, lo);
        var fhi = double.IsPositiveInfinity(hi) ? 1.0 : Cdf(d, hi);
        var x = Inverse(d, flo + (p * (fhi - flo)));
        return Math.Clamp(x, lo, hi);
    }

    private static double Cdf(Distribution d, double x) => d switch
    {
        NormalDistribution n => Normal.CDF(n.Mean, n.Sd, x),
        LognormalDistribution l => x <= 0 ? 0 : LogNormal.CDF(l.MeanLog, l.SdLog, x),
        BetaDistribution b => x <= 0 ? 0 : x >= 1 ? 1 : Beta.CDF(b.Alpha, b.Beta, x),
        UniformDistribution u => x <= u.Low ? 0 : x >= u.High ? 1 : (x - u.Low) / (u.High - u.Low),
        TriangularDistribution t => x <= t.Low ? 0 : x >= t.High ? 1 : Triangular.CDF(t.Low, t.High, t.Mode, x),
        _ => throw new ArgumentOutOfRangeException(nameof(d), d, "unknown distribution"),
    };

    private static double Inverse(Distribution d, double p)
    {
        p = Math.Clamp(p, 0, 1);
        return d switch
        {
            NormalDistribution n => p <= 0 ? double.NegativeInfinity : p >= 1 ? double.PositiveInfinity : Normal.InvCDF(n.Mean, n.Sd, p),
            LognormalDistribution l => p <= 0 ? 0 : p >= 1 ? double.PositiveInfinity : LogNormal.InvCDF(l.MeanLog, l.SdLog, p),
            BetaDistribution b => p <= 0 ? 0 : p >= 1 ? 1 : Beta.InvCDF(b.Alpha, b.Beta, p),
            UniformDistribution u => u.Low + (p * (u.High - u.Low)),
            TriangularDistribution t => Triangular.InvCDF(t.Low, t.High, t.Mode, p),
            _ => throw new ArgumentOutOfRangeException(nameof(d), d, "unknown distribution"),
        };
    }
}

/// <summary>
/// A strategy and its uncertain factors: the scenario's own uncertain assumptions, then the game's and the
/// economy's named assumptions whose plausible range is not a single point. Builds the <see cref="Variant"/>
/// that holds chosen factors at chosen values and leaves the rest as the scenario has them.
/// </summary>
public sealed class FactorSpace
{
    private readonly Catalog catalog;
    private readonly GameParameters game;

    public FactorSpace(Scenario scenario, GameParameters? game = null, Catalog? catalog = null, IEnumerable<FactorFamily>? families = null)
    {
        Scenario = scenario;
        this.catalog = catalog ?? Catalog.Korea;
        this.game = game ?? GameAssumptions.Defaults;
        BaseGame = GameCompiler.Compile(scenario, this.catalog, null, this.game);
        var wanted = (families ?? Enum.GetValues<FactorFamily>()).ToHashSet();
        var list = new List<Factor>();
        if (wanted.Contains(FactorFamily.Scenario))
        {
            for (var i = 0; i < scenario.Assumptions.Length; i++)
            {
                var a = scenario.Assumptions[i];
                if (a.Distribution is PointValue) continue;
                var low = Quantiles.Of(a, Factor.TailShare);
                var high = Quantiles.Of(a, 1 - Factor.TailShare);
                if (!(high > low)) continue;
                list.Add(new Factor(a.Name, FactorFamily.Scenario, a.Unit ?? "", a.Distribution.Central, low, high,
                    a.Source ?? a.Description ?? "the scenario file", list.Count, Assumption: a));
            }
        }

        if (wanted.Contains(FactorFamily.Game))
        {
            foreach (var g in GameAssumptions.All)
            {
                if (!(g.High > g.Low)) continue;
                list.Add(new Factor(g.Name, FactorFamily.Game, g.Unit, g.Get(this.game), g.Low, g.High, g.Basis, list.Count, GameAssumption: g));
            }
        }

        if (wanted.Contains(FactorFamily.Economy))
        {
            foreach (var e in EconomyAssumptions.All)
            {
                if (!(e.High > e.Low)) continue;
                list.Add(new Factor(e.Name, FactorFamily.Economy, e.Unit, e.Default, e.Low, e.High, e.Basis, list.Count, EconomyAssumption: e));
            }
        }

        Factors = [.. list];
    }

    public Scenario Scenario { get; }

    /// <summary>The strategy as written, compiled once.</summary>
    public CompiledGame BaseGame { get; }

    public ImmutableArray<Factor> Factors { get; }

    /// <summary>The factor called <paramref name="name"/>, or null.</summary>
    public Factor? Find(string name) => Factors.FirstOrDefault(f => f.Name == name);

    /// <summary>The strategy with <paramref name="factors"/> held at <paramref name="values"/> (safe to call from several threads).</summary>
    public Variant At(ReadOnlySpan<Factor> factors, ReadOnlySpan<double> values)
    {
        if (factors.Length != values.Length) throw new ArgumentException("one value per factor");
        var fixedValues = ImmutableArray.CreateBuilder<(int, double)>();
        var g = game;
        List<(EconomyAssumption, double)>? economy = null;
        for (var i = 0; i < factors.Length; i++)
        {
            var f = factors[i];
            var v = values[i];
            if (!double.IsFinite(v)) throw new ArgumentException($"{f.Name}: value {v.ToString(CultureInfo.InvariantCulture)} is not finite");
            switch (f.Family)
            {
                case FactorFamily.Scenario:
                    fixedValues.Add((Scenario.Assumptions.IndexOf(f.Assumption!), v));
                    break;
                case FactorFamily.Game:
                    g = f.GameAssumption!.Set(g, v);
                    break;
                default:
                    (economy ??= []).Add((f.EconomyAssumption!, v));
                    break;
            }
        }

        if (ReferenceEquals(g, game) && economy is null) return new Variant(BaseGame, fixedValues.ToImmutable());
        CalibrationResult? calibration = null;
        if (economy is not null)
        {
            // The economy is recalibrated with the changed assumptions, as the backcast does for each of its runs:
            // the calibrated parameters depend on them. The others keep their defaults.
            calibration = Calibration.Run(Data.Dataset.Korea, catalog, p => economy.Aggregate(EconomyAssumptions.ApplyDefaults(p), (acc, x) => x.Item1.Set(acc, x.Item2)));
        }

        return new Variant(GameCompiler.Compile(Scenario, catalog, calibration, g), fixedValues.ToImmutable());
    }

    /// <summary>The strategy with one factor held at one value.</summary>
    public Variant At(Factor factor, double value) => At([factor], [value]);
}
