using System.Collections.Immutable;
using System.Globalization;
using Statecraft.Documents;
using Statecraft.Economy;
using Statecraft.Negotiation;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Simulation;

/// <summary>A file as given to a run: the path it is known by and its text, which shards and the run store keep so a run can be repeated without the files.</summary>
public sealed record InputText(string Path, string Text);

/// <summary>
/// Everything a run is asked to play, before anything is read: the roadmaps (as text, or as records a search built), the
/// worlds to play them in (none: the baseline world; <see cref="Embedded"/>: each old file's own beliefs) and the game
/// assumptions changed for the run (<c>--set NAME=VALUE</c>). <see cref="Prepare"/> is the one way every front end (the
/// CLI's commands, the shards and their merge, the web app, the run store's replays) turns this into compiled games.
/// </summary>
public sealed record RunPlan(ImmutableArray<InputText> Roadmaps, ImmutableArray<InputText> Worlds, ImmutableArray<string> Set)
{
    /// <summary>The id of the embedded world in <c>--world</c>: each old file played under the beliefs written into it.</summary>
    public const string EmbeddedWorld = "embedded";

    /// <summary>Roadmaps already read (a roadmap search's candidates), played instead of <see cref="Roadmaps"/> when not empty.</summary>
    public ImmutableArray<Scenario> RoadmapRecords { get; init; } = [];

    /// <summary>Each roadmap played under the beliefs written into its own file (<c>--world embedded</c>); refused when they differ.</summary>
    public bool Embedded { get; init; }

    /// <summary>The worlds already read (a caller that holds them), used instead of <see cref="Worlds"/> when not empty.</summary>
    public ImmutableArray<World> WorldRecords { get; init; } = [];

    /// <summary>Reads, validates and compiles the plan; every problem a user can cause is a located diagnostic, never an exception.</summary>
    public RunPreparation Prepare(Catalog? catalog = null, CalibrationResult? calibration = null)
    {
        catalog ??= Catalog.Korea;
        calibration ??= Calibration.Korea;
        var diagnostics = new List<Diagnostic>();

        var game = GameAssumptions.Parse(Set, GameAssumptions.Defaults, diagnostics);

        var roadmaps = new List<Scenario>();
        if (!RoadmapRecords.IsEmpty)
        {
            roadmaps.AddRange(RoadmapRecords);
        }
        else
        {
            foreach (var input in Roadmaps)
            {
                var load = ScenarioLoader.Parse(input.Text, input.Path, catalog);
                diagnostics.AddRange(load.Diagnostics);
                if (load.Scenario is { } s) roadmaps.Add(s);
            }
        }

        if (roadmaps.Count == 0 && !diagnostics.Any(d => d.Severity == Severity.Error))
            diagnostics.Add(new Diagnostic(Severity.Error, SourceLocation.FileOnly("the run"), "no roadmap to play"));

        foreach (var r in roadmaps)
        {
            // The economy the game starts from is calibrated on data up to 2016, so earlier starts can be checked but not played.
            if (r.Start.CompareTo(GameCompiler.EarliestStart) < 0)
            {
                diagnostics.Add(new Diagnostic(Severity.Error, r.StartAt ?? SourceLocation.FileOnly(r.Path),
                    $"start {r.Start} is before {GameCompiler.EarliestStart}: the game starts from the economy calibrated on data up to 2016, so it plays starts from {GameCompiler.EarliestStart} on ('statecraft check' still checks this roadmap)"));
            }
        }

        var worlds = new List<World>();
        if (Embedded)
        {
            var embedded = roadmaps.Select(r => r.EmbeddedWorldAt is null ? World.Defaults(r.Path) : World.Embedded(r)).ToList();
            for (var i = 1; i < embedded.Count; i++)
            {
                if (embedded[i].SameBeliefs(embedded[0])) continue;
                diagnostics.Add(new Diagnostic(Severity.Error, roadmaps[i].EmbeddedWorldAt ?? SourceLocation.FileOnly(roadmaps[i].Path),
                    $"--world embedded: this file's beliefs differ from those of {roadmaps[0].Path}, so comparing them would pair beliefs, not strategies; " +
                    $"play every roadmap under one world with --world NAME|FILE (shipped: {string.Join(", ", ShippedWorlds.All.Select(w => w.Id))})"));
            }

            if (embedded.Count > 0) worlds.Add(embedded[0]);
        }
        else if (!WorldRecords.IsEmpty)
        {
            worlds.AddRange(WorldRecords);
        }
        else if (Worlds.IsEmpty)
        {
            worlds.Add(ShippedWorlds.Baseline);
        }
        else
        {
            foreach (var input in Worlds)
            {
                var load = ScenarioLoader.ParseWorld(input.Text, input.Path);
                diagnostics.AddRange(load.Diagnostics);
                if (load.World is { } w) worlds.Add(w);
            }
        }

        for (var i = 0; i < worlds.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (worlds[j].Id == worlds[i].Id)
                    diagnostics.Add(new Diagnostic(Severity.Error, worlds[i].Location, $"world '{worlds[i].Id}' is given twice; each world is one column of the matrix"));
            }
        }

