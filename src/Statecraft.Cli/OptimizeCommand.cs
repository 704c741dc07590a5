using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Statecraft.Analysis;
using Statecraft.Data;
using Statecraft.Documents;
using Statecraft.Negotiation;
using Statecraft.Output;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Cli;

/// <summary>
/// <c>statecraft optimize FILE</c>: searches roadmaps near the given one for the user's objective, and writes
/// the best as scenario files with their confirmed scores (docs/optimize.md; docs/model.md, "Roadmap search").
/// </summary>
internal static class OptimizeCommand
{
    /// <summary>Trajectories spent by default: a few seconds for a 32-quarter scenario on two cores (docs/optimize.md).</summary>
    internal const long DefaultBudget = 200_000;

    /// <summary>The fewest the budget may be: enough for a first round and a confirmation of a few hundred trajectories.</summary>
    internal const long MinBudget = 2_000;

    internal const long MaxBudget = 1_000_000_000;

    internal const int MaxTop = 20;

    internal sealed record Options(string? Objective, IReadOnlyList<string> Bounds, long Budget, int Top, ulong Seed, int Threads, bool Json, string? Out, IReadOnlyList<string> Set, string? AssumptionSets = null)
    {
        /// <summary>The world every candidate is played in (--world); null: the baseline world.</summary>
        public string? World { get; init; }
    }

    public static Command Create(TextWriter stdout, TextWriter stderr, string resultsRoot)
    {
        var file = new Argument<string>("FILE") { Description = "The scenario file (or shipped scenario name) whose roadmap to improve" };
        var objective = new Option<string?>("--objective")
        {
            HelpName = "EXPR",
            Description = "What to maximise: a weighted sum of outcomes, such as 'p_complete + 0.002*gdp_index - 0.5*p_breakdown' (default p_complete). " +
                "Outcomes: " + string.Join(", ", Outcomes.All.Select(Outcomes.Name)) + ".",
        };
        var bounds = new Option<string[]>("--subject-to")
        {
            HelpName = "BOUND",
            Description = "A bound the roadmap must meet, NAME>=NUMBER or NAME<=NUMBER, such as 'inclusiveness>=0.4' (repeatable); " +
                "a roadmap closer to meeting the bounds ranks above one with a higher objective.",
            AllowMultipleArgumentsPerToken = false,
        };
        var budget = new Option<long>("--budget")
        {
            HelpName = "RUNS",
            Description = $"Trajectories to spend over all candidates, the final confirmation included (default {DefaultBudget:N0}; {MinBudget:N0} to {MaxBudget:N0}).",
            DefaultValueFactory = _ => DefaultBudget,
            CustomParser = r =>
            {
                var text = r.Tokens.Count == 1 ? r.Tokens[0].Value : "";
                if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return v;
                r.AddError($"--budget '{text}' is not a whole number of trajectories");
                return DefaultBudget;
            },
        };
        var top = NumberOptions.Whole("--top", $"How many of the best roadmaps to confirm and write (default 3; 1 to {MaxTop}).", 3);
        var (_, seed, threads, json, _, set) = SimulateCommand.CommonOptions();
        json.Description = "Print optimize.json (the settings, the original and the best roadmaps with intervals, what was rejected) instead of the table.";
        var output = new Option<string?>("--out")
        {
            HelpName = "DIR",
            Description = "Folder for best-1.yaml ... best-K.yaml, optimize.json, candidates.csv and README.txt (default: a new statecraft-results/optimize-NNN; " +
                "never overwritten: a folder that is not empty is refused).",
        };
        var sets = new Option<string?>("--assumption-sets")
        {
            HelpName = "FILE|NAME",
            Description = "Search for the objective averaged over the named assumption sets in FILE (or a shipped file such as priors-2018), each candidate " +
                "playing every trajectory under every set, and report the best roadmaps' and the original's regret under each set (docs/optimize.md).",
        };
        var (world, _) = SimulateCommand.WorldOptions();
        var command = new Command(
            "optimize",
            "Search roadmaps near the given one (offers of adjacent phases swapped, steps moved across a phase boundary, incentives moved " +
            "between phases, resequenced or relieved by another route, conditions added or removed) for an objective, with common random " +
            "numbers and successive halving. Every candidate is a file that validates and passes 'statecraft check'. The best are " +
            "re-played on fresh trajectories and written as scenario files with their scores, intervals and what changed.")
        {
            file, objective, bounds, budget, top, seed, threads, json, output, set, world, sets,
        };
        command.SetAction(parse => Run(
            parse.GetValue(file)!,
            new Options(parse.GetValue(objective), parse.GetValue(bounds) ?? [], parse.GetValue(budget), parse.GetValue(top),
                parse.GetValue(seed), parse.GetValue(threads), parse.GetValue(json), parse.GetValue(output), parse.GetValue(set) ?? [], parse.GetValue(sets))
            { World = parse.GetValue(world) },
            stdout,
            stderr,
            resultsRoot));
        return command;
    }

