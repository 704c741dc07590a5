namespace Statecraft.Documents;

/// <summary>A position in a user's file: 1-based line and column, as editors count them.</summary>
public readonly record struct SourceLocation(string Path, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{Path}:{Line}:{Column}" : Path;

    /// <summary>A location that names only the file (the file is missing or unreadable).</summary>
    public static SourceLocation FileOnly(string path) => new(path, 0, 0);
}

/// <summary>How bad a diagnostic is: errors make a file invalid, warnings do not.</summary>
public enum Severity
{
    /// <summary>The file cannot be used as written.</summary>
    Error,

    /// <summary>The file is usable but probably not what the author meant.</summary>
    Warning,
}

/// <summary>
/// A problem a user can cause, reported as a value with its location rather than thrown:
/// loaders collect every diagnostic in one pass so a user fixes a file in one round.
/// </summary>
public sealed record Diagnostic(Severity Severity, SourceLocation Location, string Message)
{
    /// <summary>Formats as <c>path:line:column: error: message</c>, the form compilers use and editors link.</summary>
    public override string ToString() =>
        $"{Location}: {(Severity == Severity.Error ? "error" : "warning")}: {Message}";
}

/// <summary>An ordered collection of diagnostics that loaders append to as they read.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> items = [];

    /// <summary>All diagnostics in the order they were found.</summary>
    public IReadOnlyList<Diagnostic> Items => items;

    /// <summary>True when at least one error (not warning) was reported.</summary>
    public bool HasErrors => items.Exists(d => d.Severity == Severity.Error);

    /// <summary>Reports an error.</summary>
    public void Error(SourceLocation at, string message) => items.Add(new(Severity.Error, at, message));

    /// <summary>Reports a warning.</summary>
    public void Warning(SourceLocation at, string message) => items.Add(new(Severity.Warning, at, message));

    /// <summary>Diagnostics sorted by position, errors and warnings interleaved as they occur in the file.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        [.. items.Select((d, i) => (d, i))
            .OrderBy(x => x.d.Location.Path, StringComparer.Ordinal)
            .ThenBy(x => x.d.Location.Line)
            .ThenBy(x => x.d.Location.Column)
            .ThenBy(x => x.i)
            .Select(x => x.d)];
}
