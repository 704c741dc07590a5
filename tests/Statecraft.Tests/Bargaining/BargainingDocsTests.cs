using System.Globalization;
using Statecraft.Bargaining;
using Statecraft.Tests.Cli;

namespace Statecraft.Tests.Bargaining;

/// <summary>docs/bargaining.md states results of runs; they must be what the code gives, and its commands must work as written.</summary>
public sealed class BargainingDocsTests
{
    private static readonly string[] Doc = File.ReadAllLines(Repository.PathOf("docs/bargaining.md"));

    /// <summary>The rows of the first Markdown table after the line starting with <paramref name="heading"/>, split into trimmed cells.</summary>
    private static List<string[]> TableAfter(string heading)
    {
        var start = Array.FindIndex(Doc, l => l.StartsWith(heading, StringComparison.Ordinal));
        Assert.True(start >= 0, $"no line starting with '{heading}' in docs/bargaining.md");
        var rows = Doc.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).Skip(2);
        return [.. rows.Select(l => l.Trim('|').Split('|', StringSplitOptions.TrimEntries))];
    }

    private static double Number(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);

    private static SmpTable Shipped(string name)
    {
        var table = ShippedTables.Find(name)!;
        return SmpTable.Parse(table.Text, table.Path).Table!;
    }

    [Fact]
    public void The_Korea_forecast_table_is_what_the_shipped_table_gives()
    {
        var run = SpatialModel.Run(Shipped("korea-2018"));
        var rows = TableAfter("`statecraft bargain smp korea-2018` (");
        Assert.Equal(run.Table.Actors.Count, rows.Count);
        Assert.Contains($"({run.Turns.Count} turns", Doc.Single(l => l.StartsWith("`statecraft bargain smp korea-2018` (", StringComparison.Ordinal)), StringComparison.Ordinal);
        foreach (var cells in rows)
        {
            var a = run.Table.Actors.ToList().FindIndex(x => x.Name == cells[0]);
            Assert.True(a >= 0, $"unknown actor {cells[0]}");
            Assert.Equal(run.Table.Actors[a].Power, Number(cells[1]));
            var final = cells[3].Split(',', StringSplitOptions.TrimEntries).Select(Number).ToArray();
            Assert.Equal(run.Final.Positions[a][0], final[0], 0.005);
            Assert.Equal(run.Final.Positions[a][1], final[1], 0.005);
            Assert.Equal(run.Final.WinProbabilities[a], Number(cells[4]), 0.00005);
        }
    }

    [Fact]
    public void The_SOE_results_table_is_what_the_model_gives()
    {
        var run = SpatialModel.Run(Shipped("ktab-soe-pol-comp"));
        Assert.Equal(27, run.Turns.Count);
        var rows = TableAfter("**SOE-Pol-Comp**");
        Assert.Equal(13, rows.Count);
        for (var a = 0; a < 13; a++)
        {
            var cells = rows[a];
            Assert.StartsWith(run.Table.Actors[a].Name, cells[0], StringComparison.Ordinal);
            Assert.Equal(run.Final.Positions[a][0], Number(cells[1]), 0.005);
            Assert.Equal(run.Final.Positions[a][1], Number(cells[2]), 0.005);
            Assert.Equal(run.Final.WinProbabilities[a], Number(cells[3]), 0.00005);
        }
    }

    [Fact]
    public void Every_bargain_command_in_the_doc_and_the_README_runs_as_written()
    {
        var readme = File.ReadAllLines(Repository.PathOf("README.md"));
        var commands = Doc.SkipWhile(l => l != "## Commands").TakeWhile(l => !l.StartsWith("| shipped table", StringComparison.Ordinal))
            .Concat(readme)
            .Where(l => l.StartsWith("statecraft bargain ", StringComparison.Ordinal))
            .Select(l => l.Split('#')[0].Split('>')[0].Trim())
            .ToList();
        Assert.True(commands.Count >= 12, $"found {commands.Count} commands");
        foreach (var command in commands)
        {
            var run = CliRun.Of([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)]);
            Assert.True(run.Exit == 0, $"'{command}' exited {run.Exit}: {run.Err}");
            Assert.NotEmpty(run.Out);
        }
    }

    [Fact]
    public void Every_shipped_table_is_listed_in_the_doc_and_loads()
    {
        foreach (var table in ShippedTables.All)
        {
            Assert.Contains(Doc, l => l.StartsWith($"| `{table.Name}` |", StringComparison.Ordinal));
            var eum = EumTable.Parse(table.Text, table.Path);
            var smp = SmpTable.Parse(table.Text, table.Path);
            Assert.True(eum.IsValid ^ smp.IsValid, $"{table.Name} should load as exactly one of the two formats");
        }
    }
}
