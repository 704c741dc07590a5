using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Statecraft.Analysis;

namespace Statecraft.Output;

/// <summary>Console bars, JSON and CSV of a <see cref="SensitivityResult"/>; one place so the three agree.</summary>
public static class SensitivityOutput
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Bar characters: the factor at the high end of its range pushes the outcome this way, and at the low end that way.</summary>
    public const char HighBar = '#', LowBar = '=';

    public static JsonObject ToJson(SensitivityResult r)
    {
        var t = r.Tornado;
        var o = new JsonObject
        {
            ["tool"] = new JsonObject { ["name"] = "statecraft", ["version"] = SimulationOutput.Version },
            ["scenario"] = new JsonObject { ["name"] = r.Scenario, ["path"] = r.Path },
            ["method"] = r.Method == SensitivityMethod.Sobol ? "sobol" : "tornado",
            ["settings"] = new JsonObject
            {
                ["seed"] = t.Window.Seed,
                ["runs"] = t.Window.Count,
                ["set"] = Json.Strings(r.Set),
                ["tail_share"] = Factor.TailShare,
                ["factors_considered"] = r.FactorsConsidered,
            },
            ["outcomes"] = Json.Strings(t.Outcomes.Select(Outcomes.Name)),
            // Each figure with n, the trajectories it is a mean over (all but where a conditional outcome is undefined).
            ["base"] = Json.Named(t.Outcomes.Select(Outcomes.Name), t.Base.Select((e, k) => (e, k)), p => WithN(EstimateJson(p.e), t.BaseN[p.k])),
            ["tornado"] = Json.Array(t.Screened(), f => BarJson(t, t.Bars.First(b => b.Factor == f))),
        };
        if (r.Sobol is { } s)
        {
            o["sobol"] = new JsonObject
            {
                ["samples"] = s.Samples,
                ["points"] = s.Points,
                ["inner_runs"] = s.Inner.Count,
                ["bootstrap"] = s.Bootstrap,
                ["factors_chosen_by"] = r.Screened ? "tornado screening" : "user",
                ["factors"] = Json.Array(s.Factors, FactorJson),
                ["outcomes"] = Json.Array(s.ByOutcome, d => new JsonObject
                {
                    ["outcome"] = Outcomes.Name(d.Outcome),
                    ["mean"] = Finite(d.Mean),
                    ["variance"] = Finite(d.Variance),
                    ["rows"] = d.Rows,
                    ["sum_first_order"] = Finite(d.SumFirst),
                    ["indices"] = Json.Array(d.Indices.Select((x, i) => (x, i)), p => new JsonObject
                    {
                        ["factor"] = s.Factors[p.i].Name,
                        ["first_order"] = EstimateJson(p.x.First),
                        ["total"] = EstimateJson(p.x.Total),
                    }),
                }),
            };
        }

        return o;
    }

    private static JsonObject FactorJson(Factor f) => new()
    {
        ["name"] = f.Name,
        ["family"] = f.FamilyName,
        ["unit"] = f.Unit,
        ["base"] = Finite(f.Base),
        ["low"] = Finite(f.Low),
        ["high"] = Finite(f.High),
        ["distribution"] = f.Assumption is { } a ? a.Distribution.Name : "uniform over the range",
        ["basis"] = f.Basis,
    };

    private static JsonObject BarJson(TornadoResult t, TornadoBar b)
    {
        var o = FactorJson(b.Factor);
        o["effects"] = Json.Named(t.Outcomes.Select(Outcomes.Name), b.Effects.Select((e, k) => (e, k)), p => new JsonObject
        {
            ["at_low"] = Finite(p.e.AtLow),
            ["at_high"] = Finite(p.e.AtHigh),
            ["n_low"] = p.e.LowN,
            ["n_high"] = p.e.HighN,
            ["swing"] = EstimateJson(p.e.Swing),
            ["span"] = Finite(p.e.Span(t.Base[p.k].Value)),
        });
        return o;
    }

    private static JsonObject EstimateJson(Estimate e) => new() { ["value"] = Finite(e.Value), ["low"] = Finite(e.Low), ["high"] = Finite(e.High) };

    private static JsonObject WithN(JsonObject o, long n)
    {
        o["n"] = n;
        return o;
    }

    /// <summary>" (n=...)" after a conditional outcome's figure, which is a mean over only the trajectories that define it; nothing after the others.</summary>
    private static string N(Outcome outcome, long n) => Outcomes.IsConditional(outcome) ? string.Create(Inv, $" (n={n})") : "";

    private static JsonNode? Finite(double x) => double.IsFinite(x) ? JsonValue.Create(x) : null;

    /// <summary>The console summary: the base, a tornado per outcome (the <paramref name="rows"/> widest bars) and the Sobol indices.</summary>
    public static void WriteText(SensitivityResult r, TextWriter o, int rows = 12)
    {
        var t = r.Tornado;
        o.WriteLine($"Sensitivity of {r.Scenario} ({r.Path})");
        o.WriteLine(string.Create(Inv,
            $"One factor at a time: {t.Bars.Length} uncertain factors of {r.FactorsConsidered} (scenario assumptions at the {Factor.TailShare * 100:0}th and {100 - (Factor.TailShare * 100):0}th percentiles of their distributions, game and economy assumptions at the ends of their plausible ranges), {t.Window.Count:N0} trajectories each, seed {t.Window.Seed}{(r.Set.Length > 0 ? "; --set " + string.Join(", ", r.Set) : "")}."));
        o.WriteLine("Every variant is played on the same trajectories: a swing is a paired difference, [95% interval].");
        o.WriteLine();
        o.WriteLine("Base (the strategy as written):");
        for (var k = 0; k < t.Outcomes.Length; k++)
            o.WriteLine($"  {Outcomes.Name(t.Outcomes[k]),-14} {Number(t.Outcomes[k], t.Base[k].Value)} [{Number(t.Outcomes[k], t.Base[k].Low)}, {Number(t.Outcomes[k], t.Base[k].High)}]{N(t.Outcomes[k], t.BaseN[k])}");

        for (var k = 0; k < t.Outcomes.Length; k++)
        {
            var outcome = t.Outcomes[k];
            var baseValue = t.Base[k].Value;
            var ranked = t.Ranked(k).ToList();
            var moving = ranked.Count(b => b.Effects[k].Span(baseValue) > 0);
            var shown = ranked.Take(Math.Min(rows, moving)).ToList();
            o.WriteLine();
            o.WriteLine($"{Outcomes.Name(outcome)}: {Outcomes.Meaning(outcome)}");
            o.WriteLine($"  {moving} of {t.Bars.Length} factors move it at all; the {shown.Count} that move it most, widest first. '{HighBar}' the factor at its high end, '{LowBar}' at its low end; '|' the base {Number(outcome, baseValue)}.");
            if (shown.Count == 0) continue;
            var reach = shown.Max(b => Math.Max(Math.Abs(b.Effects[k].AtLow - baseValue), Math.Abs(b.Effects[k].AtHigh - baseValue)));
            const int half = 20;
            var table = new TextTable("factor", "family", "range", "at low", "at high", "swing [95%]", "bar");
            foreach (var b in shown)
            {
                var e = b.Effects[k];
                table.Add(
                    b.Factor.Name, b.Factor.FamilyName, $"{Value(b.Factor.Low)} to {Value(b.Factor.High)}",
                    Number(outcome, e.AtLow) + N(outcome, e.LowN), Number(outcome, e.AtHigh) + N(outcome, e.HighN),
                    $"{Signed(outcome, e.Swing.Value)} [{Signed(outcome, e.Swing.Low)}, {Signed(outcome, e.Swing.High)}]",
                    Bar(e.AtLow - baseValue, e.AtHigh - baseValue, reach, half));
            }

            table.Write(new Indented(o));
        }

        if (r.Sobol is not { } s) return;
        o.WriteLine();
        o.WriteLine(string.Create(Inv,
            $"Variance-based (Sobol) indices: {s.Factors.Length} factors {(r.Screened ? "chosen by the tornado's ranking" : "named with --factors")}, drawn at once on Saltelli's design of {s.Samples:N0} rows ({s.Points:N0} points), each point played on the same {s.Inner.Count:N0} trajectories; 95% intervals from {s.Bootstrap} bootstrap replicates."));
        o.WriteLine("First order: the share of the outcome's variance the factor explains alone. Total: with its interactions.");
        foreach (var d in s.ByOutcome)
        {
            o.WriteLine();
            o.WriteLine(string.Create(Inv, $"{Outcomes.Name(d.Outcome)}: mean {Number(d.Outcome, d.Mean)}, standard deviation over the design {Number(d.Outcome, Math.Sqrt(d.Variance))}; first-order indices sum to {d.SumFirst:F2}"));
            var table = new TextTable("factor", "first order [95%]", "total [95%]", "total");
            foreach (var (x, i) in d.Indices.Select((x, i) => (x, i)).OrderByDescending(p => double.IsNaN(p.x.Total.Value) ? -1 : p.x.Total.Value).ThenBy(p => p.i))
            {
                table.Add(s.Factors[i].Name, Index(x.First), Index(x.Total), Meter(x.Total.Value, 20));
            }

            table.Write(new Indented(o));
        }
    }

    /// <summary>Writes tornado.csv and, with Sobol, sobol.csv into <paramref name="folder"/>: tidy long tables for R, pandas or a spreadsheet.</summary>
    public static IReadOnlyList<string> WriteCsv(SensitivityResult r, string folder)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        var t = r.Tornado;
        var b = new StringBuilder("factor,family,unit,low,high,outcome,base,at_low,at_high,swing,swing_low,swing_high,span,n_base,n_low,n_high\n");
        foreach (var bar in t.Bars)
        {
            for (var k = 0; k < t.Outcomes.Length; k++)
            {
                var e = bar.Effects[k];
                b.Append(SimulationOutput.Csv(bar.Factor.Name, bar.Factor.FamilyName, bar.Factor.Unit, bar.Factor.Low, bar.Factor.High, Outcomes.Name(t.Outcomes[k]),
                    t.Base[k].Value, e.AtLow, e.AtHigh, e.Swing.Value, e.Swing.Low, e.Swing.High, e.Span(t.Base[k].Value), t.BaseN[k], e.LowN, e.HighN));
            }
        }

        Write(folder, "tornado.csv", b, written);
        if (r.Sobol is { } s)
        {
            var c = new StringBuilder("factor,family,outcome,index,estimate,low,high\n");
            foreach (var d in s.ByOutcome)
            {
                for (var i = 0; i < s.Factors.Length; i++)
                {
                    var f = s.Factors[i];
                    c.Append(SimulationOutput.Csv(f.Name, f.FamilyName, Outcomes.Name(d.Outcome), "first_order", d.Indices[i].First.Value, d.Indices[i].First.Low, d.Indices[i].First.High));
                    c.Append(SimulationOutput.Csv(f.Name, f.FamilyName, Outcomes.Name(d.Outcome), "total", d.Indices[i].Total.Value, d.Indices[i].Total.Low, d.Indices[i].Total.High));
                }
            }

            Write(folder, "sobol.csv", c, written);
        }

        return written;
    }

    private static void Write(string folder, string name, StringBuilder text, List<string> written)
    {
        Documents.UserFile.WriteNew(Path.Combine(folder, name), text.ToString());
        written.Add(name);
    }

    /// <summary>A tornado bar: '=' from the base to the outcome at the factor's low end, '#' to its high end, on a scale where <paramref name="reach"/> fills <paramref name="half"/> characters.</summary>
    public static string Bar(double low, double high, double reach, int half)
    {
        int Cells(double d) => reach > 0 ? (int)Math.Round(Math.Min(1, Math.Abs(d) / reach) * half, MidpointRounding.AwayFromZero) : 0;
        var left = new char[half];
        var right = new char[half];
        Array.Fill(left, ' ');
        Array.Fill(right, ' ');
        // The longer side is drawn first so that, when both ends push the same way, the shorter stays visible.
        foreach (var (d, mark) in new[] { (low, LowBar), (high, HighBar) }.OrderByDescending(p => Math.Abs(p.Item1)))
        {
            var n = Cells(d);
            if (d < 0) for (var i = 0; i < n; i++) left[half - 1 - i] = mark;
            else for (var i = 0; i < n; i++) right[i] = mark;
        }

        return (new string(left) + "|" + new string(right)).TrimEnd();
    }

    private static string Meter(double share, int width)
    {
        if (!double.IsFinite(share)) return "";
        var n = (int)Math.Round(Math.Clamp(share, 0, 1) * width, MidpointRounding.AwayFromZero);
        return new string(HighBar, n);
    }

    private static string Index(Estimate e) => double.IsNaN(e.Value) ? "n/a" : string.Create(Inv, $"{e.Value:F2} [{e.Low:F2}, {e.High:F2}]");

    private static string Number(Outcome o, double x) => !double.IsFinite(x) ? "n/a" : Outcomes.IsChance(o) ? x.ToString("F3", Inv) : x.ToString("F2", Inv);

    private static string Signed(Outcome o, double x) => !double.IsFinite(x) ? "n/a" : Outcomes.IsChance(o) ? x.ToString("+0.000;-0.000;0.000", Inv) : x.ToString("+0.00;-0.00;0.00", Inv);

    private static string Value(double x) => x.ToString("G4", Inv);

    /// <summary>Writes every line two spaces in.</summary>
    private sealed class Indented(TextWriter inner) : TextWriter
    {
        private bool lineStart = true;

        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            if (lineStart && value != '\n') inner.Write("  ");
            inner.Write(value);
            lineStart = value == '\n';
        }
    }
}
