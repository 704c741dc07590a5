using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Statecraft.Documents;
using Statecraft.Sanctions;
using Statecraft.Scenarios;
using Statecraft.Tests.Sanctions;
using static Statecraft.Tests.Scenarios.ScenarioText;

namespace Statecraft.Tests.Scenarios;

/// <summary>
/// The roadmap rules on records built in code, no file: each rule broken once is rejected with the message the
/// loader gives the file written for the same records, and on a loaded file the records give the loader's own
/// diagnostics at the same places.
/// </summary>
public sealed partial class RoadmapRulesTests
{
    private static readonly SourceLocation Nowhere = SourceLocation.FileOnly("code.yaml");

    private static SourceLocation At(int line) => new("code.yaml", line, 11);

    private static Incentive Aid => new("aid", IncentiveKind.HumanitarianAid, Provider.Multilateral, new Sequencing(SequencingRule.Upfront),
        [], null, null, [], null, [], new Quantity(100, null), [], null, At(12));

    private static Incentive Jv => new("jv", IncentiveKind.SanctionsRelief, Provider.Multilateral, new Sequencing(SequencingRule.OnVerifiedStep),
        ["UNSC-2375-18"], ReliefRoute.Exemption, null, [], null, [], null, [], null, At(22))
    {
        MeasureLocations = [new SourceLocation("code.yaml", 24, 21)],
    };

    /// <summary>Two phases, as <see cref="ScenarioText.Valid"/> has them, without actors: a roadmap the rules accept.</summary>
    private static Scenario Built => new(
        "code.yaml", "Roadmap built in code", null, new Quarter(2018, 4), 12, [], [],
        [.. FixtureCatalog.Instance.InForceOn(new Quarter(2018, 4).FirstDay).Select(m => m.Id)],
        new Roadmap([
            new Phase(1, "Freeze", [new StepDemand(Step.TestMoratorium, Verification.NationalTechnicalMeans, At(10))], [Aid], [], At(8)),
            new Phase(2, "Yongbyon", [new StepDemand(Step.YongbyonShutdown, Verification.InternationalMonitoring, At(20))], [Jv], [], At(18)),
        ]));

    private static Scenario WithPhase(Scenario s, int k, Func<Phase, Phase> change) =>
        s with { Roadmap = s.Roadmap with { Phases = s.Roadmap.Phases.SetItem(k, change(s.Roadmap.Phases[k])) } };

    private static Scenario WithAid(Func<Incentive, Incentive> change) => WithPhase(Built, 0, p => p with { Incentives = [change(p.Incentives[0])] });

    private static Scenario WithJv(Func<Incentive, Incentive> change) => WithPhase(Built, 1, p => p with { Incentives = [change(p.Incentives[0])] });

    private static Scenario WithIncentive(int phase, Incentive added) => WithPhase(Built, phase, p => p with { Incentives = p.Incentives.Add(added) });

    private static IReadOnlyList<Diagnostic> Check(Scenario s) => RoadmapRules.Check(s, FixtureCatalog.Instance);

    /// <summary>What the loader says of the file written for the records: the oracle the rules replace.</summary>
    private static IReadOnlyList<Diagnostic> LoaderSays(Scenario s) =>
        ScenarioLoader.Parse(ScenarioWriter.Write(s, FixtureCatalog.Instance), "written.yaml", FixtureCatalog.Instance).Diagnostics;

