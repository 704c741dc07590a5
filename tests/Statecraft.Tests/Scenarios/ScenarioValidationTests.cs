using Statecraft.Documents;
using Statecraft.Scenarios;
using Statecraft.Tests.Sanctions;
using static Statecraft.Tests.Scenarios.ScenarioText;

namespace Statecraft.Tests.Scenarios;

public sealed class ScenarioValidationTests
{
    [Fact]
    public void The_valid_scenario_loads_without_diagnostics_and_keeps_what_it_says()
    {
        var load = Load(Valid);

        // An old single file: its one diagnostic is the warning, at its actors key, that says how to split it.
        var embedded = Assert.Single(load.Diagnostics);
        Assert.Equal((Severity.Warning, 11, 1), (embedded.Severity, embedded.Location.Line, embedded.Location.Column));
        Assert.Contains("move 'actors' and the assumptions only they use into a world file (statecraft-world/1)", embedded.Message, StringComparison.Ordinal);
        Assert.Contains("set 'format: statecraft/2' here", embedded.Message, StringComparison.Ordinal);
        var s = load.Scenario!;
        Assert.Equal(embedded.Location, s.EmbeddedWorldAt);
        Assert.Equal("Test roadmap", s.Name);
        Assert.Equal(new Quarter(2018, 4), s.Start);
        Assert.Equal(12, s.HorizonQuarters);
        var a = Assert.Single(s.Assumptions);
        Assert.Equal(new BetaDistribution(7, 3), a.Distribution);
        Assert.Equal((0.0, 1.0), (a.LowerBound!.Value, a.UpperBound!.Value));
        Assert.Equal("china_enforcement", s.Actors.Single(x => x.Actor == ActorId.China).Parameters["enforcement"].AssumptionName);
        Assert.Equal(2, s.Roadmap.Phases.Length);
        var relief = s.Roadmap.Phases[1].Incentives.Single();
        Assert.Equal(IncentiveKind.SanctionsRelief, relief.Kind);
        Assert.Equal(Provider.Multilateral, relief.Provider);
        Assert.Equal(new Sequencing(SequencingRule.OnVerifiedStep), relief.Sequencing);
        Assert.Equal(Verification.InternationalMonitoring, s.Roadmap.Phases[1].Steps.Single().Verification);
    }

    [Fact]
    public void Sanctions_in_force_default_to_the_catalog_state_at_the_start_date()
    {
        var s = Load(Valid).Scenario!;

        // The fixture's UNSC-2375-15 ended on 2017-12-22, before 2018Q4; every other measure is in force.
        Assert.DoesNotContain("UNSC-2375-15", s.SanctionsInForce);
        Assert.Equal(FixtureCatalog.Instance.Measures.Length - 1, s.SanctionsInForce.Length);
    }

    [Fact]
    public void Sanctions_baseline_add_and_remove_change_the_measures_in_force()
    {
        var s = Load(ValidWith("actors:", "sanctions:\n  baseline: none\n  add: [UNSC-2094-11]\nactors:")).Scenario!;
        Assert.Equal(["UNSC-2094-11"], s.SanctionsInForce.ToArray());

        var removed = Load(ValidWith("actors:", "sanctions:\n  remove: [UNSC-2397-7]\nactors:")).Scenario!;
        Assert.DoesNotContain("UNSC-2397-7", removed.SanctionsInForce);
    }

    [Fact]
    public void An_unclosed_quote_is_a_located_syntax_error() =>
        AssertError("name: 'Test\nstart: 2018Q4\n", 1, 7, "YAML syntax", "quoted scalar");

    [Fact]
    public void An_unclosed_flow_list_is_a_located_syntax_error_not_a_crash() =>
        AssertError("name: x\nroadmap: [1, 2\nstart: 2018Q4\n", 2, 11, "YAML syntax");

    [Fact]
    public void A_bad_indent_is_a_located_syntax_error() =>
        AssertError("name: x\n  start: 2018Q4\n", 2, 8, "YAML syntax");

