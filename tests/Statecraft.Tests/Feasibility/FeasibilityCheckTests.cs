using Statecraft.Feasibility;
using Statecraft.Sanctions;
using Statecraft.Scenarios;
using Statecraft.Tests.Sanctions;

namespace Statecraft.Tests.Feasibility;

/// <summary>Worked cases of the feasibility check, against the fixture catalog so each premise is visible here.</summary>
public sealed class FeasibilityCheckTests
{
    internal static FeasibilityReport Check(string phases, string sanctions = "")
    {
        var text = $"""
            name: worked case
            start: 2018Q4
            horizon_quarters: 12
            {sanctions}
            roadmap:
              phases:
            {phases}
            """;
        var load = ScenarioLoader.Parse(text, "case.yaml", FixtureCatalog.Instance);
        Assert.True(load.IsValid, string.Join('\n', load.Diagnostics));
        return FeasibilityCheck.Run(load.Scenario!, FixtureCatalog.Instance);
    }

    private static IncentiveFinding Finding(FeasibilityReport report, string id) => report.Findings.Single(f => f.Incentive.Id == id);

    private const string KaesongAlone = """
            - name: Quick hit
              steps: [test_moratorium]
              incentives:
                - {id: kaesong, kind: kaesong_reopening, sequencing: upfront}
        """;

    [Fact]
    public void Reopening_Kaesong_without_relief_collides_with_the_joint_venture_bulk_cash_machinery_measures_and_the_closure()
    {
        var finding = Finding(Check(KaesongAlone), "kaesong");

        Assert.False(finding.Feasible);
        Assert.Equal(
            ["ROK-KAESONG-2016", "UNSC-2094-11", "UNSC-2375-18", "UNSC-2397-7"],
            finding.Collisions.Select(c => c.Measure.Id).Order());
        Assert.All(finding.Collisions, c => Assert.Null(c.RelievedBy));
    }

    [Fact]
    public void Without_relief_each_collision_names_the_least_demanding_route_and_its_consenting_party()
    {
        var finding = Finding(Check(KaesongAlone), "kaesong");

        var jv = finding.Collisions.Single(c => c.Measure.Id == "UNSC-2375-18");
        Assert.Equal(ReliefRoute.Exemption, jv.ReliefNeeded);
        Assert.Equal([ConsentParty.Committee1718], jv.Consent.ToArray());
        Assert.Equal(["joint_venture:existing"], jv.Activities.ToArray());

        // Paragraph 11 of 2094 has no committee exemption in the fixture: only the Council can relieve it.
        var cash = finding.Collisions.Single(c => c.Measure.Id == "UNSC-2094-11");
        Assert.Equal(ReliefRoute.Suspension, cash.ReliefNeeded);
        Assert.Equal([ConsentParty.Unsc], cash.Consent.ToArray());

        var closure = finding.Collisions.Single(c => c.Measure.Id == "ROK-KAESONG-2016");
        Assert.Equal([ConsentParty.RokGovernment], closure.Consent.ToArray());
    }

    [Fact]
    public void A_US_executive_order_binding_US_persons_does_not_bind_a_South_Korean_project()
    {
        var finding = Finding(Check(KaesongAlone), "kaesong");

        Assert.DoesNotContain(finding.Collisions, c => c.Measure.Id == "US-EO-13722");
    }

    [Fact]
    public void The_same_executive_order_binds_US_technical_assistance_but_not_multilateral_assistance()
    {
        var report = Check("""
                - name: Assistance
                  incentives:
                    - {id: us-ta, kind: technical_assistance, provider: us}
                    - {id: imf-ta, kind: technical_assistance, provider: multilateral}
            """);

        Assert.Equal(["US-EO-13722"], Finding(report, "us-ta").Collisions.Select(c => c.Measure.Id));
        Assert.Empty(Finding(report, "imf-ta").Collisions);
    }

