using Statecraft.Documents;

namespace Statecraft.Scenarios;

/// <summary>
/// Reads one assumption: a number, or a mapping with <c>value:</c> or <c>distribution:</c> and its parameters,
/// optional <c>bounds</c>, description, unit and source. Shared by the scenario loader and the assumption-set
/// files, so a distribution is written, and checked, the same way in both.
/// </summary>
internal sealed class AssumptionReader(YamlReader read)
{
    /// <summary>The distributions a file may name, each with its parameters in the order they are written.</summary>
    public static readonly Dictionary<string, string[]> DistributionParameters = new(StringComparer.Ordinal)
    {
        ["normal"] = ["mean", "sd"],
        ["lognormal"] = ["meanlog", "sdlog"],
        ["beta"] = ["alpha", "beta"],
        ["uniform"] = ["low", "high"],
        ["triangular"] = ["low", "mode", "high"],
    };

    private DiagnosticBag Diagnostics => read.Diagnostics;

    public Assumption? Read(string name, YamlNode node, SourceLocation at)
    {
        var context = $"assumption '{name}'";
        if (node is YamlScalar)
        {
            var v = read.Number(node, $"{context}");
            return v is null ? null : new Assumption(name, new PointValue(v.Value), null, null, null, null, null, at);
        }

        if (node is not YamlMapping)
        {
            Diagnostics.Error(node.Location, $"{context} must be a number or a mapping (value: or distribution: with its parameters), not {node.ShapeName}");
            return null;
        }

        var m = read.Mapping(node, context, ScenarioLoader.AssumptionKeys);
        if (m is null)
        {
            return null;
        }

        var (lower, upper) = ReadBounds(m.Find("bounds")?.Value, context);
        Distribution? distribution = null;
        var hasValue = m.Find("value") is not null;
        var distEntry = m.Find("distribution");
        if (hasValue && distEntry is not null)
        {
            Diagnostics.Error(distEntry.Key.Location, $"{context} has both 'value' and 'distribution'; give one or the other");
        }
        else if (hasValue)
        {
            if (read.Number(m.Find("value")!.Value, $"{context} value") is { } v)
            {
                distribution = new PointValue(v);
            }

            foreach (var extra in m.Entries.Where(e => DistributionParameters.Values.Any(ps => ps.Contains(e.Key.Value))))
            {
                Diagnostics.Error(extra.Key.Location, $"'{extra.Key.Value}' is a distribution parameter, but {context} gives a point 'value'; add 'distribution' or remove it");
            }
        }
        else if (distEntry is null)
        {
            Diagnostics.Error(m.Location, $"{context} needs either 'value: NUMBER' or 'distribution: {string.Join("|", DistributionParameters.Keys)}' with its parameters");
        }
        else
        {
            distribution = ReadDistribution(m, distEntry, context);
        }

        if (distribution is not null)
        {
            CheckAgainstBounds(m, distribution, lower, upper, context);
        }

        string? Optional(string key) => m.Find(key) is { } e ? read.Text(e.Value, $"{context} {key}") : null;
        return distribution is null ? null
            : new Assumption(name, distribution, lower, upper, Optional("description"), Optional("unit"), Optional("source"), at);
    }

