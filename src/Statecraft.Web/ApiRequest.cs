using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Statecraft.Output;

namespace Statecraft.Web;

/// <summary>
/// A request that cannot be used: the status to answer and what to tell the caller (the field at fault when there is one,
/// and when an input is invalid, its located diagnostics, as <c>statecraft validate --json</c> gives them).
/// </summary>
internal sealed class ApiRefusal(int status, string error, string? field = null, IReadOnlyList<Documents.Diagnostic>? diagnostics = null) : Exception(error)
{
    public int Status { get; } = status;

    public string? Field { get; } = field;

    public IReadOnlyList<Documents.Diagnostic>? Diagnostics { get; } = diagnostics;

    public IResult ToResult()
    {
        if (Diagnostics is null) return ApiAnswer.Error(Status, Message, Field);
        return ApiAnswer.Json(new JsonObject { ["error"] = Message, ["field"] = Field, ["valid"] = false, ["diagnostics"] = DiagnosticOutput.ToJson(Diagnostics) }, Status);
    }
}

/// <summary>How every endpoint answers: JSON in the CLI's style (snake_case, nulls written out).</summary>
internal static class ApiAnswer
{
    public static IResult Json(JsonNode node, int status = StatusCodes.Status200OK) =>
        Results.Text(node.ToJsonString(Output.Json.Options), "application/json; charset=utf-8", System.Text.Encoding.UTF8, status);

    /// <summary>A document some library builder already wrote as text (the dataset): sent as it is.</summary>
    public static IResult JsonText(string text) => Results.Text(text, "application/json; charset=utf-8", System.Text.Encoding.UTF8);

    public static IResult Error(int status, string error, string? field = null) =>
        Json(new JsonObject { ["error"] = error, ["field"] = field }, status);
}

/// <summary>
/// Reads a request's JSON body by hand rather than through model binding, so every way a body can be wrong
/// (not JSON, too big, wrong type, missing field) becomes a 4xx that names the field, never a 500.
/// </summary>
internal sealed class ApiRequest
{
    private static readonly JsonDocumentOptions Parsing = new() { MaxDepth = 32, CommentHandling = JsonCommentHandling.Disallow };

    private readonly JsonObject body;

    private ApiRequest(JsonObject body) => this.body = body;

