using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Statecraft.Documents;
using Statecraft.Sanctions;
using Statecraft.Scenarios;
using Statecraft.Simulation;

namespace Statecraft.Web;

/// <summary>
/// The world a job's roadmaps are played in, as the request names it (docs/web.md, "Worlds"): a shipped world by
/// name (<c>"world": "china-lax"</c>), a world file's text (<c>"world_yaml"</c>), or each old file's own beliefs
/// (<c>"world": "embedded"</c>, the CLI's <c>--world embedded</c>); when the request names none, the baseline world.
/// </summary>
/// <param name="File">The world file played, a shipped one under the path the CLI gives it (<c>worlds/NAME.yaml</c>); null for the embedded world.</param>
/// <param name="Field">The request field that named the world, where its problems are reported.</param>
internal sealed record JobWorld(InputText? File, string Field)
{
    /// <summary>The path diagnostics name for a world text sent in a request.</summary>
    public const string RequestPath = "world.yaml";

    /// <summary>The world as it was read and played, once the job is prepared: what the job's JSON describes.</summary>
    public World? Played { get; init; }

    public bool Embedded => File is null;

    /// <summary>The id the world is known by, as <see cref="World.Id"/>: a shipped world's name, <c>world</c> for a sent text, or <c>embedded</c>.</summary>
    public string Name => File is { } f ? Path.GetFileNameWithoutExtension(f.Path) : RunPlan.EmbeddedWorld;

    /// <summary>The world a request names; refused (400 for both fields, 422 for an unknown name, 413 for a text over the cap) when it names none usable.</summary>
    public static JobWorld From(ApiRequest body, WebOptions options)
    {
        var name = body.String("world");
        var yaml = body.String("world_yaml");
        if (name is not null && yaml is not null)
            throw new ApiRefusal(StatusCodes.Status400BadRequest, "give 'world' (a shipped world's name) or 'world_yaml' (a world file's text), not both", "world_yaml");
        if (yaml is not null) return new JobWorld(new InputText(RequestPath, ApiEndpoints.Capped(yaml, "world_yaml", "world", options)), "world_yaml");
        name ??= ShippedWorlds.BaselineName;
        if (name == RunPlan.EmbeddedWorld) return new JobWorld(null, "world");
        if (ShippedWorlds.FindFile(name) is { } shipped) return new JobWorld(new InputText(ShippedWorlds.PathOf(name), shipped.Text), "world");
        throw new ApiRefusal(StatusCodes.Status422UnprocessableEntity,
            NearestName.Unknown("world", name, [.. ShippedWorlds.All.Select(w => w.Id), RunPlan.EmbeddedWorld]) + "; GET /api/worlds describes them, or send a world file's text as 'world_yaml'",
            "world");
    }

    /// <summary>The job's world in its JSON: the id, the file, the title and the beliefs in one line (<see cref="World.Summary"/>).</summary>
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["path"] = File?.Path,
        ["embedded"] = Embedded,
        ["title"] = Played?.Name,
        ["beliefs"] = Played?.Summary(),
    };
}

/// <summary>
/// Prepares a job's run as every front end does, with <see cref="RunPlan.Prepare"/> (read the roadmaps and the world, apply the
/// <c>set</c> changes, compile), so a job plays exactly what the CLI's <c>simulate</c> and <c>compare</c> play for the same inputs.
/// </summary>
internal static class JobPreparation
{
    /// <summary>
    /// The prepared run and its warnings (an old file's beliefs replaced by the world, say); when an input is invalid, a 422
    /// refusal naming the field at fault (the scenario's, or the world's) with every located diagnostic.
    /// </summary>
    public static (PreparedRun Run, ImmutableArray<Diagnostic> Warnings) Prepare(
        IReadOnlyList<JobScenario> strategies, Func<int, string> scenarioField, JobWorld world, IReadOnlyList<string> set)
    {
        var plan = new RunPlan([.. strategies.Select(s => new InputText(s.Path, s.Text))], world.File is { } file ? [file] : [], [.. set])
        {
            Embedded = world.Embedded,
        };
        var prepared = plan.Prepare(Catalog.Korea);
        if (prepared.Run is { } run) return (run, [.. prepared.Diagnostics.Where(d => d.Severity == Severity.Warning)]);

        // The first error says which input is at fault; the answer carries every diagnostic, warnings too, as validate's does.
        var first = prepared.Diagnostics.First(d => d.Severity == Severity.Error);
        if (world.File is { } w && first.Location.Path == w.Path)
            throw new ApiRefusal(StatusCodes.Status422UnprocessableEntity, $"the world '{world.Name}' is invalid; its diagnostics say where and why", world.Field, prepared.Diagnostics);
        for (var i = 0; i < strategies.Count; i++)
        {
            if (strategies[i].Path == first.Location.Path)
                throw new ApiRefusal(StatusCodes.Status422UnprocessableEntity, $"the scenario '{strategies[i].Name}' is invalid; its diagnostics say where and why", scenarioField(i), prepared.Diagnostics);
        }

        // The changes were checked field by field before; what is left is a change this version refuses as a whole.
        throw new ApiRefusal(StatusCodes.Status422UnprocessableEntity, first.Message, "set", prepared.Diagnostics);
    }
}
