using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Statecraft.Web;

/// <summary>The page at <c>/</c>: static HTML and script from the assembly's resources; all user text goes in through textContent.</summary>
internal static class WebPage
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/", () => Resource("index.html", "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/app.js", () => Resource("app.js", "text/javascript; charset=utf-8")).ExcludeFromDescription();
    }

    private static IResult Resource(string name, string type)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("page/" + name);
        if (stream is null) return Results.NotFound();
        using var reader = new StreamReader(stream);
        return Results.Text(reader.ReadToEnd(), type);
    }
}