    [Fact]
    public void An_empty_file_is_an_error() =>
        AssertError("", 1, 1, "empty");

    [Fact]
    public void A_second_document_is_an_error() =>
        AssertError(Valid + "\n---\nname: second\n", 34, 1, "only one YAML document");

    [Fact]
    public void An_alias_to_nothing_is_an_error() =>
        AssertError(ValidWith("name: Test roadmap", "name: *missing"), 1, 7, "alias '*missing'");

    [Fact]
    public void A_duplicate_key_names_the_first_occurrence() =>
        AssertError(ValidWith("horizon_quarters: 12", "horizon_quarters: 12\nhorizon_quarters: 8"), 4, 1, "duplicate key 'horizon_quarters'", "line 3");

    [Fact]
    public void An_unknown_key_lists_the_valid_keys_and_the_nearest() =>
        AssertError(ValidWith("horizon_quarters: 12", "horizon_quaters: 12"), 3, 1,
            "unknown key 'horizon_quaters' in the scenario", "valid choices: format, name", "did you mean 'horizon_quarters'?");

    [Fact]
    public void A_missing_required_key_is_reported_on_its_mapping() =>
        AssertError(ValidWith("start: 2018Q4\n", ""), 1, 1, "missing the required key 'start'");

    [Fact]
    public void A_word_where_a_number_is_needed_is_a_type_error() =>
        AssertError(ValidWith("horizon_quarters: 12", "horizon_quarters: twelve"), 3, 19, "whole number", "'twelve'");

    [Fact]
    public void A_value_out_of_range_states_the_range() =>
        AssertError(ValidWith("horizon_quarters: 12", "horizon_quarters: 0"), 3, 19, "is 0, outside the valid range 1 to 200");

    [Fact]
    public void An_actor_parameter_out_of_range_states_the_range() =>
        AssertError(ValidWith("enforcement: china_enforcement", "enforcement: 1.5"), 13, 18, "china.enforcement is 1.5, outside the valid range 0 to 1");

    [Fact]
    public void A_malformed_start_quarter_shows_the_expected_form() =>
        AssertError(ValidWith("start: 2018Q4", "start: 2018-10"), 2, 8, "like 2018Q4");

    [Fact]
    public void A_start_before_the_first_resolution_is_out_of_range() =>
        AssertError(ValidWith("start: 2018Q4", "start: 2001Q1"), 2, 8, "outside the valid range 2006Q4 to 2100Q4");

    [Fact]
    public void An_unknown_step_lists_the_ladder_and_the_nearest() =>
        AssertError(ValidWith("step: yongbyon_shutdown", "step: yongbyon_shutdwn"), 26, 17,
            "unknown step 'yongbyon_shutdwn'", "test_moratorium, dismantle_test_site", "did you mean 'yongbyon_shutdown'?");

    [Fact]
    public void An_unknown_verification_level_lists_the_levels() =>
        AssertError(ValidWith("verification: international_monitoring", "verification: iaea"), 27, 25,
            "unknown verification level 'iaea'", "none, declaration, national_technical_means, international_monitoring, intrusive_inspection");

    [Fact]
    public void An_unknown_incentive_kind_suggests_the_nearest() =>
        AssertError(ValidWith("kind: humanitarian_aid", "kind: humanitarian"), 22, 17, "unknown incentive kind 'humanitarian'", "did you mean 'humanitarian_aid'?");

    [Fact]
    public void An_unknown_actor_suggests_the_nearest() =>
        AssertError(ValidWith("  china:\n", "  chna:\n"), 12, 3, "unknown key 'chna' in actors", "did you mean 'china'?");

    [Fact]
    public void An_unknown_measure_id_suggests_the_nearest() =>
        AssertError(ValidWith("[UNSC-2375-18]", "[UNSC-2375-81]"), 31, 22, "unknown measure 'UNSC-2375-81'", "did you mean 'UNSC-2375-18'?");

