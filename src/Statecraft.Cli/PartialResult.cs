using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Statecraft.Negotiation;
using Statecraft.Simulation;

namespace Statecraft.Cli;

/// <summary>
/// The partial result a shard writes (<c>--shard K/N --partial FILE</c>) and <c>statecraft merge</c> reads:
/// self-describing JSON holding the run's identity (command, seed, runs, shard, game assumptions, each
/// scenario's text and SHA-256, and the world played: its file's text and SHA-256, or the embedded flag) and
/// the full state of every accumulator, doubles in the shortest form that reads back to the same bits, so the
/// merge rebuilds exactly what the unsharded run would have summed. docs/model.md ("Output") describes the format,
/// docs/scale-out.md ("What merge checks") what the merge refuses.
/// </summary>
internal static class PartialResult
{
    public const string Format = "statecraft-partial";

    // 3: two more breakdown causes (party_withdrew, stalled), the stall quarters and the paired difference of stalls;
    // and the world the shard was played in (version 2 files, which had neither, are refused).
    public const int FormatVersion = 3;

    internal sealed record ShardInfo(int Index, int Count, BatchRange Range);

    public static byte[] Write(string command, SimulationResult result, ShardInfo shard, IReadOnlyList<string> set, IReadOnlyList<SimulateCommand.ScenarioSource> sources, PlayedWorlds worlds)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("format_version", FormatVersion);
            w.WriteString("tool_version", SimulationOutput.ToolVersion);
            w.WriteString("command", command);
            w.WriteNumber("seed", result.Settings.Seed);
            w.WriteNumber("runs", result.Settings.Runs);
            w.WriteNumber("batch_size", SimulationSettings.BatchSize);
            w.WriteStartObject("shard");
            w.WriteNumber("index", shard.Index);
            w.WriteNumber("count", shard.Count);
            w.WriteNumber("first_batch", shard.Range.First);
            w.WriteNumber("end_batch", shard.Range.End);
            w.WriteEndObject();
            w.WriteStartObject("game_assumptions");
            foreach (var a in GameAssumptions.All)
            {
                w.WritePropertyName(a.Name);
                Double(w, a.Get(result.Strategies[0].Game.Game));
            }

