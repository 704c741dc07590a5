using System.Globalization;

namespace Statecraft.Data;

/// <summary>A named sequence of figures in one unit, all from one embedded file, sorted by year.</summary>
/// <param name="Id">Stable id, e.g. <c>kotra.exports_busd</c>; the scheme is in <c>docs/data.md</c>.</param>
/// <param name="Title">Readable name, e.g. "KOTRA trade: exports".</param>
/// <param name="Unit">Unit shared by every observation.</param>
/// <param name="File">The embedded file the figures come from, relative to the dataset, e.g. <c>structure/food_to_2016.csv</c>.</param>
/// <param name="Observations">The figures, ordered by <see cref="Observation.Year"/> and then by line in the file.</param>
public sealed record Series(string Id, string Title, string Unit, string File, IReadOnlyList<Observation> Observations)
{
    /// <summary>Distinct years that have at least one observation, ascending.</summary>
    public IReadOnlyList<int> Years => Observations.Select(o => o.Year).Distinct().Order().ToArray();

    /// <summary>Every observation whose period starts in <paramref name="year"/> (several for sub-annual series).</summary>
    public IReadOnlyList<Observation> AllIn(int year) => Observations.Where(o => o.Year == year).ToArray();

    /// <summary>The observation whose period is written exactly <paramref name="period"/>, or null.</summary>
    public Observation? At(string period) =>
        Observations.FirstOrDefault(o => string.Equals(o.Period, period, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The observation for <paramref name="year"/>: the only one starting in that year, or, when there
    /// are several, the one whose period is just the year. Null when the year has no observation.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// Several observations start in the year and none is for the whole year; use <see cref="AllIn"/> or <see cref="At"/>.
    /// </exception>
    public Observation? In(int year)
    {
        var found = AllIn(year);
        if (found.Count <= 1)
        {
            return found.Count == 1 ? found[0] : null;
        }

        var whole = year.ToString(CultureInfo.InvariantCulture);
        return found.FirstOrDefault(o => o.Period == whole)
            ?? throw new InvalidOperationException(
                $"series '{Id}' has {found.Count} observations in {year} ({string.Join(", ", found.Select(o => o.Period))}); " +
                "use AllIn(year) or At(period)");
    }

    /// <summary>The point value for <paramref name="year"/>.</summary>
    /// <exception cref="KeyNotFoundException">The series has no figure for the year (the message lists the years it has).</exception>
    /// <exception cref="InvalidOperationException">The figure is a range or bound, not a point; read <see cref="In"/> instead.</exception>
    public double ValueIn(int year)
    {
        var observation = In(year) ?? throw new KeyNotFoundException(
            $"series '{Id}' has no observation for {year}; years with data: {string.Join(", ", Years)}");
        if (observation.Value is { } value)
        {
            return value;
        }

        if (observation.IsRange)
        {
            throw new InvalidOperationException(
                $"series '{Id}' in {year} is a range ({observation.Raw}), not a point; use In({year}).Low/High or .Central");
        }

        throw new KeyNotFoundException($"series '{Id}' has a row for {year} but no figure in it ({observation.Source})");
    }
}