    [Fact]
    public void A_relief_route_the_measure_does_not_have_is_rejected_with_its_routes() =>
        AssertError(ValidWith("[UNSC-2375-18]", "[UNSC-2094-11]"), 32, 18, "UNSC-2094-11 cannot be relieved by exemption", "its routes are suspension, termination");

    [Fact]
    public void A_truncated_route_name_gets_a_suggestion() =>
        AssertError(ValidWith("route: exemption", "route: exempt"), 32, 18, "unknown relief route 'exempt'", "did you mean 'exemption'?");

    [Fact]
    public void A_key_that_belongs_to_another_kind_says_which_kinds_take_it() =>
        AssertError(ValidWith("kind: humanitarian_aid", "kind: humanitarian_aid\n          route: exemption"), 23, 11, "'route' does not apply to humanitarian_aid", "applies to sanctions_relief");

    [Fact]
    public void Sanctions_relief_without_measures_or_route_is_incomplete()
    {
        var text = ValidWith("          measures: [UNSC-2375-18]\n          route: exemption\n", "");
        AssertError(text, 29, 11, "must list the 'measures'");
        AssertError(text, 29, 11, "needs a 'route'");
    }

    [Fact]
    public void On_verified_step_in_a_phase_without_steps_is_an_error() =>
        AssertError(ValidWith("sequencing: upfront", "sequencing: on_verified_step").Replace(
                "      steps:\n        - step: test_moratorium\n          verification: national_technical_means\n", ""),
            20, 23, "asks for no steps");

    [Fact]
    public void Waiting_for_a_step_the_phase_does_not_ask_for_is_an_error() =>
        AssertError(ValidWith("sequencing: on_verified_step", "sequencing: {on_verified_step: inspections}"), 33, 42,
            "waits for step inspections", "the phase's steps: yongbyon_shutdown");

    [Fact]
    public void After_quarters_beyond_the_horizon_is_out_of_range() =>
        AssertError(ValidWith("sequencing: upfront", "sequencing: {after_quarters: 13}"), 23, 40, "is 13, outside the valid range 1 to 12");

    [Fact]
    public void After_quarters_without_a_number_shows_the_form() =>
        AssertError(ValidWith("sequencing: upfront", "sequencing: after_quarters"), 23, 23, "after_quarters: 2");

    [Fact]
    public void Steps_out_of_ladder_order_are_rejected() =>
        AssertError(ValidWith("step: test_moratorium", "step: inspections"), 26, 11, "yongbyon_shutdown comes before inspections", "ladder order");

    [Fact]
    public void A_step_asked_twice_is_rejected() =>
        AssertError(ValidWith("step: yongbyon_shutdown", "step: test_moratorium"), 26, 11, "already asked for in phase 1");

    [Fact]
    public void Duplicate_incentive_ids_are_rejected() =>
        AssertError(ValidWith("id: jv", "id: aid"), 29, 15, "incentive id 'aid' is already used at line 21");

    [Fact]
    public void A_carve_out_covering_an_unknown_incentive_suggests_the_nearest() =>
        AssertError(ValidWith("        - id: jv\n", "        - id: carve\n          kind: joint_venture_carve_out\n          covers: [aids]\n        - id: jv\n"),
            31, 20, "unknown incentive 'aids'", "did you mean 'aid'?");

    [Fact]
    public void An_unknown_special_economic_zone_lists_the_zones() =>
        AssertError(ValidWith("kind: humanitarian_aid", "kind: sez_support\n          zone: rasson"), 23, 17, "unknown special economic zone 'rasson'", "did you mean 'rason'?");

    [Fact]
    public void An_unknown_activity_in_also_involves_suggests_the_nearest() =>
        AssertError(ValidWith("kind: humanitarian_aid", "kind: humanitarian_aid\n          also_involves: [import:transport_vehicle]"), 23, 27,
            "unknown activity 'import:transport_vehicle'", "did you mean 'import:transport_vehicles'?");

