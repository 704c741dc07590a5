using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using Statecraft.Analysis;

namespace Statecraft.Reports;

/// <summary>
/// Vega-Lite specifications of a sensitivity analysis, data inline as in <see cref="ChartSpecs"/>: per outcome a
/// tornado of the widest bars, and with Sobol the first-order and total indices with their intervals. The
/// sensitivity report and the web page (GET /api/jobs/ID/charts of a sensitivity job) draw the same specs.
/// </summary>
public static class SensitivityCharts
{
    /// <summary>Bars a tornado chart shows: more than this is unreadable on a page, and the tables list the rest.</summary>
    public const int TornadoRows = 15;

    /// <summary>The names the two ends of a factor's range go by in the charts' data and legend.</summary>
    public const string LowEnd = "low end", HighEnd = "high end";

    /// <summary>The names of the two indices in the Sobol charts' data and legend.</summary>
    public const string FirstOrder = "first order", Total = "total";

    // Two colours that stay apart for the common colour-vision deficiencies (Vega's tableau10 blue and orange).
    private const string LowColour = "#4c78a8", HighColour = "#f58518";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Every chart, in page order: a tornado per outcome, then with Sobol a chart of indices per outcome.</summary>
    public static ImmutableArray<ReportChart> Charts(SensitivityResult r)
    {
        var t = r.Tornado;
        var charts = ImmutableArray.CreateBuilder<ReportChart>();
        for (var k = 0; k < t.Outcomes.Length; k++)
            charts.Add(new ReportChart(TornadoId(t.Outcomes[k]), $"Tornado: {Outcomes.Name(t.Outcomes[k])}", Tornado(t, k)));
        if (r.Sobol is { } s)
        {
            foreach (var d in s.ByOutcome)
                charts.Add(new ReportChart(SobolId(d.Outcome), $"Sobol indices: {Outcomes.Name(d.Outcome)}", Sobol(s, d)));
        }

        return charts.ToImmutable();
    }

    /// <summary>The charts as a JSON array of <c>{"id", "title", "spec"}</c>, as <see cref="HtmlReport.ChartsJson"/> gives a simulation's.</summary>
    public static JsonArray ChartsJson(SensitivityResult r) =>
        new([.. Charts(r).Select(c => (JsonNode)new JsonObject { ["id"] = c.Id, ["title"] = c.Title, ["spec"] = c.Spec.DeepClone() })]);

    public static string TornadoId(Outcome o) => "tornado-" + Outcomes.Name(o).Replace('_', '-');

    public static string SobolId(Outcome o) => "sobol-" + Outcomes.Name(o).Replace('_', '-');

    /// <summary>
    /// The bars a tornado of outcome <paramref name="k"/> shows: the factors that move it at all, widest first
    /// (<see cref="TornadoResult.Ranked"/>), at most <see cref="TornadoRows"/>.
    /// </summary>
    public static IReadOnlyList<TornadoBar> Shown(TornadoResult t, int k) =>
        [.. t.Ranked(k).Where(b => b.Effects[k].Span(t.Base[k].Value) > 0).Take(TornadoRows)];

