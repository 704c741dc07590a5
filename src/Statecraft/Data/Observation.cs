namespace Statecraft.Data;

/// <summary>
/// One figure of a <see cref="Series"/>: a point value, a range, or a one-sided bound, with the
/// period it describes, its source and how far it can be trusted.
/// </summary>
/// <param name="Period">
/// The period as the file writes it: a year (<c>2016</c>), a date (<c>2013-02-06</c>), part of a
/// year (<c>2016-spring</c>, <c>2016-03-early</c>), a span (<c>2007-2014</c>, <c>2015-06-12/18</c>)
/// or a described window (<c>baseline_2016-17</c>).
/// </param>
/// <param name="Year">The first year named in <paramref name="Period"/>, for sorting and lookup by year.</param>
/// <param name="Value">The point figure; null for a pure range or bound, or where the source has no figure.</param>
/// <param name="Low">Lower end of a range or a lower bound ("30,000+"); null when not a range.</param>
/// <param name="High">Upper end of a range or an upper bound ("up to 75%"); null when not a range.</param>
/// <param name="Raw">
/// The figure as written: the cell verbatim (<c>5450-5500</c>, <c>64.1/71.0</c>); for files with
/// separate low and high columns, <c>"low to high"</c>; for one-sided bounds, <c>"&gt;= x"</c> or
/// <c>"&lt;= x"</c>. Empty when the source has no figure.
/// </param>
/// <param name="Unit">Unit of the figure, e.g. <c>pct</c>, <c>busd</c>, <c>musd</c>, <c>kt</c>, <c>kpw_per_usd</c>.</param>
/// <param name="Confidence">How far the figure can be trusted, as the source tags it.</param>
/// <param name="Source">Who published the figure, as the source data cites it. Never empty.</param>
/// <param name="Notes">Anything else the source row says (context columns such as location or HS code included); null if nothing.</param>
/// <param name="Line">1-based line of the row in the embedded file (<see cref="Series.File"/>) the figure comes from.</param>
public sealed record Observation(
    string Period,
    int Year,
    double? Value,
    double? Low,
    double? High,
    string Raw,
    string Unit,
    Confidence Confidence,
    string Source,
    string? Notes,
    int Line)
{
    /// <summary>True when the figure is a range or a one-sided bound rather than (only) a point.</summary>
    public bool IsRange => Low is not null || High is not null;

    /// <summary>
    /// A single number to use where one is needed: <see cref="Value"/> if given, else the midpoint of
    /// a two-sided range; null for one-sided bounds and missing figures.
    /// </summary>
    public double? Central => Value ?? (Low is { } low && High is { } high ? (low + high) / 2 : null);
}