    [Fact]
    public void Kaesong_becomes_feasible_when_the_roadmap_relieves_every_collision_in_time()
    {
        var report = Check("""
                - name: Quick hit
                  steps: [test_moratorium]
                  incentives:
                    - {id: carve-out, kind: joint_venture_carve_out, covers: [kaesong], sequencing: upfront}
                    - {id: cash, kind: sanctions_relief, measures: [UNSC-2094-11], route: suspension, sequencing: upfront}
                    - {id: machinery, kind: sanctions_relief, measures: [UNSC-2397-7], route: exemption, sequencing: upfront}
                    - {id: reopen, kind: sanctions_relief, measures: [ROK-KAESONG-2016], route: termination, sequencing: upfront}
                    - {id: kaesong, kind: kaesong_reopening, sequencing: on_verified_step}
            """);

        var kaesong = Finding(report, "kaesong");
        Assert.True(kaesong.Feasible);
        Assert.True(report.Feasible);
        Assert.Equal("carve-out", kaesong.Collisions.Single(c => c.Measure.Id == "UNSC-2375-18").RelievedBy);
        Assert.Equal(ReliefRoute.Suspension, kaesong.Collisions.Single(c => c.Measure.Id == "UNSC-2094-11").ReliefNeeded);
        Assert.All(kaesong.Collisions, c => Assert.Equal(Timing.InTime, c.Timing));
    }

    [Fact]
    public void A_joint_venture_carve_out_does_not_relieve_the_bulk_cash_ban()
    {
        var report = Check("""
                - name: Quick hit
                  incentives:
                    - {id: carve-out, kind: joint_venture_carve_out}
                    - {id: kaesong, kind: kaesong_reopening}
            """);

        var kaesong = Finding(report, "kaesong");
        Assert.NotNull(kaesong.Collisions.Single(c => c.Measure.Id == "UNSC-2375-18").RelievedBy);
        Assert.Null(kaesong.Collisions.Single(c => c.Measure.Id == "UNSC-2094-11").RelievedBy);
        Assert.False(kaesong.Feasible);
    }

    [Fact]
    public void A_carve_out_covering_other_projects_does_not_cover_this_one()
    {
        var report = Check("""
                - name: Projects
                  incentives:
                    - {id: carve-out, kind: joint_venture_carve_out, covers: [rail]}
                    - {id: rail, kind: rail_road_reconnection}
                    - {id: kaesong, kind: kaesong_reopening}
            """);

        Assert.Equal("carve-out", Finding(report, "rail").Collisions.Single(c => c.Measure.Id == "UNSC-2375-18").RelievedBy);
        Assert.Null(Finding(report, "kaesong").Collisions.Single(c => c.Measure.Id == "UNSC-2375-18").RelievedBy);
    }