            w.WriteEndObject();
            w.WriteStartArray("set");
            foreach (var s in set) w.WriteStringValue(s);
            w.WriteEndArray();
            w.WriteStartObject("world");
            w.WriteBoolean("embedded", worlds.Embedded);
            w.WriteStartArray("files");
            foreach (var file in worlds.Files)
            {
                w.WriteStartObject();
                w.WriteString("name", PlayedWorlds.IdOf(file));
                w.WriteString("path", file.Path);
                w.WriteString("world_sha256", Store.StoredScenario.Sha256Of(file.Text));
                w.WriteString("world_text", file.Text);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("strategies");
            for (var i = 0; i < result.Strategies.Length; i++)
            {
                var run = result.Strategies[i];
                w.WriteStartObject();
                w.WriteString("name", run.Name);
                w.WriteString("path", sources[i].Path);
                w.WriteString("scenario_sha256", Store.StoredScenario.Sha256Of(sources[i].Text));
                w.WriteString("scenario_text", sources[i].Text);
                w.WriteNumber("horizon_quarters", run.Summary.Horizon);
                w.WritePropertyName("summary");
                Summary(w, run.Summary);
                w.WritePropertyName("versus_first");
                if (run.VersusFirst is { } d) Differences(w, d);
                else w.WriteNullValue();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return [.. buffer.WrittenSpan, (byte)'\n'];
    }

    /// <summary>A double that reads back to the same bits: the shortest round-trip form; the non-finite as strings, which JSON numbers cannot be.</summary>
    private static void Double(Utf8JsonWriter w, double x)
    {
        if (double.IsFinite(x)) w.WriteNumberValue(x);
        else w.WriteStringValue(double.IsNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
    }

    private static void Longs(Utf8JsonWriter w, string name, ReadOnlySpan<long> values)
    {
        w.WritePropertyName(name);
        Longs(w, values);
    }

    private static void Summary(Utf8JsonWriter w, OutcomeAccumulator s)
    {
        w.WriteStartObject();
        w.WriteNumber("trajectories", s.Trajectories);
        w.WriteNumber("complete", s.Complete);
        w.WriteNumber("breakdowns", s.Breakdowns);
        w.WriteNumber("cheated", s.Cheated);
        w.WriteNumber("detected", s.Detected);
        Longs(w, "causes", s.Causes);
        Longs(w, "types", s.Types);
        Longs(w, "highest_step", s.HighestStep.Counts);
        w.WriteStartArray("step_time");
        foreach (var d in s.StepTime) Longs(w, d.Counts);
        w.WriteEndArray();
        Longs(w, "breakdown_time", s.BreakdownTime.Counts);
        Longs(w, "stall_time", s.StallTime.Counts);
        w.WriteStartArray("end");
        foreach (var q in s.End) Quantiles(w, q);
        w.WriteEndArray();
        w.WriteStartArray("gdp_path");
        foreach (var q in s.GdpPath) Quantiles(w, q);
        w.WriteEndArray();
        w.WriteStartArray("household_income_path");
        foreach (var q in s.HouseholdIncomePath) Quantiles(w, q);
        w.WriteEndArray();
        w.WriteStartArray("step_path");
        foreach (var d in s.StepPath) Longs(w, d.Counts);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Longs(Utf8JsonWriter w, ReadOnlySpan<long> values)
    {
        w.WriteStartArray();
        foreach (var v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    private static void Quantiles(Utf8JsonWriter w, StreamingQuantiles q)
    {
        w.WriteStartObject();
        w.WriteNumber("count", q.Count);
        w.WriteNumber("undefined", q.Undefined);
        w.WritePropertyName("min");
        Double(w, q.Min);
        w.WritePropertyName("max");
        Double(w, q.Max);
        w.WritePropertyName("sum");
        Sum(w, q.ExactTotal);
        if (q.IsExact)
        {
            w.WriteStartArray("exact");
            foreach (var v in q.ExactValues) Double(w, v);
            w.WriteEndArray();
        }
        else
        {
            // Sparse: most of the 4,000 bins are empty.
            w.WriteStartArray("histogram");
            var counts = q.HistogramCounts;
            for (var b = 0; b < counts.Length; b++)
            {
                if (counts[b] == 0) continue;
                w.WriteStartArray();
                w.WriteNumberValue(b);
                w.WriteNumberValue(counts[b]);
                w.WriteEndArray();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void Sum(Utf8JsonWriter w, ExactSum s)
    {
        w.WriteStartObject();
        w.WriteStartArray("partials");
        foreach (var p in s.Partials) w.WriteNumberValue(p);
        w.WriteEndArray();
        w.WriteNumber("positive_infinities", s.PositiveInfinities);
        w.WriteNumber("negative_infinities", s.NegativeInfinities);
        w.WriteNumber("nans", s.NaNs);
        w.WriteEndObject();
    }

    private static void Differences(Utf8JsonWriter w, DifferenceAccumulator d)
    {
        w.WriteStartObject();
        w.WritePropertyName("complete");
        Difference(w, d.Complete);
        w.WritePropertyName("breakdown");
        Difference(w, d.Breakdown);
        w.WritePropertyName("stalled");
        Difference(w, d.Stalled);
        w.WritePropertyName("highest_step");
        Difference(w, d.HighestStep);
        w.WriteStartArray("end");
        foreach (var x in d.End) Difference(w, x);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Difference(Utf8JsonWriter w, PairedDifference d)
    {
        w.WriteStartObject();
        w.WriteNumber("count", d.Count);
        w.WritePropertyName("sum");
        Sum(w, d.ExactSum);
        w.WritePropertyName("squares");
        Sum(w, d.ExactSquares);
        w.WriteEndObject();
    }

    /// <summary>What is wrong in a partial file, located by its JSON path (<c>strategies[1].summary.end[3].count</c>).</summary>
    internal sealed class FormatError(string message) : Exception(message);

    /// <summary>Reads JSON members with their path, so a damaged file gets a message saying where.</summary>
    internal readonly record struct Node(JsonElement Element, string Path)
    {
        public Node this[string name]
        {
            get
            {
                if (Element.ValueKind != JsonValueKind.Object) throw new FormatError($"{Path} is not an object");
                return Element.TryGetProperty(name, out var e) ? new Node(e, Path.Length == 0 ? name : $"{Path}.{name}") : throw new FormatError($"{(Path.Length == 0 ? "" : Path + ".")}{name} is missing");
            }
        }

        public bool Has(string name) => Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out _);

        public bool IsNull => Element.ValueKind == JsonValueKind.Null;

        public List<Node> Items()
        {
            if (Element.ValueKind != JsonValueKind.Array) throw new FormatError($"{Path} is not a list");
            var path = Path;
            return [.. Element.EnumerateArray().Select((e, i) => new Node(e, $"{path}[{i}]"))];
        }

        public List<Node> Items(int count)
        {
            var items = Items();
            return items.Count == count ? items : throw new FormatError($"{Path} has {items.Count} entries where {count} are expected");
        }

        public string String() => Element.ValueKind == JsonValueKind.String ? Element.GetString()! : throw new FormatError($"{Path} is not a string");

        public long Long() => Element.ValueKind == JsonValueKind.Number && Element.TryGetInt64(out var v) ? v : throw new FormatError($"{Path} is not a whole number");

        public long Count() => Long() is var v and >= 0 ? v : throw new FormatError($"{Path} is negative");

        public int Int() => Element.ValueKind == JsonValueKind.Number && Element.TryGetInt32(out var v) ? v : throw new FormatError($"{Path} is not a whole number in range");

        public ulong ULong() => Element.ValueKind == JsonValueKind.Number && Element.TryGetUInt64(out var v) ? v : throw new FormatError($"{Path} is not a whole number from 0 to 2^64 - 1");

        public double Double() => Element.ValueKind switch
        {
            JsonValueKind.Number when Element.TryGetDouble(out var v) && double.IsFinite(v) => v,
            JsonValueKind.String when Element.GetString() == "NaN" => double.NaN,
            JsonValueKind.String when Element.GetString() == "Infinity" => double.PositiveInfinity,
            JsonValueKind.String when Element.GetString() == "-Infinity" => double.NegativeInfinity,
            _ => throw new FormatError($"{Path} is not a number"),
        };

        public long[] Longs(int count) => [.. Items(count).Select(n => n.Count())];
    }

    /// <summary>Rebuilds a strategy's summary from its saved state; <see cref="FormatError"/> when it does not fit.</summary>
    public static OutcomeAccumulator ReadSummary(Node n, int horizon)
    {
        var s = new OutcomeAccumulator(horizon);
        s.RestoreCounts(n["trajectories"].Count(), n["complete"].Count(), n["breakdowns"].Count(), n["cheated"].Count(), n["detected"].Count());
        n["causes"].Longs(s.Causes.Length).CopyTo(s.Causes, 0);
        n["types"].Longs(s.Types.Length).CopyTo(s.Types, 0);
        s.HighestStep.Restore(n["highest_step"].Longs(s.HighestStep.Size));
        var stepTime = n["step_time"].Items(s.StepTime.Length);
        for (var i = 0; i < stepTime.Count; i++) s.StepTime[i].Restore(stepTime[i].Longs(s.StepTime[i].Size));
        s.BreakdownTime.Restore(n["breakdown_time"].Longs(s.BreakdownTime.Size));
        s.StallTime.Restore(n["stall_time"].Longs(s.StallTime.Size));
        var end = n["end"].Items(s.End.Length);
        for (var i = 0; i < end.Count; i++) ReadQuantiles(end[i], s.End[i]);
        var gdp = n["gdp_path"].Items(horizon);
        for (var i = 0; i < gdp.Count; i++) ReadQuantiles(gdp[i], s.GdpPath[i]);
        var household = n["household_income_path"].Items(horizon);
        for (var i = 0; i < household.Count; i++) ReadQuantiles(household[i], s.HouseholdIncomePath[i]);
        var steps = n["step_path"].Items(horizon);
        for (var i = 0; i < steps.Count; i++) s.StepPath[i].Restore(steps[i].Longs(s.StepPath[i].Size));
        return s;
    }

    private static void ReadQuantiles(Node n, StreamingQuantiles q)
    {
        var count = n["count"].Count();
        double[] values = [];
        long[] histogram = [];
        if (n.Has("exact")) values = [.. n["exact"].Items().Select(v => v.Double())];
        else
        {
            histogram = new long[q.Bins];
            foreach (var pair in n["histogram"].Items())
            {
                var bin = pair.Items(2);
                var b = bin[0].Int();
                if (b < 0 || b >= q.Bins) throw new FormatError($"{bin[0].Path} is not a bin from 0 to {q.Bins - 1}");
                histogram[b] = bin[1].Count();
            }
        }

        try
        {
            q.Restore(values, histogram, count, n["undefined"].Count(), n["min"].Double(), n["max"].Double(), ReadSum(n["sum"]));
        }
        catch (ArgumentException e)
        {
            throw new FormatError($"{n.Path}: {e.Message}");
        }
    }

    private static ExactSum ReadSum(Node n)
    {
        var s = new ExactSum();
        foreach (var p in n["partials"].Items())
        {
            var x = p.Double();
            if (!double.IsFinite(x)) throw new FormatError($"{p.Path} is not a finite number");
            s.Add(x);
        }

        s.AddSpecialCounts(n["positive_infinities"].Count(), n["negative_infinities"].Count(), n["nans"].Count());
        return s;
    }

    public static DifferenceAccumulator ReadDifferences(Node n)
    {
        var d = new DifferenceAccumulator();
        ReadDifference(n["complete"], d.Complete);
        ReadDifference(n["breakdown"], d.Breakdown);
        ReadDifference(n["stalled"], d.Stalled);
        ReadDifference(n["highest_step"], d.HighestStep);
        var end = n["end"].Items(d.End.Length);
        for (var i = 0; i < end.Count; i++) ReadDifference(end[i], d.End[i]);
        return d;
    }

    private static void ReadDifference(Node n, PairedDifference d) => d.Restore(n["count"].Count(), ReadSum(n["sum"]), ReadSum(n["squares"]));

    /// <summary>A location in a JSON error, one-based as editors show it.</summary>
    public static string Where(JsonException e) => string.Create(CultureInfo.InvariantCulture,
        $"line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}");
}
