using System.Globalization;
using System.Text;
using Statecraft.Documents;

namespace Statecraft.Bargaining;

/// <summary>One field of a <see cref="LocatedCsv"/> record: its text (unquoted, trimmed) and where it starts.</summary>
/// <param name="Text">The field's text with an enclosing pair of quotes removed and surrounding white space trimmed.</param>
/// <param name="Line">1-based line of the field's first character.</param>
/// <param name="Column">1-based column of the field's first non-blank character (of the opening quote if quoted).</param>
/// <param name="EndLine">1-based line just after the field's last non-blank character (the closing quote if quoted).</param>
/// <param name="EndColumn">1-based column just after that character: where text missing after the field would go.</param>
public readonly record struct CsvField(string Text, int Line, int Column, int EndLine, int EndColumn);

/// <summary>
/// Comma-separated records read field by field with each field's line and column, so the
/// bargaining readers can point at the exact cell a user got wrong. Unlike the dataset's
/// <see cref="Data.CsvTable"/> it does not require every row to have the header's width:
/// KTAB's format has a short first row and a trailing comma on every line.
/// </summary>
internal static class LocatedCsv
{
    /// <summary>
    /// The file's records in order, blank lines skipped. Quoted fields may hold commas and doubled
    /// quotes; a quote that is never closed is reported (at its line and column) and ends the read.
    /// </summary>
    public static List<CsvField[]> Read(string text, string path, DiagnosticBag diagnostics)
    {
        var records = new List<CsvField[]>();
        var fields = new List<CsvField>();
        var field = new StringBuilder();
        var line = 1;
        var column = 1;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;

        // Where the current field starts, and where its first non-blank character is (the place
        // an error about it points at); a wholly blank field is located at its start.
        var startLine = 1;
        var startColumn = 1;
        var markLine = 0;
        var markColumn = 0;
        var endLine = 1;
        var endColumn = 1;
        var quoted = false;
        var recordStarted = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == ',')
            {
                EndField();
                recordStarted = true;
                Advance();
                startLine = line;
                startColumn = column;
                continue;
            }

            if (c == '\r' || c == '\n')
            {
                EndRecord();
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                line++;
                column = 1;
                startLine = line;
                startColumn = column;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (!quoted)
                {
                    field.Append(c);
                }

                Advance();
                continue;
            }

            recordStarted = true;

            if (quoted)
            {
                diagnostics.Error(new SourceLocation(path, line, column), "text after the closing quote of a field (quote the whole field and double any quote inside it)");
                return records;
            }

            if (c == '"' && markLine == 0)
            {
                // An opening quote (possibly after blanks): the field is what lies up to the closing quote.
                markLine = line;
                markColumn = column;
                field.Clear();
                quoted = true;
                Advance();
                while (true)
                {
                    if (i >= text.Length)
                    {
                        diagnostics.Error(new SourceLocation(path, markLine, markColumn), "a quoted field is never closed (add the closing '\"')");
                        return records;
                    }

                    var q = text[i];
                    if (q == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        Advance();
                        Advance();
                        continue;
                    }

                    Advance();
                    if (q == '"')
                    {
                        break;
                    }

                    // A line break inside quotes counts as one, as between records: LF, CRLF or a lone CR.
                    if (q == '\n' || (q == '\r' && (i >= text.Length || text[i] != '\n')))
                    {
                        line++;
                        column = 1;
                    }

                    field.Append(q);
                }

                endLine = line;
                endColumn = column;
                continue;
            }

            if (markLine == 0)
            {
                markLine = line;
                markColumn = column;
            }

