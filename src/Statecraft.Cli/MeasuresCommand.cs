using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Statecraft.Documents;
using Statecraft.Feasibility;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Cli;

/// <summary><c>statecraft measures</c>: the sanctions catalog, and the activity vocabulary that links it to incentives.</summary>
internal static class MeasuresCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var at = new Option<string?>("--at") { Description = "Only measures in force on this date (YYYY-MM-DD)" };
        var issuer = new Option<string?>("--issuer") { Description = "Only measures of this issuer: " + string.Join(", ", YamlName<Issuer>.All) };
        var activities = new Option<bool>("--activities") { Description = "List the activities measures block and incentives involve, instead of the measures" };
        var command = new Command("measures", "List the sanctions catalog: UN Security Council measures at paragraph level and the main unilateral measures, with what each blocks and how it can be relieved.")
        {
            json, at, issuer, activities,
        };
        command.SetAction(parse => Run(parse.GetValue(json), parse.GetValue(at), parse.GetValue(issuer), parse.GetValue(activities), stdout, stderr));
        return command;
    }

    internal static int Run(bool json, string? at, string? issuerName, bool activities, TextWriter stdout, TextWriter stderr)
    {
        var catalog = Catalog.Korea;
        if (activities)
        {
            return PrintActivities(catalog, json, stdout);
        }

        IEnumerable<Measure> measures = catalog.Measures;
        if (at is not null)
        {
            if (!DateOnly.TryParseExact(at, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                stderr.WriteLine($"statecraft measures: error: --at must be a date written YYYY-MM-DD, not '{at}'");
                return Program.BadInput;
            }

            measures = measures.Where(m => m.IsInForceOn(date));
        }

        if (issuerName is not null)
        {
            if (!YamlName<Issuer>.TryParse(issuerName, out var issuer))
            {
                stderr.WriteLine($"statecraft measures: error: {NearestName.Unknown("issuer", issuerName, YamlName<Issuer>.All)}");
                return Program.BadInput;
            }

            measures = measures.Where(m => m.Issuer == issuer);
        }

        var list = measures.ToList();
        if (json)
        {
            Json.Write(stdout, new JsonObject
            {
                ["measures"] = Json.Array(list, m => new JsonObject
                {
                    ["id"] = m.Id,
                    ["issuer"] = YamlName.Of(m.Issuer),
                    ["instrument"] = m.Instrument,
                    ["title"] = m.Title,
                    ["summary"] = m.Summary,
                    ["in_force"] = m.InForce.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["ended"] = m.Ended?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["superseded_by"] = m.SupersededBy,
                    ["binds"] = YamlName.Of(m.Binds),
                    ["blocks"] = Json.Strings(m.Blocks),
                    ["relief"] = Json.Array(m.Relief, r => new JsonObject
                    {
                        ["route"] = YamlName.Of(r.Route),
                        ["consent"] = Json.Strings(r.Consent.Select(YamlName.Of)),
                        ["note"] = r.Note,
                    }),
                    ["source"] = m.Source,
                    ["confidence"] = YamlName.Of(m.Confidence),
                    ["notes"] = m.Notes,
                }),
            });
            return Program.Ok;
        }

        var table = new TextTable("id", "issuer", "in force", "ended", "relief: consent", "title");
        foreach (var m in list)
        {
            table.Add(m.Id, YamlName.Of(m.Issuer), m.InForce.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                m.Ended?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                CompactRelief(m),
                m.Title);
        }

        if (list.Count == 0)
        {
            stdout.WriteLine($"No measure matches (the catalog runs from {catalog.Measures.Min(m => m.InForce):yyyy-MM-dd}; issuers: {string.Join(", ", YamlName<Issuer>.All)}).");
            return Program.Ok;
        }

        table.Write(stdout);
        stdout.WriteLine();
        stdout.WriteLine("relief: E exemption, S suspension (snaps back), T termination; each followed by whose consent it needs.");
        stdout.WriteLine($"{list.Count} measures. Details: statecraft measures --json; what they block: statecraft measures --activities; sources: docs/sanctions-catalog.md");
        return Program.Ok;
    }

    /// <summary>"E,S,T:unsc" style: routes sharing the same consenting parties are grouped to keep the table narrow.</summary>
    private static string CompactRelief(Measure m) =>
        string.Join(" ", m.Relief
            .GroupBy(r => string.Join("+", r.Consent.Select(YamlName.Of)))
            .Select(g => $"{string.Join(",", g.Select(r => char.ToUpperInvariant(YamlName.Of(r.Route)[0])))}:{g.Key}"));

    private static int PrintActivities(Catalog catalog, bool json, TextWriter stdout)
    {
        var rows = Activities.All.Select(a => (
            Activity: a,
            Kinds: Enum.GetValues<IncentiveKind>().Where(k => IncentiveActivities.For(k).Any(x => x.Activity == a.Name)).Select(YamlName.Of).ToList(),
            Measures: catalog.Measures.Where(m => m.BlockingPattern(a.Name) is not null).Select(m => m.Id).ToList())).ToList();
        if (json)
        {
            Json.Write(stdout, new JsonObject
            {
                ["activities"] = Json.Array(rows, r => new JsonObject
                {
                    ["name"] = r.Activity.Name,
                    ["description"] = r.Activity.Description,
                    ["involved_by"] = Json.Strings(r.Kinds),
                    ["blocked_by"] = Json.Strings(r.Measures),
                }),
            });
            return Program.Ok;
        }

        var table = new TextTable("activity", "involved by (incentive kinds)", "blocked by (measures)");
        foreach (var r in rows)
        {
            table.Add(r.Activity.Name, string.Join(", ", r.Kinds), string.Join(", ", r.Measures));
        }

        table.Write(stdout);
        return Program.Ok;
    }
}
