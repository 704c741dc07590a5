using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Statecraft.Output;

/// <summary>One JSON style for every command: snake_case keys, indented, nulls written out.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // Measure titles and sources contain quotes, apostrophes and non-ASCII names; keep them readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter writer, JsonNode node) => writer.WriteLine(node.ToJsonString(Options));

    public static JsonArray Array<T>(IEnumerable<T> items, Func<T, JsonNode?> map) => new([.. items.Select(map)]);

    public static JsonArray Strings(IEnumerable<string> items) => new([.. items.Select(s => (JsonNode?)JsonValue.Create(s))]);

    public static JsonArray Numbers(IEnumerable<double> items) => new([.. items.Select(x => (JsonNode?)JsonValue.Create(x))]);

    /// <summary>An object with one member per name, in order: <c>{"name": map(value)}</c> (actor → position, say).</summary>
    public static JsonObject Named<T>(IEnumerable<string> names, IEnumerable<T> values, Func<T, JsonNode?> map) =>
        new(names.Zip(values, (name, value) => KeyValuePair.Create(name, map(value))));
}