    internal static int Run(string path, Options options, TextWriter stdout, TextWriter stderr, string resultsRoot = SavedResults.DefaultRoot)
    {
        const string name = "optimize";
        if (ScenarioInput.RejectOptionLike([path], name, stderr)) return Program.BadInput;
        var objective = Objective.Parse(options.Objective, options.Bounds, out var problem);
        if (objective is null)
        {
            stderr.WriteLine($"statecraft optimize: error: {problem}");
            return Program.BadInput;
        }

        if (options.Budget is < MinBudget or > MaxBudget)
        {
            stderr.WriteLine($"statecraft optimize: error: --budget must be {MinBudget:N0} to {MaxBudget:N0} trajectories, not {options.Budget:N0}.");
            return Program.BadInput;
        }

        if (options.Top is < 1 or > MaxTop)
        {
            stderr.WriteLine($"statecraft optimize: error: --top must be 1 to {MaxTop}, not {options.Top}.");
            return Program.BadInput;
        }

        var sources = new List<SimulateCommand.ScenarioSource>();
        var simulate = new SimulateCommand.Options(1, options.Seed, options.Threads, options.Json, null, null, options.Set) { World = options.World };
        if (SimulateCommand.PrepareRun(name, [path], simulate, stderr, sources) is not { } prepared
            || !SimulateCommand.PlaysEconomyValues(name, prepared, "optimize", stderr)) return Program.BadInput;
        var catalog = Catalog.Korea;
        var world = prepared.Worlds[0];
        // The search moves the roadmap only: candidates are roadmaps (written without beliefs), each played in the run's world.
        var original = World.RoadmapOf(prepared.Roadmaps[0]);
        var parameters = prepared.Parameters[0];

        // Every candidate is compiled as the original was (the same world, catalog, calibration and --set values), or once
        // under each named assumption set applied to that world.
        AssumptionSetFile? setFile = null;
        IReadOnlyList<Func<Scenario, CompiledGame>> compilers = [s => GameCompiler.Compile(world.Apply(s), catalog, null, parameters)];
        if (options.AssumptionSets is { } setsArgument)
        {
            if (RobustnessCompare.Read(name, setsArgument, stderr) is not { } loaded
                || !RobustnessCompare.Fit(name, loaded, [world.Apply(original)], "the roadmap under its world", options.Set, stderr)) return Program.BadInput;
            setFile = loaded;
            // RunPlan.Prepare has refused what the game cannot play (a start before 2016Q1), and a set changes no start.
            compilers = [.. loaded.Sets.Select(set => (Func<Scenario, CompiledGame>)(s => set.Compile(world.Apply(s), parameters, catalog)))];
        }

        var space = new RoadmapSpace(catalog, compilers, options.Threads);
        if (space.Start(original, out var why) is not { } start)
        {
            stderr.WriteLine($"statecraft optimize: error: {why}");
            return Program.BadInput;
        }

        if (!Feasibility.FeasibilityCheck.Run(original, catalog).Feasible)
        {
            stderr.WriteLine($"statecraft optimize: warning: {path} does not pass 'statecraft check'; it is kept as the reference, but only roadmaps that pass are candidates.");
        }

        if (SavedResults.Choose(name, options.Out, resultsRoot, stderr) is not { } folder) return Program.BadInput;
        var settings = new SearchSettings(options.Budget, options.Seed, Top: options.Top);
        var progress = SimulateCommand.Progress(name, options.Budget, 1, stderr);
        var search = new RoadmapSearch<RoadmapCandidate>(space, objective, settings, Outcomes.Key) { Progress = progress is null ? null : (done, _) => progress(done) };
        var result = search.Run(start);
        if (progress is not null && result.Spent < options.Budget) stderr.WriteLine();

        var text = sources[0].Text;
        var regret = setFile is null ? null : RegretOver(setFile, objective, settings, result, space);
        var report = new Report(path, original, objective, settings, result, space, ScenarioWriter.LeadingComments(text), setFile, regret);
        if (!Save(report, folder, catalog, stderr)) return Program.BadInput;
        if (options.Json) Json.Write(stdout, report.ToJson());
        else report.Print(stdout, folder);
        return Program.Ok;
    }

