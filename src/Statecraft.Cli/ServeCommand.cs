using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Hosting;
using Statecraft.Web;

namespace Statecraft.Cli;

/// <summary><c>statecraft serve</c>: the web app and its API (docs/web.md), on this machine only unless told otherwise.</summary>
internal static class ServeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var urls = new Option<string>("--urls")
        {
            HelpName = "URL",
            Description = $"Where to listen (default {WebOptions.DefaultUrls}, this machine only); several separated by ';'.",
            DefaultValueFactory = _ => WebOptions.DefaultUrls,
        };
        var store = new Option<string?>("--store") { HelpName = "FILE", Description = "The run store that finished jobs are recorded in (default as for 'statecraft simulate')." };
        var scenarios = new Option<string?>("--scenarios")
        {
            HelpName = "DIR",
            Description = $"The folder of your own scenarios (*.yaml), listed beside the shipped ones and written by the editor (default {WebOptions.DefaultScenariosFolder}).",
        };
        var command = new Command("serve", "Serve the scenario library, roadmap editor, runs and data in a browser, with an HTTP API under /api (docs/web.md). Ctrl-C stops it.")
        {
            urls,
            store,
            scenarios,
        };
        command.SetAction(parse => Run(new WebOptions
        {
            Urls = parse.GetValue(urls) ?? WebOptions.DefaultUrls,
            StorePath = parse.GetValue(store),
            ScenariosFolder = parse.GetValue(scenarios),
            LogToConsole = true,
        }, stdout, stderr));
        return command;
    }

    internal static int Run(WebOptions options, TextWriter stdout, TextWriter stderr)
    {
        var addresses = options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (addresses.Length == 0)
        {
            stderr.WriteLine("statecraft serve: error: --urls names no address; give one such as http://127.0.0.1:5180.");
            return Program.BadInput;
        }

        foreach (var address in addresses)
        {
            // Kestrel accepts '*' and '+' for every interface; Uri does not, so check those by hand.
            var host = Host(address);
            if (host is null)
            {
                stderr.WriteLine($"statecraft serve: error: --urls: '{address}' is not an http:// or https:// address with a host and port, such as http://127.0.0.1:5180.");
                return Program.BadInput;
            }

            if (!IsLoopback(host))
                stderr.WriteLine($"statecraft serve: warning: {address} is not a loopback address: the app is then reachable from other machines, and it has no sign-in.");
        }

        using var app = WebApp.Build(options);
        try
        {
            app.StartAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException or System.Net.Sockets.SocketException)
        {
            stderr.WriteLine($"statecraft serve: error: cannot listen on {options.Urls}: {e.Message}");
            return Program.BadInput;
        }

        stdout.WriteLine($"Statecraft is serving on {string.Join(", ", app.Urls)} (Ctrl-C stops it).");
        stdout.WriteLine($"Run store: {Path.GetFullPath(options.Store)}; your scenarios: {Path.GetFullPath(options.Scenarios)}");
        app.WaitForShutdownAsync().GetAwaiter().GetResult();
        stdout.WriteLine("Stopped.");
        return Program.Ok;
    }

    private static string? Host(string address)
    {
        var slashes = address.IndexOf("://", StringComparison.Ordinal);
        if (slashes < 0) return null;
        var scheme = address[..slashes];
        if (scheme is not ("http" or "https")) return null;
        var rest = address[(slashes + 3)..];
        if (rest.StartsWith('*') || rest.StartsWith('+')) return "*";
        return Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host : null;
    }

    /// <summary>Only 'localhost' and loopback IP addresses keep the app to this machine; a name could resolve anywhere.</summary>
    internal static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
