using System.Globalization;
using System.Text.Json;
using Statecraft.Tests.Negotiation;

namespace Statecraft.Tests.Cli;

/// <summary>
/// Every conditional figure carries the number of trajectories it is over, and a figure over none is "n/a" (JSON null
/// with n 0, an empty CSV cell), never a number (docs/model.md, "Outcome measures").
/// </summary>
public sealed class OutcomeOutputTests
{
    /// <summary>
    /// The cell of a printed table (the <paramref name="index"/>-th whose first header is "strategy") in the row of
    /// <paramref name="strategy"/> under <paramref name="column"/>; the dashes under the headers give each column's span.
    /// </summary>
    private static string Cell(string text, int index, string strategy, string column)
    {
        var lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var head = Enumerable.Range(0, lines.Length).Where(i => lines[i].StartsWith("strategy ", StringComparison.Ordinal) && lines[i + 1].StartsWith("---", StringComparison.Ordinal)).ElementAt(index);
        var spans = new List<(int Start, int End)>();
        var dashes = lines[head + 1];
        for (var i = 0; i < dashes.Length;)
        {
            var stop = dashes.IndexOf(' ', i) is var sp and >= 0 ? sp : dashes.Length;
            spans.Add((i, stop));
            i = stop + 2;
        }

        var k = spans.FindIndex(c => lines[head][c.Start..Math.Min(c.End, lines[head].Length)].Trim() == column);
        var row = lines.Skip(head + 2).TakeWhile(l => l.Length > 0).Single(l => l.StartsWith(strategy + " ", StringComparison.Ordinal));
        var (from, to) = spans[k];
        return row[from..(k == spans.Count - 1 ? row.Length : Math.Min(to, row.Length))].Trim();
    }