    /// <summary>
    /// The original's and the best roadmaps' regret under each set: each plays the confirmation window again under
    /// every set alone (the search saw only their mean over the sets), and the regret table compares them.
    /// </summary>
    private static RegretView RegretOver(AssumptionSetFile sets, Objective objective, SearchSettings settings, SearchResult<RoadmapCandidate> result, RoadmapSpace space)
    {
        var roadmaps = new[] { result.Original }.Concat(result.Confirmed).ToList();
        var candidates = roadmaps.Select(c => c.Entry.Candidate).ToList();
        var reads = objective.Reads;
        var columns = Enumerable.Range(0, sets.Sets.Length)
            .Select(k => space.EvaluateUnder(k, candidates, settings.ConfirmSeed, 0, settings.ConfirmRuns, reads)).ToArray();
        var values = new double[sets.Sets.Length][];
        var meets = new bool[sets.Sets.Length][];
        for (var k = 0; k < values.Length; k++)
        {
            var estimates = columns[k].Select(c => ObjectiveStatistics.Of(objective, reads, i => c.Column(i))).ToArray();
            values[k] = [.. estimates.Select(e => e.Score.Value)];
            meets[k] = [.. estimates.Select(e => e.Shortfall == 0)];
        }

        var table = Regret.Of(values, meets, (k, best, s) =>
            ObjectiveStatistics.Difference(objective, reads, i => columns[k][best].Column(i), i => columns[k][s].Column(i)));
        var names = roadmaps.Select((_, i) => i == 0 ? "original" : Report.FileName(i - 1)).ToImmutableArray();
        return new RegretView(objective, [.. sets.Sets.Select(s => s.Name)], names, names, names, table);
    }

    private static bool Save(Report report, string folder, Catalog catalog, TextWriter stderr)
    {
        try
        {
            Directory.CreateDirectory(folder);
            for (var k = 0; k < report.Result.Confirmed.Length; k++)
            {
                UserFile.WriteNew(Path.Combine(folder, Report.FileName(k)), report.Yaml(k, catalog));
            }

            UserFile.WriteNew(Path.Combine(folder, "optimize.json"), report.ToJson().ToJsonString(Json.Options) + "\n");
            UserFile.WriteNew(Path.Combine(folder, "candidates.csv"), report.Csv());
            UserFile.WriteNew(Path.Combine(folder, "README.txt"), report.Readme());
            if (report.Regret is { } regret) UserFile.WriteNew(Path.Combine(folder, RobustnessOutput.CsvFile), RobustnessOutput.Csv(regret));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"statecraft optimize: error: cannot write into {folder}: {e.Message}");
            return false;
        }