            field.Append(c);
            Advance();
            endLine = line;
            endColumn = column;
        }

        EndRecord();
        return records;

        void Advance()
        {
            i++;
            column++;
        }

        void EndField()
        {
            var value = quoted ? field.ToString() : field.ToString().Trim();
            fields.Add(markLine == 0
                ? new CsvField(value, startLine, startColumn, startLine, startColumn)
                : new CsvField(value, markLine, markColumn, endLine, endColumn));
            field.Clear();
            quoted = false;
            markLine = 0;
            markColumn = 0;
        }

        void EndRecord()
        {
            if (!recordStarted && fields.Count == 0)
            {
                field.Clear();
                return; // blank line
            }

            EndField();

            // A row of empty, unquoted fields (",,,," as spreadsheets export blank rows) is a blank line.
            if (fields.Exists(f => f.Text.Length > 0 || f.EndColumn != f.Column))
            {
                records.Add([.. fields]);
            }

            fields.Clear();
            recordStarted = false;
        }
    }

    /// <summary>
    /// Where each of the <paramref name="required"/> columns is in <paramref name="header"/> (matched
    /// regardless of case; other columns are ignored), or null after reporting every column that is
    /// missing (pointing at a header cell that looks like it misspelt) or named twice.
    /// </summary>
    public static int[]? HeaderColumns(CsvField[] header, IReadOnlyList<string> required, string path, DiagnosticBag diagnostics)
    {
        var ok = true;
        var names = header.Select(f => f.Text).Where(t => t.Length > 0).ToArray();
        var index = new int[required.Count];
        for (var c = 0; c < required.Count; c++)
        {
            var matches = header.Select((f, i) => (f, i)).Where(x => string.Equals(x.f.Text, required[c], StringComparison.OrdinalIgnoreCase)).ToArray();
            index[c] = matches.Length > 0 ? matches[0].i : -1;
            if (matches.Length > 1)
            {
                diagnostics.Error(At(path, matches[1].f), $"column '{required[c]}' appears twice in the header (first in field {matches[0].i + 1}); keep one");
                ok = false;
            }

            if (index[c] < 0)
            {
                // A header cell that is none of the required columns but close to this one is probably it, misspelt.
                var misspelt = header.FirstOrDefault(f =>
                    f.Text.Length > 0 && !required.Contains(f.Text, StringComparer.OrdinalIgnoreCase) && NearestName.Find(f.Text, [required[c]]) is not null);
                var message = $"the header has no column '{required[c]}'; required columns: {string.Join(", ", required)} (in any order; others are ignored); the header has: {string.Join(", ", names)}";
                diagnostics.Error(
                    At(path, misspelt.Text is null ? header[0] : misspelt),
                    misspelt.Text is null ? message : $"{message}; is '{misspelt.Text}' meant to be '{required[c]}'?");
                ok = false;
            }
        }

        return ok ? index : null;
    }

    /// <summary>
    /// False, after an error located just past the row's last field, when <paramref name="row"/> is too
    /// short to hold every column at <paramref name="index"/>; <paramref name="required"/> names them.
    /// </summary>
    public static bool Reaches(CsvField[] row, int[] index, IReadOnlyList<string> required, string path, DiagnosticBag diagnostics)
    {
        var needed = index.Max() + 1;
        if (row.Length >= needed)
        {
            return true;
        }

        diagnostics.Error(
            After(path, row[^1]),
            $"this row has {row.Length} field{(row.Length == 1 ? "" : "s")}; the header puts '{required[Array.IndexOf(index, index.Max())]}' in field {needed}");
        return false;
    }

    /// <summary>The location of <paramref name="field"/> in <paramref name="path"/>.</summary>
    public static SourceLocation At(string path, CsvField field) => new(path, field.Line, field.Column);

    /// <summary>The location just after <paramref name="field"/>: where a missing field would start.</summary>
    public static SourceLocation After(string path, CsvField field) => new(path, field.EndLine, field.EndColumn);

    /// <summary>
    /// Parses a finite number written with a decimal point (invariant culture); reports an error at
    /// the field and returns null otherwise.
    /// </summary>
    public static double? Number(CsvField field, string what, string path, DiagnosticBag diagnostics)
    {
        if (field.Text.Length == 0)
        {
            diagnostics.Error(At(path, field), $"{what} is empty; expected a number");
            return null;
        }

        if (double.TryParse(field.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            if (double.IsFinite(value))
            {
                return value;
            }

            if (double.IsInfinity(value) && !field.Text.Contains("inf", StringComparison.OrdinalIgnoreCase) && !field.Text.Contains('∞', StringComparison.Ordinal))
            {
                diagnostics.Error(At(path, field), $"{what} '{field.Text}' is too large to use");
                return null;
            }
        }

        var hint = field.Text.Contains(',', StringComparison.Ordinal) || (field.Text.Count(ch => ch == '.') == 0 && field.Text.Contains(';', StringComparison.Ordinal))
            ? " (write decimals with a point and separate fields with commas)"
            : string.Empty;
        diagnostics.Error(At(path, field), $"{what} '{field.Text}' is not a number{hint}");
        return null;
    }
}
