using System.Text.Json.Nodes;
using Statecraft.Documents;

namespace Statecraft.Output;

/// <summary>Located diagnostics as JSON, one object each (path, line, column, severity, message), as every <c>--json</c> and the web API print them.</summary>
public static class DiagnosticOutput
{
    public static JsonArray ToJson(IEnumerable<Diagnostic> diagnostics) => Json.Array(diagnostics, d => new JsonObject
    {
        ["path"] = d.Location.Path,
        ["line"] = d.Location.Line > 0 ? d.Location.Line : null,
        ["column"] = d.Location.Line > 0 ? d.Location.Column : null,
        ["severity"] = d.Severity == Severity.Error ? "error" : "warning",
        ["message"] = d.Message,
    });
}