    /// <summary>
    /// A tornado for outcome <paramref name="k"/>: per factor two bars from the base to the outcome with the factor at
    /// the low end and at the high end of its range, side by side so that neither hides the other when both push the
    /// same way; a rule marks the base. Factors are listed widest first.
    /// </summary>
    public static JsonObject Tornado(TornadoResult t, int k)
    {
        var outcome = t.Outcomes[k];
        var baseValue = t.Base[k].Value;
        var shown = Shown(t, k);
        var format = Format(outcome);
        var values = new JsonArray();
        for (var i = 0; i < shown.Count; i++)
        {
            var (f, e) = (shown[i].Factor, shown[i].Effects[k]);
            var range = Range(f);
            foreach (var (end, setting, value) in new[] { (LowEnd, f.Low, e.AtLow), (HighEnd, f.High, e.AtHigh) })
            {
                values.Add((JsonNode)new JsonObject
                {
                    ["factor"] = f.Name,
                    ["family"] = f.FamilyName,
                    ["rank"] = i + 1,
                    ["range"] = range,
                    ["end"] = end,
                    ["setting"] = Number(setting),
                    ["value"] = Number(value),
                    ["base"] = Number(baseValue),
                    ["swing"] = Number(e.Swing.Value),
                    ["swing_low"] = Number(e.Swing.Low),
                    ["swing_high"] = Number(e.Swing.High),
                });
            }
        }

        var y = new JsonObject
        {
            ["field"] = "factor", ["type"] = "nominal", ["title"] = null,
            ["sort"] = new JsonArray([.. shown.Select(b => (JsonNode)b.Factor.Name)]),
            ["axis"] = new JsonObject { ["labelLimit"] = 280 },
        };
        var moving = t.Bars.Count(b => b.Effects[k].Span(baseValue) > 0);
        return new JsonObject
        {
            ["title"] = new JsonObject
            {
                ["text"] = $"{Outcomes.Name(outcome)}: the {shown.Count} widest of {moving} factors that move it ({t.Bars.Length} varied)",
                ["subtitle"] = string.Create(Inv, $"bars from the base ({baseValue.ToString(Outcomes.IsChance(outcome) ? "F3" : "F2", Inv)}) to the outcome with the factor at each end of its range"),
            },
            ["data"] = new JsonObject { ["values"] = values },
            ["width"] = 520,
            ["height"] = new JsonObject { ["step"] = 11 },
            ["layer"] = new JsonArray(
                new JsonObject
                {
                    ["mark"] = new JsonObject { ["type"] = "bar" },
                    ["encoding"] = new JsonObject
                    {
                        ["y"] = y,
                        ["yOffset"] = new JsonObject { ["field"] = "end", ["type"] = "nominal", ["sort"] = new JsonArray(LowEnd, HighEnd) },
                        ["x"] = new JsonObject
                        {
                            ["field"] = "value", ["type"] = "quantitative", ["title"] = Axis(outcome),
                            ["scale"] = new JsonObject { ["zero"] = false },
                        },
                        ["x2"] = new JsonObject { ["field"] = "base" },
                        ["color"] = new JsonObject
                        {
                            ["field"] = "end", ["type"] = "nominal", ["title"] = "factor at its",
                            ["scale"] = new JsonObject { ["domain"] = new JsonArray(LowEnd, HighEnd), ["range"] = new JsonArray(LowColour, HighColour) },
                            ["legend"] = new JsonObject { ["orient"] = "top" },
                        },
                        ["tooltip"] = new JsonArray(
                            Field("factor", "nominal"), Field("family", "nominal"), Field("range", "nominal", title: "range (low to high)"),
                            Field("end", "nominal", title: "factor at its"), Field("setting", "quantitative", ".4g", "factor set to"),
                            Field("value", "quantitative", format, Outcomes.Name(outcome)), Field("base", "quantitative", format),
                            Field("swing", "quantitative", format, "swing (high end minus low end)"),
                            Field("swing_low", "quantitative", format, "swing, 95% low"), Field("swing_high", "quantitative", format, "swing, 95% high")),
                    },
                },
                new JsonObject
                {
                    ["mark"] = new JsonObject { ["type"] = "rule", ["color"] = "#333" },
                    ["encoding"] = new JsonObject { ["x"] = new JsonObject { ["datum"] = Number(baseValue) } },
                }),
        };
    }

