using Statecraft.Analysis;
using Statecraft.Documents;
using Statecraft.Negotiation;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Tests.Analysis;

public class AssumptionSetTests
{
    private static AssumptionSetLoad Parse(string yaml) => AssumptionSets.Parse(yaml, "sets.yaml");

    private static Scenario Shipped(string name) => Statecraft.Tests.Scenarios.ShippedRoadmaps.Played(name);

    private static Diagnostic Single(AssumptionSetLoad load)
    {
        Assert.False(load.IsValid);
        return Assert.Single(load.Diagnostics);
    }

    [Fact]
    public void An_unknown_game_assumption_is_reported_at_its_key_with_the_nearest_name()
    {
        var d = Single(Parse("""
            format: statecraft-assumption-sets/1
            sets:
              high-bar:
                game:
                  hanoi_ration: 0.7
            """));
        Assert.Equal(new SourceLocation("sets.yaml", 5, 7), d.Location);
        Assert.Contains("unknown game assumption 'hanoi_ration'", d.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'hanoi_ratio'?", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_game_value_outside_its_range_is_reported_with_the_range()
    {
        var hanoi = GameAssumptions.Find("hanoi_ratio")!;
        var d = Single(Parse("""
            format: statecraft-assumption-sets/1
            sets:
              high-bar:
                game:
                  hanoi_ratio: 0.95
            """));
        Assert.Equal(new SourceLocation("sets.yaml", 5, 20), d.Location);
        Assert.Contains($"outside the valid range {hanoi.Low} to {hanoi.High}", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prior_that_does_not_sum_to_1_is_reported_at_the_prior()
    {
        var d = Single(Parse("""
            format: statecraft-assumption-sets/1
            sets:
              lopsided:
                type_prior: {reformer: 0.5, hedger: 0.3, staller: 0.1}
            """));
        Assert.Equal(new SourceLocation("sets.yaml", 4, 17), d.Location);
        Assert.Contains("type_prior must sum to 1", d.Message, StringComparison.Ordinal);
        Assert.Contains("it sums to 0.9", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("actors:\n      china:\n        enforcment: 0.5", 6, 9, "did you mean 'enforcement'?")]
    [InlineData("actors:\n      china:\n        enforcement: 1.5", 6, 22, "outside the valid range 0 to 1")]
    [InlineData("actors:\n      north_korea:\n        type_prior: {reformer: 1}", 6, 9, "the set's own 'type_prior'")]
    [InlineData("assumptions:\n      china_enforcement: {distribution: uniform, low: 0.8, high: 0.6}", 5, 66, "uniform needs low < high")]
    [InlineData("assumptions:\n      china_enforcement: {distribution: gamma, shape: 2}", 5, 41, "unknown distribution 'gamma'")]
    [InlineData("priors: {reformer: 1}", 4, 5, "unknown key 'priors'")]
    public void Mistakes_inside_a_set_are_located(string body, int line, int column, string message)
    {
        var load = Parse($"format: statecraft-assumption-sets/1\nsets:\n  one:\n    {body}\n");
        Assert.False(load.IsValid);
        var d = load.Diagnostics[0];
        Assert.Equal((line, column), (d.Location.Line, d.Location.Column));
        Assert.Contains(message, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_given_where_sets_are_expected_is_told_what_the_file_must_start_with()
    {
        var s = ShippedScenarios.Find("relief-only")!;
        var load = AssumptionSets.Parse(s.Text, s.Path);
        Assert.False(load.IsValid);
        Assert.Contains(load.Diagnostics, d => d.Message.Contains("format: statecraft-assumption-sets/1", StringComparison.Ordinal));
    }

    [Fact]
    public void The_shipped_priors_load_by_name_and_their_priors_sum_to_1()
    {
        var load = AssumptionSets.Load("priors-2018");
        Assert.True(load.IsValid, string.Join("\n", load.Diagnostics));
        Assert.Equal(["reformer-leaning", "even", "staller-leaning"], load.File!.Sets.Select(s => s.Name));
        foreach (var set in load.File.Sets)
        {
            Assert.Equal(1.0, set.TypePrior!.Values.Sum(), 5);
            Assert.False(string.IsNullOrWhiteSpace(set.Basis));
        }

        // The strategy scenarios' list must not pick the sets file up (it is embedded under another prefix).
        Assert.DoesNotContain(ShippedScenarios.All, s => s.Name == "priors-2018");
        // reformer-leaning states it uses the prior delury-engagement.yaml wrote, now the reformer-reading world's: hold it to that.
        var delury = ShippedWorlds.Find("reformer-reading")!.Actors.Single(a => a.Actor == ActorId.NorthKorea).TypePrior;
        Assert.Equal(delury, load.File.Find("reformer-leaning")!.TypePrior);
    }

    [Fact]
    public void An_unknown_shipped_name_lists_the_shipped_files()
    {
        var d = Single(AssumptionSets.Load("priors-2019"));
        Assert.Contains("priors-2018", d.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'priors-2018'?", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_puts_every_override_into_the_compiled_game_and_changes_nothing_else()
    {
        var load = Parse("""
            format: statecraft-assumption-sets/1
            sets:
              all-kinds:
                type_prior: {reformer: 0.5, hedger: 0.25, staller: 0.25}
                game:
                  hanoi_ratio: 0.7
                  detection.intrusive_inspection: 0.3
                assumptions:
                  china_enforcement: {distribution: uniform, low: 0.4, high: 0.9}
                actors:
                  russia:
                    enforcement: 0.35
            """);
        Assert.True(load.IsValid, string.Join("\n", load.Diagnostics));
        var set = load.File!.Sets[0];
        var scenario = Shipped("relief-only");
        var before = scenario;
        var (applied, game) = set.Apply(scenario, GameAssumptions.Defaults);
        Assert.Same(before, scenario);
        Assert.Equal(before.Actors, scenario.Actors);

        var g = GameCompiler.Compile(applied, Catalog.Korea, null, game);
        // Shares that are exact in binary sum to exactly 1, so the compiler's normalisation leaves them as written.
        Assert.Equal([0.5, 0.25, 0.25], g.TypePrior.ToArray());
        Assert.Equal(0.7, g.Game.HanoiRatio);
        Assert.Equal(0.3, g.Game.Detection[(int)Verification.IntrusiveInspection]);
        Assert.Equal(new UniformDistribution(0.4, 0.9), g.Assumptions.Single(a => a.Name == "china_enforcement").Distribution);
        Assert.Equal(new CompiledQuantity(0.35, -1), g.ActorParameters[(int)ActorId.Russia]["enforcement"]);
        // China still reads the (overridden) assumption; every other game value is the default.
        Assert.Equal("china_enforcement", applied.Actors.Single(a => a.Actor == ActorId.China).Parameters["enforcement"].AssumptionName);
        foreach (var a in GameAssumptions.All.Where(a => a.Name is not "hanoi_ratio" and not "detection.intrusive_inspection"))
            Assert.Equal(a.Default, a.Get(g.Game));
    }

    [Fact]
    public void An_empty_set_is_the_scenario_as_written()
    {
        var load = Parse("format: statecraft-assumption-sets/1\nsets:\n  as-written:\n");
        Assert.True(load.IsValid, string.Join("\n", load.Diagnostics));
        var scenario = Shipped("delury-engagement");
        var (applied, game) = load.File!.Sets[0].Apply(scenario, GameAssumptions.Defaults);
        Assert.Equal(scenario, applied);
        Assert.Same(GameAssumptions.Defaults, game);
    }

    [Fact]
    public void Check_rejects_an_assumption_no_compared_scenario_defines_with_the_nearest_name()
    {
        var load = Parse("""
            format: statecraft-assumption-sets/1
            sets:
              lax:
                assumptions:
                  china_enforcment: 0.5
            """);
        Assert.True(load.IsValid, string.Join("\n", load.Diagnostics));
        var d = Assert.Single(AssumptionSets.Check(load.File!, [Shipped("relief-only"), Shipped("maximum-pressure")]));
        Assert.Equal(new SourceLocation("sets.yaml", 5, 7), d.Location);
        Assert.Contains("defined by none of the compared scenarios", d.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'china_enforcement'?", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_rejects_a_distribution_that_can_leave_the_range_of_where_the_scenario_uses_it()
    {
        // relief-only bounds china_enforcement to [0, 1], so a normal there is cut to [0, 1] and fits china.enforcement;
        // bounds of its own that reach past 1 do not.
        var fits = Parse("format: statecraft-assumption-sets/1\nsets:\n  s:\n    assumptions:\n      china_enforcement: {distribution: normal, mean: 0.5, sd: 0.2}\n");
        Assert.Empty(AssumptionSets.Check(fits.File!, [Shipped("relief-only")]));
        var wide = Parse("format: statecraft-assumption-sets/1\nsets:\n  s:\n    assumptions:\n      china_enforcement: {distribution: normal, mean: 0.5, sd: 0.2, bounds: [0, 2]}\n");
        var d = Assert.Single(AssumptionSets.Check(wide.File!, [Shipped("relief-only")]));
        Assert.Contains("china.enforcement, which must lie in 0 to 1", d.Message, StringComparison.Ordinal);
        var point = Parse("format: statecraft-assumption-sets/1\nsets:\n  s:\n    assumptions:\n      china_enforcement: 1.2\n");
        Assert.Contains("outside its bounds [0, 1]", Assert.Single(AssumptionSets.Check(point.File!, [Shipped("relief-only")])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_example_file_in_robustness_md_reads_and_fits_relief_only_and_maximum_pressure()
    {
        var doc = File.ReadAllText(Statecraft.Tests.Cli.Repository.PathOf("docs/robustness.md"));
        var yaml = System.Text.RegularExpressions.Regex.Match(doc, "```yaml\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        var load = AssumptionSets.Parse(yaml, "docs/robustness.md");
        Assert.True(load.IsValid, string.Join("\n", load.Diagnostics));
        Assert.Empty(AssumptionSets.Check(load.File!, [Shipped("relief-only"), Shipped("maximum-pressure")]));
    }
}
