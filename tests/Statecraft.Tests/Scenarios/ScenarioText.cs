using Statecraft.Documents;
using Statecraft.Scenarios;
using Statecraft.Tests.Sanctions;

namespace Statecraft.Tests.Scenarios;

/// <summary>Loads scenario text against the fixture catalog and finds diagnostics by position.</summary>
internal static class ScenarioText
{
    /// <summary>
    /// The diagnostics other than the warning every old single file (<c>statecraft/1</c> with <c>actors</c>) gets for
    /// embedding a world, which <see cref="Valid"/>, an old-form file, always has.
    /// </summary>
    public static List<Diagnostic> BesidesEmbeddedWorld(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.Where(d => !d.Message.StartsWith("this file embeds beliefs about the world", StringComparison.Ordinal))];

    /// <summary>A small valid scenario in the old single-file form (it has actors); tests change one thing in it to break it in one way.</summary>
    public const string Valid = """
        name: Test roadmap
        start: 2018Q4
        horizon_quarters: 12
        assumptions:
          china_enforcement:
            distribution: beta
            alpha: 7
            beta: 3
            bounds: [0, 1]
            source: judgement
        actors:
          china:
            enforcement: china_enforcement
        roadmap:
          phases:
            - name: Freeze
              steps:
                - step: test_moratorium
                  verification: national_technical_means
              incentives:
                - id: aid
                  kind: humanitarian_aid
                  sequencing: upfront
            - name: Yongbyon
              steps:
                - step: yongbyon_shutdown
                  verification: international_monitoring
              incentives:
                - id: jv
                  kind: sanctions_relief
                  measures: [UNSC-2375-18]
                  route: exemption
                  sequencing: on_verified_step
        """;

    public static ScenarioLoad Load(string text) => ScenarioLoader.Parse(text, "test.yaml", FixtureCatalog.Instance);

    /// <summary>Asserts an error at line:column whose message contains every fragment; returns it.</summary>
    public static Diagnostic AssertError(string text, int line, int column, params string[] fragments)
    {
        var load = Load(text);
        Assert.False(load.IsValid, "expected the scenario to be invalid");
        var at = load.Diagnostics.Where(d => d.Severity == Severity.Error && d.Location.Line == line && d.Location.Column == column).ToList();
        Assert.True(at.Count > 0, $"no error at {line}:{column}; got:\n{string.Join('\n', load.Diagnostics)}");
        var match = at.FirstOrDefault(d => fragments.All(f => d.Message.Contains(f, StringComparison.Ordinal)));
        Assert.True(match is not null, $"no error at {line}:{column} containing [{string.Join("], [", fragments)}]; got:\n{string.Join('\n', at)}");
        return match;
    }

    /// <summary>Replaces exactly one occurrence of <paramref name="from"/> in the valid scenario.</summary>
    public static string ValidWith(string from, string to)
    {
        var index = Valid.IndexOf(from, StringComparison.Ordinal);
        Assert.True(index >= 0 && Valid.IndexOf(from, index + 1, StringComparison.Ordinal) < 0, $"'{from}' must occur once in the valid scenario");
        return string.Concat(Valid.AsSpan(0, index), to, Valid.AsSpan(index + from.Length));
    }
}