    /// <summary>
    /// One outcome's Sobol indices: per factor a bar for the first-order and one for the total index, with the
    /// bootstrap 95% interval as an error bar; factors by total index, largest first.
    /// </summary>
    public static JsonObject Sobol(SobolResult s, SobolOutcome d)
    {
        var order = d.Indices.Select((x, i) => (x, i))
            .OrderByDescending(p => double.IsNaN(p.x.Total.Value) ? double.NegativeInfinity : p.x.Total.Value).ThenBy(p => p.i).Select(p => p.i).ToList();
        var values = new JsonArray();
        foreach (var i in order)
        {
            var f = s.Factors[i];
            foreach (var (index, e) in new[] { (FirstOrder, d.Indices[i].First), (Total, d.Indices[i].Total) })
            {
                values.Add((JsonNode)new JsonObject
                {
                    ["factor"] = f.Name,
                    ["family"] = f.FamilyName,
                    ["range"] = Range(f),
                    ["index"] = index,
                    ["estimate"] = Number(e.Value),
                    ["low"] = Number(e.Low),
                    ["high"] = Number(e.High),
                });
            }
        }

        JsonObject Y() => new()
        {
            ["field"] = "factor", ["type"] = "nominal", ["title"] = null,
            ["sort"] = new JsonArray([.. order.Select(i => (JsonNode)s.Factors[i].Name)]),
            ["axis"] = new JsonObject { ["labelLimit"] = 280 },
        };
        JsonObject Offset() => new() { ["field"] = "index", ["type"] = "nominal", ["sort"] = new JsonArray(FirstOrder, Total) };
        return new JsonObject
        {
            ["title"] = new JsonObject
            {
                ["text"] = $"{Outcomes.Name(d.Outcome)}: Sobol indices of {s.Factors.Length} factors",
                ["subtitle"] = string.Create(Inv, $"share of the outcome's variance; error bars: 95% bootstrap intervals ({s.Bootstrap} replicates); first-order indices sum to {d.SumFirst:F2}"),
            },
            ["data"] = new JsonObject { ["values"] = values },
            ["width"] = 520,
            ["height"] = new JsonObject { ["step"] = 12 },
            ["layer"] = new JsonArray(
                new JsonObject
                {
                    ["mark"] = new JsonObject { ["type"] = "bar" },
                    ["encoding"] = new JsonObject
                    {
                        ["y"] = Y(),
                        ["yOffset"] = Offset(),
                        ["x"] = new JsonObject { ["field"] = "estimate", ["type"] = "quantitative", ["title"] = "share of variance" },
                        ["color"] = new JsonObject
                        {
                            ["field"] = "index", ["type"] = "nominal", ["title"] = "index",
                            ["scale"] = new JsonObject { ["domain"] = new JsonArray(FirstOrder, Total), ["range"] = new JsonArray(LowColour, HighColour) },
                            ["legend"] = new JsonObject { ["orient"] = "top" },
                        },
                        ["tooltip"] = new JsonArray(
                            Field("factor", "nominal"), Field("family", "nominal"), Field("range", "nominal", title: "range (low to high)"), Field("index", "nominal"),
                            Field("estimate", "quantitative", ".3f"), Field("low", "quantitative", ".3f", "95% low"), Field("high", "quantitative", ".3f", "95% high")),
                    },
                },
                new JsonObject
                {
                    ["mark"] = new JsonObject { ["type"] = "rule", ["color"] = "#222" },
                    ["encoding"] = new JsonObject
                    {
                        ["y"] = Y(),
                        ["yOffset"] = Offset(),
                        ["x"] = new JsonObject { ["field"] = "low", ["type"] = "quantitative" },
                        ["x2"] = new JsonObject { ["field"] = "high" },
                    },
                }),
        };
    }

    /// <summary>A factor's range as the tables and tooltips write it: "low to high unit".</summary>
    public static string Range(Factor f) =>
        string.Create(Inv, $"{f.Low:G4} to {f.High:G4}{(string.IsNullOrEmpty(f.Unit) ? "" : " " + f.Unit)}");

    /// <summary>A chance to three decimals (as the console writes it), anything else to two.</summary>
    private static string Format(Outcome o) => Outcomes.IsChance(o) ? ".3f" : ".2f";

    private static string Axis(Outcome o) => Outcomes.IsChance(o) ? $"{Outcomes.Name(o)} (probability)" : Outcomes.Name(o);

    private static JsonObject Field(string name, string type, string? format = null, string? title = null)
    {
        var o = new JsonObject { ["field"] = name, ["type"] = type };
        if (format is not null) o["format"] = format;
        if (title is not null) o["title"] = title;
        return o;
    }

    /// <summary>A number, or null where an estimate is undefined (JSON has no NaN).</summary>
    private static JsonNode? Number(double x) => double.IsFinite(x) ? JsonValue.Create(x) : null;
}
