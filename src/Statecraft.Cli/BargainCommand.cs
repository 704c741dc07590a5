using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Statecraft.Bargaining;
using Statecraft.Data;
using Statecraft.Documents;
using Statecraft.Economy;

namespace Statecraft.Cli;

/// <summary>
/// <c>statecraft bargain eum|smp FILE</c>: forecasts where many actors' positions settle, with the
/// Bueno de Mesquita expected-utility model (Scholz et al. replication) or KTAB's Spatial Model of Politics.
/// </summary>
internal static class BargainCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command(
            "bargain",
            "Forecast where many actors' positions settle: the expected-utility model (eum, one issue) or KTAB's " +
            "Spatial Model of Politics (smp, one or more dimensions). Shipped tables: " + string.Join(", ", ShippedTables.All.Select(t => t.Name)) +
            " (docs/bargaining.md).");
        command.Subcommands.Add(CreateEum(stdout, stderr));
        command.Subcommands.Add(CreateSmp(stdout, stderr));
        command.SetAction(_ =>
        {
            stderr.WriteLine("statecraft bargain: error: choose a model: 'statecraft bargain eum FILE' or 'statecraft bargain smp FILE' (see --help)");
            return Program.BadInput;
        });
        return command;
    }

    private static Argument<string> FileArgument(string format, Func<ShippedTable, bool> readable) => new("FILE")
    {
        Description = $"Actor table ({format}), or the name of a shipped table: {string.Join(", ", ShippedTables.All.Where(readable).Select(t => t.Name))}",
    };

    private static Command CreateEum(TextWriter stdout, TextWriter stderr)
    {
        var file = FileArgument("CSV with the columns Actor, Capability, Position, Salience in any order; salience from 0 to 1", t => t.IsEum);
        var rounds = NumberOptions.Whole("--rounds", "Rounds to play (the reference run plays 10)", 10);
        var q = NumberOptions.Real("--status-quo-weight", "q: the weight of the status quo in every expected utility (the reference uses 1)", 1.0);
        var json = new Option<bool>("--json") { Description = "Print JSON: 'rounds' (round, mean, median, positions: actor -> position, offers, risk) and the input" };
        var csv = new Option<bool>("--csv") { Description = "Print long-form CSV, a row per round and actor (for R, pandas, spreadsheets)" };
        var log = new Option<bool>("--log") { Description = "Print the reference Python implementation's log format, to diff against its Example.log" };
        var command = new Command(
            "eum",
            "The Bueno de Mesquita expected-utility model as replicated by Scholz et al.: each round every actor weighs every " +
            "rival's challenge and accepts the best confrontation or compromise offer; prints positions per round, the " +
            "capability x salience weighted mean and the median.")
        {
            file, rounds, q, json, csv, log,
        };
        command.SetAction(parse => RunEum(parse.GetValue(file)!, parse.GetValue(rounds), parse.GetValue(q), Format(parse.GetValue(json), parse.GetValue(csv), parse.GetValue(log)), stdout, stderr));
        return command;
    }

    private static Command CreateSmp(TextWriter stdout, TextWriter stderr)
    {
        var file = FileArgument("KTAB CSV: a row 'name,description,actors,dimensions', a heading row, then name, description, power and a position/salience pair (0-100) per dimension", t => !t.IsEum);
        var json = new Option<bool>("--json")
        {
            Description = "Print JSON: 'turns' (turn, positions: actor -> coordinates, probabilities, bargains, choices), 'final_probabilities' and 'most_likely'; " +
                "with --sweep: 'base' and 'variants' (the change, the most likely position and every final position)",
        };
        var csv = new Option<bool>("--csv") { Description = "Print long-form CSV, a row per turn, actor and dimension (with --sweep: a row per run, actor and dimension), for R, pandas, spreadsheets" };
        var sweep = new Option<string>("--sweep")
        {
            Description = "Instead of one run, run the table as given and then once for each end of every range in RANGES (CSV: actor, column, low, high) " +
                "that differs from the table's value, one value at a time, and summarise how the forecast moves (--json, --csv: every run); " +
                $"shipped: {string.Join(", ", ShippedTables.Ranges.Select(r => r.Name))}",
            HelpName = "RANGES",
        };
        var threads = NumberOptions.Whole(
            "--threads",
            $"Workers sharing each turn (default 0: every core for tables of {SpatialModel.ParallelFromActors} actors or more, else 1); the result is the same for any number",
            0);
        var command = new Command(
            "smp",
            "KTAB's Spatial Model of Politics with smpc's default settings: each turn every actor challenges the rival it " +
            "expects most to gain from and proposes a compromise; every actor adopts the most likely bargain offered to it; " +
            "the run stops when positions settle. Prints positions per turn and the final winning probabilities.")
        {
            file, json, csv, sweep, threads,
        };
        command.SetAction(parse => RunSmp(parse.GetValue(file)!, Format(parse.GetValue(json), parse.GetValue(csv), false), stdout, stderr, parse.GetValue(threads), parse.GetValue(sweep)));
        return command;
    }

    internal enum Output
    {
        Table,
        Json,
        Csv,
        Log,
        Conflict,
    }

    private static Output Format(bool json, bool csv, bool log) =>
        (json ? 1 : 0) + (csv ? 1 : 0) + (log ? 1 : 0) > 1 ? Output.Conflict
        : json ? Output.Json
        : csv ? Output.Csv
        : log ? Output.Log
        : Output.Table;

    internal static int RunEum(string path, int rounds, double q, Output output, TextWriter stdout, TextWriter stderr)
    {
        if (!Usable(path, output, "eum", stderr))
        {
            return Program.BadInput;
        }

        if (rounds < 1 || rounds > ExpectedUtilityModel.MaxRounds)
        {
            stderr.WriteLine($"statecraft bargain eum: error: --rounds {rounds} is out of range; valid: 1 to {ExpectedUtilityModel.MaxRounds}");
            return Program.BadInput;
        }

        if (!double.IsFinite(q) || q < 0)
        {
            stderr.WriteLine($"statecraft bargain eum: error: --status-quo-weight {q.ToString(CultureInfo.InvariantCulture)} is out of range; valid: 0 or more (the reference uses 1)");
            return Program.BadInput;
        }

        var load = Shipped(path) is { } shipped ? EumTable.Parse(shipped.Text, shipped.Path) : EumTable.LoadFile(path);
        if (!Reported(load.Diagnostics, load.Table is null, path, output, stdout, stderr))
        {
            return Program.BadInput;
        }

        var run = ExpectedUtilityModel.Run(load.Table!, rounds, q);
        switch (output)
        {
            case Output.Json:
                Json.Write(stdout, EumJson(run));
                break;
            case Output.Csv:
                stdout.Write(EumCsv(run));
                break;
            case Output.Log:
                stdout.Write(EumLog.Write(run));
                break;
            default:
                PrintEum(run, stdout);
                break;
        }

        return Program.Ok;
    }

    internal static int RunSmp(string path, Output output, TextWriter stdout, TextWriter stderr, int threads = 0, string? sweep = null)
    {
        if (!Usable(path, output, "smp", stderr))
        {
            return Program.BadInput;
        }

        if (threads is < 0 or > 1024)
        {
            stderr.WriteLine($"statecraft bargain smp: error: --threads {threads} is out of range; valid: 1 to 1024, or 0 for the default");
            return Program.BadInput;
        }

        var load = Shipped(path) is { } shipped ? SmpTable.Parse(shipped.Text, shipped.Path) : SmpTable.LoadFile(path);
        if (!Reported(load.Diagnostics, load.Table is null, path, output, stdout, stderr))
        {
            return Program.BadInput;
        }

        if (sweep is not null)
        {
            return RunSweep(load.Table!, sweep, output, stdout, stderr, threads);
        }

        var run = SpatialModel.Run(load.Table!, threads);
        foreach (var note in run.Notes)
        {
            stderr.WriteLine($"statecraft bargain smp: note: {note}");
        }

        switch (output)
        {
            case Output.Json:
                Json.Write(stdout, SmpJson(run));
                break;
            case Output.Csv:
                stdout.Write(SmpCsv(run));
                break;
            default:
                PrintSmp(run, stdout);
                break;
        }

        return Program.Ok;
    }

    /// <summary>A shipped table when no file of that name exists, as for scenarios.</summary>
    private static ShippedTable? Shipped(string argument, bool ranges = false)
    {
        if (File.Exists(argument) || Directory.Exists(argument))
        {
            return null;
        }

        var name = Path.GetFileNameWithoutExtension(argument);
        var table = ranges ? ShippedTables.FindRanges(name) : ShippedTables.Find(name);
        return table is not null && (argument == table.Name || argument == table.Name + ".csv" || argument == table.Path) ? table : null;
    }

    private static bool Usable(string path, Output output, string model, TextWriter stderr)
    {
        if (output == Output.Conflict)
        {
            stderr.WriteLine($"statecraft bargain {model}: error: choose one output format: --json, --csv{(model == "eum" ? " or --log" : " or neither")}");
            return false;
        }

        return !ScenarioInput.RejectOptionLike([path], $"bargain {model}", stderr);
    }

    /// <summary>Prints the diagnostics; false (after saying so, and a JSON document when asked for JSON) when the table is unusable.</summary>
    private static bool Reported(IReadOnlyList<Diagnostic> diagnostics, bool failed, string path, Output output, TextWriter stdout, TextWriter stderr, string what = "actor table")
    {
        foreach (var d in diagnostics)
        {
            stderr.WriteLine(d);
        }

        if (!failed)
        {
            return true;
        }

        var errors = diagnostics.Count(d => d.Severity == Severity.Error);
        stderr.WriteLine($"{path}: unusable {what} ({errors} error{(errors == 1 ? "" : "s")}); docs/bargaining.md describes the formats");
        if (output == Output.Json)
        {
            Json.Write(stdout, new JsonObject { ["valid"] = false, ["diagnostics"] = ScenarioInput.Diagnostics(diagnostics) });
        }

        return false;
    }

    private static string F(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void PrintEum(EumRun run, TextWriter o)
    {
        var actors = run.Table.Actors;
        o.WriteLine($"Expected-utility model (Scholz et al. replication of Bueno de Mesquita): {run.Table.Path}");
        o.WriteLine($"{actors.Count} actors, {run.Rounds.Count - 1} rounds, status-quo weight q = {R(run.StatusQuoWeight)}, width W = {R(run.Width)} (range of the initial positions).");
        o.WriteLine("Mean and median are weighted by capability x salience; round 0 is the input.");
        o.WriteLine();
        var table = new TextTable([.. new[] { "round", "mean", "median" }.Concat(actors.Select(a => a.Name))]);
        foreach (var round in run.Rounds)
        {
            table.Add([.. new[] { round.Round.ToString(CultureInfo.InvariantCulture), F(round.Mean, "0.000"), F(round.Median) }.Concat(round.Positions.Select(p => F(p)))]);
        }

        table.Write(o);
        o.WriteLine();
        var moves = run.Rounds.Skip(1).Sum(r => r.Offers.Count);
        var final = run.Rounds[^1];
        o.WriteLine($"{moves} accepted offers in all. After round {final.Round}: mean {F(final.Mean, "0.000")} (from {F(run.Rounds[0].Mean, "0.000")}), median {F(final.Median)}.");
        if (final.Offers.Count > 0)
        {
            o.WriteLine($"Round {final.Round}: " + string.Join("; ", final.Offers.Select(offer =>
                $"{actors[offer.Receiver].Name} {(offer.Kind == EumOfferKind.Confrontation ? "yields to" : "compromises with")} {actors[offer.Proposer].Name} ({F(offer.NewPosition)})")) + ".");
        }

        o.WriteLine("--json gives every offer, danger and risk exponent; --log the reference implementation's log.");
    }

    private static JsonObject EumJson(EumRun run)
    {
        var actors = run.Table.Actors;
        JsonObject PerActor(IReadOnlyList<double> values) => Json.Named(actors.Select(a => a.Name), values, v => v);

        return new JsonObject
        {
            ["model"] = "eum",
            ["description"] = "Bueno de Mesquita expected-utility model, Scholz et al. replication",
            ["source"] = run.Table.Path,
            ["status_quo_weight"] = run.StatusQuoWeight,
            ["width"] = run.Width,
            ["actors"] = Json.Array(actors, a => new JsonObject
            {
                ["name"] = a.Name,
                ["capability"] = a.Capability,
                ["position"] = a.Position,
                ["salience"] = a.Salience,
            }),
            ["rounds"] = Json.Array(run.Rounds, r =>
            {
                var round = new JsonObject
                {
                    ["round"] = r.Round,
                    ["mean"] = r.Mean,
                    ["median"] = r.Median,
                    ["positions"] = PerActor(r.Positions),
                };
                if (r.Round > 0)
                {
                    round["risk_exponents"] = PerActor(r.RiskExponent);
                    round["risk_acceptance"] = PerActor(r.RiskAcceptance);
                    round["danger"] = PerActor(r.Danger);
                    round["probability_denominator"] = r.ProbabilityDenominator;
                    round["offers"] = Json.Array(r.Offers, offer => new JsonObject
                    {
                        ["receiver"] = actors[offer.Receiver].Name,
                        ["proposer"] = actors[offer.Proposer].Name,
                        ["kind"] = offer.Kind == EumOfferKind.Confrontation ? "confrontation" : "compromise",
                        ["eu_receiver_challenges"] = offer.ReceiverChallenges,
                        ["eu_proposer_challenges"] = offer.ProposerChallenges,
                        ["new_position"] = offer.NewPosition,
                    });
                }

                return round;
            }),
        };
    }

    /// <summary>CSV column order of <c>bargain eum --csv</c>.</summary>
    internal static readonly string[] EumCsvHeader = ["round", "actor", "position", "risk_exponent", "moved_by", "offer_kind", "round_mean", "round_median"];

    private static string EumCsv(EumRun run)
    {
        var actors = run.Table.Actors;
        var text = new StringBuilder();
        text.Append(CsvTable.Line(EumCsvHeader)).Append("\r\n");
        foreach (var r in run.Rounds)
        {
            for (var a = 0; a < actors.Count; a++)
            {
                var offer = r.Offers.FirstOrDefault(o => o.Receiver == a);
                text.Append(CsvTable.Line(
                [
                    r.Round.ToString(CultureInfo.InvariantCulture),
                    actors[a].Name,
                    R(r.Positions[a]),
                    r.Round == 0 ? string.Empty : R(r.RiskExponent[a]),
                    offer is null ? string.Empty : actors[offer.Proposer].Name,
                    offer is null ? string.Empty : offer.Kind == EumOfferKind.Confrontation ? "confrontation" : "compromise",
                    R(r.Mean),
                    R(r.Median),
                ])).Append("\r\n");
            }
        }

        return text.ToString();
    }

    private static int RunSweep(SmpTable table, string rangesPath, Output output, TextWriter stdout, TextWriter stderr, int threads)
    {
        var shipped = Shipped(rangesPath, ranges: true);
        var shownPath = shipped?.Path ?? rangesPath;
        var load = shipped is null ? SmpSweep.LoadRanges(rangesPath, table) : SmpSweep.ParseRanges(shipped.Text, shipped.Path, table);

        if (!Reported(load.Diagnostics, load.Table is null, shownPath, output, stdout, stderr, "ranges file"))
        {
            return Program.BadInput;
        }

        // A line of progress on a terminal when the sweep will take a while (large tables).
        Action<int, int>? progress = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected && table.Actors.Count >= SpatialModel.ParallelFromActors
            ? (done, all) =>
            {
                stderr.Write($"\rstatecraft bargain smp: sweep run {done}/{all}");
                if (done == all)
                {
                    stderr.WriteLine();
                }
            }
            : null;
        var sweep = SmpSweep.Run(table, shownPath, load.Table!, threads, progress);
        switch (output)
        {
            case Output.Json:
                Json.Write(stdout, SweepJson(sweep));
                break;
            case Output.Csv:
                stdout.Write(SweepCsv(sweep));
                break;
            default:
                PrintSweep(sweep, stdout);
                break;
        }

        return Program.Ok;
    }

    private static string Change(SmpSweep sweep, SweepVariant v) =>
        v.Range is null ? "as given" : $"{sweep.Table.Actors[v.Range.Actor].Name} {v.Range.Column} {R(SmpSweep.ValueOf(sweep.Table, v.Range))} -> {R(v.Value)}";

    private static string Holders(SmpSweep sweep, SweepVariant v) => string.Join(", ", v.Holders.Select(a => sweep.Table.Actors[a].Name));

    private static void PrintSweep(SmpSweep sweep, TextWriter o)
    {
        var t = sweep.Table;
        var dims = t.Dimensions;
        o.WriteLine($"Spatial Model of Politics (KTAB, smpc default settings): {t.Path}, one-at-a-time sweep over {sweep.RangesPath}");
        o.WriteLine($"{sweep.Variants.Count} variants: each sets one value of one actor to an end of its range, everything else as given.");
        o.WriteLine("The spread below is over these variants, not a probability distribution: the model is deterministic.");
        o.WriteLine();
        o.WriteLine("Most likely final position (the position with the highest winning probability at the end of each run)");
        var summary = new TextTable("dimension", "as given", "min", "p25", "median", "p75", "max");
        for (var d = 0; d < dims.Count; d++)
        {
            var values = sweep.Variants.Select(v => v.MostLikelyPosition[d]).Order().ToArray();
            summary.Add(dims[d], F(sweep.Base.MostLikelyPosition[d]), F(values[0]), F(Backcast.Percentile(values, 0.25)), F(Backcast.Percentile(values, 0.5)), F(Backcast.Percentile(values, 0.75)), F(values[^1]));
        }

        summary.Write(o);
        o.WriteLine();
        o.WriteLine("Each actor's final position over the variants (min to max), and where it ends as given");
        var actors = new TextTable([.. new[] { "actor" }.Concat(dims.Select(d => $"{d} (as given: min-max)"))]);
        for (var a = 0; a < t.Actors.Count; a++)
        {
            actors.Add([.. new[] { t.Actors[a].Name }.Concat(dims.Select((_, d) =>
                $"{F(sweep.Base.Run.Final.Positions[a][d])}: {F(sweep.Variants.Min(v => v.Run.Final.Positions[a][d]))}-{F(sweep.Variants.Max(v => v.Run.Final.Positions[a][d]))}"))]);
        }

        actors.Write(o);
        o.WriteLine();
        const int shown = 10;
        o.WriteLine($"The {Math.Min(shown, sweep.Variants.Count)} changes that move the most likely final position furthest from the run as given");
        var moves = new TextTable([.. new[] { "change", "turns" }.Concat(dims).Append("held by")]);
        foreach (var v in sweep.Variants.OrderByDescending(v => Distance(v.MostLikelyPosition, sweep.Base.MostLikelyPosition)).Take(shown))
        {
            moves.Add([.. new[] { Change(sweep, v), v.Run.Turns.Count.ToString(CultureInfo.InvariantCulture) }.Concat(v.MostLikelyPosition.Select(p => F(p))).Append(Holders(sweep, v))]);
        }

        moves.Write(o);
        o.WriteLine("--json or --csv give every variant.");
    }

    private static double Distance(IReadOnlyList<double> a, IReadOnlyList<double> b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());

    private static JsonObject SweepJson(SmpSweep sweep)
    {
        var t = sweep.Table;
        var names = t.Actors.Select(a => a.Name).ToArray();
        JsonObject Variant(SweepVariant v) => new()
        {
            ["actor"] = v.Range is null ? null : t.Actors[v.Range.Actor].Name,
            ["column"] = v.Range?.Column,
            ["from"] = v.Range is null ? null : SmpSweep.ValueOf(t, v.Range),
            ["to"] = v.Range is null ? null : v.Value,
            ["turns"] = v.Run.Turns.Count,
            ["stopped"] = v.Run.Settled ? "settled" : "max_turns",
            ["most_likely_position"] = Json.Numbers(v.MostLikelyPosition),
            ["most_likely_probability"] = v.Run.Final.WinProbabilities[v.MostLikely],
            ["held_by"] = Json.Strings(v.Holders.Select(a => t.Actors[a].Name)),
            ["final_positions"] = Json.Named(names, v.Run.Final.Positions, p => Json.Numbers(p)),
            ["final_probabilities"] = Json.Named(names, v.Run.Final.WinProbabilities, p => p),
        };

        return new JsonObject
        {
            ["model"] = "smp",
            ["sweep"] = "one_at_a_time",
            ["source"] = t.Path,
            ["ranges"] = sweep.RangesPath,
            ["dimensions"] = Json.Strings(t.Dimensions),
            ["base"] = Variant(sweep.Base),
            ["variants"] = Json.Array(sweep.Variants, v => Variant(v)),
        };
    }

    /// <summary>CSV column order of <c>bargain smp --sweep --csv</c>.</summary>
    internal static readonly string[] SweepCsvHeader = ["variant", "actor_changed", "column", "from", "to", "turns", "actor", "dimension", "final_position", "final_win_probability", "most_likely"];

    private static string SweepCsv(SmpSweep sweep)
    {
        var t = sweep.Table;
        var text = new StringBuilder();
        text.Append(CsvTable.Line(SweepCsvHeader)).Append("\r\n");
        foreach (var (v, k) in sweep.Variants.Prepend(sweep.Base).Select((v, k) => (v, k)))
        {
            var holders = v.Holders;
            for (var a = 0; a < t.Actors.Count; a++)
            {
                for (var d = 0; d < t.Dimensions.Count; d++)
                {
                    text.Append(CsvTable.Line(
                    [
                        k.ToString(CultureInfo.InvariantCulture),
                        v.Range is null ? string.Empty : t.Actors[v.Range.Actor].Name,
                        v.Range?.Column ?? string.Empty,
                        v.Range is null ? string.Empty : R(SmpSweep.ValueOf(t, v.Range)),
                        v.Range is null ? string.Empty : R(v.Value),
                        v.Run.Turns.Count.ToString(CultureInfo.InvariantCulture),
                        t.Actors[a].Name,
                        t.Dimensions[d],
                        R(v.Run.Final.Positions[a][d]),
                        R(v.Run.Final.WinProbabilities[a]),
                        holders.Contains(a) ? "true" : "false",
                    ])).Append("\r\n");
                }
            }
        }

        return text.ToString();
    }

    private static void PrintSmp(SmpRun run, TextWriter o)
    {
        var t = run.Table;
        var actors = t.Actors;
        o.WriteLine($"Spatial Model of Politics (KTAB, smpc default settings): {t.Path}");
        o.WriteLine($"{t.Name}{(t.Description.Length > 0 ? " - " + t.Description : string.Empty)}");
        var last = run.Turns[^1];
        var why = run.Settled
            ? $"the last turn moved the actors {F(100 * last.Ratio, "0.00")}% as far as the first (stops below {F(100 * SpatialModel.StopRatio, "0")}%)"
            : $"it reached the limit of {SpatialModel.MaxTurns} turns without settling";
        o.WriteLine($"{actors.Count} actors, {t.Dimensions.Count} dimension{(t.Dimensions.Count == 1 ? "" : "s")}; {run.States.Count} states ({run.Turns.Count} turns): stopped because {why}.");
        o.WriteLine("Positions on the file's 0-100 scale; turn 0 is the input.");
        for (var d = 0; d < t.Dimensions.Count; d++)
        {
            o.WriteLine();
            o.WriteLine($"{t.Dimensions[d]} (dimension {d + 1})");
            var table = new TextTable([.. new[] { "turn" }.Concat(actors.Select(a => a.Name))]);
            foreach (var state in run.States)
            {
                table.Add([.. new[] { state.Turn.ToString(CultureInfo.InvariantCulture) }.Concat(state.Positions.Select(p => F(p[d])))]);
            }

            table.Write(o);
        }

        o.WriteLine();
        o.WriteLine("Final state: positions and each position's probability of prevailing (actors within 0.1 of each other share one)");
        var final = new TextTable([.. new[] { "actor", "power" }.Concat(t.Dimensions).Append("P(win)")]);
        for (var a = 0; a < actors.Count; a++)
        {
            final.Add([.. new[] { actors[a].Name, actors[a].Power.ToString(CultureInfo.InvariantCulture) }.Concat(run.Final.Positions[a].Select(p => F(p))).Append(F(run.Final.WinProbabilities[a], "0.0000"))]);
        }

        final.Write(o);
        o.WriteLine();
        var best = run.MostLikely;
        o.WriteLine($"Most likely final position: ({string.Join(", ", run.Final.Positions[best].Select(p => F(p)))}), held by {string.Join(", ", run.Holders.Select(a => actors[a].Name))}, P(win) = {F(run.Final.WinProbabilities[best], "0.0000")}.");
        o.WriteLine("--json gives every turn's probabilities, risk attitudes, bargains and choices; --sweep RANGES how the forecast moves over plausible ranges.");
    }

    private static JsonObject SmpJson(SmpRun run)
    {
        var t = run.Table;
        var actors = t.Actors;
        var names = actors.Select(a => a.Name).ToArray();
        JsonObject PerActor(IReadOnlyList<double> values) => Json.Named(names, values, v => v);

        return new JsonObject
        {
            ["model"] = "smp",
            ["description"] = "KTAB Spatial Model of Politics, smpc default settings",
            ["source"] = t.Path,
            ["name"] = t.Name,
            ["scenario_description"] = t.Description,
            ["dimensions"] = Json.Strings(t.Dimensions),
            ["scale"] = "0-100",
            ["actors"] = Json.Array(actors, a => new JsonObject
            {
                ["name"] = a.Name,
                ["description"] = a.Description,
                ["power"] = a.Power,
                ["positions"] = Json.Numbers(a.Positions),
                ["saliences"] = Json.Numbers(a.Saliences),
            }),
            ["settings"] = new JsonObject
            {
                ["victory_probability"] = "linear",
                ["pce"] = "conditional",
                ["state_transitions"] = "deterministic",
                ["voting_rule"] = "proportional",
                ["big_r_adjust"] = "one_third",
                ["big_r_range"] = "mid",
                ["third_party_commit"] = "semi_commit",
                ["interpolation"] = "s2p2",
                ["bargain_model"] = "init_only_interp",
                ["stop_ratio"] = SpatialModel.StopRatio,
                ["min_turns"] = SpatialModel.MinTurns,
                ["max_turns"] = SpatialModel.MaxTurns,
            },
            ["stopped"] = run.Settled ? "settled" : "max_turns",
            ["first_step_distance"] = run.FirstStepDistance,
            ["turns"] = Json.Array(run.States, s =>
            {
                var turn = new JsonObject
                {
                    ["turn"] = s.Turn,
                    ["positions"] = Json.Named(names, s.Positions, p => Json.Numbers(p)),
                    ["win_probabilities"] = PerActor(s.WinProbabilities),
                    ["risk_attitudes"] = PerActor(s.RiskAttitudes),
                };
                if (s.Turn > 0)
                {
                    var step = run.Turns[s.Turn - 1];
                    turn["distance"] = step.Distance;
                    turn["ratio"] = step.Ratio;
                    turn["bargains"] = Json.Array(step.Bargains, b => new JsonObject
                    {
                        ["initiator"] = actors[b.Initiator].Name,
                        ["target"] = actors[b.Target].Name,
                        ["initiator_wins"] = b.InitiatorWins,
                        ["expected_gain"] = b.Gain,
                        ["initiator_position"] = Json.Numbers(b.InitiatorPosition),
                        ["target_position"] = Json.Numbers(b.TargetPosition),
                    });
                    turn["choices"] = Json.Array(step.Choices, c => new JsonObject
                    {
                        ["actor"] = actors[c.Actor].Name,
                        ["status_quo"] = c.IsStatusQuo,
                        ["initiator"] = actors[c.Initiator].Name,
                        ["receiver"] = actors[c.Receiver].Name,
                        ["queue_size"] = c.QueueSize,
                        ["probability"] = c.Probability,
                    });
                }

                return turn;
            }),
            ["final_probabilities"] = PerActor(run.Final.WinProbabilities),
            ["most_likely"] = new JsonObject
            {
                ["position"] = Json.Numbers(run.Final.Positions[run.MostLikely]),
                ["held_by"] = Json.Strings(run.Holders.Select(a => actors[a].Name)),
                ["probability"] = run.Final.WinProbabilities[run.MostLikely],
            },
            ["notes"] = Json.Strings(run.Notes),
        };
    }

    /// <summary>CSV column order of <c>bargain smp --csv</c>.</summary>
    internal static readonly string[] SmpCsvHeader = ["turn", "actor", "dimension", "position", "win_probability", "risk_attitude"];

    private static string SmpCsv(SmpRun run)
    {
        var t = run.Table;
        var text = new StringBuilder();
        text.Append(CsvTable.Line(SmpCsvHeader)).Append("\r\n");
        foreach (var s in run.States)
        {
            for (var a = 0; a < t.Actors.Count; a++)
            {
                for (var d = 0; d < t.Dimensions.Count; d++)
                {
                    text.Append(CsvTable.Line(
                    [
                        s.Turn.ToString(CultureInfo.InvariantCulture),
                        t.Actors[a].Name,
                        t.Dimensions[d],
                        R(s.Positions[a][d]),
                        R(s.WinProbabilities[a]),
                        R(s.RiskAttitudes[a]),
                    ])).Append("\r\n");
                }
            }
        }

        return text.ToString();
    }
}
