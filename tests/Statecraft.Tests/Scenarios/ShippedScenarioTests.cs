using Statecraft.Documents;
using Statecraft.Feasibility;
using Statecraft.Sanctions;
using Statecraft.Scenarios;
using Statecraft.Tests.Cli;

namespace Statecraft.Tests.Scenarios;

/// <summary>The six strategy scenarios: valid, current, faithful to what they encode, and checked as an expert would expect.</summary>
public sealed class ShippedScenarioTests
{
    private static readonly string[] NameList =
        ["maximum-pressure", "relief-only", "delury-engagement", "cnas-conditional-development", "kaesong-quick-hit", "pyongyang-declaration-2018"];

    public static readonly TheoryData<string> Names = new(NameList);

    private static Scenario Load(string name)
    {
        var shipped = ShippedScenarios.Find(name) ?? throw new InvalidOperationException($"scenario {name} is not shipped");
        var load = ScenarioLoader.Parse(shipped.Text, shipped.Path, Catalog.Korea);
        Assert.True(load.IsValid, string.Join('\n', load.Diagnostics));
        return load.Scenario!;
    }

    private static IEnumerable<Incentive> Incentives(Scenario s) => s.Roadmap.AllIncentives.Select(x => x.Incentive);

    [Fact]
    public void Exactly_the_six_strategies_are_shipped() =>
        Assert.Equal(NameList.Order(), ShippedScenarios.All.Select(s => s.Name).Order());

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_validates_without_errors_or_warnings(string name)
    {
        var shipped = ShippedScenarios.Find(name)!;

        Assert.Empty(ScenarioLoader.Parse(shipped.Text, shipped.Path, Catalog.Korea).Diagnostics);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_is_a_roadmap_only_its_assumptions_the_sizes_of_what_it_offers(string name)
    {
        var shipped = ShippedScenarios.Find(name)!;
        var s = Load(name);

        Assert.Contains($"format: {ScenarioLoader.RoadmapFormatTag}", shipped.Text, StringComparison.Ordinal);
        Assert.Empty(s.Actors);
        Assert.Null(s.EmbeddedWorldAt);
        var amounts = Incentives(s).Select(i => i.AmountMusdPerYear?.AssumptionName).OfType<string>().ToHashSet();
        Assert.All(s.Assumptions, a => Assert.Contains(a.Name, amounts));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_embedded_copy_is_the_file_in_the_scenarios_folder(string name) =>
        Assert.Equal(File.ReadAllText(Repository.PathOf($"scenarios/{name}.yaml")), ShippedScenarios.Find(name)!.Text);

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_file_says_which_source_it_encodes(string name)
    {
        var text = ShippedScenarios.Find(name)!.Text;

        Assert.StartsWith("#", text, StringComparison.Ordinal);
        Assert.True(
            new[] { "Delury", "CNAS", "38 North", "Pyongyang", "Declaration", "resolution", "statement" }.Any(s => text.Contains(s, StringComparison.OrdinalIgnoreCase)),
            $"{name} should cite the seed passage or public document it encodes");
    }

    [Fact]
    public void Reopening_Kaesong_as_a_quick_hit_collides_with_the_joint_venture_bulk_cash_and_machinery_bans()
    {
        var report = FeasibilityCheck.Run(Load("kaesong-quick-hit"), Catalog.Korea);

        var kaesong = report.Findings.Single(f => f.Incentive.Kind == IncentiveKind.KaesongReopening);
        var measures = kaesong.Collisions.Select(c => c.Measure.Id).ToList();
        Assert.Contains("UNSC-2375-18", measures);
        Assert.Contains("UNSC-2094-11", measures);
        Assert.Contains("UNSC-2397-7", measures);
        Assert.Contains("ROK-KAESONG-2016", measures);
        Assert.Contains(kaesong.Collisions, c => c.Measure.Binds == Binding.Secondary && c.Measure.Issuer == Issuer.Us);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Wherever_Kaesong_reopens_it_collides_with_the_three_UN_measures(string name)
    {
        var report = FeasibilityCheck.Run(Load(name), Catalog.Korea);

        foreach (var f in report.Findings.Where(f => f.Incentive.Kind == IncentiveKind.KaesongReopening))
        {
            Assert.Superset(new HashSet<string> { "UNSC-2375-18", "UNSC-2094-11", "UNSC-2397-7" }, f.Collisions.Select(c => c.Measure.Id).ToHashSet());
        }
    }

    [Fact]
    public void Maximum_pressure_offers_nothing_before_complete_denuclearization()
    {
        var s = Load("maximum-pressure");
        var final = s.Roadmap.Phases.Single(p => p.Steps.Any(x => x.Step == Step.CompleteDenuclearization));

        foreach (var (phase, incentive) in s.Roadmap.AllIncentives)
        {
            Assert.True(phase.Number > final.Number
                        || (phase.Number == final.Number && incentive.Sequencing.Rule == SequencingRule.OnVerifiedStep
                            && (incentive.Sequencing.Step ?? phase.Steps.Max(x => x.Step)) == Step.CompleteDenuclearization),
                $"{incentive.Id} is offered before complete denuclearization is verified");
        }
    }

    [Fact]
    public void Relief_only_offers_nothing_but_sanctions_relief() =>
        Assert.All(Incentives(Load("relief-only")), i => Assert.Equal(IncentiveKind.SanctionsRelief, i.Kind));

    [Fact]
    public void Delury_engagement_carves_out_joint_ventures_and_backs_the_South_Korean_projects_for_the_three_pledges()
    {
        var s = Load("delury-engagement");
        var kinds = Incentives(s).Select(i => i.Kind).ToHashSet();

        Assert.Subset(kinds, new HashSet<IncentiveKind>
        {
            IncentiveKind.JointVentureCarveOut, IncentiveKind.RailRoadReconnection, IncentiveKind.KaesongReopening,
            IncentiveKind.MountKumgangTourism, IncentiveKind.SezSupport,
        });
        var steps = s.Roadmap.Phases.SelectMany(p => p.Steps).Select(x => x.Step).ToList();
        Assert.Contains(Step.DismantleTestSite, steps);
        Assert.Contains(Step.DismantleLaunchPad, steps);
        Assert.Contains(Step.YongbyonShutdown, steps);
        // The article's reading of Kim is a belief, so it lives in a world, not in the roadmap.
        Assert.Empty(s.Actors);
        Assert.True(ShippedWorlds.Find("reformer-reading")!.Actors.Single(a => a.Actor == ActorId.NorthKorea).TypePrior[NorthType.Reformer] > 1.0 / 3, "Delury reads Kim as a reformer");
    }

    [Fact]
    public void CNAS_conditional_development_links_every_zone_and_adds_governance_assistance_and_WTO_accession()
    {
        var s = Load("cnas-conditional-development");
        var incentives = Incentives(s).ToList();

        Assert.Contains(incentives, i => i.Kind == IncentiveKind.TechnicalAssistance);
        Assert.Contains(incentives, i => i.Kind == IncentiveKind.WtoAccessionTrack);
        var zones = incentives.Where(i => i.Kind == IncentiveKind.SezSupport).ToList();
        Assert.NotEmpty(zones);
        Assert.All(zones, z => Assert.Equal([Linkage.DirectHireAndPay, Linkage.DomesticSourcing], z.Linkage.Order()));
        Assert.Contains(s.Roadmap.Phases, p => p.Conditions.Contains(Condition.AlliedCoordination));
    }

    [Fact]
    public void The_Pyongyang_Declaration_reconnects_rail_and_road_and_dismantles_Sohae_before_Yongbyon()
    {
        var s = Load("pyongyang-declaration-2018");

        Assert.Contains(s.Roadmap.Phases[0].Incentives, i => i.Kind == IncentiveKind.RailRoadReconnection);
        var steps = s.Roadmap.Phases.SelectMany(p => p.Steps).Select(x => x.Step).ToList();
        Assert.True(steps.IndexOf(Step.DismantleLaunchPad) >= 0 && steps.IndexOf(Step.DismantleLaunchPad) < steps.IndexOf(Step.YongbyonShutdown));
        Assert.Contains(Incentives(s), i => i.Kind == IncentiveKind.KaesongReopening);
        Assert.Contains(Incentives(s), i => i.Kind == IncentiveKind.MountKumgangTourism);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_check_report_names_its_consenting_parties(string name)
    {
        var report = FeasibilityCheck.Run(Load(name), Catalog.Korea);

        Assert.All(report.Findings.SelectMany(f => f.Collisions), c => Assert.NotEmpty(c.Consent));
        Assert.All(report.Findings.Where(f => f.Incentive.Kind == IncentiveKind.SanctionsRelief), f => Assert.NotEmpty(f.Provides));
    }
}
