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
/// <param name="World">The world every scenario is played in: a shipped world's name (GET /api/worlds), or embedded (each old file's own beliefs); default baseline-2018.</param>
/// <param name="WorldYaml">Instead of <paramref name="World"/>: a world file's text (format: statecraft-world/1).</param>
public sealed record JobBody(string? Yaml, string? Name, IReadOnlyList<StrategyBody>? Scenarios, int? Runs, ulong? Seed, IReadOnlyDictionary<string, double>? Set,
    string? World, string? WorldYaml);

/// <summary>A sensitivity job, as <c>statecraft sensitivity</c> takes its options: the scenario as <c>yaml</c> or <c>name</c>.</summary>
/// <param name="Yaml">The scenario's text.</param>
/// <param name="Name">A library scenario's name.</param>
/// <param name="Method">tornado (default) or sobol.</param>
/// <param name="Runs">Trajectories per tornado variant, 2 to 20,000 (default 2,000).</param>
/// <param name="Samples">With sobol: rows N of Saltelli's design, 2 to 1,024 (default 256).</param>
/// <param name="InnerRuns">With sobol: trajectories per design point, 1 to 20,000 (default 256); samples x (top + 2) x inner_runs at most 4,000,000.</param>
/// <param name="Top">With sobol: how many of the tornado's highest-ranked factors to decompose, 1 to 20 (default 8).</param>
/// <param name="Bootstrap">With sobol: bootstrap replicates for the intervals, 0 to 10,000 (default 500).</param>
/// <param name="Outcomes">Outcomes to analyse (default p_complete, gdp_index, inclusiveness).</param>
/// <param name="Seed">Master seed (default the CLI's).</param>
/// <param name="Set">Game assumptions to change, name: value (as the CLI's --set NAME=VALUE).</param>
/// <param name="World">The world the scenario is played in: a shipped world's name, or embedded; default baseline-2018.</param>
/// <param name="WorldYaml">Instead of <paramref name="World"/>: a world file's text, without economy values.</param>
public sealed record SensitivityBody(string? Yaml, string? Name, string? Method, int? Runs, int? Samples, int? InnerRuns, int? Top, int? Bootstrap,
    IReadOnlyList<string>? Outcomes, ulong? Seed, IReadOnlyDictionary<string, double>? Set, string? World, string? WorldYaml);

/// <summary>A shipped world.</summary>
/// <param name="Name">The name a request gives as <c>world</c>, as the CLI's --world NAME.</param>
/// <param name="Title">A short title.</param>
/// <param name="Description">What the world believes.</param>
/// <param name="Basis">Where the beliefs come from.</param>
/// <param name="Beliefs">Every belief it holds, in one line (the type prior, the parameters it sets with their distributions, its game and economy values).</param>
/// <param name="Path">The path it is known by in outputs and the run store (worlds/NAME.yaml).</param>
/// <param name="Default">True for the world a request that names none is played in.</param>
/// <param name="Yaml">The world file's text.</param>
public sealed record WorldEntry(string Name, string Title, string? Description, string? Basis, string Beliefs, string Path, bool Default, string Yaml);

/// <summary>The shipped worlds, the default first.</summary>
public sealed record WorldListAnswer(string Default, IReadOnlyList<WorldEntry> Worlds);

/// <summary>The world a job is played in.</summary>
/// <param name="Name">The world's id: a shipped world's name, world for a sent text, or embedded.</param>
/// <param name="Path">Its file (worlds/NAME.yaml, or world.yaml for a sent text); null when embedded.</param>
/// <param name="Embedded">Each old file played under its own beliefs.</param>
/// <param name="Title">The world's title as read.</param>
/// <param name="Beliefs">Its beliefs in one line.</param>
public sealed record JobWorldAnswer(string Name, string? Path, bool Embedded, string? Title, string? Beliefs);

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

/// <summary>Trajectories done per strategy, of the total; for a sensitivity job, variants and design points played, and the stage (tornado, sobol).</summary>
public sealed record JobProgress(long Done, long Total, string? Stage);

/// <summary>
/// A job: waiting, running, done, failed or cancelled; the world it is played in and the warnings of its preparation; its result
/// (the document <c>simulate --world WORLD --json</c> or <c>compare --world WORLD --json</c> prints) when done.
/// </summary>
public sealed record JobAnswer(string Job, string Command, string Status, IReadOnlyList<string> Strategies, int Runs, ulong Seed, IReadOnlyList<string> Set,
    JobWorldAnswer World, IReadOnlyList<DiagnosticAnswer> Diagnostics, string? Method, JobProgress Progress, string? Error, string? Warning, long? RunId, string Events,
    System.Text.Json.JsonElement? Result);

/// <summary>One editable scalar of the roadmap, where it is written and what it may be.</summary>
/// <param name="Path">Where it sits in the roadmap, e.g. <c>roadmap.phases[0].steps[1].verification</c>.</param>
/// <param name="Line">Its first character's line, from 1.</param>
/// <param name="Column">Its first character's column, from 1.</param>
/// <param name="Length">How many characters it takes as written, quotes included.</param>
/// <param name="Value">Its value.</param>
/// <param name="Style">plain, single_quoted or double_quoted: how a new value must be written in its place.</param>
/// <param name="Choices">The valid values, or null when it is free text.</param>
public sealed record OutlineField(string Path, int Line, int Column, int Length, string Value, string Style, IReadOnlyList<string>? Choices);

/// <summary>The roadmap's editable fields; when the text is not YAML, none and the parse error.</summary>
/// <param name="Parsed">False when the text is not valid YAML.</param>
/// <param name="Fields">The fields in the order they are written.</param>
/// <param name="Diagnostics">The parse error, when there is one.</param>
public sealed record OutlineAnswer(bool Parsed, IReadOnlyList<OutlineField> Fields, IReadOnlyList<DiagnosticAnswer> Diagnostics);
