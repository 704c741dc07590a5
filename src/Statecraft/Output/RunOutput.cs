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
            ["world_record"] = WorldRecordName(r.World),
            ["worlds"] = Json.Array(r.Worlds, w => new JsonObject { ["name"] = w.Name, ["path"] = w.Path, ["world_sha256"] = w.Sha256 }),
        };
        if (withResult) o["result"] = r.ResultJson is { } json ? JsonNode.Parse(json) : null;
        return o;
    }

    /// <summary>How <c>world_record</c> names what the store knows of a run's world: recorded, embedded or not_recorded.</summary>
    public static string WorldRecordName(WorldRecord record) => record switch
    {
        WorldRecord.Recorded => "recorded",
        WorldRecord.Embedded => "embedded",
        _ => "not_recorded",
    };
}
