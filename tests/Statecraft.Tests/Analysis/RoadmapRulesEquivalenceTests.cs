using System.Text.RegularExpressions;
using Statecraft.Analysis;
using Statecraft.Documents;
using Statecraft.Sanctions;
using Statecraft.Scenarios;
using Statecraft.Tests.Cli;
using Xunit.Abstractions;

namespace Statecraft.Tests.Analysis;

/// <summary>
/// The search used to validate a candidate by writing its file and loading it again; it now checks the records with
/// <see cref="RoadmapRules"/>. On every move the search makes from the shipped roadmaps, as made and broken in the
/// ways an analyst could break it, both must give the same errors: the replacement is proven on the moves it is used on.
/// </summary>
public sealed partial class RoadmapRulesEquivalenceTests(ITestOutputHelper output)
{
    private static readonly Catalog Catalog = Catalog.Korea;

    /// <summary>The shipped roadmaps and the old single files they were split from (those still carry actors, whose assumptions the rules check too).</summary>
    private static IEnumerable<string> Names => ShippedScenarios.All.Select(s => s.Name).Concat(ShippedScenarios.All.Select(s => "old-form/" + s.Name));

    public static TheoryData<string> Roadmaps() => [.. Names];

    private static Scenario Read(string name)
    {
        var (text, path) = name.StartsWith("old-form/", StringComparison.Ordinal)
            ? (File.ReadAllText(Repository.PathOf($"tests/Statecraft.Tests/Scenarios/{name}.yaml")), name + ".yaml")
            : (ShippedScenarios.Find(name)!.Text, ShippedScenarios.Find(name)!.Path);
        var load = ScenarioLoader.Parse(text, path, Catalog);
        Assert.True(load.IsValid, string.Join('\n', load.Diagnostics));
        return load.Scenario!;
    }

    [Theory]
    [MemberData(nameof(Roadmaps))]
    public void The_record_check_accepts_exactly_the_moves_whose_written_file_the_loader_accepts(string name)
    {
        var moves = RoadmapMoves.Around(Read(name), Catalog).ToList();

        var valid = moves.Count(m => AgreeOn(m.Scenario, m.Explanation).Count == 0);

        // The moves are built to keep the rules (steps stay on the ladder, an incentive moved to a phase without its
        // step is rehomed), so every one is valid; the test below breaks them to see both checks reject alike.
        output.WriteLine($"{name}: {moves.Count} moves compared, {valid} valid by both");
        Assert.Equal(moves.Count, valid);
    }

    [Theory]
    [MemberData(nameof(Roadmaps))]
    public void The_record_check_rejects_exactly_the_broken_moves_whose_written_file_the_loader_rejects_in_the_loaders_words(string name)
    {
        var random = new Random(name.Length * 7919);
        var (compared, rejected) = (0, 0);
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var move in RoadmapMoves.Around(Read(name), Catalog))
        {
            for (var k = 0; k < 4; k++)
            {
                var (what, broken) = Break(move.Scenario, random);
                var errors = AgreeOn(broken, $"{move.Explanation}, then {what}");
                compared++;
                if (errors.Count == 0) continue;
                rejected++;
                kinds.Add(Quoted().Replace(errors[0], "'.'").Split(';')[0]);
            }
        }