    [Fact]
    public void A_distribution_parameter_that_does_not_belong_names_the_right_ones() =>
        AssertError(ValidWith("    beta: 3\n", "    beta: 3\n    sd: 0.1\n"), 9, 5, "'sd' does not apply to a beta distribution, which takes alpha and beta");

    [Fact]
    public void A_missing_distribution_parameter_is_named() =>
        AssertError(ValidWith("    beta: 3\n", ""), 6, 5, "a beta distribution needs 'beta'");

    [Fact]
    public void An_unknown_distribution_lists_the_distributions() =>
        AssertError(ValidWith("distribution: beta", "distribution: gamma"), 6, 19, "unknown distribution 'gamma'", "normal, lognormal, beta, uniform, triangular");

    [Fact]
    public void Value_and_distribution_together_are_ambiguous() =>
        AssertError(ValidWith("distribution: beta", "value: 0.5\n    distribution: beta"), 7, 5, "both 'value' and 'distribution'");

    [Fact]
    public void A_non_positive_shape_parameter_is_out_of_range() =>
        AssertError(ValidWith("alpha: 7", "alpha: 0"), 7, 12, "alpha is 0, it must be greater than 0");

    [Fact]
    public void Bounds_must_be_increasing() =>
        AssertError(ValidWith("bounds: [0, 1]", "bounds: [1, 0]"), 9, 13, "low < high");

    [Fact]
    public void A_point_value_outside_its_bounds_is_rejected() =>
        AssertError(ValidWith("    distribution: beta\n    alpha: 7\n    beta: 3\n", "    value: 2\n"), 6, 12, "value 2 is outside its bounds [0, 1]");

    [Fact]
    public void A_distribution_with_no_mass_inside_its_bounds_is_rejected() =>
        AssertError(ValidWith("    distribution: beta\n    alpha: 7\n    beta: 3\n    bounds: [0, 1]", "    distribution: uniform\n    low: 2\n    high: 3\n    bounds: [0, 1]"),
            9, 13, "puts no probability inside its bounds");

    [Fact]
    public void A_triangular_mode_outside_its_range_is_rejected() =>
        AssertError(ValidWith("    distribution: beta\n    alpha: 7\n    beta: 3\n", "    distribution: triangular\n    low: 0.2\n    mode: 0.9\n    high: 0.8\n"),
            8, 11, "low <= mode <= high");

    [Fact]
    public void A_reference_to_an_undefined_assumption_suggests_the_nearest() =>
        AssertError(ValidWith("enforcement: china_enforcement", "enforcement: china_enforcment"), 13, 18,
            "unknown assumption 'china_enforcment' in china.enforcement", "did you mean 'china_enforcement'?");

    [Fact]
    public void An_assumption_that_can_leave_a_parameter_range_must_be_bounded() =>
        AssertError(ValidWith("    distribution: beta\n    alpha: 7\n    beta: 3\n    bounds: [0, 1]\n", "    distribution: normal\n    mean: 0.7\n    sd: 0.1\n"),
            12, 18, "china.enforcement must lie in 0 to 1", "its normal distribution is unbounded", "give it bounds: [0, 1]");

    [Fact]
    public void A_type_prior_that_does_not_sum_to_one_is_rejected() =>
        AssertError(ValidWith("actors:\n", "actors:\n  north_korea:\n    type_prior: {reformer: 0.5, hedger: 0.2, staller: 0.2}\n"),
            13, 17, "must sum to 1", "sums to 0.9");

    [Fact]
    public void A_list_where_a_value_is_expected_is_a_shape_error() =>
        AssertError(ValidWith("name: Test roadmap", "name: [a, b]"), 1, 7, "name must be a single value, not a list");

    [Fact]
    public void A_value_where_a_list_is_expected_is_a_shape_error() =>
        AssertError(ValidWith("[UNSC-2375-18]", "UNSC-2375-18"), 31, 21, "must be a list");

