using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Statecraft.Reports;

/// <summary>A chart library's minified browser build, as the report inlines it.</summary>
/// <param name="Name">The npm package (vega, vega-lite, vega-embed).</param>
/// <param name="Version">The version installed, from the package's package.json.</param>
/// <param name="Code">The minified script.</param>
public sealed record ChartLibrary(string Name, string Version, string Code);

/// <summary>
/// Vega, Vega-Lite and vega-embed, installed from npm by the project's build and embedded in this
/// assembly (Statecraft.csproj, target InstallChartLibraries), in the order a page must load them.
/// </summary>
public static partial class ChartLibraries
{
    private static readonly Lazy<ImmutableArray<ChartLibrary>> Loaded = new(Load);

    /// <summary>The three libraries, dependencies first.</summary>
    public static ImmutableArray<ChartLibrary> All => Loaded.Value;

    // The builds end with a comment naming their source map, which is not shipped: a browser's
    // developer tools would only look for a file that is not there.
    [GeneratedRegex(@"\n?//# sourceMappingURL=\S*\s*$")]
    private static partial Regex SourceMapComment();

    private static ImmutableArray<ChartLibrary> Load()
    {
        var assembly = typeof(ChartLibraries).Assembly;
        return [.. new[] { "vega", "vega-lite", "vega-embed" }.Select(name =>
        {
            var code = SourceMapComment().Replace(Read(assembly, $"charts/{name}.min.js"), "");
            using var package = JsonDocument.Parse(Read(assembly, $"charts/{name}.package.json"));
            return new ChartLibrary(name, package.RootElement.GetProperty("version").GetString() ?? "unknown", code);
        })];
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded; build the project with Node.js and npm on the PATH (Statecraft.csproj runs 'npm ci')");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
