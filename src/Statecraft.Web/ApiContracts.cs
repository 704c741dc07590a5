namespace Statecraft.Web;

// The shapes of the API's bodies, for the OpenAPI document. The answers themselves are written by the library's
// builders (src/Statecraft/Output), the same ones the CLI's --json uses; these records describe them.

/// <summary>A scenario's YAML text.</summary>
/// <param name="Yaml">The scenario, as a file would hold it.</param>
public sealed record ScenarioTextBody(string Yaml);

/// <summary>A strategy of a job: a scenario of the library by name, or a YAML text.</summary>
/// <param name="Name">A shipped or saved scenario's name.</param>
/// <param name="Yaml">A scenario's text.</param>
public sealed record StrategyBody(string? Name, string? Yaml);

/// <summary>A simulate or compare job. Simulate takes <c>yaml</c>, <c>name</c> or one of <c>scenarios</c>; compare takes two or more <c>scenarios</c>, the first the reference.</summary>
/// <param name="Yaml">The scenario's text (simulate).</param>
/// <param name="Name">A library scenario's name (simulate).</param>
/// <param name="Scenarios">The strategies (compare; at most 8).</param>
/// <param name="Runs">Trajectories per strategy, 1 to 200,000 (default 10,000).</param>
/// <param name="Seed">Master seed (default the CLI's).</param>
/// <param name="Set">Game assumptions to change, name: value (as the CLI's --set NAME=VALUE).</param>
public sealed record JobBody(string? Yaml, string? Name, IReadOnlyList<StrategyBody>? Scenarios, int? Runs, ulong? Seed, IReadOnlyDictionary<string, double>? Set);

/// <summary>A refused request: what is wrong and, when one field is, which.</summary>
public sealed record ErrorAnswer(string Error, string? Field);

/// <summary>A located problem in a scenario, as <c>statecraft validate --json</c> prints it; the message names the valid choices where there are some.</summary>
public sealed record DiagnosticAnswer(string Path, int? Line, int? Column, string Severity, string Message);

/// <summary>A scenario's verdict and every located problem.</summary>
public sealed record ValidationAnswer(bool Valid, IReadOnlyList<DiagnosticAnswer> Diagnostics);

/// <summary>A scenario of the library.</summary>
public sealed record ScenarioEntry(string Name, string? Title, string Source, bool Valid);

/// <summary>The library's scenarios and where the user's are kept.</summary>
public sealed record ScenarioListAnswer(string Folder, IReadOnlyList<ScenarioEntry> Scenarios);

/// <summary>One scenario's text.</summary>
public sealed record ScenarioAnswer(string Name, string Source, string Path, string Yaml);

/// <summary>A saved scenario's verdict.</summary>
public sealed record SavedAnswer(string Name, string Source, bool Created, bool Valid, IReadOnlyList<DiagnosticAnswer> Diagnostics);

/// <summary>A started job and where its progress streams.</summary>
public sealed record JobStarted(string Job, string Events);

/// <summary>Trajectories done per strategy, of the total.</summary>
public sealed record JobProgress(long Done, long Total);

/// <summary>A job: waiting, running, done, failed or cancelled; its result (the document <c>simulate --json</c> or <c>compare --json</c> prints) when done.</summary>
public sealed record JobAnswer(string Job, string Command, string Status, IReadOnlyList<string> Strategies, int Runs, ulong Seed, IReadOnlyList<string> Set,
    JobProgress Progress, string? Error, string? Warning, long? RunId, string Events, System.Text.Json.JsonElement? Result);
