using System.Text;

namespace Statecraft.Data;

/// <summary>One data row of a <see cref="CsvTable"/>, with the line it starts on.</summary>
/// <param name="Line">1-based line number in the file where the row starts (the header is line 1).</param>
/// <param name="Fields">The row's fields, unquoted, one per header column.</param>
public sealed record CsvRow(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// A comma-separated table as RFC 4180 describes it: a header row, then data rows with the same
/// number of fields; fields may be quoted, a quoted field may hold commas, line breaks and doubled
/// quotes (<c>""</c> for one <c>"</c>). Blank lines are ignored. Any departure from that is an
/// <see cref="InvalidDataException"/> whose message starts with <c>name:line:</c>.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> columnIndex;

    private CsvTable(string name, IReadOnlyList<string> header, IReadOnlyList<CsvRow> rows)
    {
        Name = name;
        Header = header;
        Rows = rows;
        columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            if (!columnIndex.TryAdd(header[i], i))
            {
                throw new InvalidDataException($"{name}:1: column '{header[i]}' appears twice in the header");
            }
        }
    }

    /// <summary>The name used in error messages, usually the file's path in the dataset.</summary>
    public string Name { get; }

    /// <summary>Column names from the first row.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Data rows, in file order.</summary>
    public IReadOnlyList<CsvRow> Rows { get; }

    /// <summary>Whether the header has a column called <paramref name="column"/> (case-sensitive).</summary>
    public bool HasColumn(string column) => columnIndex.ContainsKey(column);

    /// <summary>Index of <paramref name="column"/> in <see cref="Header"/>.</summary>
    /// <exception cref="InvalidDataException">The header has no such column.</exception>
    public int IndexOf(string column) =>
        columnIndex.TryGetValue(column, out var index)
            ? index
            : throw new InvalidDataException($"{Name}:1: no column '{column}' in the header ({string.Join(", ", Header)})");

    /// <summary>The field of <paramref name="row"/> in <paramref name="column"/>.</summary>
    public string Get(CsvRow row, string column) => row.Fields[IndexOf(column)];

    /// <summary>Parses <paramref name="text"/>; <paramref name="name"/> labels error messages.</summary>
    /// <exception cref="InvalidDataException">The text is not a well-formed table.</exception>
    public static CsvTable Parse(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = ReadRecords(text, name);
        if (records.Count == 0)
        {
            throw new InvalidDataException($"{name}:1: empty file, expected a header row");
        }

        var header = records[0].Fields;
        var rows = new List<CsvRow>(records.Count - 1);
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != header.Count)
            {
                throw new InvalidDataException(
                    $"{name}:{record.Line}: {record.Fields.Count} fields where the header has {header.Count}");
            }

            rows.Add(record);
        }

        return new CsvTable(name, header, rows);
    }

    /// <summary>
    /// <paramref name="field"/> as one CSV field: quoted (with inner quotes doubled) when it holds a
    /// comma, a quote, a line break, or leading or trailing white space; otherwise as is.
    /// </summary>
    public static string Quote(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return string.Empty;
        }

        var needsQuotes = field.AsSpan().IndexOfAny(",\"\r\n") >= 0
            || char.IsWhiteSpace(field[0])
            || char.IsWhiteSpace(field[^1]);
        return needsQuotes ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    /// <summary>One CSV line (without the line break) of the given fields, each quoted as needed.</summary>
    public static string Line(IEnumerable<string?> fields) => string.Join(",", fields.Select(Quote));

    private static List<CsvRow> ReadRecords(string text, string name)
    {
        var records = new List<CsvRow>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i = 1;
        }

        var fieldStarted = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                if (field.Length > 0)
                {
                    throw new InvalidDataException($"{name}:{line}: a quote inside an unquoted field (quote the whole field and double the quote)");
                }

                var quoteLine = line;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new InvalidDataException($"{name}:{quoteLine}: a quoted field is never closed");
                    }

                    var q = text[i];
                    if (q == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    if (q == '\n')
                    {
                        line++;
                    }

                    field.Append(q);
                    i++;
                }

                fieldStarted = true;
                if (i < text.Length && text[i] != ',' && text[i] != '\r' && text[i] != '\n')
                {
                    throw new InvalidDataException($"{name}:{line}: text after the closing quote of a field");
                }

                continue;
            }

            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldStarted = true;
                i++;
                continue;
            }

            if (c == '\r' || c == '\n')
            {
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                EndRecord();
                line++;
                recordLine = line;
                continue;
            }

            field.Append(c);
            fieldStarted = true;
            i++;
        }

        EndRecord();
        return records;

        void EndRecord()
        {
            if (!fieldStarted && fields.Count == 0 && field.Length == 0)
            {
                return; // blank line
            }

            fields.Add(field.ToString());
            records.Add(new CsvRow(recordLine, fields.ToArray()));
            fields.Clear();
            field.Clear();
            fieldStarted = false;
        }
    }
}
