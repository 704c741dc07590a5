using System.Diagnostics.CodeAnalysis;

namespace Statecraft.Data;

/// <summary>
/// A set of series with sources and confidence, loaded from files embedded in this assembly.
/// <see cref="Korea"/> is the Korean Peninsula dataset: figures up to 2016 for calibration, the
/// observed 2017-2023 macro figures that are the backcast's test set (topic <c>after2016</c>, never
/// to be fitted), plus the UN Security Council measures table.
/// </summary>
public sealed class Dataset
{
    private static readonly Lazy<Dataset> KoreaDataset = new(DatasetLoader.LoadKorea, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, Series> byId;
    private readonly IReadOnlyDictionary<string, CsvTable> tables;

    internal Dataset(string name, IReadOnlyList<Series> series, IReadOnlyDictionary<string, CsvTable> tables)
    {
        Name = name;
        Series = series;
        this.tables = tables;
        byId = series.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    /// <summary>
    /// The Korea dataset, read once from the embedded resources on first use.
    /// </summary>
    /// <exception cref="InvalidDataException">An embedded file is malformed (a build defect; the message names file:line).</exception>
    public static Dataset Korea => KoreaDataset.Value;

    /// <summary>Short name of the dataset, e.g. <c>korea</c>.</summary>
    public string Name { get; }

    /// <summary>Every series, grouped by file in a fixed order.</summary>
    public IReadOnlyList<Series> Series { get; }

    /// <summary>Embedded CSV files (figures and tables-only), as paths relative to the dataset folder.</summary>
    public IReadOnlyList<string> Files => tables.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Total number of observations across all series.</summary>
    public int ObservationCount => Series.Sum(s => s.Observations.Count);

    /// <summary>The series with this id.</summary>
    /// <exception cref="KeyNotFoundException">No such series; the message lists the nearest ids.</exception>
    public Series Get(string id) =>
        TryGet(id, out var series)
            ? series
            : throw new KeyNotFoundException($"no series '{id}' in dataset '{Name}'; nearest: {string.Join(", ", Nearest(id))}");

    /// <summary>Looks up a series by id without throwing.</summary>
    public bool TryGet(string id, [NotNullWhen(true)] out Series? series) => byId.TryGetValue(id, out series);

    /// <summary>
    /// Series selected by <paramref name="filter"/>: the series with exactly that id, or every series
    /// whose id starts with it as a whole part (<c>kotra</c> or <c>kotra.</c> selects <c>kotra.exports_busd</c>
    /// but <c>kot</c> selects nothing). Empty when nothing matches.
    /// </summary>
    public IReadOnlyList<Series> Match(string filter)
    {
        if (byId.TryGetValue(filter, out var exact))
        {
            return [exact];
        }

        var prefix = filter.EndsWith('.') ? filter : filter + ".";
        return Series.Where(s => s.Id.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
    }

    /// <summary>
    /// Up to <paramref name="count"/> ids closest to <paramref name="given"/>: ids it is a prefix of
    /// first, then ids containing it, then by edit distance.
    /// </summary>
    public IReadOnlyList<string> Nearest(string given, int count = 5)
    {
        var lowered = given.ToLowerInvariant();
        return Series
            .Select(s => s.Id)
            .OrderBy(id => id.StartsWith(lowered, StringComparison.Ordinal) ? 0 : id.Contains(lowered, StringComparison.Ordinal) ? 1 : 2)
            .ThenBy(id => Distance(lowered, id))
            .ThenBy(id => id, StringComparer.Ordinal)
            .Take(count)
            .ToArray();
    }

    /// <summary>
    /// An embedded CSV file as a plain table, e.g. <c>unsc_measures.csv</c>, which holds measures rather than figures.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such embedded file; the message lists them.</exception>
    public CsvTable Table(string file) =>
        tables.TryGetValue(file, out var table)
            ? table
            : throw new KeyNotFoundException($"no embedded file '{file}' in dataset '{Name}'; files: {string.Join(", ", Files)}");

    /// <summary>Levenshtein distance between two strings.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
