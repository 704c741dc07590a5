using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Statecraft.Negotiation;
using Statecraft.Scenarios;
using Statecraft.Simulation;

namespace Statecraft.Output;

/// <summary>Console tables, JSON and CSV of a <see cref="SimulationResult"/>; one place so the three agree.</summary>
public static class SimulationOutput
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The tool's full informational version, with the commit when the build records one (shards, stored runs).</summary>
    public static string ToolVersion => typeof(SimulationOutput).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";

    /// <summary>The version without the commit, as the JSON and the report show it.</summary>
    public static string Version => ToolVersion.Split('+')[0];

    /// <summary><see cref="WriteText"/> as a string with "\n" line ends, as the run store keeps a run's summary.</summary>
    public static string Text(SimulationResult result)
    {
        var text = new StringWriter { NewLine = "\n" };
        WriteText(result, text);
        return text.ToString();
    }

    public static JsonObject ToJson(SimulationResult result)
    {
        var reference = result.Strategies[0];
        return new JsonObject
        {
            ["tool"] = new JsonObject { ["name"] = "statecraft", ["version"] = Version },
            ["settings"] = new JsonObject
            {
                ["runs"] = result.Settings.Runs,
                ["seed"] = result.Settings.Seed,
                ["batch_size"] = SimulationSettings.BatchSize,
                ["reference"] = result.Strategies.Length > 1 ? reference.Name : null,
            },
            ["game_assumptions"] = GameAssumptionsJson(reference.Game.Game),
            ["strategies"] = Json.Array(result.Strategies, s => StrategyJson(s, reference)),
        };
    }

    private static JsonObject GameAssumptionsJson(GameParameters game)
    {
        var o = new JsonObject();
        foreach (var a in GameAssumptions.All) o[a.Name] = a.Get(game);
        return o;
    }

    private static JsonObject StrategyJson(StrategyRun run, StrategyRun reference)
    {
        var s = run.Summary;
        var g = run.Game;
        var n = (double)s.Trajectories;
        var outcomes = new JsonObject
        {
            ["trajectories"] = s.Trajectories,
            ["p_complete"] = s.Complete / n,
            ["p_breakdown"] = s.Breakdowns / n,
            // The breakdowns' causes, each a share of all trajectories: they add up to p_breakdown.
            ["breakdown_causes"] = Json.Named(BreakdownCauses.Select(NegotiationGame.Name), BreakdownCauses, c => JsonValue.Create(s.Causes[(int)c] / n)),
            ["breakdown_quarter"] = Quantiles(s.BreakdownTime),
            ["p_stalled"] = s.Stalls / n,
            ["stall_quarter"] = Quantiles(s.StallTime),
            ["p_cheated"] = s.Cheated / n,
            ["p_cheating_detected"] = s.Detected / n,
            ["north_type_shares"] = new JsonObject
            {
                ["reformer"] = s.Types[(int)NorthType.Reformer] / n,
                ["hedger"] = s.Types[(int)NorthType.Hedger] / n,
                ["staller"] = s.Types[(int)NorthType.Staller] / n,
            },
            ["highest_step"] = Json.Array(Enumerable.Range(0, s.HighestStep.Size), i => new JsonObject
            {
                ["step"] = i == 0 ? "none" : Documents.YamlName.Of((Step)(i - 1)),
                ["p"] = s.HighestStep[i] / n,
            }),
            ["time_to_step"] = Json.Array(Enumerable.Range(0, TrajectoryOutcome.Steps).Where(i => Demanded(g, (Step)i)), i =>
            {
                var o = Quantiles(s.StepTime[i]);
                o.Insert(0, "step", Documents.YamlName.Of((Step)i));
                o.Insert(1, "p_reached", s.StepTime[i].Count / n);
                return o;
            }),
        };
        foreach (var m in Metrics.All) outcomes[Metrics.Name(m)] = Distribution(s.End[(int)m]);
        outcomes["paths"] = Json.Array(Enumerable.Range(0, s.Horizon), q => new JsonObject
        {
            ["quarter"] = g.Start.Plus(q).ToString(),
            ["gdp_index"] = new JsonObject
            {
                ["p05"] = s.GdpPath[q].Quantile(0.05),
                ["p50"] = s.GdpPath[q].Quantile(0.5),
                ["p95"] = s.GdpPath[q].Quantile(0.95),
            },
            ["steps_reached"] = new JsonObject
            {
                ["p05"] = s.StepPath[q].Quantile(0.05),
                ["p50"] = s.StepPath[q].Quantile(0.5),
                ["p95"] = s.StepPath[q].Quantile(0.95),
            },
        });
        var item = new JsonObject
        {
            ["name"] = run.Name,
            ["file"] = g.Scenario.Path,
            ["start"] = g.Start.ToString(),
            ["horizon_quarters"] = g.Horizon,
            ["yongbyon_cost_musd"] = g.YongbyonCostMusd,
            ["outcomes"] = outcomes,
        };
        if (run.VersusFirst is { } d)
        {
            var diffs = new JsonObject
            {
                ["reference"] = reference.Name,
                ["p_complete"] = Difference(d.Complete),
                ["p_breakdown"] = Difference(d.Breakdown),
                ["p_stalled"] = Difference(d.Stalled),
                ["highest_step"] = Difference(d.HighestStep),
            };
            foreach (var m in Metrics.All) diffs[Metrics.Name(m)] = Difference(d.End[(int)m]);
            item["differences"] = diffs;
        }

        return item;
    }

    private static bool Demanded(CompiledGame g, Step step) => g.Phases.Any(p => p.Steps.Contains(step));

    /// <summary>The causes of a breakdown in output order (a stall is not one: it has p_stalled).</summary>
    public static readonly System.Collections.Immutable.ImmutableArray<BreakdownCause> BreakdownCauses =
        [BreakdownCause.Provocation, BreakdownCause.Walkout, BreakdownCause.CheatingDetected, BreakdownCause.PartyWithdrew];

    /// <summary>Quantiles of a conditional quarter (of breakdown, of a step), with the n trajectories they are over; null quantiles when n is 0.</summary>
    private static JsonObject Quantiles(IntegerDistribution d) => new()
    {
        ["p05"] = Finite(d.Quantile(0.05)),
        ["p50"] = Finite(d.Quantile(0.5)),
        ["p95"] = Finite(d.Quantile(0.95)),
        ["n"] = d.Count,
    };

    private static JsonObject Distribution(StreamingQuantiles q) => new()
    {
        ["mean"] = Finite(q.Mean),
        ["p05"] = Finite(q.Quantile(0.05)),
        ["p50"] = Finite(q.Quantile(0.5)),
        ["p95"] = Finite(q.Quantile(0.95)),
        ["n"] = q.Count,
    };

    private static JsonObject Difference(PairedDifference d)
    {
        var (low, high) = d.Interval95;
        return new JsonObject { ["mean"] = Finite(d.Mean), ["ci95_low"] = Finite(low), ["ci95_high"] = Finite(high), ["n"] = d.Count };
    }

    private static JsonNode? Finite(double x) => double.IsFinite(x) ? JsonValue.Create(x) : null;

    public static void WriteText(SimulationResult result, TextWriter o)
    {
        var settings = result.Settings;
        var first = result.Strategies[0];
        o.WriteLine(string.Create(Inv, $"{settings.Runs:N0} trajectories per strategy, seed {settings.Seed}; the North's type and the scenarios' assumptions drawn per trajectory, same draws for every strategy."));
        o.WriteLine(string.Create(Inv, $"Horizon: {first.Game.Start} + {first.Game.Horizon} quarters. Economy figures are for the final year; median [5th-95th percentile]; n: the trajectories a conditional figure is over."));
        o.WriteLine();
        var table = new TextTable("strategy", "P(complete)", "P(breakdown)", "P(stalled)", "median step", "GDP (2018=100)", "household income", "regime rev. USD bn", "China share %", "inclusiveness", "reform");
        foreach (var s in result.Strategies)
        {
            var a = s.Summary;
            var n = (double)a.Trajectories;
            var median = a.HighestStep.Quantile(0.5);
            table.Add(
                ShortName(s),
                Pct(a.Complete / n),
                Pct(a.Breakdowns / n),
                Pct(a.Stalls / n),
                median < 1 ? "none" : Documents.YamlName.Of((Step)((int)median - 1)),
                Band(a, Metric.GdpIndex, "F1"),
                Band(a, Metric.HouseholdIncomeIndex, "F1"),
                Band(a, Metric.RegimeRevenueBusd, "F2"),
                Band(a, Metric.ChinaSharePct, "F1"),
                Band(a, Metric.Inclusiveness, "F2"),
                Band(a, Metric.ReformIndex, "F3"));
        }

        table.Write(o);
        if (result.Strategies.Length > 1)
        {
            // Why P(breakdown) and P(stalled) are what they are: each trajectory's talks ended one way, or went on.
            o.WriteLine();
            o.WriteLine("How the talks ended (share of trajectories; a breakdown's cause is the first that came):");
            var ended = new TextTable(["strategy", "completed or moving", .. BreakdownCauses.Select(CauseText), "stalled"]);
            foreach (var s in result.Strategies)
            {
                var a = s.Summary;
                var n = (double)a.Trajectories;
                ended.Add([ShortName(s), Pct(a.Causes[(int)BreakdownCause.None] / n), .. BreakdownCauses.Select(c => Pct(a.Causes[(int)c] / n)), Pct(a.Stalls / n)]);
            }

            ended.Write(o);
            o.WriteLine();
            o.WriteLine($"Paired differences against {ShortName(first)} (mean [95% interval]; inclusiveness over the n trajectories where both define it):");
            var diff = new TextTable("strategy", "P(complete)", "P(breakdown)", "P(stalled)", "GDP", "household income", "regime rev. USD bn", "inclusiveness");
            foreach (var s in result.Strategies.Skip(1))
            {
                var d = s.VersusFirst!;
                diff.Add(
                    ShortName(s),
                    DiffPct(d.Complete),
                    DiffPct(d.Breakdown),
                    DiffPct(d.Stalled),
                    Diff(d.End[(int)Metric.GdpIndex], "F1"),
                    Diff(d.End[(int)Metric.HouseholdIncomeIndex], "F1"),
                    Diff(d.End[(int)Metric.RegimeRevenueBusd], "F2"),
                    Diff(d.End[(int)Metric.Inclusiveness], "F2") + string.Create(Inv, $" (n={d.End[(int)Metric.Inclusiveness].Count})"));
            }

            diff.Write(o);
        }

        if (result.Strategies.Length == 1)
        {
            var s = first.Summary;
            var n = (double)s.Trajectories;
            o.WriteLine();
            var steps = new TextTable("step", "P(reached)", "quarters to reach: median [5th-95th]", "n");
            for (var i = 0; i < TrajectoryOutcome.Steps; i++)
            {
                if (!Demanded(first.Game, (Step)i)) continue;
                var t = s.StepTime[i];
                steps.Add(Documents.YamlName.Of((Step)i), Pct(t.Count / n), Quarters(t), t.Count.ToString(Inv));
            }

            steps.Write(o);
            o.WriteLine();
            var causes = string.Join(", ", BreakdownCauses.Select(c => $"{Pct(s.Causes[(int)c] / n)} {CauseText(c)}"));
            o.WriteLine(string.Create(Inv,
                $"Breakdowns: {Pct(s.Breakdowns / n)} ({causes}); quarter of breakdown {Quarters(s.BreakdownTime)} (n={s.BreakdownTime.Count})."));
            o.WriteLine(string.Create(Inv,
                $"Stalled: {Pct(s.Stalls / n)}; nothing moved from quarter {Quarters(s.StallTime)} (n={s.StallTime.Count}). The North faked a step in {Pct(s.Cheated / n)}."));
        }

        o.WriteLine();
        o.WriteLine("P(complete): complete denuclearization verified, no step faked, by the horizon. P(breakdown): talks broken off by a provocation against the phase's");
        o.WriteLine(string.Create(Inv, $"conditions, detected cheating, the North's walk-out or a party's walking away. P(stalled): never broken off, but nothing moved in the last {first.Game.Game.StallQuarters:G} quarters or more."));
        o.WriteLine("Inclusiveness: households' share of the gains since the year before the start (households' gain counted per person), over the n trajectories where anyone gained.");
        o.WriteLine("Every measure: docs/model.md, \"Outcome measures\". One trajectory step by step: statecraft simulate FILE --trace K.");
    }

    private static string CauseText(BreakdownCause c) => c switch
    {
        BreakdownCause.Provocation => "provocation",
        BreakdownCause.Walkout => "walk-out",
        BreakdownCause.CheatingDetected => "cheating detected",
        BreakdownCause.PartyWithdrew => "a party withdrew",
        _ => NegotiationGame.Name(c),
    };

    private static string ShortName(StrategyRun s) => Path.GetFileNameWithoutExtension(s.Game.Scenario.Path);

    private static string Pct(double p) => string.Create(Inv, $"{100 * p:F1}%");

    /// <summary>"n/a" with no trajectory to summarise, never a number.</summary>
    internal const string Undefined = "n/a";

    /// <summary>
    /// Median [5th-95th] of a final-year metric; a conditional one (defined on only some trajectories) carries its n,
    /// and is "n/a" where it is defined on none.
    /// </summary>
    internal static string Band(OutcomeAccumulator a, Metric m, string format)
    {
        var q = a.End[(int)m];
        var n = q.Count < a.Trajectories || Metrics.IsConditional(m) ? string.Create(Inv, $" (n={q.Count})") : "";
        return q.Count == 0
            ? Undefined + n
            : string.Create(Inv, $"{q.Quantile(0.5).ToString(format, Inv)} [{q.Quantile(0.05).ToString(format, Inv)}-{q.Quantile(0.95).ToString(format, Inv)}]") + n;
    }

    private static string Quarters(IntegerDistribution t) => t.Count == 0
        ? Undefined
        : string.Create(Inv, $"{t.Quantile(0.5):F0} [{t.Quantile(0.05):F0}-{t.Quantile(0.95):F0}]");

    private static string Diff(PairedDifference d, string format)
    {
        var (low, high) = d.Interval95;
        return d.Count < 2 ? Undefined : $"{d.Mean.ToString("+0.00;-0.00;0.00", Inv)[..]} [{low.ToString(format, Inv)}, {high.ToString(format, Inv)}]";
    }

    private static string DiffPct(PairedDifference d)
    {
        var (low, high) = d.Interval95;
        return d.Count < 2 ? Undefined : string.Create(Inv, $"{100 * d.Mean:+0.0;-0.0;0.0} [{100 * low:F1}, {100 * high:F1}]");
    }

    /// <summary>Writes the CSV files; false (after saying why) when the folder cannot be used or a file exists.</summary>
    public static bool WriteCsv(SimulationResult result, string dir, TextWriter stderr, string command)
    {
        var files = new Dictionary<string, string>
        {
            ["summary.csv"] = SummaryCsv(result),
            ["steps.csv"] = StepsCsv(result),
            ["paths.csv"] = PathsCsv(result),
            ["differences.csv"] = DifferencesCsv(result),
        };
        try
        {
            Directory.CreateDirectory(dir);
            var existing = files.Keys.Where(f => File.Exists(Path.Combine(dir, f))).ToList();
            if (existing.Count > 0)
            {
                stderr.WriteLine($"statecraft {command}: error: {Path.Combine(dir, existing[0])} exists; choose an empty folder for --csv (nothing was overwritten).");
                return false;
            }

            foreach (var (name, text) in files) File.WriteAllText(Path.Combine(dir, name), text, new UTF8Encoding(false));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"statecraft {command}: error: cannot write CSV into {dir}: {e.Message}");
            return false;
        }
    }

    /// <summary>One CSV line of the output files: numbers round-trip ('R'), undefined ones are empty cells, text with a comma or a quote is quoted.</summary>
    internal static string Csv(params object?[] cells) => string.Join(",", cells.Select(c => c switch
    {
        null => "",
        double d when !double.IsFinite(d) => "",
        double d => d.ToString("R", Inv),
        string s when s.Contains(',') || s.Contains('"') => $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"",
        IFormattable f => f.ToString(null, Inv),
        _ => c.ToString(),
    })) + "\n";

    private static string SummaryCsv(SimulationResult result)
    {
        var b = new StringBuilder(Csv("strategy", "measure", "mean", "p05", "p50", "p95", "n"));
        foreach (var s in result.Strategies)
        {
            var a = s.Summary;
            var n = (double)a.Trajectories;
            var name = ShortName(s);
            b.Append(Csv(name, "p_complete", a.Complete / n, null, null, null, a.Trajectories));
            b.Append(Csv(name, "p_breakdown", a.Breakdowns / n, null, null, null, a.Trajectories));
            b.Append(Csv(name, "p_cheated", a.Cheated / n, null, null, null, a.Trajectories));
            b.Append(Csv(name, "p_cheating_detected", a.Detected / n, null, null, null, a.Trajectories));
            b.Append(Csv(name, "p_stalled", a.Stalls / n, null, null, null, a.Trajectories));
            foreach (var c in BreakdownCauses) b.Append(Csv(name, $"breakdown_causes.{NegotiationGame.Name(c)}", a.Causes[(int)c] / n, null, null, null, a.Trajectories));
            // Quarters from the start, over the trajectories that broke down or stalled: n says how many.
            foreach (var (measure, d) in new[] { ("breakdown_quarter", a.BreakdownTime), ("stall_quarter", a.StallTime) })
                b.Append(Csv(name, measure, d.Mean, d.Quantile(0.05), d.Quantile(0.5), d.Quantile(0.95), d.Count));
            foreach (var m in Metrics.All)
            {
                var q = a.End[(int)m];
                b.Append(Csv(name, Metrics.Name(m), q.Mean, q.Quantile(0.05), q.Quantile(0.5), q.Quantile(0.95), q.Count));
            }
        }

        return b.ToString();
    }

    private static string StepsCsv(SimulationResult result)
    {
        var b = new StringBuilder(Csv("strategy", "step", "p_reached", "p_highest", "quarters_p05", "quarters_p50", "quarters_p95", "n_reached"));
        foreach (var s in result.Strategies)
        {
            var a = s.Summary;
            var n = (double)a.Trajectories;
            b.Append(Csv(ShortName(s), "none", null, a.HighestStep[0] / n, null, null, null, null));
            for (var i = 0; i < TrajectoryOutcome.Steps; i++)
            {
                var t = a.StepTime[i];
                b.Append(Csv(ShortName(s), Documents.YamlName.Of((Step)i), t.Count / n, a.HighestStep[i + 1] / n, t.Quantile(0.05), t.Quantile(0.5), t.Quantile(0.95), t.Count));
            }
        }

        return b.ToString();
    }

    private static string PathsCsv(SimulationResult result)
    {
        var b = new StringBuilder(Csv("strategy", "quarter", "gdp_index_p05", "gdp_index_p50", "gdp_index_p95", "steps_p05", "steps_p50", "steps_p95"));
        foreach (var s in result.Strategies)
        {
            var a = s.Summary;
            for (var q = 0; q < a.Horizon; q++)
            {
                b.Append(Csv(ShortName(s), s.Game.Start.Plus(q).ToString(),
                    a.GdpPath[q].Quantile(0.05), a.GdpPath[q].Quantile(0.5), a.GdpPath[q].Quantile(0.95),
                    a.StepPath[q].Quantile(0.05), a.StepPath[q].Quantile(0.5), a.StepPath[q].Quantile(0.95)));
            }
        }

        return b.ToString();
    }

    private static string DifferencesCsv(SimulationResult result)
    {
        var b = new StringBuilder(Csv("strategy", "reference", "measure", "mean_difference", "ci95_low", "ci95_high", "n"));
        var reference = ShortName(result.Strategies[0]);
        foreach (var s in result.Strategies.Skip(1))
        {
            var d = s.VersusFirst!;
            void Row(string measure, PairedDifference x)
            {
                var (low, high) = x.Interval95;
                b.Append(Csv(ShortName(s), reference, measure, x.Mean, low, high, x.Count));
            }

            Row("p_complete", d.Complete);
            Row("p_breakdown", d.Breakdown);
            Row("p_stalled", d.Stalled);
            Row("highest_step", d.HighestStep);
            foreach (var m in Metrics.All) Row(Metrics.Name(m), d.End[(int)m]);
        }

        return b.ToString();
    }
}
