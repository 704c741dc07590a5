using Statecraft.Negotiation;
using Statecraft.Simulation;

namespace Statecraft.Tests.Negotiation;

/// <summary>Directions that follow from the mechanisms, all else equal, on paired draws.</summary>
public sealed class DirectionTests
{
    private const string Zone = """
        format: statecraft/1
        name: One zone
        start: 2018Q4
        horizon_quarters: 24
        roadmap:
          phases:
            - name: A zone for a freeze
              steps:
                - step: test_moratorium
                  verification: national_technical_means
              incentives:
                - id: zone-jv
                  kind: joint_venture_carve_out
                  sequencing: upfront
                  covers: [zone]
                - id: zone-exemptions
                  kind: sanctions_relief
                  measures: [UNSC-2397-7, UNSC-2094-11, UNSC-2321-32]
                  route: exemption
                  covers: [zone]
                  sequencing: upfront
                - id: zone-us
                  kind: sanctions_relief
                  measures: [US-EO-13810]
                  route: exemption
                  sequencing: upfront
                - id: zone
                  kind: sez_support
                  zone: rason
                  provider: multilateral
                  LINKAGE
                  amount_musd_per_year: 300
                  sequencing: upfront
        """;

    [Fact]
    public void Linkage_conditions_raise_the_households_share_of_gains_over_an_enclave_zone()
    {
        var enclave = GameFixture.Compile(Zone.Replace("LINKAGE", "note: an enclave", StringComparison.Ordinal));
        var linked = GameFixture.Compile(Zone.Replace("LINKAGE", "linkage: [direct_hire_and_pay, domestic_sourcing]", StringComparison.Ordinal));
        Assert.All(new[] { enclave, linked }, g => Assert.False(g.Incentives.Any(i => i.LegallyBlocked)));

        var result = GameFixture.Run(1200, enclave, linked);
        var difference = result.Strategies[1].VersusFirst!;
        var inclusiveness = difference.End[(int)Metric.Inclusiveness];
        var regime = difference.End[(int)Metric.RegimeRevenueBusd];
        var households = difference.End[(int)Metric.HouseholdIncomeIndex];
        Assert.True(inclusiveness.Interval95.Low > 0, $"inclusiveness linked minus enclave {inclusiveness.Mean:F4} [{inclusiveness.Interval95.Low:F4}, {inclusiveness.Interval95.High:F4}]");
        // The channel: the regime keeps less of the zone's wages, households get more and sell inputs to the zone.
        Assert.True(regime.Interval95.High < 0, $"regime revenue difference {regime.Mean:F4}");
        Assert.True(households.Interval95.Low > 0, $"household income difference {households.Mean:F4}");
    }

    [Fact]
    public void The_value_of_cheating_is_the_discounted_sum_it_stands_for_and_falls_as_detection_rises()
    {
        const double value = 500, atRisk = 300, discount = 0.98;
        var previous = double.PositiveInfinity;
        foreach (var d in new[] { 0.0, 0.02, 0.06, 0.12, 0.25, 0.5, 0.9 })
        {
            // Brute force: quarter k pays the package while undetected (prob (1-d)^k) and loses what is at risk once detected.
            double sum = 0;
            for (var k = 0; k < 20_000; k++)
            {
                var hidden = Math.Pow(1 - d, k);
                sum += Math.Pow(discount, k) * ((value * hidden) - (atRisk * (1 - hidden)));
            }

            var closed = NegotiationGame.CheatValue(value, atRisk, d, discount);
            Assert.Equal(sum, closed, 4);
            Assert.True(closed < previous, $"value of cheating did not fall at detection {d}");
            previous = closed;
        }
    }

    [Fact]
    public void Stronger_verification_catches_more_of_the_faked_steps_and_fewer_are_faked()
    {
        const string text = """
            format: statecraft/1
            name: Fakeable step
            start: 2018Q4
            horizon_quarters: 24
            actors:
              north_korea:
                type_prior: {staller: 1}
            roadmap:
              phases:
                - name: Yongbyon for export relief
                  steps:
                    - step: yongbyon_shutdown
                      verification: LEVEL
                  conditions: [snapback_on_cheating]
                  incentives:
                    - id: relief
                      kind: sanctions_relief
                      measures: [UNSC-2375-16, UNSC-2371-9, UNSC-2371-8, UNSC-2371-10, UNSC-2397-6]
                      route: suspension
            """;
        var cheats = GameAssumptions.Defaults with { CheatWillingness = [1.0, 1.0, 1.0] };
        var weak = GameFixture.Compile(text.Replace("LEVEL", "national_technical_means", StringComparison.Ordinal), cheats);
        var strong = GameFixture.Compile(text.Replace("LEVEL", "intrusive_inspection", StringComparison.Ordinal), cheats);
        var result = GameFixture.Run(1500, weak, strong);
        var w = result.Strategies[0].Summary;
        var s = result.Strategies[1].Summary;
        Assert.True(w.Cheated > 100, "too few faked steps to compare");
        Assert.True((double)s.Detected / Math.Max(1, s.Cheated) > (double)w.Detected / w.Cheated, "intrusive inspection should catch a larger share of faked steps");
        Assert.True(s.Cheated <= w.Cheated, "a higher chance of detection should not make faking more common");
    }
}
