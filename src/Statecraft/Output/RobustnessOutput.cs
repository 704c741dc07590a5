using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Statecraft.Analysis;
using Statecraft.Documents;
using Statecraft.Scenarios;
using Statecraft.Simulation;

namespace Statecraft.Output;

/// <summary>A regret table with the names to show it by: what <c>compare</c> and <c>optimize</c> under assumption sets both print.</summary>
/// <param name="Objective">What the strategies are judged by.</param>
/// <param name="Sets">The worlds' (or assumption sets') names, in table order.</param>
/// <param name="Names">The strategies' names.</param>
/// <param name="Files">Their files.</param>
/// <param name="Short">Their short names for tables and CSV.</param>
/// <param name="Regret">The table.</param>
public sealed record RegretView(
    Objective Objective, ImmutableArray<string> Sets, ImmutableArray<string> Names, ImmutableArray<string> Files, ImmutableArray<string> Short, RegretTable Regret);

/// <summary>The robustness view of <c>compare --assumption-sets</c>: console table, JSON and robustness.csv (docs/robustness.md).</summary>
public static class RobustnessOutput
{
    public const string CsvFile = "robustness.csv";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// The whole result: the sets as read, the regret table, and under <c>comparisons</c> each set's full
    /// <c>compare</c> JSON (the same document <c>compare</c> prints, with the set's name added).
    /// </summary>
    public static JsonObject ToJson(RobustnessResult r)
    {
        var comparisons = new JsonArray();
        foreach (var run in r.Runs)
        {
            var json = SimulationOutput.ToJson(run.Result);
            var withSet = new JsonObject { ["world"] = run.World.Name };
            foreach (var (key, value) in json.ToList())
            {
                json.Remove(key);
                withSet[key] = value;
            }

            comparisons.Add((JsonNode)withSet);
        }

        return new JsonObject
        {
            ["tool"] = new JsonObject { ["name"] = "statecraft", ["version"] = SimulationOutput.Version },
            ["settings"] = new JsonObject
            {
                ["runs"] = r.Settings.Runs,
                ["seed"] = r.Settings.Seed,
                ["batch_size"] = SimulationSettings.BatchSize,
            },
            ["worlds"] = WorldsJson(r),
            ["robustness"] = RegretJson(View(r)),
            ["comparisons"] = comparisons,
        };
    }

    /// <summary>The regret table as JSON: per strategy (in ranking order) its objective, regret and interval under each set.</summary>
    public static JsonObject RegretJson(RegretView v)
    {
        var strategies = new JsonArray();
        foreach (var s in v.Regret.Ranking)
        {
            var summary = v.Regret.Strategies[s];
            strategies.Add((JsonNode)new JsonObject
            {
                ["name"] = v.Names[s],
                ["file"] = v.Files[s],
                ["rank"] = summary.Rank,
                ["objective"] = Json.Named(v.Sets, v.Regret.Cells.Select(row => row[s].Objective), Finite),
                ["meets_bounds"] = Json.Named(v.Sets, v.Regret.Cells.Select(row => row[s].MeetsBounds), b => JsonValue.Create(b)),
                ["regret"] = Json.Named(v.Sets, v.Regret.Cells.Select(row => row[s]), c => Finite(c.Regret)),
                ["regret_interval"] = Json.Named(v.Sets, v.Regret.Cells.Select(row => row[s]), c => double.IsFinite(c.Low) ? Json.Numbers([c.Low, c.High]) : null),
                ["max_regret"] = Finite(summary.MaxRegret),
                ["mean_regret"] = Finite(summary.MeanRegret),
                ["sets_failing_bounds"] = summary.SetsFailingBounds,
            });
        }

        return new JsonObject
        {
            ["objective"] = v.Objective.ToString(),
            ["subject_to"] = Json.Strings(v.Objective.Constraints.Select(c => c.ToString())),
            ["interval"] = "95% paired interval of the set's best objective minus the strategy's (delta method over the objective's terms)",
            ["sets"] = Json.Array(v.Sets.Select((x, k) => (x, k)), p => new JsonObject
            {
                ["name"] = p.x,
                ["best"] = v.Regret.Best[p.k] >= 0 ? v.Names[v.Regret.Best[p.k]] : null,
                ["best_objective"] = v.Regret.Best[p.k] >= 0 ? Finite(v.Regret.Cells[p.k][v.Regret.Best[p.k]].Objective) : null,
            }),
            ["strategies"] = strategies,
            ["ranking"] = Json.Strings(v.Regret.Ranking.Select(s => v.Names[s])),
        };
    }

    private static JsonObject WorldsJson(RobustnessResult r) => new()
    {
        ["source"] = r.Source,
        ["worlds"] = Json.Array(r.Runs, run => new JsonObject
        {
            ["name"] = run.World.Name,
            ["description"] = run.World.Description,
            ["basis"] = run.World.Basis,
            ["beliefs"] = run.World.Beliefs,
        }),
    };