    [Fact]
    public void Relief_promised_in_a_later_phase_comes_too_late()
    {
        var report = Check("""
                - name: One
                  steps: [test_moratorium]
                  incentives:
                    - {id: rail, kind: rail_road_reconnection, sequencing: upfront}
                - name: Two
                  steps: [yongbyon_shutdown]
                  incentives:
                    - {id: machinery, kind: sanctions_relief, measures: [UNSC-2397-7], route: exemption}
                    - {id: jv, kind: joint_venture_carve_out}
            """);

        var rail = Finding(report, "rail");
        Assert.False(rail.Feasible);
        var machinery = rail.Collisions.Single(c => c.Measure.Id == "UNSC-2397-7");
        Assert.Equal(Timing.Late, machinery.Timing);
        Assert.Contains("comes after this incentive", machinery.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Relief_on_a_verified_step_may_come_after_an_incentive_on_a_fixed_date()
    {
        var report = Check("""
                - name: One
                  steps: [test_moratorium]
                  incentives:
                    - {id: machinery, kind: sanctions_relief, measures: [UNSC-2397-7], route: exemption, sequencing: on_verified_step}
                    - {id: jv, kind: joint_venture_carve_out, sequencing: upfront}
                    - {id: rail, kind: rail_road_reconnection, sequencing: {after_quarters: 2}}
            """);

        var rail = Finding(report, "rail");
        var machinery = rail.Collisions.Single(c => c.Measure.Id == "UNSC-2397-7");
        Assert.Equal(Timing.Uncertain, machinery.Timing);
        Assert.Contains("depending on when steps are verified", machinery.Problem, StringComparison.Ordinal);

        // Uncertain timing is flagged but does not make the incentive infeasible.
        Assert.True(rail.Feasible);
    }

    [Theory]
    [InlineData("upfront", "upfront", Timing.InTime)]
    [InlineData("upfront", "on_verified_step", Timing.InTime)]
    [InlineData("on_verified_step", "upfront", Timing.Late)]
    [InlineData("{after_quarters: 2}", "{after_quarters: 3}", Timing.InTime)]
    [InlineData("{after_quarters: 3}", "{after_quarters: 2}", Timing.Late)]
    [InlineData("{after_quarters: 1}", "upfront", Timing.Late)]
    [InlineData("on_verified_step", "{after_quarters: 2}", Timing.Uncertain)]
    [InlineData("{after_quarters: 2}", "on_verified_step", Timing.Uncertain)]
    [InlineData("{on_verified_step: test_moratorium}", "on_verified_step", Timing.InTime)]
    [InlineData("on_verified_step", "{on_verified_step: test_moratorium}", Timing.Late)]
    [InlineData("{on_verified_step: yongbyon_shutdown}", "{on_verified_step: yongbyon_shutdown}", Timing.InTime)]
    public void Timing_within_one_phase_follows_the_sequencing_rules(string relief, string incentive, Timing expected)
    {
        var report = Check($$"""
                - name: One
                  steps: [test_moratorium, yongbyon_shutdown]
                  incentives:
                    - {id: machinery, kind: sanctions_relief, measures: [UNSC-2397-7], route: exemption, sequencing: {{relief}}}
                    - {id: rail, kind: rail_road_reconnection, sequencing: {{incentive}}}
            """);

        Assert.Equal(expected, Finding(report, "rail").Collisions.Single(c => c.Measure.Id == "UNSC-2397-7").Timing);
    }

    [Fact]
    public void Relief_delivered_in_an_earlier_phase_on_a_fixed_date_may_still_be_late()
    {
        var report = Check("""
                - name: One
                  steps: [test_moratorium]
                  incentives:
                    - {id: machinery, kind: sanctions_relief, measures: [UNSC-2397-7], route: exemption, sequencing: {after_quarters: 6}}
                - name: Two
                  steps: [yongbyon_shutdown]
                  incentives:
                    - {id: rail, kind: rail_road_reconnection, sequencing: upfront}
            """);

        Assert.Equal(Timing.Uncertain, Finding(report, "rail").Collisions.Single(c => c.Measure.Id == "UNSC-2397-7").Timing);
    }

    [Fact]
    public void Humanitarian_aid_collides_with_nothing() =>
        Assert.True(Finding(Check("""
                - name: Aid
                  incentives:
                    - {id: aid, kind: humanitarian_aid}
            """), "aid").Collisions.IsEmpty);

    [Fact]
    public void Aid_that_ships_vehicles_needs_the_machinery_exemption()
    {
        var finding = Finding(Check("""
                - name: Aid
                  incentives:
                    - {id: aid, kind: humanitarian_aid, also_involves: [import:transport_vehicles]}
            """), "aid");

        var c = Assert.Single(finding.Collisions);
        Assert.Equal("UNSC-2397-7", c.Measure.Id);
        Assert.Equal(ReliefRoute.Exemption, c.ReliefNeeded);
    }

    [Fact]
    public void WTO_accession_collides_with_no_measure_but_needs_the_members()
    {
        var finding = Finding(Check("""
                - name: Accession
                  incentives:
                    - {id: wto, kind: wto_accession_track}
            """), "wto");

        Assert.Empty(finding.Collisions);
        Assert.Equal([ConsentParty.WtoMembers], finding.OtherConsent.Select(o => o.Party));
    }

    [Fact]
    public void A_measure_that_ended_before_the_start_does_not_collide()
    {
        // The fixture's crude-oil cap UNSC-2375-15 ended on 2017-12-22.
        var finding = Finding(Check("""
                - name: Oil
                  incentives:
                    - {id: oil, kind: humanitarian_aid, also_involves: [import:crude_oil]}
            """), "oil");

        Assert.Empty(finding.Collisions);
    }

    [Fact]
    public void With_no_sanctions_in_force_nothing_collides()
    {
        var report = Check(KaesongAlone, "sanctions: {baseline: none}");

        Assert.True(report.Feasible);
        Assert.Empty(Finding(report, "kaesong").Collisions);
    }

    [Fact]
    public void Sanctions_relief_reports_what_it_provides_and_the_consequence_of_its_route()
    {
        var report = Check("""
                - name: Relief
                  incentives:
                    - {id: suspend, kind: sanctions_relief, measures: [UNSC-2094-11], route: suspension}
                    - {id: end, kind: sanctions_relief, measures: [UNSC-2375-18], route: termination}
            """);

        var suspend = Assert.Single(Finding(report, "suspend").Provides);
        Assert.Equal([ConsentParty.Unsc], suspend.Consent.ToArray());
        Assert.Contains("snaps back", suspend.Consequence, StringComparison.Ordinal);
        Assert.Contains("new resolution", Assert.Single(Finding(report, "end").Provides).Consequence, StringComparison.Ordinal);
    }

    [Fact]
    public void SEZ_support_without_linkage_conditions_is_flagged_as_an_enclave()
    {
        var report = Check("""
                - name: Zones
                  incentives:
                    - {id: enclave, kind: sez_support, zone: rason}
                    - {id: linked, kind: sez_support, zone: sinuiju, linkage: [direct_hire_and_pay, domestic_sourcing]}
            """);

        Assert.Contains("enclave", Assert.Single(Finding(report, "enclave").Warnings), StringComparison.Ordinal);
        Assert.Empty(Finding(report, "linked").Warnings);
    }
}

public sealed class ReliefScopeTests
{
    private static FeasibilityReport Check(string phases) => FeasibilityCheckTests.Check(phases);

    [Fact]
    public void An_exemption_scoped_to_one_project_does_not_relieve_another()
    {
        // The 2018 committee exemption was for the railway survey; it did not open Kaesong.
        var report = Check("""
                - name: One
                  incentives:
                    - {id: exemption, kind: sanctions_relief, measures: [UNSC-2397-7], route: exemption, covers: [rail]}
                    - {id: rail, kind: rail_road_reconnection}
                    - {id: kaesong, kind: kaesong_reopening}
            """);

        Assert.Equal("exemption", report.Findings.Single(f => f.Incentive.Id == "rail").Collisions.Single(c => c.Measure.Id == "UNSC-2397-7").RelievedBy);
        Assert.Null(report.Findings.Single(f => f.Incentive.Id == "kaesong").Collisions.Single(c => c.Measure.Id == "UNSC-2397-7").RelievedBy);
    }

    [Fact]
    public void A_joint_venture_carve_out_relieves_only_UN_measures()
    {
        // A carve-out is a 1718 Committee exemption: it cannot license what a US order forbids US persons.
        var text = """
                - name: One
                  incentives:
                    - {id: carve-out, kind: joint_venture_carve_out}
                    - {id: us-zone, kind: sez_support, provider: us, zone: rason, linkage: [direct_hire_and_pay]}
            """;
        var zone = Check(text).Findings.Single(f => f.Incentive.Id == "us-zone");

        Assert.Equal("carve-out", zone.Collisions.Single(c => c.Measure.Id == "UNSC-2375-18").RelievedBy);
        Assert.Null(zone.Collisions.Single(c => c.Measure.Id == "US-EO-13722").RelievedBy);
        Assert.All(Check(text).Findings.Single(f => f.Incentive.Id == "carve-out").Provides, p => Assert.Equal(Issuer.Unsc, p.Measure.Issuer));
    }

    [Fact]
    public void A_time_limited_suspension_warns_that_cover_lapses()
    {
        var report = Check("""
                - name: One
                  incentives:
                    - {id: cash, kind: sanctions_relief, measures: [UNSC-2094-11], route: suspension, duration_quarters: 4}
                    - {id: dev, kind: development_finance}
            """);

        var dev = report.Findings.Single(f => f.Incentive.Id == "dev");
        Assert.True(dev.Feasible);
        Assert.Contains(dev.Warnings, w => w.Contains("suspended for only 4 quarters by 'cash'", StringComparison.Ordinal));
    }
}

public sealed class HortatoryMeasureTests
{
    [Fact]
    public void A_paragraph_that_only_calls_upon_states_is_reported_but_does_not_block()
    {
        var report = FeasibilityCheckTests.Check("""
                - name: Finance
                  incentives:
                    - {id: banking, kind: sanctions_relief, measures: [UNSC-2094-11], route: suspension}
                    - {id: loans, kind: development_finance}
            """);

        var loans = report.Findings.Single(f => f.Incentive.Id == "loans");
        var call = loans.Collisions.Single(c => c.Measure.Id == "UNSC-1874-19");
        Assert.Null(call.RelievedBy);
        Assert.False(call.IsBlocking);
        Assert.True(loans.Feasible);
    }

    [Fact]
    public void Without_relief_of_the_binding_measure_development_finance_stays_infeasible()
    {
        var report = FeasibilityCheckTests.Check("""
                - name: Finance
                  incentives:
                    - {id: loans, kind: development_finance}
            """);

        var loans = Assert.Single(report.Findings);
        Assert.False(loans.Feasible);
        Assert.True(loans.Collisions.Single(c => c.Measure.Id == "UNSC-2094-11").IsBlocking);
    }
}