        output.WriteLine($"{name}: {compared} broken moves compared, {rejected} invalid by both; {kinds.Count} kinds of error:");
        foreach (var kind in kinds) output.WriteLine("  " + kind);
        Assert.InRange(rejected, 1, compared - 1);
        Assert.True(kinds.Count >= 8, $"the breaks reach several rules: {string.Join("; ", kinds)}");
    }

    /// <summary>The errors the rules give the records, after asserting the loader gives the file written for them the same.</summary>
    private static List<string> AgreeOn(Scenario scenario, string how)
    {
        var byRecords = Errors(RoadmapRules.Check(scenario, Catalog));
        var byFile = Errors(ScenarioLoader.Parse(ScenarioWriter.Write(scenario, Catalog), scenario.Path, Catalog).Diagnostics);
        Assert.True(byFile.SequenceEqual(byRecords), $"{how}:\n  the file: {string.Join("\n    ", byFile)}\n  the records: {string.Join("\n    ", byRecords)}");
        return byRecords;
    }

    /// <summary>One change to the records of the kind an analyst or a careless move could make, most of them against a rule.</summary>
    private static (string What, Scenario Broken) Break(Scenario s, Random random)
    {
        var phases = s.Roadmap.Phases;
        var k = random.Next(phases.Length);
        var phase = phases[k];
        var all = s.Roadmap.AllIncentives.Select(x => x.Incentive).ToList();
        var steps = Enum.GetValues<Step>();
        var h = s.HorizonQuarters;
        Scenario WithPhase(Phase p) => s with { Roadmap = s.Roadmap with { Phases = phases.SetItem(k, p) } };
        Scenario WithIncentive(Func<Incentive, Incentive> change)
        {
            if (phase.Incentives.IsEmpty) return s;
            var i = phase.Incentives[random.Next(phase.Incentives.Length)];
            return WithPhase(phase with { Incentives = phase.Incentives.Replace(i, change(i)) });
        }

        T Pick<T>(params T[] options) => options[random.Next(options.Length)];
        switch (random.Next(13))
        {
            case 0:
                var sequencing = Pick(new Sequencing(SequencingRule.Upfront), new Sequencing(SequencingRule.OnVerifiedStep), new Sequencing(SequencingRule.OnVerifiedStep, Pick(steps)),
                    new Sequencing(SequencingRule.AfterQuarters, Quarters: Pick(0, 1, h, h + 1)));
                return ($"delivered {sequencing}", WithIncentive(i => i with { Sequencing = sequencing }));
            case 1:
                var route = Pick<ReliefRoute?>(null, ReliefRoute.Exemption, ReliefRoute.Suspension, ReliefRoute.Termination);
                var duration = Pick<int?>(null, 0, 4, h, h + 1);
                return ($"route {route} for {duration}", WithIncentive(i => i with { Route = route, DurationQuarters = duration }));
            case 2:
                var id = all.Count > 1 ? Pick(all[0].Id, all[^1].Id, "Bad id") : "Bad id";
                return ($"an incentive renamed '{id}'", WithIncentive(i => i with { Id = id }));
            case 3:
                return ("a cover added", WithIncentive(i => i with { Covers = i.Covers.Add(Pick(i.Id, all[0].Id, "nope")) }));
            case 4:
                var measure = Pick("UNSC-0000-0", Catalog.Ids[random.Next(Catalog.Ids.Count)], Catalog.Ids[random.Next(Catalog.Ids.Count)]);
                return ($"measure {measure} added", WithIncentive(i => i with { Measures = i.Measures.Add(measure) }));
            case 5:
                return ("its measures taken away", WithIncentive(i => i with { Measures = [] }));
            case 6:
                var zone = Pick("rason", "nowhere");
                return ($"zone {zone}", WithIncentive(i => i with { Zone = zone }));
            case 7:
                var amount = Pick(new Quantity(50, null), new Quantity(null, "missing_spend"), new Quantity(null, s.Assumptions.IsEmpty ? "none_defined" : s.Assumptions[0].Name));
                return ($"amount {amount}", WithIncentive(i => i with { AmountMusdPerYear = amount }));
            case 8:
                return ("linkage added", WithIncentive(i => i with { Linkage = [Linkage.DomesticSourcing] }));
            case 9:
                var activity = Pick("export:coal", "export:cole");
                return ($"also involves {activity}", WithIncentive(i => i with { AlsoInvolves = [activity] }));
            case 10:
                var step = new StepDemand(Pick(steps), Verification.NationalTechnicalMeans, phase.Location);
                return ($"step {step.Step} added to phase {k + 1}", WithPhase(phase with { Steps = phase.Steps.Add(step) }));
            case 11:
                return ($"phase {k + 1} emptied", WithPhase(phase with { Steps = [], Incentives = [] }));
            default:
                return ("every phase removed", s with { Roadmap = s.Roadmap with { Phases = [] } });
        }
    }

    /// <summary>The error messages, sorted; a line number inside a message differs between the records' positions and the written file's.</summary>
    private static List<string> Errors(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.Where(d => d.Severity == Severity.Error).Select(d => LineNumber().Replace(d.Message, "line N")).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"line \d+")]
    private static partial Regex LineNumber();

    [GeneratedRegex(@"'[^']*'")]
    private static partial Regex Quoted();
}
