using System.Globalization;
using System.Text.Json.Nodes;
using Statecraft.Store;

namespace Statecraft.Output;

/// <summary>A stored run as JSON (<c>statecraft runs list|show --json</c>, <c>record.json</c> of an export, the web app's <c>/api/runs</c>).</summary>
public static class RunOutput
{
    /// <summary>The run's record; with its result document parsed when <paramref name="withResult"/> (null until it completes).</summary>
    public static JsonObject ToJson(StoredRun r, bool withResult)
    {
        var o = new JsonObject
        {
            ["id"] = r.Id,
            ["started"] = r.Started.ToString("O", CultureInfo.InvariantCulture),
            ["finished"] = r.Finished?.ToString("O", CultureInfo.InvariantCulture),
            ["status"] = r.Status.ToString().ToLowerInvariant(),
            ["command"] = r.Command,
            ["arguments"] = r.Arguments,
            ["tool_version"] = r.ToolVersion,
            ["seed"] = r.Seed,
            ["runs"] = r.Runs,
            ["set"] = Json.Strings(r.Set),
            ["output_folder"] = r.OutputFolder,
            ["host"] = r.Host,
            ["process_id"] = r.ProcessId,
            ["strategies"] = Json.Array(r.Scenarios, s => new JsonObject { ["name"] = s.Name, ["path"] = s.Path, ["scenario_sha256"] = s.Sha256 }),
        };
        if (withResult) o["result"] = r.ResultJson is { } json ? JsonNode.Parse(json) : null;
        return o;
    }
}
