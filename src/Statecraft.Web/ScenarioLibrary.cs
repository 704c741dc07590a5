using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Web;

/// <summary>A scenario the library holds: its name, where it comes from, and its text with the path diagnostics name.</summary>
internal sealed record LibraryScenario(string Name, string Source, string Path, string Text);

/// <summary>
/// The scenarios the web app offers: the shipped ones, and the user's own <c>*.yaml</c> in one folder. A user
/// scenario is named by its file name, which must match <see cref="NamePattern"/>, so a name can never leave the folder.
/// </summary>
internal sealed partial class ScenarioLibrary(WebOptions options)
{
    public const string NameRule = "1 to 64 characters of a-z, 0-9 and '-'";

    /// <summary>Most user files listed: a folder of thousands is not a library this page can show.</summary>
    private const int MostListed = 1000;

    public string Folder { get; } = System.IO.Path.GetFullPath(options.Scenarios);

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex NamePattern();

    public static bool IsName(string name) => NamePattern().IsMatch(name);

    /// <summary>Shipped scenarios first, then the user's, by name; a user file with a shipped name is hidden (the shipped one wins).</summary>
    public IReadOnlyList<LibraryScenario> All()
    {
        var list = ShippedScenarios.All.Select(s => new LibraryScenario(s.Name, "shipped", s.Path, s.Text)).ToList();
        list.AddRange(UserNames().Take(MostListed).Select(Find).OfType<LibraryScenario>().Where(s => s.Source == "user"));
        return list;
    }

    /// <summary>The scenario with this name, or null; the name is checked before any file is touched.</summary>
    public LibraryScenario? Find(string name)
    {
        if (!IsName(name)) return null;
        if (ShippedScenarios.Find(name) is { } shipped) return new LibraryScenario(shipped.Name, "shipped", shipped.Path, shipped.Text);
        var file = FileOf(name);
        try
        {
            return File.Exists(file) ? new LibraryScenario(name, "user", file, File.ReadAllText(file)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Saves a user scenario through a temporary file and a rename, so a reader never sees half a file; true when it is new.</summary>
    /// <exception cref="ApiRefusal">A bad or shipped name, or the folder cannot be written.</exception>
    public bool Save(string name, string text)
    {
        if (!IsName(name)) throw new ApiRefusal(StatusCodes.Status400BadRequest, $"a scenario name is {NameRule}", "name");
        if (ShippedScenarios.Find(name) is not null)
            throw new ApiRefusal(StatusCodes.Status409Conflict, $"'{name}' is a shipped scenario and cannot be overwritten; save under another name", "name");
        var file = FileOf(name);
        var temporary = System.IO.Path.Combine(Folder, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(Folder);
            var existed = File.Exists(file);
            File.WriteAllText(temporary, text, new UTF8Encoding(false));
            File.Move(temporary, file, overwrite: true);
            return !existed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The save failed already; a temporary file left behind is named with a leading dot and not listed.
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw new ApiRefusal(StatusCodes.Status507InsufficientStorage, $"the scenario could not be saved in {Folder}: {e.Message}");
        }
    }

    /// <summary>Parses a scenario as the CLI does, against the Korea catalog.</summary>
    public static ScenarioLoad Load(LibraryScenario s) => ScenarioLoader.Parse(s.Text, s.Path, Catalog.Korea);

    private string FileOf(string name) => System.IO.Path.Combine(Folder, name + ".yaml");

    private IEnumerable<string> UserNames()
    {
        if (!Directory.Exists(Folder)) return [];
        try
        {
            return Directory.EnumerateFiles(Folder, "*.yaml")
                .Select(f => System.IO.Path.GetFileNameWithoutExtension(f))
                .Where(IsName)
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