        if (diagnostics.Any(d => d.Severity == Severity.Error)) return new RunPreparation(null, [.. diagnostics]);

        var rows = ImmutableArray.CreateBuilder<ImmutableArray<CompiledGame>>(worlds.Count);
        var parameters = ImmutableArray.CreateBuilder<GameParameters>(worlds.Count);
        foreach (var world in worlds)
        {
            // The world's game values first, then the run's --set: what the user changes for this run wins.
            var worldGame = world.Game.Aggregate(GameAssumptions.Defaults, (p, v) => GameAssumptions.Find(v.Name)!.Set(p, v.Value));
            worldGame = GameAssumptions.Parse(Set, worldGame, null);
            var economy = world.Economy.IsEmpty
                ? calibration
                : calibration with { Parameters = world.Economy.Aggregate(calibration.Parameters, (p, v) => EconomyAssumptions.Find(v.Name).Set(p, v.Value)) };
            var row = ImmutableArray.CreateBuilder<CompiledGame>(roadmaps.Count);
            foreach (var roadmap in roadmaps)
            {
                var played = Embedded ? roadmap : world.Apply(roadmap, diagnostics);
                row.Add(GameCompiler.Compile(played, catalog, economy, worldGame));
            }

            rows.Add(row.MoveToImmutable());
            parameters.Add(worldGame);
        }

        if (diagnostics.Any(d => d.Severity == Severity.Error)) return new RunPreparation(null, [.. diagnostics]);
        return new RunPreparation(new PreparedRun([.. roadmaps], [.. worlds], parameters.MoveToImmutable(), rows.MoveToImmutable(), game), [.. diagnostics]);
    }

    /// <summary>
    /// A roadmap argument as text: a file when one exists at <paramref name="argument"/>, otherwise a shipped scenario
    /// named so (<c>kaesong-quick-hit</c>, with or without <c>.yaml</c> or <c>scenarios/</c>); null with a located problem otherwise.
    /// </summary>
    public static InputText? RoadmapText(string argument, out Diagnostic? problem)
    {
        problem = null;
        if (!File.Exists(argument) && !Directory.Exists(argument)
            && ShippedScenarios.Find(Path.GetFileNameWithoutExtension(argument)) is { } shipped
            && (argument == shipped.Name || argument == shipped.Name + ".yaml" || argument == shipped.Path))
        {
            return new InputText(shipped.Path, shipped.Text);
        }

        return UserFile.ReadText(argument, "scenario file", out problem) is { } text ? new InputText(argument, text) : null;
    }

    /// <summary>
    /// A world argument as text: a file when one exists, otherwise a shipped world's name; null with a problem that lists
    /// the shipped worlds otherwise. <see cref="EmbeddedWorld"/> is not a file and is handled by the caller.
    /// </summary>
    public static InputText? WorldText(string argument, out Diagnostic? problem)
    {
        problem = null;
        var name = Path.GetFileNameWithoutExtension(argument);
        if (!File.Exists(argument) && ShippedWorlds.FindFile(name) is { } shipped
            && (argument == name || argument == name + ".yaml" || argument == ShippedWorlds.PathOf(name) || argument == $"scenarios/{ShippedWorlds.PathOf(name)}"))
        {
            return new InputText(ShippedWorlds.PathOf(name), shipped.Text);
        }

        if (!File.Exists(argument) && !argument.Contains('/') && !argument.Contains('.'))
        {
            problem = new Diagnostic(Severity.Error, SourceLocation.FileOnly(argument),
                NearestName.Unknown("world", argument, [.. ShippedWorlds.All.Select(w => w.Id), EmbeddedWorld]) + "; or give a world file's path");
            return null;
        }

        return UserFile.ReadText(argument, "world file", out problem) is { } text ? new InputText(argument, text) : null;
    }
}

/// <summary>The outcome of <see cref="RunPlan.Prepare"/>: the prepared run when nothing is wrong, and every diagnostic (warnings too).</summary>
public sealed record RunPreparation(PreparedRun? Run, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>True when the run can be played.</summary>
    public bool IsValid => Run is not null;
}

/// <summary>
/// A run ready to play: the roadmaps as read, the worlds, and the compiled games [world][roadmap]. Every roadmap in a
/// row is played under the same world and, with one seed, on the same draws, so a row compares strategies and a column
/// compares worlds.
/// </summary>
/// <param name="Roadmaps">The roadmaps, in the order given (the first is the reference of a comparison).</param>
/// <param name="Worlds">The worlds, one per row of <paramref name="Games"/>.</param>
/// <param name="Parameters">[world]: the game parameters played (the world's game values, then the run's changes).</param>
/// <param name="Games">[world][roadmap]: the compiled games.</param>
/// <param name="Changes">The defaults with only the run's changes (<c>--set</c>), as shards and the run store record them.</param>
public sealed record PreparedRun(
    ImmutableArray<Scenario> Roadmaps,
    ImmutableArray<World> Worlds,
    ImmutableArray<GameParameters> Parameters,
    ImmutableArray<ImmutableArray<CompiledGame>> Games,
    GameParameters Changes)
{
    /// <summary>The games of the first (often the only) world.</summary>
    public ImmutableArray<CompiledGame> First => Games[0];
}