        stderr.WriteLine($"statecraft optimize: saved {report.Result.Confirmed.Length} roadmap file(s), optimize.json, candidates.csv{(report.Regret is null ? "" : ", " + RobustnessOutput.CsvFile)} and README.txt in {folder}");
        return true;
    }

    /// <summary>The search's result as the command shows and saves it.</summary>
    private sealed record Report(
        string Path, Scenario Original, Objective Objective, SearchSettings Settings, SearchResult<RoadmapCandidate> Result,
        RoadmapSpace Space, IReadOnlyList<string> OriginalComments, AssumptionSetFile? Sets = null, RegretView? Regret = null)
    {
        public static string FileName(int k) => $"best-{k + 1}.yaml";

        private ImmutableArray<Outcome> Shown => [.. Outcomes.Key.Union(Objective.Reads).Order()];

        private string ObjectiveText => Objective.ToString() + (Objective.Constraints.IsEmpty ? "" : " subject to " + string.Join(", ", Objective.Constraints))
            + (Sets is null ? "" : $", averaged over the assumption sets {string.Join(", ", Sets.Sets.Select(s => s.Name))} of {Sets.Path}");

        public void Print(TextWriter o, string folder)
        {
            var r = Result;
            o.WriteLine($"Roadmap search from {Original.Name}  ({Path})");
            o.WriteLine($"objective: maximise {ObjectiveText}");
            o.WriteLine(Inv($"searched {r.Entries.Length - 1:N0} candidate roadmaps ({Space.Proposed:N0} moves proposed; turned away: {Rejections()});"));
            o.WriteLine(Inv($"{r.Moves} move(s) accepted; {r.Spent:N0} trajectories spent (seed {Settings.Seed}); stopped: {r.Stopped}."));
            o.WriteLine(Inv($"Confirmed on {Settings.ConfirmRuns:N0} fresh trajectories each (seed {Settings.ConfirmSeed}), the same for every roadmap; 95% intervals."));
            o.WriteLine();
            var header = new List<string> { "rank", "objective" };
            header.AddRange(Shown.Select(Outcomes.Name));
            header.Add("vs original");
            var rows = new List<List<string>> { Row("original", r.Original, false) };
            rows.AddRange(r.Confirmed.Select((c, k) => Row((k + 1).ToString(CultureInfo.InvariantCulture), c, true)));
            var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(x => x[i].Length))).ToArray();
            o.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
            foreach (var row in rows) o.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
            o.WriteLine();
            if (r.Confirmed.IsEmpty)
            {
                o.WriteLine(r.Entries.Length == 1 && Space.Proposed == Space.Rejected.Values.Sum()
                    ? "No roadmap near the original validates and passes the check, so nothing was written but the summary files."
                    : $"No roadmap was confirmed, so nothing was written but the summary files: the search stopped because {r.Stopped}.");
            }

            for (var k = 0; k < r.Confirmed.Length; k++)
            {
                var c = r.Confirmed[k];
                o.WriteLine($"{FileName(k)}: {Verdict(c)}");
                foreach (var change in c.Entry.Changes) o.WriteLine($"  - {change}");
            }

            if (Regret is { } regret)
            {
                o.WriteLine();
                o.WriteLine(Inv($"Under each assumption set alone, on the same {Settings.ConfirmRuns:N0} confirmation trajectories:"));
                RobustnessOutput.WriteRegret(regret, o);
            }

            o.WriteLine();
            if (r.Confirmed.IsEmpty)
            {
                o.WriteLine($"Files in {folder}.");
                return;
            }

            o.WriteLine($"Files in {folder}. Check a result on other draws: statecraft compare {Path} {System.IO.Path.Combine(folder, FileName(0))} --seed 7{(Sets is null ? "" : $" --assumption-sets {Sets.Path}")}");
        }

        private List<string> Row(string rank, Confirmed<RoadmapCandidate> c, bool difference)
        {
            var row = new List<string> { rank, Interval(c.Objective.Score) + (c.Objective.Shortfall > 0 ? Inv($" (short {c.Objective.Shortfall:G3})") : "") };
            // A conditional outcome (inclusiveness) is a mean over only the trajectories that define it: say how many.
            row.AddRange(Shown.Select(x => Value(x, c.Figures[x]) + (Outcomes.IsConditional(x) && c.FigureN.TryGetValue(x, out var n) ? Inv($" (n={n})") : "")));
            row.Add(difference ? Interval(c.VersusOriginal, signed: true) : "");
            return row;
        }

        private string Verdict(Confirmed<RoadmapCandidate> c)
        {
            var d = c.VersusOriginal;
            var how = d.Low > 0 ? "better than the original" : d.High < 0 ? "worse than the original" : "not distinguishable from the original";
            return $"{how} on the confirmation draws: {Interval(d, signed: true)}; {c.Entry.Changes.Length} change(s)";
        }

        private string Rejections() => Space.Rejected.Count == 0 ? "none"
            : string.Join(", ", Space.Rejected.Select(x => Inv($"{x.Value:N0} {x.Key}")));

        private static string Value(Outcome o, Estimate e) => Outcomes.IsChance(o)
            ? Inv($"{e.Value * 100:F1}% [{e.Low * 100:F1}, {e.High * 100:F1}]")
            : Interval(e);

        private static string Interval(Estimate e, bool signed = false) => double.IsNaN(e.Value) ? "n/a"
            : signed ? Inv($"{e.Value:+0.0000;-0.0000} [{e.Low:+0.0000;-0.0000}, {e.High:+0.0000;-0.0000}]")
            : Inv($"{e.Value:G4} [{e.Low:G4}, {e.High:G4}]");

        private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

        public string Yaml(int k, Catalog catalog)
        {
            var c = Result.Confirmed[k];
            var header = new List<string>
            {
                $"Written by 'statecraft optimize' from {Path}: rank {k + 1} of the roadmaps found.",
                $"Objective: maximise {ObjectiveText}.",
                Inv($"Confirmed on {Settings.ConfirmRuns:N0} trajectories the search never used (seed {Settings.ConfirmSeed}):"),
                $"  objective {Interval(c.Objective.Score)}; versus the original on the same draws {Interval(c.VersusOriginal, signed: true)} (95% intervals).",
                Inv($"Search: budget {Settings.Budget:N0} trajectories, seed {Settings.Seed}."),
                "Changes from the original, in the order the search made them:",
            };
            header.AddRange(c.Entry.Changes.Select(x => "- " + x));
            if (OriginalComments.Count > 0)
            {
                header.Add("");
                header.Add("The original file's opening comments follow; they describe the original, not these changes.");
                header.Add("");
                header.AddRange(OriginalComments);
            }

            var named = c.Entry.Candidate.Scenario with { Name = $"{Original.Name} (optimized {k + 1})" };
            return ScenarioWriter.Write(named, catalog, header);
        }

        public string Readme()
        {
            var o = new StringBuilder();
            o.Append(CultureInfo.InvariantCulture, $"statecraft optimize {Path}\n\n");
            o.Append(CultureInfo.InvariantCulture, $"Objective: maximise {ObjectiveText}.\n");
            o.Append(CultureInfo.InvariantCulture, $"The search tried {Result.Entries.Length - 1} roadmaps near the original, each a file that validates and passes 'statecraft check', ");
            o.Append(CultureInfo.InvariantCulture, $"on common random numbers (seed {Settings.Seed}) with successive halving, and spent {Result.Spent} trajectories. Stopped: {Result.Stopped}.\n");
            o.Append(CultureInfo.InvariantCulture, $"The best {Result.Confirmed.Length} and the original were then played on {Settings.ConfirmRuns} fresh trajectories each (seed {Settings.ConfirmSeed}); ");
            o.Append("the scores below are from those, so they are not inflated by the search's selection.\n\n");
            for (var k = 0; k < Result.Confirmed.Length; k++)
            {
                var c = Result.Confirmed[k];
                o.Append(CultureInfo.InvariantCulture, $"{FileName(k)}: objective {Interval(c.Objective.Score)}; {Verdict(c)}\n");
                foreach (var change in c.Entry.Changes) o.Append("  - ").Append(change).Append('\n');
            }

            o.Append(CultureInfo.InvariantCulture, $"\noriginal: objective {Interval(Result.Original.Objective.Score)}\n\n");
            o.Append("Files: best-K.yaml (scenario files; 'statecraft check' and 'statecraft simulate' take them), optimize.json (everything above, with every\n");
            o.Append("outcome's interval), candidates.csv (every roadmap evaluated: its changes, the trajectories it played and the search's estimate).\n");
            o.Append("The search's estimates in candidates.csv are on few trajectories for most candidates and are not comparable with the confirmed ones.\n");
            return o.ToString();
        }

        public string Csv()
        {
            var o = new StringBuilder();
            o.Append(CsvTable.Line(["id", "parent", "changes", "change_count", "trajectories", "races", "was_incumbent", "objective", "objective_low", "objective_high", "shortfall"])).Append('\n');
            foreach (var e in Result.Entries)
            {
                o.Append(CsvTable.Line([
                    I(e.Id), e.Parent < 0 ? "" : I(e.Parent), string.Join(" | ", e.Changes), I(e.Changes.Length), I(e.Played), I(e.Races),
                    e.WasIncumbent ? "true" : "false",
                    // A candidate that played nothing has no estimate (its record's zeros are not one).
                    e.Played == 0 ? "" : D(e.Search.Score.Value), e.Played == 0 ? "" : D(e.Search.Score.Low),
                    e.Played == 0 ? "" : D(e.Search.Score.High), e.Played == 0 ? "" : D(e.Search.Shortfall)])).Append('\n');
            }

            return o.ToString();
        }

        private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

        private static string D(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

        public JsonObject ToJson()
        {
            var r = Result;
            return new JsonObject
            {
                ["command"] = "optimize",
                ["tool_version"] = SimulationOutput.Version,
                ["scenario"] = Path,
                ["objective"] = Objective.ToString(),
                ["subject_to"] = Json.Strings(Objective.Constraints.Select(c => c.ToString())),
                ["settings"] = new JsonObject
                {
                    ["budget"] = Settings.Budget,
                    ["seed"] = Settings.Seed,
                    ["first_round"] = Settings.FirstRound,
                    ["eta"] = Settings.Eta,
                    ["top"] = Settings.Top,
                    ["confirm_seed"] = Settings.ConfirmSeed,
                    ["confirm_runs"] = Settings.ConfirmRuns,
                },
                ["spent"] = r.Spent,
                ["candidates_evaluated"] = r.Entries.Length - 1,
                ["moves_proposed"] = Space.Proposed,
                ["rejected"] = new JsonObject(Space.Rejected.Select(x => KeyValuePair.Create(x.Key, (JsonNode?)x.Value))),
                ["moves_accepted"] = r.Moves,
                ["stopped"] = r.Stopped,
                ["original"] = Confirmed(r.Original, null),
                ["best"] = new JsonArray([.. r.Confirmed.Select((c, k) => (JsonNode)Confirmed(c, FileName(k)))]),
                ["assumption_sets"] = Sets is null ? null : new JsonObject
                {
                    ["file"] = Sets.Path,
                    ["sets"] = Json.Strings(Sets.Sets.Select(s => s.Name)),
                    ["searched_for"] = "the objective averaged over the sets, weighted equally",
                },
                ["robustness"] = Regret is null ? null : RobustnessOutput.RegretJson(Regret),
            };
        }

        private JsonObject Confirmed(Confirmed<RoadmapCandidate> c, string? file)
        {
            var o = new JsonObject();
            if (file is not null) o["file"] = file;
            o["candidate"] = c.Entry.Id;
            o["objective"] = Node(c.Objective.Score);
            o["shortfall"] = Num(c.Objective.Shortfall);
            o["outcomes"] = new JsonObject(c.Figures.OrderBy(x => x.Key).Select(x =>
            {
                var figure = Node(x.Value);
                // n: the confirmation trajectories the figure is over (fewer than all for inclusiveness).
                if (c.FigureN.TryGetValue(x.Key, out var n)) figure["n"] = n;
                return KeyValuePair.Create(Outcomes.Name(x.Key), (JsonNode?)figure);
            }));
            if (file is not null)
            {
                o["versus_original"] = Node(c.VersusOriginal);
                o["outcome_differences"] = new JsonObject(c.FigureDifferences.OrderBy(x => x.Key).Select(x => KeyValuePair.Create(Outcomes.Name(x.Key), (JsonNode?)Node(x.Value))));
                o["changes"] = Json.Strings(c.Entry.Changes);
            }

            return o;
        }

        private static JsonObject Node(Estimate e) => new() { ["value"] = Num(e.Value), ["low"] = Num(e.Low), ["high"] = Num(e.High) };

        private static JsonNode? Num(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
    }
}