    [Fact]
    public void Where_nobody_gained_inclusiveness_is_na_with_n_0_in_the_text_the_json_the_csv_and_the_report()
    {
        using var dir = new TempDir();
        var file = dir.Write("closed.yaml", OutcomeMeasureTests.NothingToGain);
        var folder = Path.Combine(dir.Path, "out");
        var text = CliRun.Of("compare", file, "relief-only", "--runs", "300", "--no-store");
        var json = CliRun.Of("compare", file, "relief-only", "--runs", "300", "--no-store", "--json", "--out", folder);
        Assert.True(text.Exit == 0, text.Err);
        Assert.True(json.Exit == 0, json.Err);

        // The text: the reference's inclusiveness and its paired difference are n/a over no trajectory.
        Assert.Equal("n/a (n=0)", Cell(text.Out, 0, "closed", "inclusiveness"));
        // The third table: the outcomes, how the talks ended, then the paired differences.
        Assert.Equal("n/a (n=0)", Cell(text.Out, 2, "relief-only", "inclusiveness"));
        Assert.Equal("100.0%", Cell(text.Out, 1, "closed", "stalled"));
        // relief-only on its own defines it where someone gained, and says on how many.
        Assert.Matches(@"^\d\.\d\d \[\d\.\d\d-\d\.\d\d\] \(n=\d+\)$", Cell(text.Out, 0, "relief-only", "inclusiveness"));

        var strategies = JsonDocument.Parse(json.Out).RootElement.GetProperty("strategies");
        var inclusiveness = strategies[0].GetProperty("outcomes").GetProperty("inclusiveness");
        foreach (var k in new[] { "mean", "p05", "p50", "p95" }) Assert.Equal(JsonValueKind.Null, inclusiveness.GetProperty(k).ValueKind);
        Assert.Equal(0, inclusiveness.GetProperty("n").GetInt32());
        var difference = strategies[1].GetProperty("differences").GetProperty("inclusiveness");
        foreach (var k in new[] { "mean", "ci95_low", "ci95_high" }) Assert.Equal(JsonValueKind.Null, difference.GetProperty(k).ValueKind);
        Assert.Equal(0, difference.GetProperty("n").GetInt32());

        var summary = File.ReadAllLines(Path.Combine(folder, "summary.csv")).Single(l => l.StartsWith("closed,inclusiveness,", StringComparison.Ordinal));
        Assert.Equal("closed,inclusiveness,,,,,0", summary);
        var differences = File.ReadAllLines(Path.Combine(folder, "differences.csv")).Single(l => l.StartsWith("relief-only,closed,inclusiveness,", StringComparison.Ordinal));
        Assert.Equal("relief-only,closed,inclusiveness,,,,0", differences);

        var html = File.ReadAllText(Path.Combine(folder, "report.html"));
        var outcomes = html[html.IndexOf("<table id=\"outcomes-table\">", StringComparison.Ordinal)..];
        outcomes = outcomes[..outcomes.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Contains("<td>n/a (n=0)</td>", outcomes, StringComparison.Ordinal);
        Assert.Contains("<dl id=\"definitions\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_conditional_figure_gives_the_n_it_is_over_and_the_causes_add_up()
    {
        using var dir = new TempDir();
        var folder = Path.Combine(dir.Path, "out");
        const int runs = 600;
        var run = CliRun.Of("simulate", "delury-engagement", "--runs", runs.ToString(CultureInfo.InvariantCulture), "--no-store", "--json", "--out", folder);
        Assert.True(run.Exit == 0, run.Err);
        var o = JsonDocument.Parse(run.Out).RootElement.GetProperty("strategies")[0].GetProperty("outcomes");
        long Count(double share) => (long)Math.Round(share * runs);

        var breakdown = o.GetProperty("p_breakdown").GetDouble();
        var stalled = o.GetProperty("p_stalled").GetDouble();
        var causes = o.GetProperty("breakdown_causes").EnumerateObject().ToList();
        Assert.Equal(["provocation", "walkout", "cheating_detected", "party_withdrew"], causes.Select(c => c.Name));
        // Each trajectory has one way of ending: the causes make up the breakdowns, and breakdowns and stalls cannot overlap.
        Assert.Equal(Count(breakdown), causes.Sum(c => Count(c.Value.GetDouble())));
        Assert.True(breakdown + stalled <= 1 + 1e-12);
        Assert.True(breakdown > 0 && stalled > 0, "delury-engagement should show both at 600 trajectories");
        Assert.Equal(Count(breakdown), o.GetProperty("breakdown_quarter").GetProperty("n").GetInt64());
        Assert.Equal(Count(stalled), o.GetProperty("stall_quarter").GetProperty("n").GetInt64());
        foreach (var step in o.GetProperty("time_to_step").EnumerateArray())
        {
            var n = step.GetProperty("n").GetInt64();
            Assert.Equal(Count(step.GetProperty("p_reached").GetDouble()), n);
            Assert.Equal(n == 0, step.GetProperty("p50").ValueKind == JsonValueKind.Null);
        }

        var inclusiveness = o.GetProperty("inclusiveness").GetProperty("n").GetInt64();
        Assert.InRange(inclusiveness, 1, runs);

        // The CSV files give the same n.
        var summary = File.ReadAllLines(Path.Combine(folder, "summary.csv"));
        string Row(string measure) => summary.Single(l => l.StartsWith($"delury-engagement,{measure},", StringComparison.Ordinal));
        Assert.EndsWith($",{Count(breakdown)}", Row("breakdown_quarter"), StringComparison.Ordinal);
        Assert.EndsWith($",{Count(stalled)}", Row("stall_quarter"), StringComparison.Ordinal);
        Assert.EndsWith($",{inclusiveness}", Row("inclusiveness"), StringComparison.Ordinal);
        var steps = File.ReadAllLines(Path.Combine(folder, "steps.csv"));
        Assert.Equal("n_reached", steps[0].Split(',')[^1]);
        foreach (var step in o.GetProperty("time_to_step").EnumerateArray())
        {
            var line = steps.Single(l => l.StartsWith($"delury-engagement,{step.GetProperty("step").GetString()},", StringComparison.Ordinal));
            Assert.Equal(step.GetProperty("n").GetInt64().ToString(CultureInfo.InvariantCulture), line.Split(',')[^1]);
        }

        // And the text: the breakdowns' and the stalls' quarters with their n.
        var text = CliRun.Of("simulate", "delury-engagement", "--runs", runs.ToString(CultureInfo.InvariantCulture), "--no-store").Out;
        Assert.Contains($"(n={Count(breakdown)}).", text, StringComparison.Ordinal);
        Assert.Contains($"(n={Count(stalled)}).", text, StringComparison.Ordinal);
        Assert.Contains($"(n={inclusiveness})", text, StringComparison.Ordinal);
    }
}
