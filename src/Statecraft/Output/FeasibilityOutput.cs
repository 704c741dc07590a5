using System.Text.Json.Nodes;
using Statecraft.Documents;
using Statecraft.Feasibility;
using Statecraft.Sanctions;

namespace Statecraft.Output;

/// <summary>The feasibility report as a JSON document (<c>statecraft check --json</c>, the web app's <c>/api/check</c>): one builder so both agree.</summary>
public static class FeasibilityOutput
{
    /// <summary>The report as <c>statecraft check --json</c> prints it.</summary>
    public static JsonObject ToJson(FeasibilityReport report)
    {
        var s = report.Scenario;
        return new JsonObject
        {
            ["scenario"] = new JsonObject
            {
                ["name"] = s.Name,
                ["path"] = s.Path,
                ["start"] = s.Start.ToString(),
                ["horizon_quarters"] = s.HorizonQuarters,
                ["measures_in_force"] = s.SanctionsInForce.Length,
            },
            ["valid"] = true,
            ["feasible"] = report.Feasible,
            ["incentives"] = Json.Array(report.Findings, f => new JsonObject
            {
                ["id"] = f.Incentive.Id,
                ["phase"] = f.Phase.Number,
                ["phase_name"] = f.Phase.Name,
                ["kind"] = YamlName.Of(f.Incentive.Kind),
                ["provider"] = YamlName.Of(f.Incentive.Provider),
                ["sequencing"] = f.Incentive.Sequencing.ToString(),
                ["feasible"] = f.Feasible,
                ["collisions"] = Json.Array(f.Collisions, c => new JsonObject
                {
                    ["measure"] = c.Measure.Id,
                    ["summary"] = c.Measure.Title,
                    ["issuer"] = YamlName.Of(c.Measure.Issuer),
                    ["blocked_activities"] = Json.Strings(c.Activities),
                    ["relief_needed"] = YamlName.Of(c.ReliefNeeded),
                    ["consent"] = Json.Strings(c.Consent.Select(YamlName.Of)),
                    ["veto_players"] = Json.Strings(c.Consent.SelectMany(VocabularyText.VetoPlayers).Distinct()),
                    ["relieved_by"] = c.RelievedBy,
                    ["timing"] = c.Timing is { } t ? YamlName.Of(t) : null,
                    ["resolved"] = c.IsResolved,
                    ["hortatory"] = c.Measure.Hortatory,
                    ["problem"] = c.Problem,
                }),
                ["provides_relief"] = Json.Array(f.Provides, p => new JsonObject
                {
                    ["measure"] = p.Measure.Id,
                    ["route"] = YamlName.Of(p.Route),
                    ["consent"] = Json.Strings(p.Consent.Select(YamlName.Of)),
                    ["consequence"] = p.Consequence,
                }),
                ["other_consent"] = Json.Array(f.OtherConsent, o => new JsonObject
                {
                    ["party"] = YamlName.Of(o.Party),
                    ["reason"] = o.Why,
                }),
                ["warnings"] = Json.Strings(f.Warnings),
            }),
            ["consent_summary"] = Json.Array(ConsentSummary(report), c => new JsonObject
            {
                ["party"] = YamlName.Of(c.Party),
                ["description"] = VocabularyText.Describe(c.Party),
                ["veto_players"] = Json.Strings(VocabularyText.VetoPlayers(c.Party)),
                ["incentives"] = Json.Strings(c.Incentives),
            }),
        };
    }

    /// <summary>Every party whose consent the roadmap needs (provided or lacking relief, and other preconditions), with the incentives that need it.</summary>
    public static IReadOnlyList<(ConsentParty Party, IReadOnlyList<string> Incentives)> ConsentSummary(FeasibilityReport report) =>
        [.. report.Findings
            .SelectMany(f => f.Collisions.SelectMany(c => c.Consent)
                .Concat(f.Provides.SelectMany(p => p.Consent))
                .Concat(f.OtherConsent.Select(o => o.Party))
                .Select(p => (Party: p, f.Incentive.Id)))
            .GroupBy(x => x.Party)
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(x => x.Id).Distinct()]))];
}
