namespace Statecraft.Data;

/// <summary>
/// One figure column (or low/high column pair) of a table, and how it becomes part of a series id.
/// </summary>
/// <param name="Name">
/// In a wide table (no key column): the last part of the id, e.g. <c>exports_busd</c>.
/// In a long table: a suffix added to the row's key, e.g. <c>_musd</c>, or empty.
/// </param>
/// <param name="Unit">The unit; null to read it from the table's unit column.</param>
/// <param name="Value">Column holding the point figure (which may be written as a range "a-b").</param>
/// <param name="Low">Column holding the lower end, for tables that give ranges in two columns.</param>
/// <param name="High">Column holding the upper end.</param>
/// <param name="Title">Wide tables: the series title after the topic. Long tables: a suffix after the key, e.g. " (share of imports)".</param>
internal sealed record Measure(
    string Name,
    string? Unit,
    string? Value,
    string? Low = null,
    string? High = null,
    string? Title = null);

/// <summary>
/// How one embedded CSV file maps onto series: a small declaration read by <see cref="DatasetLoader"/>
/// in place of a parser per file. Every column of the file must be named here, so a column added to
/// a file cannot be dropped silently.
/// </summary>
/// <param name="File">Path relative to the dataset folder, '/'-separated.</param>
/// <param name="Prefix">Topic part of the ids (<c>kotra</c>); null when the key column already holds whole ids.</param>
/// <param name="PeriodColumn">Column holding the period (<c>year</c>, <c>date</c>, <c>period</c>).</param>
/// <param name="KeyColumn">Long tables: the column whose value names the series; null for wide tables (one series per measure).</param>
/// <param name="Measures">The figure columns.</param>
/// <param name="UnitColumn">Column holding the unit, for measures whose unit is null.</param>
/// <param name="ConfidenceColumn">Column holding high / medium / low (or "gap").</param>
/// <param name="SourceColumn">Column holding the source; null when the file has none.</param>
/// <param name="DefaultSource">Source to use when the source column is missing or empty.</param>
/// <param name="NotesColumn">Column holding free-text notes, if any.</param>
/// <param name="ContextColumns">Descriptive columns (location, HS code) carried into the notes as "column: value".</param>
/// <param name="Splits">Keys whose figures are written "a/b": the series names the two parts go to.</param>
internal sealed record TableLayout(
    string File,
    string? Prefix,
    string PeriodColumn,
    string? KeyColumn,
    IReadOnlyList<Measure> Measures,
    string? UnitColumn = null,
    string ConfidenceColumn = "confidence",
    string? SourceColumn = "source",
    string? DefaultSource = null,
    string? NotesColumn = null,
    IReadOnlyList<string>? ContextColumns = null,
    IReadOnlyDictionary<string, string[]>? Splits = null);
