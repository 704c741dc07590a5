using Statecraft.Documents;
using Statecraft.Sanctions;
using Statecraft.Scenarios;
using Statecraft.Tests.Cli;

namespace Statecraft.Tests.Scenarios;

/// <summary>World files (statecraft-world/1), the shipped worlds, and old single files read as a roadmap with an embedded world.</summary>
public sealed class WorldTests
{
    private const string Minimal = """
        format: statecraft-world/1
        name: Test world
        assumptions:
          china_level:
            distribution: beta
            alpha: 6
            beta: 4
            bounds: [0, 1]
        actors:
          north_korea:
            type_prior: {reformer: 0.5, hedger: 0.5}
          china:
            enforcement: china_level
        game:
          hanoi_ratio: 0.4
        """;

    private static WorldLoad Parse(string yaml) => ScenarioLoader.ParseWorld(yaml, "w.yaml");

    private static string OldForm(string name) => File.ReadAllText(Repository.PathOf($"tests/Statecraft.Tests/Scenarios/old-form/{name}.yaml"));

    [Fact]
    public void A_world_file_keeps_its_prior_its_parameters_their_assumptions_and_its_game_values()
    {
        var load = Parse(Minimal);

        Assert.Empty(load.Diagnostics);
        var w = load.World!;
        Assert.Equal(("w", "Test world"), (w.Id, w.Name));
        Assert.Equal(0.5, w.Actors.Single(a => a.Actor == ActorId.NorthKorea).TypePrior[NorthType.Reformer]);
        Assert.Equal(0.0, w.Actors.Single(a => a.Actor == ActorId.NorthKorea).TypePrior[NorthType.Staller]);
        Assert.Equal("china_level", w.Actors.Single(a => a.Actor == ActorId.China).Parameters["enforcement"].AssumptionName);
        Assert.Equal(new BetaDistribution(6, 4), Assert.Single(w.Assumptions).Distribution);
        Assert.Equal(("hanoi_ratio", 0.4), (Assert.Single(w.Game).Name, w.Game[0].Value));
        Assert.Equal("type prior 0.5/0.5/0; china.enforcement beta(6, 4); hanoi_ratio 0.4", w.Summary());
    }

