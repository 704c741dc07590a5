using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Statecraft.Reports;

/// <summary>
/// Vega-Lite specifications of the report's charts, with their data inline (no URL: the report opens
/// offline). The chart library draws them; these only say which field goes on which channel.
/// </summary>
public static class ChartSpecs
{
    private const int PanelWidth = 260;
    private const int PanelHeight = 170;

    /// <summary>A fan chart: per strategy a panel with the 5th-95th and 25th-75th percentile bands and the median line.</summary>
    public static JsonObject Fan(IReadOnlyList<FanQuarter> rows, IReadOnlyList<string> strategies, string title, string axis)
    {
        var values = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
        {
            ["strategy"] = r.Strategy,
            ["quarter"] = r.Quarter,
            ["date"] = r.Date,
            ["p05"] = Number(r.P05),
            ["p25"] = Number(r.P25),
            ["p50"] = Number(r.P50),
            ["p75"] = Number(r.P75),
            ["p95"] = Number(r.P95),
        })]);
        JsonObject Band(string low, string high, double opacity) => new()
        {
            ["mark"] = new JsonObject { ["type"] = "area", ["opacity"] = opacity },
            ["encoding"] = new JsonObject
            {
                ["y"] = new JsonObject { ["field"] = low, ["type"] = "quantitative", ["title"] = axis, ["scale"] = new JsonObject { ["zero"] = false } },
                ["y2"] = new JsonObject { ["field"] = high },
                ["color"] = Colour(strategies),
            },
        };
        return new JsonObject
        {
            ["title"] = title,
            ["data"] = new JsonObject { ["values"] = values },
            ["facet"] = Panels(strategies),
            ["columns"] = 3,
            ["spec"] = new JsonObject
            {
                ["width"] = PanelWidth,
                ["height"] = PanelHeight,
                ["encoding"] = new JsonObject { ["x"] = QuarterAxis() },
                ["layer"] = new JsonArray(
                    Band("p05", "p95", 0.2),
                    Band("p25", "p75", 0.4),
                    new JsonObject
                    {
                        ["mark"] = new JsonObject { ["type"] = "line", ["strokeWidth"] = 2 },
                        ["encoding"] = new JsonObject
                        {
                            ["y"] = new JsonObject { ["field"] = "p50", ["type"] = "quantitative", ["title"] = axis },
                            ["color"] = Colour(strategies),
                            ["tooltip"] = new JsonArray(
                                Field("strategy", "nominal"), Field("quarter", "nominal"),
                                Field("p05", "quantitative", ".1f"), Field("p25", "quantitative", ".1f"), Field("p50", "quantitative", ".1f"),
                                Field("p75", "quantitative", ".1f"), Field("p95", "quantitative", ".1f")),
                        },
                    }),
            },
        };
    }

    /// <summary>Per strategy a panel with one line per step: the share of trajectories that have reached it by each quarter.</summary>
    public static JsonObject StepsReached(IReadOnlyList<StepReachedBy> rows, IReadOnlyList<string> strategies, IReadOnlyList<string> steps)
    {
        var values = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
        {
            ["strategy"] = r.Strategy,
            ["step"] = r.Step,
            ["quarter"] = r.Quarter,
            ["date"] = r.Date,
            ["p"] = Number(r.Probability),
        })]);
        return new JsonObject
        {
            ["title"] = "Probability that each step has been verified, by quarter",
            ["data"] = new JsonObject { ["values"] = values },
            ["facet"] = Panels(strategies),
            ["columns"] = 3,
            ["spec"] = new JsonObject
            {
                ["width"] = PanelWidth,
                ["height"] = PanelHeight,
                ["mark"] = new JsonObject { ["type"] = "line", ["interpolate"] = "step-after" },
                ["encoding"] = new JsonObject
                {
                    ["x"] = QuarterAxis(),
                    ["y"] = new JsonObject
                    {
                        ["field"] = "p", ["type"] = "quantitative", ["title"] = "P(verified by this quarter)",
                        ["scale"] = new JsonObject { ["domain"] = new JsonArray(0, 1) }, ["axis"] = new JsonObject { ["format"] = ".0%" },
                    },
                    ["color"] = new JsonObject
                    {
                        ["field"] = "step", ["type"] = "nominal", ["title"] = "step",
                        ["scale"] = new JsonObject { ["domain"] = new JsonArray([.. steps.Select(s => (JsonNode)s)]) },
                    },
                    ["tooltip"] = new JsonArray(Field("strategy", "nominal"), Field("step", "nominal"), Field("quarter", "nominal"), Field("p", "quantitative", ".1%")),
                },
            },
        };
    }

    /// <summary>Per outcome a row of intervals: each strategy's mean paired difference against the reference with its 95% interval, and a line at zero.</summary>
    public static JsonObject Comparison(IReadOnlyList<PairedOutcome> rows, IReadOnlyList<string> strategies, IReadOnlyList<string> outcomes)
    {
        var values = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
        {
            ["strategy"] = r.Strategy,
            ["reference"] = r.Reference,
            ["key"] = r.Outcome,
            ["outcome"] = r.Label,
            ["mean"] = Number(r.Mean),
            ["low"] = Number(r.Low),
            ["high"] = Number(r.High),
            ["n"] = r.N,
        })]);
        var y = new JsonObject
        {
            ["field"] = "strategy", ["type"] = "nominal", ["title"] = null,
            ["sort"] = new JsonArray([.. strategies.Select(s => (JsonNode)s)]),
            ["axis"] = new JsonObject { ["labelLimit"] = 320 },
        };
        return new JsonObject
        {
            ["title"] = "Paired differences against the reference: mean and 95% interval",
            ["data"] = new JsonObject { ["values"] = values },
            ["facet"] = new JsonObject
            {
                ["row"] = new JsonObject
                {
                    ["field"] = "outcome", ["type"] = "nominal", ["title"] = null,
                    ["sort"] = new JsonArray([.. outcomes.Select(o => (JsonNode)o)]),
                    ["header"] = new JsonObject { ["labelAngle"] = 0, ["labelAlign"] = "left", ["labelLimit"] = 260 },
                },
            },
            ["spec"] = new JsonObject
            {
                ["width"] = 420,
                ["layer"] = new JsonArray(
                    new JsonObject
                    {
                        ["mark"] = new JsonObject { ["type"] = "rule", ["color"] = "#888", ["strokeDash"] = new JsonArray(4, 3) },
                        ["encoding"] = new JsonObject { ["x"] = new JsonObject { ["datum"] = 0 } },
                    },
                    new JsonObject
                    {
                        ["mark"] = new JsonObject { ["type"] = "rule", ["strokeWidth"] = 2 },
                        ["encoding"] = new JsonObject
                        {
                            ["y"] = y.DeepClone(),
                            ["x"] = new JsonObject { ["field"] = "low", ["type"] = "quantitative", ["title"] = "difference against the reference" },
                            ["x2"] = new JsonObject { ["field"] = "high" },
                            ["color"] = Colour(strategies),
                        },
                    },
                    new JsonObject
                    {
                        ["mark"] = new JsonObject { ["type"] = "point", ["filled"] = true, ["size"] = 60 },
                        ["encoding"] = new JsonObject
                        {
                            ["y"] = y.DeepClone(),
                            ["x"] = new JsonObject { ["field"] = "mean", ["type"] = "quantitative" },
                            ["color"] = Colour(strategies),
                            ["tooltip"] = new JsonArray(
                                Field("strategy", "nominal"), Field("reference", "nominal"), Field("outcome", "nominal"),
                                Field("mean", "quantitative", ".4g"), Field("low", "quantitative", ".4g"), Field("high", "quantitative", ".4g"), Field("n", "quantitative")),
                        },
                    }),
            },
            // Outcomes have different units: each row gets its own horizontal scale.
            ["resolve"] = new JsonObject { ["scale"] = new JsonObject { ["x"] = "independent" } },
        };
    }

    private static JsonObject Panels(IReadOnlyList<string> strategies) => new()
    {
        ["field"] = "strategy",
        ["type"] = "nominal",
        ["title"] = null,
        ["sort"] = new JsonArray([.. strategies.Select(s => (JsonNode)s)]),
        // Scenario names run to 45 characters: let them use the panel's width.
        ["header"] = new JsonObject { ["labelLimit"] = PanelWidth + 20 },
    };

    /// <summary>Colours keyed to the strategies in their order, so a strategy has one colour in every chart.</summary>
    private static JsonObject Colour(IReadOnlyList<string> strategies) => new()
    {
        ["field"] = "strategy",
        ["type"] = "nominal",
        ["legend"] = null,
        ["scale"] = new JsonObject { ["domain"] = new JsonArray([.. strategies.Select(s => (JsonNode)s)]) },
    };

    /// <summary>Quarters on a time axis; the dates are calendar days, read as UTC so no time zone moves them.</summary>
    private static JsonObject QuarterAxis() => new()
    {
        ["field"] = "date",
        ["type"] = "temporal",
        ["timeUnit"] = "utcyearquarter",
        ["title"] = "quarter",
        ["axis"] = new JsonObject { ["format"] = "%Y", ["tickCount"] = "year" },
    };

    private static JsonObject Field(string name, string type, string? format = null)
    {
        var o = new JsonObject { ["field"] = name, ["type"] = type };
        if (format is not null) o["format"] = format;
        return o;
    }

    /// <summary>A number, or null where a quantile is undefined (JSON has no NaN).</summary>
    private static JsonNode? Number(double x) => double.IsFinite(x) ? JsonValue.Create(x) : null;

    /// <summary>The distinct values in order of first appearance.</summary>
    internal static ImmutableArray<string> InOrder(IEnumerable<string> values) => [.. values.Distinct()];
}