    /// <summary>Messages with their severity, sorted; line numbers inside a message differ between a record's positions and the written file's.</summary>
    private static List<string> Said(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.Select(d => $"{d.Severity}: {LineNumber().Replace(d.Message, "line N")}").Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"line \d+")]
    private static partial Regex LineNumber();

    /// <summary>The rules reject the records with an error containing every fragment, and say what the loader says of their file.</summary>
    private static Diagnostic AssertRejected(Scenario broken, params string[] fragments)
    {
        var said = Check(broken);
        var error = Assert.Single(said, d => d.Severity == Severity.Error && fragments.All(f => d.Message.Contains(f, StringComparison.Ordinal)));
        Assert.Equal(Said(LoaderSays(broken)), Said(said));
        return error;
    }

    [Fact]
    public void The_roadmap_built_in_code_is_valid_and_its_file_loads_without_diagnostics()
    {
        Assert.Empty(Check(Built));
        Assert.Empty(LoaderSays(Built));
    }

    [Fact]
    public void A_roadmap_without_phases_is_rejected() =>
        Assert.Equal(Nowhere, AssertRejected(Built with { Roadmap = new Roadmap([]) }, "the roadmap needs at least one phase").Location);

    [Fact]
    public void A_step_asked_for_in_two_phases_is_rejected_where_it_is_asked_again()
    {
        var twice = WithPhase(Built, 1, p => p with { Steps = [new StepDemand(Step.TestMoratorium, Verification.NationalTechnicalMeans, At(20))] });

        var error = AssertRejected(twice, "step test_moratorium is already asked for in phase 1 (line 10)");
        Assert.Equal(At(20), error.Location);
    }

    [Fact]
    public void Steps_out_of_ladder_order_are_rejected() =>
        AssertRejected(WithPhase(Built, 0, p => p with { Steps = [new StepDemand(Step.Inspections, Verification.NationalTechnicalMeans, At(10))] }),
            "step yongbyon_shutdown comes before inspections", "list steps in ladder order");

    [Fact]
    public void An_incentive_id_used_twice_names_the_line_of_the_first()
    {
        var error = AssertRejected(WithJv(j => j with { Id = "aid" }), "incentive id 'aid' is already used at line 12");
        Assert.Equal(At(22), error.Location);
    }

    [Fact]
    public void An_incentive_id_with_capitals_or_spaces_is_rejected() =>
        AssertRejected(WithAid(a => a with { Id = "Aid 1" }), "incentive id 'Aid 1' must be lower-case letters, digits, '-' and '_'");

    [Fact]
    public void Relief_that_covers_itself_is_rejected() =>
        AssertRejected(WithJv(j => j with { Covers = ["jv"] }), "incentive 'jv' cannot cover itself");

    [Fact]
    public void A_carve_out_covering_an_incentive_that_does_not_exist_suggests_the_nearest()
    {
        var carve = Aid with { Id = "carve", Kind = IncentiveKind.JointVentureCarveOut, AmountMusdPerYear = null, Covers = ["aidd"] };

        AssertRejected(WithIncentive(0, carve), "unknown incentive 'aidd'", "did you mean 'aid'?");
    }

    [Fact]
    public void A_carve_out_covering_incentives_that_exist_is_valid() =>
        Assert.Empty(Check(WithIncentive(0, Aid with { Id = "carve", Kind = IncentiveKind.JointVentureCarveOut, AmountMusdPerYear = null, Covers = ["aid", "jv"] })));

    [Fact]
    public void Waiting_for_verified_steps_in_a_phase_that_asks_for_none_is_rejected() =>
        AssertRejected(WithPhase(WithAid(a => a with { Sequencing = new Sequencing(SequencingRule.OnVerifiedStep) }), 0, p => p with { Steps = [] }),
            "incentive 'aid' is delivered on_verified_step, but its phase asks for no steps");

    [Fact]
    public void Waiting_for_a_step_of_another_phase_is_rejected_with_the_phases_steps() =>
        AssertRejected(WithJv(j => j with { Sequencing = new Sequencing(SequencingRule.OnVerifiedStep, Step.TestMoratorium) }),
            "incentive 'jv' waits for step test_moratorium, which its phase does not ask for (the phase's steps: yongbyon_shutdown)");

    [Fact]
    public void Waiting_for_a_step_of_its_own_phase_is_valid() =>
        Assert.Empty(Check(WithJv(j => j with { Sequencing = new Sequencing(SequencingRule.OnVerifiedStep, Step.YongbyonShutdown) })));

    [Theory]
    [InlineData(13)]
    [InlineData(0)]
    public void A_delay_outside_the_horizon_is_rejected_with_the_range(int quarters) =>
        AssertRejected(WithAid(a => a with { Sequencing = new Sequencing(SequencingRule.AfterQuarters, Quarters: quarters) }),
            $"incentive 'aid' after_quarters is {quarters}, outside the valid range 1 to 12");

    [Fact]
    public void A_delay_of_the_whole_horizon_is_valid() =>
        Assert.Empty(Check(WithAid(a => a with { Sequencing = new Sequencing(SequencingRule.AfterQuarters, Quarters: 12) })));

    [Fact]
    public void A_suspension_longer_than_the_horizon_is_rejected() =>
        AssertRejected(WithJv(j => j with { Route = ReliefRoute.Suspension, DurationQuarters = 20 }), "incentive 'jv' duration_quarters is 20, outside the valid range 1 to 12");

    [Fact]
    public void A_duration_on_a_termination_is_rejected() =>
        AssertRejected(WithJv(j => j with { Route = ReliefRoute.Termination, DurationQuarters = 4 }), "duration_quarters applies only to a suspension, not to termination");

    [Fact]
    public void A_route_one_of_the_measures_does_not_allow_names_its_routes() =>
        AssertRejected(WithJv(j => j with { Measures = ["UNSC-2375-18", "UNSC-2094-11"] }),
            "UNSC-2094-11 cannot be relieved by exemption; its routes are suspension, termination");

    [Fact]
    public void Relief_without_measures_is_rejected() =>
        AssertRejected(WithJv(j => j with { Measures = [] }), "incentive 'jv' is sanctions_relief and must list the 'measures' it relieves");

    [Fact]
    public void Relief_without_a_route_is_rejected() =>
        AssertRejected(WithJv(j => j with { Route = null }), "incentive 'jv' is sanctions_relief and needs a 'route': exemption, suspension, termination");

    [Fact]
    public void Relief_of_a_measure_not_in_the_catalog_suggests_the_nearest() =>
        AssertRejected(WithJv(j => j with { Measures = ["UNSC-2375-81"] }), "unknown measure 'UNSC-2375-81'", "did you mean 'UNSC-2375-18'?");

    [Fact]
    public void Relief_listing_a_measure_twice_is_rejected() =>
        AssertRejected(WithJv(j => j with { Measures = ["UNSC-2375-18", "UNSC-2375-18"] }), "measure UNSC-2375-18 is listed twice in incentive 'jv' measures");

    [Fact]
    public void A_route_on_aid_says_which_kinds_take_it() =>
        AssertRejected(WithAid(a => a with { Route = ReliefRoute.Exemption }), "'route' does not apply to humanitarian_aid; it applies to sanctions_relief");

    [Fact]
    public void An_amount_on_relief_says_which_kinds_take_it() =>
        AssertRejected(WithJv(j => j with { AmountMusdPerYear = new Quantity(50, null) }), "'amount_musd_per_year' does not apply to sanctions_relief");

    [Fact]
    public void An_unknown_zone_suggests_the_nearest() =>
        AssertRejected(WithIncentive(0, Aid with { Id = "zone", Kind = IncentiveKind.SezSupport, Zone = "rasson" }), "unknown special economic zone 'rasson'", "did you mean 'rason'?");

    [Fact]
    public void An_unknown_activity_suggests_the_nearest() =>
        AssertRejected(WithAid(a => a with { AlsoInvolves = ["import:transport_vehicle"] }), "unknown activity 'import:transport_vehicle'", "did you mean 'import:transport_vehicles'?");

    [Fact]
    public void An_amount_naming_an_assumption_when_there_are_none_says_how_to_give_one() =>
        AssertRejected(WithAid(a => a with { AmountMusdPerYear = new Quantity(null, "aid_spend") }),
            "incentive 'aid' amount_musd_per_year names the assumption 'aid_spend', but the scenario defines no assumptions; give a number from 0 to 100000");

    [Fact]
    public void An_amount_naming_an_unbounded_assumption_asks_for_bounds()
    {
        var spend = new Assumption("aid_spend", new NormalDistribution(100, 20), null, null, null, null, null, At(3));
        var s = WithAid(a => a with { AmountMusdPerYear = new Quantity(null, "aid_spend") }) with { Assumptions = [spend] };

        AssertRejected(s, "incentive 'aid' amount_musd_per_year must lie in 0 to 100000, but assumption 'aid_spend' does not: its normal distribution is unbounded");
    }

    [Fact]
    public void An_actor_parameter_naming_a_misspelt_assumption_suggests_it()
    {
        var enforcement = new Assumption("china_enforcement", new BetaDistribution(7, 3), 0, 1, null, null, "judgement", At(3));
        var china = new ActorSettings(ActorId.China, ImmutableDictionary<string, Quantity>.Empty.Add("enforcement", new Quantity(null, "china_enforcment")),
            ActorParameterSpec.DefaultTypePrior, At(6));

        // The file written for it is an old single file (it has actors), so the loader also warns that it embeds a world.
        var s = Built with { Assumptions = [enforcement], Actors = [china] };
        var error = Assert.Single(Check(s));
        Assert.Contains("unknown assumption 'china_enforcment' in china.enforcement; valid choices: china_enforcement; did you mean 'china_enforcement'?", error.Message, StringComparison.Ordinal);
        Assert.Equal(Said(Check(s)), Said(LoaderSays(s).Where(d => d.Severity == Severity.Error)));
    }

    [Fact]
    public void Relieving_a_measure_not_in_force_is_a_warning_where_the_measure_is_written()
    {
        // UNSC-2375-15 ended on 2017-12-22, before the 2018Q4 start; termination is its only route.
        var s = WithJv(j => j with { Measures = ["UNSC-2375-15"], Route = ReliefRoute.Termination });

        var warning = Assert.Single(Check(s));
        Assert.Equal((Severity.Warning, new SourceLocation("code.yaml", 24, 21)), (warning.Severity, warning.Location));
        Assert.Equal("incentive 'jv' relieves UNSC-2375-15, which is not in force at the start of this scenario", warning.Message);
        Assert.Equal(Said(LoaderSays(s)), Said([warning]));
    }

    [Fact]
    public void A_phase_that_asks_and_offers_nothing_is_a_warning_at_the_phase()
    {
        var s = Built with { Roadmap = Built.Roadmap with { Phases = Built.Roadmap.Phases.Add(new Phase(3, "Wait", [], [], [], At(30))) } };

        var warning = Assert.Single(Check(s));
        Assert.Equal((Severity.Warning, At(30), "phase 3 asks for no steps and offers no incentives"), (warning.Severity, warning.Location, warning.Message));
        Assert.Equal(Said(LoaderSays(s)), Said([warning]));
    }

    [Fact]
    public void An_assumption_nothing_uses_is_a_warning_at_the_assumption()
    {
        var s = Built with { Assumptions = [new Assumption("aid_spend", new PointValue(100), null, null, null, null, null, At(3))] };

        var warning = Assert.Single(Check(s));
        Assert.Equal((Severity.Warning, At(3)), (warning.Severity, warning.Location));
        Assert.Equal(Said(LoaderSays(s)), Said([warning]));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("[UNSC-2375-18]\n          route: exemption", "[UNSC-2375-15]\n          route: termination")]
    [InlineData("enforcement: china_enforcement", "enforcement: 0.7")]
    [InlineData("    - name: Yongbyon\n", "    - name: Wait\n    - name: Yongbyon\n")]
    public void On_a_loaded_file_the_records_give_the_loaders_own_diagnostics_at_the_same_places(string from, string to)
    {
        var load = Load(from.Length == 0 ? Valid : ValidWith(from, to));
        Assert.True(load.IsValid, string.Join('\n', load.Diagnostics));

        // The warning that an old single file embeds a world is about the file's form, which records do not have.
        Assert.Equal(BesidesEmbeddedWorld(load.Diagnostics), RoadmapRules.Check(load.Scenario!, FixtureCatalog.Instance));
    }
}