    [Theory]
    [InlineData("  hanoi_ratio: 0.4", "  hanoi_ration: 0.4", 15, 3, "did you mean 'hanoi_ratio'?")]
    [InlineData("  hanoi_ratio: 0.4", "  hanoi_ratio: 7", 15, 16, "hanoi_ratio")]
    [InlineData("    enforcement: china_level", "    provocation_rate: 0.2", 13, 5, "valid choices")]
    [InlineData("format: statecraft-world/1", "format: statecraft/2", 1, 9, "this is a roadmap (statecraft/2), not a world")]
    [InlineData("    enforcement: china_level", "    enforcement: china_levle", 13, 18, "did you mean 'china_level'?")]
    public void A_mistake_in_a_world_file_is_reported_where_it_is_with_the_valid_choices(string from, string to, int line, int column, string says)
    {
        var load = Parse(Minimal.Replace(from, to, StringComparison.Ordinal));

        Assert.False(load.IsValid);
        var d = load.Diagnostics.First(x => x.Severity == Severity.Error);
        Assert.Equal(new SourceLocation("w.yaml", line, column), d.Location);
        Assert.Contains(says, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_roadmap_file_that_writes_actors_in_the_new_form_is_told_to_move_them_into_a_world()
    {
        var yaml = ScenarioText.Valid.Replace("name: Test roadmap", "format: statecraft/2\nname: Test roadmap", StringComparison.Ordinal);

        var load = ScenarioLoader.Parse(yaml, "r.yaml", Catalog.Korea);

        Assert.False(load.IsValid);
        var d = Assert.Single(load.Diagnostics, x => x.Severity == Severity.Error);
        Assert.Equal((12, 1), (d.Location.Line, d.Location.Column));
        Assert.Contains("move 'actors' (and the assumptions only they use) into a world file (statecraft-world/1)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_world_given_where_a_roadmap_is_expected_says_how_to_pass_it()
    {
        var load = ScenarioLoader.Parse(ShippedWorlds.FindFile("china-lax")!.Text, "china-lax.yaml", Catalog.Korea);

        Assert.Contains(load.Diagnostics, d => d.Message.Contains("this is a world file (statecraft-world/1), not a roadmap; pass it with --world FILE", StringComparison.Ordinal));
    }

    [Fact]
    public void The_shipped_worlds_validate_cleanly_state_their_basis_and_are_the_files_in_the_scenarios_folder()
    {
        Assert.Equal(["baseline-2018", "reformer-reading", "sceptic-reading", "china-lax", "china-strict"], ShippedWorlds.All.Select(w => w.Id));
        foreach (var file in ShippedWorlds.Files)
        {
            Assert.Empty(ScenarioLoader.ParseWorld(file.Text, ShippedWorlds.PathOf(file.Name)).Diagnostics);
            Assert.Equal(File.ReadAllText(Repository.PathOf($"scenarios/worlds/{file.Name}.yaml")), file.Text);
        }

        Assert.All(ShippedWorlds.All, w => Assert.False(string.IsNullOrWhiteSpace(w.Basis), w.Id));
    }

    [Fact]
    public void The_readings_of_the_North_differ_from_the_baseline_in_the_type_prior_alone_and_the_china_worlds_in_chinas_enforcement_alone()
    {
        var baseline = ShippedWorlds.Baseline;
        var prior = baseline.Actors.Single(a => a.Actor == ActorId.NorthKorea).TypePrior;
        foreach (var id in new[] { "reformer-reading", "sceptic-reading" })
        {
            var w = ShippedWorlds.Find(id)!;
            Assert.NotEqual(prior[NorthType.Reformer], w.Actors.Single(a => a.Actor == ActorId.NorthKorea).TypePrior[NorthType.Reformer]);
            // Everything else as the baseline: the same world with the baseline's prior holds the same beliefs.
            var withBaselinePrior = w with
            {
                Actors = [.. w.Actors.Select(a => a.Actor == ActorId.NorthKorea ? a with { TypePrior = prior } : a)],
            };
            Assert.True(Played(withBaselinePrior).SameParameters(Played(baseline)), id);
        }

        foreach (var id in new[] { "china-lax", "china-strict" })
        {
            var w = ShippedWorlds.Find(id)!;
            var china = w.Assumptions.Single(a => a.Name == "china_enforcement");
            Assert.NotEqual(baseline.Assumptions.Single(a => a.Name == "china_enforcement").Distribution, china.Distribution);
            var withBaselineChina = w with { Assumptions = baseline.Assumptions };
            Assert.True(Played(withBaselineChina).SameParameters(Played(baseline)), id);
        }
    }

    /// <summary>Every actor parameter and prior the game reads under a world, and the distribution of each assumption it names.</summary>
    private static PlayedWorld Played(World w) => new(ShippedRoadmaps.Played("relief-only", w));

    private sealed record PlayedWorld(Scenario Scenario)
    {
        public bool SameParameters(PlayedWorld other)
        {
            var a = Statecraft.Negotiation.GameCompiler.Compile(Scenario);
            var b = Statecraft.Negotiation.GameCompiler.Compile(other.Scenario);
            if (!a.TypePrior.Zip(b.TypePrior).All(p => Math.Abs(p.First - p.Second) < 1e-6)) return false;
            for (var actor = 0; actor < a.ActorParameters.Length; actor++)
            {
                foreach (var (name, q) in a.ActorParameters[actor])
                {
                    var r = b.ActorParameters[actor][name];
                    var left = q.Assumption >= 0 ? (object)a.Assumptions[q.Assumption].Distribution : q.Fixed;
                    var right = r.Assumption >= 0 ? (object)b.Assumptions[r.Assumption].Distribution : r.Fixed;
                    if (!left.Equals(right)) return false;
                }
            }

            return true;
        }
    }

    [Theory]
    [MemberData(nameof(ShippedScenarioTests.Names), MemberType = typeof(ShippedScenarioTests))]
    public void The_old_single_files_still_load_with_a_located_warning_and_split_into_the_shipped_roadmap_and_their_beliefs(string name)
    {
        var text = OldForm(name);
        var load = ScenarioLoader.Parse(text, $"old/{name}.yaml", Catalog.Korea);

        Assert.True(load.IsValid);
        var warning = Assert.Single(load.Diagnostics);
        Assert.Equal(Severity.Warning, warning.Severity);
        var actorsLine = text.Split('\n').ToList().FindIndex(l => l.StartsWith("actors:", StringComparison.Ordinal)) + 1;
        Assert.Equal(new SourceLocation($"old/{name}.yaml", actorsLine, 1), warning.Location);
        Assert.Contains("--world embedded", warning.Message, StringComparison.Ordinal);

        // The roadmap left when the beliefs are taken out is the shipped roadmap.
        var old = load.Scenario!;
        var roadmap = World.RoadmapOf(old);
        var shipped = ShippedRoadmaps.Read(name);
        Assert.Equal(shipped.Assumptions.Select(a => (a.Name, a.Distribution)), roadmap.Assumptions.Select(a => (a.Name, a.Distribution)));
        Assert.Equal(shipped.Roadmap.AllIncentives.Select(x => x.Incentive.Id), roadmap.Roadmap.AllIncentives.Select(x => x.Incentive.Id));
        Assert.Empty(roadmap.Actors);

        // And the beliefs are the actors and the assumptions only they use.
        var beliefs = World.Embedded(old);
        Assert.Equal(old.Actors, beliefs.Actors);
        Assert.All(beliefs.Assumptions, a => Assert.DoesNotContain(a.Name, shipped.Assumptions.Select(x => x.Name)));
    }

    [Fact]
    public void Delurys_old_file_embeds_the_reformer_reading_and_the_lax_china_of_the_shipped_worlds()
    {
        var old = ScenarioLoader.Parse(OldForm("delury-engagement"), "old.yaml", Catalog.Korea).Scenario!;
        var beliefs = World.Embedded(old);

        Assert.Equal(0.6, beliefs.Actors.Single(a => a.Actor == ActorId.NorthKorea).TypePrior[NorthType.Reformer]);
        Assert.Equal(ShippedWorlds.Find("china-lax")!.Assumptions.Single().Distribution, Assert.Single(beliefs.Assumptions).Distribution);
        Assert.Equal(
            ShippedWorlds.Find("reformer-reading")!.Actors.Single(a => a.Actor == ActorId.NorthKorea).TypePrior,
            beliefs.Actors.Single(a => a.Actor == ActorId.NorthKorea).TypePrior);
    }

    [Fact]
    public void A_roadmap_amount_and_a_world_belief_with_one_name_are_refused()
    {
        var roadmap = ShippedRoadmaps.Read("delury-engagement");
        var world = ShippedWorlds.Baseline with
        {
            Assumptions = [.. ShippedWorlds.Baseline.Assumptions, roadmap.Assumptions.Single(a => a.Name == "rail_road_spend") with { Location = new SourceLocation("w.yaml", 3, 3) }],
        };
        var problems = new List<Diagnostic>();

        world.Apply(roadmap, problems);

        var d = Assert.Single(problems);
        Assert.Equal(roadmap.Assumptions.Single(a => a.Name == "rail_road_spend").Location, d.Location);
        Assert.Contains("defined both here (used by an incentive's amount) and in world 'baseline-2018' (w.yaml:3:3)", d.Message, StringComparison.Ordinal);
    }
}