    /// <summary>robustness.csv: one row per set and strategy (tidy long format); empty cells where a value is undefined.</summary>
    public static string Csv(RobustnessResult r) => Csv(View(r));

    /// <summary>robustness.csv of any regret table.</summary>
    public static string Csv(RegretView v)
    {
        var b = new StringBuilder("world,strategy,objective,regret,low,high,meets_bounds\n");
        for (var k = 0; k < v.Sets.Length; k++)
        {
            for (var s = 0; s < v.Names.Length; s++)
            {
                var c = v.Regret.Cells[k][s];
                b.Append(SimulationOutput.Csv(v.Sets[k], v.Short[s], c.Objective, c.Regret, c.Low, c.High, c.MeetsBounds ? "true" : "false"));
            }
        }

        return b.ToString();
    }

    /// <summary>The console view: the sets, then one row per strategy in minimax-regret order.</summary>
    public static void WriteText(RobustnessResult r, TextWriter o)
    {
        var settings = r.Settings;
        var percent = r.Objective.Terms is [{ Weight: 1 } t] && Outcomes.IsChance(t.Outcome);
        o.WriteLine(string.Create(Inv,
            $"Every roadmap under each of {r.Runs.Length} world{(r.Runs.Length == 1 ? "" : "s")} ({r.Source}): {settings.Runs:N0} trajectories per roadmap and world, seed {settings.Seed}, the same draws under every world."));
        o.WriteLine($"Objective: {r.Objective}{(r.Objective.Constraints.IsEmpty ? "" : $", subject to {string.Join(", ", r.Objective.Constraints)}")}{(percent ? " (percentage points)" : "")}.");
        o.WriteLine();
        var worlds = new TextTable("world", "beliefs (type prior reformer/hedger/staller; what differs from the defaults)");
        foreach (var run in r.Runs) worlds.Add(run.World.Name, run.World.Beliefs);
        worlds.Write(o);
        o.WriteLine();
        WriteRegret(View(r), o);
    }

    /// <summary>The regret table: one row per strategy in minimax-regret order, its objective and regret under each set.</summary>
    public static void WriteRegret(RegretView v, TextWriter o)
    {
        var percent = v.Objective.Terms is [{ Weight: 1 } t] && Outcomes.IsChance(t.Outcome);
        o.WriteLine("Objective under each world; regret = the world's best minus the roadmap [95% paired interval]:");
        var headers = new List<string> { "rank", "strategy" };
        foreach (var set in v.Sets)
        {
            headers.Add(set);
            headers.Add("regret");
        }

        headers.Add("max regret");
        headers.Add("mean regret");
        var table = new TextTable([.. headers]);
        foreach (var s in v.Regret.Ranking)
        {
            var summary = v.Regret.Strategies[s];
            var row = new List<string> { summary.Rank.ToString(Inv), v.Short[s] };
            for (var k = 0; k < v.Sets.Length; k++)
            {
                var c = v.Regret.Cells[k][s];
                row.Add(Value(c.Objective, percent) + (v.Regret.Best[k] == s ? " *" : ""));
                row.Add(!c.MeetsBounds ? "fails bounds" : double.IsNaN(c.Regret) ? "-" : $"{Value(c.Regret, percent)} [{Value(c.Low, percent)}, {Value(c.High, percent)}]");
            }

            row.Add(Value(summary.MaxRegret, percent) + (summary.SetsFailingBounds > 0 ? $" (fails bounds in {summary.SetsFailingBounds})" : ""));
            row.Add(Value(summary.MeanRegret, percent));
            table.Add([.. row]);
        }

        table.Write(o);
        o.WriteLine();
        o.WriteLine("* the world's best. Ranked by the largest regret over the worlds (minimax regret), then the mean (worlds weighted equally).");
        o.WriteLine("The interval does not count the choice of the best from the same draws; where it includes 0 the draws cannot tell the two apart. docs/robustness.md explains every column.");
    }

    private static RegretView View(RobustnessResult r) => new(
        r.Objective, [.. r.Runs.Select(x => x.World.Name)], r.Strategies,
        [.. r.Runs[0].Result.Strategies.Select(x => x.Game.Scenario.Path)],
        [.. Enumerable.Range(0, r.Strategies.Length).Select(s => ShortName(r, s))], r.Regret);

    private static string ShortName(RobustnessResult r, int s) => Path.GetFileNameWithoutExtension(r.Runs[0].Result.Strategies[s].Game.Scenario.Path);

    private static string Value(double v, bool percent) =>
        double.IsNaN(v) ? "-" : percent ? (100 * v).ToString("F1", Inv) : v.ToString("G4", Inv);

    private static JsonNode? Finite(double x) => double.IsFinite(x) ? JsonValue.Create(x) : null;
}
