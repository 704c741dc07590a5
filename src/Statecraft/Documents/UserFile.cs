namespace Statecraft.Documents;

/// <summary>Reads a file a user named, turning every way that can fail into one located diagnostic; writes output files without ever replacing one.</summary>
public static class UserFile
{
    /// <summary>
    /// Writes <paramref name="text"/> as UTF-8 without a byte-order mark into a new file at <paramref name="path"/>.
    /// An existing file is the user's and is never replaced: it throws <see cref="IOException"/> instead (callers
    /// tell "exists" from other failures with <c>File.Exists</c>).
    /// </summary>
    public static void WriteNew(string path, string text)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        file.Write(new System.Text.UTF8Encoding(false).GetBytes(text));
    }

    /// <summary>
    /// The text of <paramref name="path"/>, or null after reporting why it cannot be read;
    /// <paramref name="kind"/> names what the file should be ("scenario file", "actor table").
    /// </summary>
    public static string? ReadText(string path, string kind, out Diagnostic? problem)
    {
        problem = null;
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var why = ex switch
            {
                // Linux reports reading a directory as access denied, so test for a directory first.
                _ when Directory.Exists(path) => $"it is a directory, not {Article(kind)} {kind}",
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException => "permission denied",
                _ => ex.Message,
            };
            problem = new Diagnostic(Severity.Error, SourceLocation.FileOnly(path), $"cannot read the file: {why}");
            return null;
        }
    }

    private static string Article(string noun) => "aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";
}