    /// <summary>The body as a JSON object.</summary>
    /// <exception cref="ApiRefusal">Wrong content type (415), too big (413), not JSON or not an object (400).</exception>
    public static async Task<ApiRequest> ReadAsync(HttpRequest request, WebOptions options, CancellationToken cancel)
    {
        if (!request.HasJsonContentType())
            throw new ApiRefusal(StatusCodes.Status415UnsupportedMediaType, "send the body as JSON with 'Content-Type: application/json'");
        if (request.ContentLength > options.MaxBodyBytes)
            throw new ApiRefusal(StatusCodes.Status413PayloadTooLarge, TooBig(options));
        byte[] bytes;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancel);
            bytes = buffer.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new ApiRefusal(StatusCodes.Status413PayloadTooLarge, TooBig(options));
        }
        catch (BadHttpRequestException e)
        {
            throw new ApiRefusal(e.StatusCode, $"the request body could not be read: {e.Message}");
        }

        if (bytes.Length > options.MaxBodyBytes) throw new ApiRefusal(StatusCodes.Status413PayloadTooLarge, TooBig(options));
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(bytes, documentOptions: Parsing);
            // A JsonObject reads its members on first use, and only then finds a name given twice: make it do so here.
            _ = (node as JsonObject)?.Count;
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, byte {e.BytePositionInLine + 1}") : "";
            throw new ApiRefusal(StatusCodes.Status400BadRequest, $"the body is not valid JSON{where}");
        }
        catch (ArgumentException)
        {
            throw new ApiRefusal(StatusCodes.Status400BadRequest, "the body gives a field twice; give each once");
        }

        return node is JsonObject o
            ? new ApiRequest(o)
            : throw new ApiRefusal(StatusCodes.Status400BadRequest, "the body must be a JSON object, such as {\"yaml\": \"...\"}");
    }

    public bool Has(string field) => body[field] is not null;

    /// <summary>A string field; null when absent (or null) and not <paramref name="required"/>.</summary>
    public string? String(string field, bool required = false) => StringOf(body[field], field, required);

    /// <summary>A whole number field within [<paramref name="low"/>, <paramref name="high"/>]; null when absent.</summary>
    public long? Whole(string field, long low, long high, string range, int outOfRange = StatusCodes.Status422UnprocessableEntity)
    {
        if (body[field] is not { } node) return null;
        if (node is JsonValue v && v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number)
        {
            if (e.TryGetInt64(out var n))
            {
                return n >= low && n <= high ? n : throw new ApiRefusal(outOfRange, $"'{field}' must be {range}, not {n}", field);
            }

            throw new ApiRefusal(outOfRange, $"'{field}' must be {range}, not {e.GetRawText()}", field);
        }

        throw new ApiRefusal(StatusCodes.Status400BadRequest, $"'{field}' must be a whole number ({range})", field);
    }

    /// <summary>A non-negative 64-bit seed; null when absent.</summary>
    public ulong? Seed(string field)
    {
        if (body[field] is not { } node) return null;
        if (node is JsonValue v && v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetUInt64(out var n)) return n;
        throw new ApiRefusal(StatusCodes.Status400BadRequest, $"'{field}' must be a whole number from 0 to {ulong.MaxValue}", field);
    }

    /// <summary>An object of name → number (the game assumptions to change), in the order given.</summary>
    public IReadOnlyList<(string Name, double Value)> Numbers(string field)
    {
        if (body[field] is not { } node) return [];
        if (node is not JsonObject o) throw new ApiRefusal(StatusCodes.Status400BadRequest, $"'{field}' must be an object of name: number, such as {{\"p_provocation\": 0.05}}", field);
        var list = new List<(string, double)>();
        foreach (var (name, value) in o)
        {
            if (value is JsonValue v && v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var x) && double.IsFinite(x))
                list.Add((name, x));
            else
                throw new ApiRefusal(StatusCodes.Status400BadRequest, $"'{field}.{name}' must be a number", $"{field}.{name}");
        }

        return list;
    }

    /// <summary>An array of strings; null when absent.</summary>
    public IReadOnlyList<string>? Strings(string field)
    {
        if (body[field] is not { } node) return null;
        if (node is not JsonArray a) throw new ApiRefusal(StatusCodes.Status400BadRequest, $"'{field}' must be an array of strings", field);
        return [.. a.Select((item, i) => StringOf(item, $"{field}[{i}]", true)!)];
    }

    /// <summary>An array of objects; null when absent.</summary>
    public IReadOnlyList<JsonObject>? Objects(string field)
    {
        if (body[field] is not { } node) return null;
        if (node is not JsonArray a) throw new ApiRefusal(StatusCodes.Status400BadRequest, $"'{field}' must be an array", field);
        return [.. a.Select((item, i) => item as JsonObject ?? throw new ApiRefusal(StatusCodes.Status400BadRequest, $"'{field}[{i}]' must be an object such as {{\"name\": \"...\"}} or {{\"yaml\": \"...\"}}", $"{field}[{i}]"))];
    }

    public static string? StringOf(JsonNode? node, string field, bool required)
    {
        if (node is null)
            return required ? throw new ApiRefusal(StatusCodes.Status400BadRequest, $"'{field}' is missing", field) : null;
        if (node is JsonValue v && v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.String)
        {
            try
            {
                return e.GetString();
            }
            catch (InvalidOperationException)
            {
                // An escaped lone surrogate (\ud800) is valid JSON but no text.
                throw new ApiRefusal(StatusCodes.Status400BadRequest, $"'{field}' is not valid text (it has an unpaired surrogate escape)", field);
            }
        }

        throw new ApiRefusal(StatusCodes.Status400BadRequest, $"'{field}' must be a string", field);
    }

    private static string TooBig(WebOptions options) =>
        string.Create(CultureInfo.InvariantCulture, $"the request body is larger than the limit of {options.MaxBodyBytes:N0} bytes");
}