    private Distribution? ReadDistribution(YamlMapping m, YamlEntry distEntry, string context)
    {
        var kind = read.Text(distEntry.Value, $"{context} distribution");
        if (kind is null)
        {
            return null;
        }

        if (!DistributionParameters.TryGetValue(kind, out var parameters))
        {
            Diagnostics.Error(distEntry.Value.Location, NearestName.Unknown("distribution", kind, DistributionParameters.Keys));
            return null;
        }

        foreach (var e in m.Entries)
        {
            var isParameter = DistributionParameters.Values.Any(ps => ps.Contains(e.Key.Value)) || e.Key.Value == "value";
            if (isParameter && !parameters.Contains(e.Key.Value))
            {
                Diagnostics.Error(e.Key.Location, $"'{e.Key.Value}' does not apply to a {kind} distribution, which takes {string.Join(" and ", parameters)}");
            }
        }

        foreach (var p in parameters.Where(p => m.Find(p) is null))
        {
            Diagnostics.Error(m.Location, $"{context}: a {kind} distribution needs '{p}' (it takes {string.Join(" and ", parameters)})");
        }

        double? P(string key, double min = double.MinValue, double max = double.MaxValue) =>
            m.Find(key) is { } e ? read.Number(e.Value, $"{context} {key}", min, max) : null;
        const double Tiny = double.Epsilon;
        switch (kind)
        {
            case "normal":
                return P("mean") is { } mean && P("sd", Tiny) is { } sd ? new NormalDistribution(mean, sd) : null;
            case "lognormal":
                return P("meanlog") is { } ml && P("sdlog", Tiny) is { } sl ? new LognormalDistribution(ml, sl) : null;
            case "beta":
            {
                var (a, b) = (P("alpha", Tiny), P("beta", Tiny));
                return a is not null && b is not null ? new BetaDistribution(a.Value, b.Value) : null;
            }
            case "uniform":
            {
                if (P("low") is not { } low || P("high") is not { } high)
                {
                    return null;
                }

                if (low >= high)
                {
                    Diagnostics.Error(m.Find("high")!.Value.Location, $"{context}: uniform needs low < high (low is {low}, high is {high})");
                    return null;
                }

                return new UniformDistribution(low, high);
            }

            default:
            {
                if (P("low") is not { } low || P("mode") is not { } mode || P("high") is not { } high)
                {
                    return null;
                }

                if (!(low <= mode && mode <= high && low < high))
                {
                    Diagnostics.Error(m.Find("mode")!.Value.Location, $"{context}: triangular needs low <= mode <= high and low < high (got {low}, {mode}, {high})");
                    return null;
                }

                return new TriangularDistribution(low, mode, high);
            }
        }
    }

    private (double? Lower, double? Upper) ReadBounds(YamlNode? node, string context)
    {
        if (node is null)
        {
            return (null, null);
        }

        var items = read.List(node, $"{context} bounds");
        if (node is YamlSequence && items.Count != 2)
        {
            Diagnostics.Error(node.Location, $"{context} bounds must be a list of two numbers [low, high], not {items.Count} items");
            return (null, null);
        }

        if (items.Count != 2)
        {
            return (null, null);
        }

        var low = read.Number(items[0], $"{context} lower bound");
        var high = read.Number(items[1], $"{context} upper bound");
        if (low is not null && high is not null && low >= high)
        {
            Diagnostics.Error(node.Location, $"{context} bounds must have low < high (got [{low}, {high}])");
            return (null, null);
        }

        return (low, high);
    }

    private void CheckAgainstBounds(YamlMapping m, Distribution distribution, double? lower, double? upper, string context)
    {
        var lo = lower ?? double.NegativeInfinity;
        var hi = upper ?? double.PositiveInfinity;
        var at = m.Find("bounds")?.Value.Location ?? m.Location;
        if (distribution is PointValue p)
        {
            if (p.Value < lo || p.Value > hi)
            {
                Diagnostics.Error(m.Find("value")!.Value.Location, $"{context} value {p.Value} is outside its bounds [{lo}, {hi}]");
            }

            return;
        }

        var (sLow, sHigh) = distribution.Support;
        if (sHigh <= lo || sLow >= hi)
        {
            Diagnostics.Error(at, $"{context}: the {distribution.Name} distribution (from {sLow} to {sHigh}) puts no probability inside its bounds [{lo}, {hi}]");
        }
        else if (distribution.Central < lo || distribution.Central > hi)
        {
            Diagnostics.Warning(at, $"{context}: the {distribution.Name} distribution's centre {distribution.Central:G4} lies outside its bounds [{lo}, {hi}]; most draws will be cut off");
        }
    }
}
