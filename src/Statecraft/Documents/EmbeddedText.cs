namespace Statecraft.Documents;

/// <summary>Text files carried inside the library assembly (shipped scenarios and actor tables).</summary>
internal static class EmbeddedText
{
    /// <summary>Every embedded file whose resource name starts with <paramref name="prefix"/>, by name without folder or extension, in name order.</summary>
    public static List<(string Name, string Text)> Under(string prefix)
    {
        var assembly = typeof(EmbeddedText).Assembly;
        var files = new List<(string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            files.Add((Path.GetFileNameWithoutExtension(resource), reader.ReadToEnd()));
        }

        return files;
    }
}
