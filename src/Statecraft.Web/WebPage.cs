using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Statecraft.Web;

/// <summary>The page at <c>/</c>: static HTML, style and script from the assembly's resources; all user text goes in through textContent.</summary>
internal static class WebPage
{
    /// <summary>
    /// Nothing but this server: the chart libraries come from /assets. Vega compiles its expressions with
    /// the Function constructor, hence 'unsafe-eval'; vega-embed sets inline styles on the charts.
    /// </summary>
    private const string Policy = "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static void Map(WebApplication app)
    {
        app.MapGet("/", (HttpContext c) => Resource(c, "index.html", "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/app.js", (HttpContext c) => Resource(c, "app.js", "text/javascript; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/style.css", (HttpContext c) => Resource(c, "style.css", "text/css; charset=utf-8")).ExcludeFromDescription();
    }

    private static IResult Resource(HttpContext context, string name, string type)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("page/" + name);
        if (stream is null) return Results.NotFound();
        using var reader = new StreamReader(stream);
        context.Response.Headers.ContentSecurityPolicy = Policy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Text(reader.ReadToEnd(), type);
    }
}