    [Fact]
    public void Every_error_in_a_file_is_reported_in_one_pass()
    {
        var text = Valid
            .Replace("horizon_quarters: 12", "horizon_quarters: 0", StringComparison.Ordinal)
            .Replace("step: yongbyon_shutdown", "step: yongbyon", StringComparison.Ordinal)
            .Replace("kind: humanitarian_aid", "kind: aid", StringComparison.Ordinal)
            .Replace("[UNSC-2375-18]", "[UNSC-9999-1]", StringComparison.Ordinal)
            .Replace("alpha: 7", "alpha: -1", StringComparison.Ordinal);

        var errors = Load(text).Diagnostics.Where(d => d.Severity == Severity.Error).ToList();

        Assert.Equal([3, 7, 22, 26, 31], errors.Select(e => e.Location.Line).Order());
    }

    [Fact]
    public void An_unused_assumption_is_a_warning_not_an_error()
    {
        var load = Load(ValidWith("enforcement: china_enforcement", "enforcement: 0.7"));

        Assert.True(load.IsValid);
        var w = Assert.Single(BesidesEmbeddedWorld(load.Diagnostics));
        Assert.Equal(Severity.Warning, w.Severity);
        Assert.Equal(5, w.Location.Line);
        Assert.Contains("not used", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Relieving_a_measure_not_in_force_is_a_warning()
    {
        var load = Load(ValidWith("[UNSC-2375-18]\n          route: exemption", "[UNSC-2375-15]\n          route: termination"));

        Assert.True(load.IsValid);
        Assert.Contains(load.Diagnostics, d => d.Severity == Severity.Warning && d.Message.Contains("UNSC-2375-15, which is not in force", StringComparison.Ordinal));
    }

    [Fact]
    public void Diagnostics_print_as_path_line_column_severity_message()
    {
        var d = AssertError(ValidWith("horizon_quarters: 12", "horizon_quarters: 0"), 3, 19, "outside");

        Assert.StartsWith("test.yaml:3:19: error: horizon_quarters is 0", d.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_diagnostic_not_an_exception()
    {
        var load = ScenarioLoader.LoadFile("/nonexistent/dir/scenario.yaml", FixtureCatalog.Instance);

        var d = Assert.Single(load.Diagnostics);
        Assert.Equal("/nonexistent/dir/scenario.yaml: error: cannot read the file: no such file", d.ToString());
    }

    [Fact]
    public void A_directory_is_a_diagnostic_not_an_exception()
    {
        var load = ScenarioLoader.LoadFile(Path.GetTempPath(), FixtureCatalog.Instance);

        Assert.Contains("is a directory", Assert.Single(load.Diagnostics).Message, StringComparison.Ordinal);
    }
}

public sealed class ScenarioMessageTests
{
    [Fact]
    public void A_quoted_number_is_explained() =>
        AssertError(ValidWith("enforcement: china_enforcement", "enforcement: \"0.5\""), 13, 18, "must be a number", "remove the quotes");

    [Fact]
    public void An_unquoted_colon_in_a_value_is_explained() =>
        AssertError(ValidWith("name: Test roadmap", "name: Phase 1: freeze"), 1, 14, "YAML syntax", "must be quoted");

    [Fact]
    public void A_type_prior_naming_an_assumption_says_the_prior_takes_numbers_and_nothing_more()
    {
        var load = Load(ValidWith("actors:\n", "actors:\n  north_korea:\n    type_prior: {reformer: china_enforcement, hedger: 0.5, staller: 0.2}\n"));

        var errors = load.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        var only = Assert.Single(errors);
        Assert.Contains("assumption names such as 'china_enforcement' are not accepted here", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shortened_name_gets_a_suggestion() =>
        AssertError(ValidWith("route: exemption", "route: suspend"), 32, 18, "did you mean 'suspension'?");

    [Fact]
    public void An_incentive_that_failed_to_read_is_not_also_reported_as_unknown_where_it_is_covered()
    {
        var load = Load(ValidWith("        - id: jv\n", "        - id: rail\n          kind: rail_road_reconnection\n          sequencing: soon\n        - id: carve\n          kind: joint_venture_carve_out\n          covers: [rail]\n        - id: jv\n"));

        var error = Assert.Single(load.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Contains("unknown sequencing 'soon'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kaesong_can_be_sized_and_the_declaration_zones_named()
    {
        var load = Load(ValidWith("kind: humanitarian_aid", "kind: kaesong_reopening\n          amount_musd_per_year: 120")
            .Replace("        - id: jv\n", "        - id: zone\n          kind: sez_support\n          zone: west_sea_joint_zone\n          linkage: [domestic_sourcing]\n        - id: jv\n", StringComparison.Ordinal));

        Assert.True(load.IsValid, string.Join('\n', load.Diagnostics));
        Assert.Equal(120, load.Scenario!.Roadmap.Phases[0].Incentives[0].AmountMusdPerYear!.Fixed);
    }
}

public sealed class MalformedInputTests
{
    [Fact]
    public void Nesting_deeper_than_the_limit_is_an_error_not_a_stack_overflow()
    {
        var text = "roadmap: " + new string('[', 10_000) + new string(']', 10_000) + "\n";

        var d = Assert.Single(Load(text).Diagnostics);
        Assert.Contains("nested more than 64 levels", d.Message, StringComparison.Ordinal);
        Assert.Equal(1, d.Location.Line);
    }

    [Fact]
    public void A_tab_used_for_indentation_is_reported_on_its_own_line()
    {
        AssertError("name: x\n\tstart: 2018Q4\n", 2, 1, "a tab indents this line");
        AssertError("name: x\nstart: 2018Q4\nhorizon_quarters: 4\nroadmap:\n\tphases: []\n", 5, 1, "a tab indents this line");
    }

    [Fact]
    public void A_binary_file_is_not_read_as_YAML() =>
        AssertError("name: x\0\u00ff\n", 1, 1, "not a text (YAML) file");

    [Fact]
    public void Numbers_too_large_for_their_type_state_the_range()
    {
        AssertError(ValidWith("horizon_quarters: 12", "horizon_quarters: 99999999999999999999999"), 3, 19, "outside the valid range 1 to 200");
        AssertError(ValidWith("alpha: 7", "alpha: 1e400"), 7, 12, "too large to be a number");
    }

    [Fact]
    public void An_assumption_written_as_a_list_says_a_number_or_a_mapping_is_expected() =>
        AssertError(ValidWith("    distribution: beta\n    alpha: 7\n    beta: 3\n    bounds: [0, 1]\n    source: judgement\n", "    [1, 2]\n"), 6, 5, "must be a number or a mapping");

    [Fact]
    public void A_duplicate_incentive_id_is_reported_even_when_the_first_incentive_has_another_error()
    {
        var load = Load(ValidWith("sequencing: upfront", "sequencing: {on_verified_step: inspections}").Replace("id: jv", "id: aid", StringComparison.Ordinal));

        Assert.Contains(load.Diagnostics, d => d.Message.Contains("incentive id 'aid' is already used at line 21", StringComparison.Ordinal));
        Assert.Contains(load.Diagnostics, d => d.Message.Contains("waits for step inspections", StringComparison.Ordinal));
    }

    [Fact]
    public void A_measure_listed_twice_is_an_error_at_the_second() =>
        AssertError(ValidWith("[UNSC-2375-18]", "[UNSC-2375-18, UNSC-2375-18]"), 31, 36, "listed twice");

    [Fact]
    public void An_invalid_start_suppresses_warnings_that_depend_on_it()
    {
        var load = Load(ValidWith("start: 2018Q4", "start: 2018Q5").Replace("[UNSC-2375-18]\n          route: exemption", "[UNSC-2375-15]\n          route: termination", StringComparison.Ordinal));

        Assert.DoesNotContain(load.Diagnostics, d => d.Message.Contains("not in force", StringComparison.Ordinal));
        Assert.Contains(load.Diagnostics, d => d.Location.Line == 2 && d.Message.Contains("like 2018Q4", StringComparison.Ordinal));
    }
}
