using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Statecraft.Negotiation;
using Statecraft.Sanctions;
using Statecraft.Simulation;

namespace Statecraft.Cli;

/// <summary>
/// <c>statecraft merge</c>: combines the partial results of the N shards of one <c>simulate</c> or
/// <c>compare</c> run into the output the unsharded run prints, bit for bit. The games are prepared
/// again (<see cref="RunPlan.Prepare"/>, as every front end prepares a run) from the scenario and world
/// texts and the <c>--set</c> changes the partial files carry, so the merging machine needs no files.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("FILE") { Description = "The partial result files of every shard of one run (any order)", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print the JSON the unsharded run prints with --json." };
        var csv = new Option<string?>("--csv") { HelpName = "DIR", Description = "Also write the unsharded run's CSV files into DIR (created if missing; existing files are not overwritten)." };
        // No default folder: scripts run merge once per output form (text, --json, --csv), and a folder each time would pile up.
        var output = new Option<string?>("--out") { HelpName = "DIR", Description = "Also save merge.json, the CSV files and report.html into DIR (a new or empty folder; never overwritten)." };
        var command = new Command("merge",
            "Merge the partial results of 'statecraft simulate/compare ... --shard K/N --partial FILE' (every shard 1 to N of one run) " +
            "and print exactly what the unsharded command prints; saves JSON, CSV and an HTML report.")
        {
            files, json, csv, output,
        };
        var (store, noStore) = RunRecorder.Options();
        command.Options.Add(store);
        command.Options.Add(noStore);
        command.SetAction(parse => Run(parse.GetValue(files) ?? [], parse.GetValue(json), parse.GetValue(csv), stdout, stderr, parse.GetValue(output), RunRecorder.From(parse, store, noStore)));
        return command;
    }

    /// <summary>What a partial file says about the run it belongs to, read before any accumulator.</summary>
    private sealed record Header(
        string File, JsonDocument Document, string Tool, string Command, ulong Seed, int Runs, int Index, int Count, int FirstBatch, int EndBatch,
        ImmutableArray<(string Name, double Value)> Assumptions, ImmutableArray<string> Set, ImmutableArray<(string Name, string Path, string Hash, string Text, int Horizon)> Strategies,
        bool EmbeddedWorld, ImmutableArray<(string Name, string Path, string Hash, string Text)> Worlds);

    internal static int Run(IReadOnlyList<string> files, bool json, string? csv, TextWriter stdout, TextWriter stderr, string? output = null, RunRecorder.Where? record = null)
    {
        if (ScenarioInput.RejectOptionLike(files, "merge", stderr)) return Program.BadInput;
        string? folder = null;
        if (output is not null && (folder = SavedResults.Choose("merge", output, "", stderr)) is null) return Program.BadInput;
        var headers = new List<Header>();
        try
        {
            foreach (var file in files)
            {
                var header = Read(file, stderr);
                if (header is null) return Program.BadInput;
                headers.Add(header);
            }

            if (Disagreement(headers) is { } problem)
            {
                stderr.WriteLine($"statecraft merge: error: {problem}");
                return Program.BadInput;
            }

            var ordered = headers.OrderBy(h => h.Index).ToList();
            var games = Recompile(ordered[0], stderr);
            if (games is null) return Program.BadInput;

            var summaries = games.Select(g => new OutcomeAccumulator(g.Horizon)).ToArray();
            var differences = games.Select((_, s) => s == 0 ? null : new DifferenceAccumulator()).ToArray();
            foreach (var h in ordered)
            {
                try
                {
                    var strategies = new PartialResult.Node(h.Document.RootElement, "")["strategies"].Items(games.Count);
                    for (var s = 0; s < games.Count; s++)
                    {
                        summaries[s].Merge(PartialResult.ReadSummary(strategies[s]["summary"], games[s].Horizon));
                        var versus = strategies[s]["versus_first"];
                        if (s == 0 && !versus.IsNull) throw new PartialResult.FormatError($"{versus.Path} should be null for the first strategy");
                        if (s > 0) differences[s]!.Merge(PartialResult.ReadDifferences(versus));
                    }
                }
                catch (Exception e) when (e is PartialResult.FormatError or ArgumentException)
                {
                    stderr.WriteLine($"statecraft merge: error: {h.File}: not a valid partial result: {e.Message}");
                    return Program.BadInput;
                }
            }

            var expected = ordered.Sum(h => Math.Min((long)h.Runs, (long)h.EndBatch * SimulationSettings.BatchSize) - ((long)h.FirstBatch * SimulationSettings.BatchSize));
            if (summaries[0].Trajectories != expected || summaries[0].Trajectories != ordered[0].Runs)
            {
                stderr.WriteLine($"statecraft merge: error: the shards hold {summaries[0].Trajectories:N0} trajectories where the run has {ordered[0].Runs:N0}; a partial file is damaged.");
                return Program.BadInput;
            }

            var first = ordered[0];
            var settings = new SimulationSettings(first.Runs, first.Seed, 1);
            var result = new SimulationResult(settings, [.. games.Select((g, s) => new StrategyRun(g, summaries[s], differences[s]))]);
            var options = new SimulateCommand.Options(first.Runs, first.Seed, 1, json, csv, null, first.Set);
            // Recorded only once merged: the shards themselves are parts, not runs.
            var worlds = new PlayedWorlds([.. first.Worlds.Select(w => new SimulateCommand.ScenarioSource(w.Path, w.Text))], first.EmbeddedWorld);
            var recorder = RunRecorder.Begin(record, "merge", settings, first.Set, first.Strategies.Select(s => new SimulateCommand.ScenarioSource(s.Path, s.Text)), worlds, stderr);
            var code = SimulateCommand.Emit("merge", result, options, stdout, stderr, folder);
            if (code == Program.Ok) recorder?.Complete(SimulationOutput.ToJson(result), result, folder ?? csv, stderr);
            else recorder?.Abandon();
            return code;
        }
        finally
        {
            foreach (var h in headers) h.Document.Dispose();
        }
    }

    /// <summary>Reads and checks one file's header; null after printing why it cannot be used.</summary>
    private static Header? Read(string file, TextWriter stderr)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var why = Directory.Exists(file) ? "it is a directory" : e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message;
            stderr.WriteLine($"statecraft merge: error: {file}: cannot read the file: {why}");
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            stderr.WriteLine($"statecraft merge: error: {file}: not a statecraft partial result: invalid JSON at {PartialResult.Where(e)} (truncated or damaged?)");
            return null;
        }

        try
        {
            var root = new PartialResult.Node(document.RootElement, "");
            if (root.Element.ValueKind != JsonValueKind.Object || !root.Has("format") || root["format"].Element.ValueKind != JsonValueKind.String || root["format"].String() != PartialResult.Format)
                throw new PartialResult.FormatError($"no \"format\": \"{PartialResult.Format}\" (write one with 'statecraft simulate/compare ... --shard K/N --partial FILE')");
            var version = root["format_version"].Long();
            if (version != PartialResult.FormatVersion)
                throw new PartialResult.FormatError($"format_version {version}; this statecraft reads version {PartialResult.FormatVersion}");
            var tool = root["tool_version"].String();
            if (tool != SimulationOutput.ToolVersion)
                throw new PartialResult.FormatError($"written by statecraft {tool}, and this is statecraft {SimulationOutput.ToolVersion}; merge with the build that ran the shards");
            var command = root["command"].String();
            if (command is not ("simulate" or "compare")) throw new PartialResult.FormatError($"command '{command}' is neither simulate nor compare");
            if (root["batch_size"].Long() != SimulationSettings.BatchSize) throw new PartialResult.FormatError($"batch_size is not {SimulationSettings.BatchSize}");
            var shard = root["shard"];
            var runs = root["runs"].Int();
            if (runs is < 1 or > SimulateCommand.MaxRuns) throw new PartialResult.FormatError($"runs {runs} is not 1 to {SimulateCommand.MaxRuns:N0}");
            var (index, count) = (shard["index"].Int(), shard["count"].Int());
            var batches = BatchRange.BatchesIn(runs);
            if (count < 1 || count > batches || index < 1 || index > count) throw new PartialResult.FormatError($"shard {index} of {count} is not a shard of a run of {batches} batches");
            var range = BatchRange.Shard(runs, index, count);
            if (shard["first_batch"].Int() != range.First || shard["end_batch"].Int() != range.End)
                throw new PartialResult.FormatError($"shard {index} of {count} should hold batches {range.First} to {range.End - 1}");
            var assumptions = root["game_assumptions"];
            if (assumptions.Element.ValueKind != JsonValueKind.Object) throw new PartialResult.FormatError("game_assumptions is not an object");
            var strategies = root["strategies"].Items();
            if (strategies.Count == 0 || (command == "simulate" && strategies.Count != 1)) throw new PartialResult.FormatError($"{strategies.Count} strategies for {command}");
            var world = root["world"];
            var embedded = world["embedded"].Element.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new PartialResult.FormatError($"{world["embedded"].Path} is not true or false"),
            };
            var worlds = world["files"].Items().Select(w =>
            {
                var text = w["world_text"].String();
                var hash = w["world_sha256"].String();
                if (Store.StoredScenario.Sha256Of(text) != hash) throw new PartialResult.FormatError($"{w.Path}: the world text does not match its world_sha256 (edited or damaged)");
                return (w["name"].String(), w["path"].String(), hash, text);
            }).ToList();
            // A shard is played in one world, or in each file's own beliefs: never both, never neither.
            if (embedded ? worlds.Count != 0 : worlds.Count != 1)
                throw new PartialResult.FormatError(embedded ? $"{world.Path}.files lists a world although the shard was played in each file's own beliefs" : $"{world.Path}.files has {worlds.Count} worlds where a shard is played in 1");
            return new Header(
                file, document, tool, command, root["seed"].ULong(), runs, index, count, range.First, range.End,
                [.. assumptions.Element.EnumerateObject().Select(p => (p.Name, assumptions[p.Name].Double()))],
                [.. root["set"].Items().Select(s => s.String())],
                [.. strategies.Select(s =>
                {
                    var text = s["scenario_text"].String();
                    var hash = s["scenario_sha256"].String();
                    if (Store.StoredScenario.Sha256Of(text) != hash) throw new PartialResult.FormatError($"{s.Path}: the scenario text does not match its scenario_sha256 (edited or damaged)");
                    return (s["name"].String(), s["path"].String(), hash, text, s["horizon_quarters"].Int());
                })],
                embedded,
                [.. worlds]);
        }
        catch (PartialResult.FormatError e)
        {
            document.Dispose();
            stderr.WriteLine($"statecraft merge: error: {file}: not a usable statecraft partial result: {e.Message}");
            return null;
        }
    }

    /// <summary>The first way the files do not make up one run, in words naming the files; null when they do.</summary>
    private static string? Disagreement(List<Header> headers)
    {
        var a = headers[0];
        string Name(Header h) => h.File;
        foreach (var b in headers.Skip(1))
        {
            string? Differ<T>(string what, Func<Header, T> get, Func<T, string>? show = null)
            {
                var (x, y) = (get(a), get(b));
                if (EqualityComparer<T>.Default.Equals(x, y)) return null;
                show ??= v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "";
                return $"{Name(b)} has {what} {show(y)}, {Name(a)} has {what} {show(x)}; the shards of one run must agree.";
            }

            var problem = Differ("command", h => h.Command)
                ?? Differ("seed", h => h.Seed)
                ?? Differ("runs", h => h.Runs)
                ?? Differ("shard count", h => h.Count)
                ?? Differ("strategies", h => string.Join(", ", h.Strategies.Select(s => s.Name)));
            if (problem is not null) return problem;
            if (a.EmbeddedWorld != b.EmbeddedWorld)
            {
                var (embedded, named) = a.EmbeddedWorld ? (a, b) : (b, a);
                return $"{Name(embedded)} was played in each file's own beliefs (--world {RunPlan.EmbeddedWorld}), {Name(named)} in world '{named.Worlds[0].Name}'; the shards of one run must agree.";
            }

            if (!a.EmbeddedWorld && a.Worlds[0].Hash != b.Worlds[0].Hash)
                return $"{Name(b)} was played in world '{b.Worlds[0].Name}' ({b.Worlds[0].Path}, SHA-256 {b.Worlds[0].Hash[..12]}...), {Name(a)} in world '{a.Worlds[0].Name}' ({a.Worlds[0].Path}, SHA-256 {a.Worlds[0].Hash[..12]}...); the shards of one run must be played in the same world (--world).";
            if (!a.EmbeddedWorld && a.Worlds[0].Path != b.Worlds[0].Path)
                return $"{Name(b)} names its world file {b.Worlds[0].Path}, {Name(a)} names it {a.Worlds[0].Path}; run every shard with the same --world.";
            if (!a.Assumptions.SequenceEqual(b.Assumptions))
            {
                var differing = a.Assumptions.Zip(b.Assumptions).FirstOrDefault(p => p.First != p.Second);
                return differing == default
                    ? $"{Name(b)} and {Name(a)} list different game assumptions; the shards of one run must agree."
                    : $"{Name(b)} has {differing.Second.Name} = {differing.Second.Value.ToString("R", CultureInfo.InvariantCulture)}, {Name(a)} has {differing.First.Name} = {differing.First.Value.ToString("R", CultureInfo.InvariantCulture)} (--set); the shards of one run must agree.";
            }

            for (var s = 0; s < a.Strategies.Length; s++)
            {
                if (a.Strategies[s].Hash != b.Strategies[s].Hash)
                    return $"{Name(b)} and {Name(a)} ran different scenario texts for strategy {s + 1} ('{a.Strategies[s].Name}': SHA-256 {b.Strategies[s].Hash[..12]}... against {a.Strategies[s].Hash[..12]}...); the shards of one run must agree.";
                if (a.Strategies[s].Path != b.Strategies[s].Path)
                    return $"{Name(b)} names strategy {s + 1}'s file {b.Strategies[s].Path}, {Name(a)} names it {a.Strategies[s].Path}; run every shard with the same FILE arguments.";
            }
        }

        var byIndex = headers.GroupBy(h => h.Index).ToDictionary(g => g.Key, g => g.ToList());
        if (byIndex.Values.FirstOrDefault(g => g.Count > 1) is { } repeated)
            return $"{string.Join(" and ", repeated.Select(Name))} are {(repeated.Count == 2 ? "both" : "all")} shard {repeated[0].Index} of {a.Count}; give each shard once.";
        var missing = Enumerable.Range(1, a.Count).Where(k => !byIndex.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            var what = missing.Count == 1 ? $"shard {missing[0]} of {a.Count} is missing" : $"shards {string.Join(", ", missing)} of {a.Count} are missing";
            return $"{what} (given: {string.Join(", ", headers.OrderBy(h => h.Index).Select(h => $"{Name(h)} = shard {h.Index}"))}).";
        }

        return null;
    }

    /// <summary>
    /// The games the shards played, prepared again from the scenario and world texts and the --set changes in the file, and
    /// checked against the game assumptions and horizons the file says they were played with.
    /// </summary>
    private static List<CompiledGame>? Recompile(Header h, TextWriter stderr)
    {
        var plan = new RunPlan(
            [.. h.Strategies.Select(s => new InputText(s.Path, s.Text))],
            [.. h.Worlds.Select(w => new InputText(w.Path, w.Text))],
            h.Set) { Embedded = h.EmbeddedWorld };
        var prepared = plan.Prepare(Catalog.Korea);
        if (prepared.Run is not { } run)
        {
            // The warnings were given when the shards ran; the errors say why this build cannot play what they played.
            SimulateCommand.Report("merge", prepared.Diagnostics.Where(d => d.Severity == Documents.Severity.Error), stderr);
            stderr.WriteLine($"statecraft merge: error: {h.File}: the scenarios, world and --set changes stored in it cannot be prepared (errors above).");
            return null;
        }

        var games = run.First.ToList();
        var values = h.Assumptions.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);
        foreach (var a in GameAssumptions.All)
        {
            if (!values.Remove(a.Name, out var v))
            {
                stderr.WriteLine($"statecraft merge: error: {h.File}: game_assumptions lacks {a.Name}.");
                return null;
            }

            var played = a.Get(games[0].Game);
            if (BitConverter.DoubleToInt64Bits(played) != BitConverter.DoubleToInt64Bits(v))
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"statecraft merge: error: {h.File}: game_assumptions has {a.Name} = {v:R}, but its world and --set changes give {played:R}; the file was edited."));
                return null;
            }
        }

        if (values.Count > 0)
        {
            stderr.WriteLine($"statecraft merge: error: {h.File}: game_assumptions has '{values.Keys.First()}', which this statecraft does not know.");
            return null;
        }

        for (var i = 0; i < games.Count; i++)
        {
            var s = h.Strategies[i];
            if (games[i].Horizon != s.Horizon || games[i].Scenario.Name != s.Name)
            {
                stderr.WriteLine($"statecraft merge: error: {h.File}: strategy '{s.Name}' does not match its stored scenario text.");
                return null;
            }
        }

        return games;
    }
}
