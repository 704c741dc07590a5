namespace Statecraft.Documents;

/// <summary>Reads a file a user named, turning every way that can fail into one located diagnostic.</summary>
public static class UserFile
{
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
