using Statecraft.Negotiation;
using Statecraft.Sanctions;
using Statecraft.Scenarios;
using Statecraft.Simulation;

namespace Statecraft.Tests.Negotiation;

/// <summary>
/// How a trajectory's talks are counted and what its inclusiveness is (docs/model.md, "Outcome measures"), checked
/// against the rules as documented: each trajectory's cause is rebuilt from its trace, independently of the code that
/// classifies it, and the gains from its economy path.
/// </summary>
public sealed class OutcomeMeasureTests
{
    /// <summary>
    /// A US licence due at once, so talks are under way from the first quarter; elections every other quarter in the
    /// US and in Japan. Japan is no party to this roadmap: it provides nothing and consents to nothing. The North is
    /// offered little for a costly ladder, so the roadmap is rarely completed.
    /// </summary>
    internal const string UsLicence = """
        format: statecraft/1
        name: A US licence up front
        start: 2018Q4
        horizon_quarters: 24
        actors:
          us:
            election_shock_rate: 0.5
          japan:
            election_shock_rate: 0.5
        roadmap:
          phases:
            - name: Licences for Yongbyon and the rest
              steps:
                - step: yongbyon_shutdown
                  verification: intrusive_inspection
                - step: complete_denuclearization
                  verification: intrusive_inspection
              incentives:
                - id: us-licences
                  kind: sanctions_relief
                  measures: [US-EO-13810]
                  route: exemption
                  sequencing: upfront
        """;

    /// <summary>
    /// Nothing on offer until complete denuclearization, and the border nine-tenths closed for the whole horizon: the
    /// export earnings the regime's revenue comes from and the imports household output needs are cut far below the
    /// base year's, so neither the regime nor households per person can gain.
    /// </summary>
    internal const string NothingToGain = """
        format: statecraft/1
        name: Nothing on offer behind a closed border
        start: 2018Q4
        horizon_quarters: 24
        shocks:
          - id: closed-border
            kind: border_closure
            from: 2018Q4
            until: 2024Q3
            intensity: 0.9
        roadmap:
          phases:
            - name: Complete denuclearization first
              steps:
                - step: complete_denuclearization
                  verification: intrusive_inspection
              incentives:
                - id: end-japan-ban
                  kind: sanctions_relief
                  measures: [JP-TRADE-BAN]
                  route: termination
                  sequencing: on_verified_step
        """;

    public static TheoryData<string> Roadmaps => new()
    {
        "maximum-pressure", "relief-only", "delury-engagement", "cnas-conditional-development", "kaesong-quick-hit", "pyongyang-declaration-2018", "us-licence",
    };

    private static CompiledGame Game(string name) => name == "us-licence" ? GameFixture.Compile(UsLicence) : GameFixture.Shipped(name);

    private const string WalksAway = ": the new government walks away from the roadmap";

    /// <summary>The governments party to a roadmap as docs/model.md defines them: a provider, or one whose consent an incentive needs.</summary>
    private static HashSet<string> Parties(CompiledGame g)
    {
        var parties = new HashSet<string>(StringComparer.Ordinal);
        foreach (var inc in g.Incentives)
        {
            parties.Add(Documents.YamlName.Of(inc.Provider));
            bool Needs(ConsentParty c) => (inc.ConsentMask & (1 << (int)c)) != 0;
            if (Needs(ConsentParty.Unsc) || Needs(ConsentParty.Committee1718) || Needs(ConsentParty.UsExecutive) || Needs(ConsentParty.UsCongress)) parties.Add("us");
            if (Needs(ConsentParty.RokGovernment)) parties.Add("south_korea");
            if (Needs(ConsentParty.JapanGovernment)) parties.Add("japan");
        }

        return parties;
    }

    private static bool Moves(string text) =>
        text.EndsWith("-> takes it", StringComparison.Ordinal) || text.EndsWith("-> claims it while keeping the capability", StringComparison.Ordinal)
        || text.StartsWith("verified: ", StringComparison.Ordinal) || text.StartsWith("delivered: ", StringComparison.Ordinal);

    private static bool StartsTalks(string text) =>
        text.StartsWith("due: ", StringComparison.Ordinal) || text.StartsWith("delivered: ", StringComparison.Ordinal)
        || text.EndsWith("-> takes it", StringComparison.Ordinal) || text.EndsWith("-> claims it while keeping the capability", StringComparison.Ordinal);

    /// <summary>
    /// The cause, quarter of breakdown and quarter of stall docs/model.md's rules give a trajectory, read from its trace
    /// alone: the first walk-away of a party while talks were under way, not broken off and not complete, unless the
    /// roadmap was still completed; else the game's breakdown; else a stall when nothing moved in the last K quarters.
    /// </summary>
    private static (BreakdownCause Cause, int Breakdown, int Stall) FromTrace(CompiledGame g, List<(int Quarter, string Text)> events, double stallQuarters)
    {
        var parties = Parties(g);
        var lastPhase = $"phase {g.Phases.Length} complete";
        bool underWay = false, broken = false, complete = false;
        int? withdrew = null, formal = null;
        BreakdownCause formalCause = BreakdownCause.None;
        var last = -1;
        var inHand = false;
        foreach (var (q, text) in events)
        {
            if (StartsTalks(text)) underWay = true;
            if (Moves(text)) last = Math.Max(last, q);
            if (text.Contains("-> takes it", StringComparison.Ordinal) || text.Contains("-> claims it", StringComparison.Ordinal)) inHand = true;
            if (text.StartsWith("verified: ", StringComparison.Ordinal)) inHand = false;
            if (text == lastPhase) complete = true;
            if (text.StartsWith("talks break down: ", StringComparison.Ordinal) && !broken)
            {
                broken = true;
                formal = q;
                formalCause = text.Contains("cheating", StringComparison.Ordinal) ? BreakdownCause.CheatingDetected
                    : text.Contains("provocation", StringComparison.Ordinal) ? BreakdownCause.Provocation
                    : text.Contains("walked out", StringComparison.Ordinal) ? BreakdownCause.Walkout
                    : throw new InvalidOperationException(text);
            }

            if (text.StartsWith("election in ", StringComparison.Ordinal) && text.EndsWith(WalksAway, StringComparison.Ordinal) && withdrew is null
                && underWay && !broken && !complete && parties.Contains(text["election in ".Length..^WalksAway.Length]))
            {
                withdrew = q;
            }
        }

        if (withdrew is { } w && !complete) return (BreakdownCause.PartyWithdrew, w, -1);
        if (formal is { } f) return (formalCause, f, -1);
        // A step taken and never verified, in talks never broken off, is still in hand at the horizon.
        if (inHand) last = g.Horizon - 1;
        if (!complete && g.Horizon - 1 - last >= stallQuarters) return (BreakdownCause.Stalled, -1, last + 1);
        return (BreakdownCause.None, -1, -1);
    }

    [Theory]
    [MemberData(nameof(Roadmaps))]
    public void Each_trajectory_ends_as_its_trace_and_the_documented_rules_say(string name)
    {
        var g = Game(name);
        var w = new GameWorkspace(g);
        var seen = new HashSet<BreakdownCause>();
        for (var k = 0; k < 250; k++)
        {
            var (_, _, events) = GameFixture.Play(g, k, w: w);
            var o = w.Outcome;
            var (cause, breakdown, stall) = FromTrace(g, events, g.Game.StallQuarters);
            Assert.True((cause, breakdown, stall) == (o.Cause, o.BreakdownQuarter, o.StallQuarter),
                $"{name} trajectory {k}: the trace says {cause} at {breakdown} (stall {stall}), the outcome {o.Cause} at {o.BreakdownQuarter} (stall {o.StallQuarter})");
            seen.Add(o.Cause);
        }

        // Each roadmap shows at least one way of ending besides none, or the comparison checks little.
        Assert.True(seen.Count >= 2, $"{name}: only {string.Join(", ", seen)} in 250 trajectories");
    }

    [Fact]
    public void A_US_walk_away_while_talks_are_under_way_is_a_breakdown_by_party_withdrew_in_its_quarter_and_the_game_plays_on()
    {
        var g = GameFixture.Compile(UsLicence);
        var w = new GameWorkspace(g);
        var found = 0;
        var japanOnly = 0;
        for (var k = 0; k < 60; k++)
        {
            var (_, _, events) = GameFixture.Play(g, k, w: w);
            var o = w.Outcome;
            // The licence falls due in quarter 0: the talks are under way from the start.
            Assert.Equal(0, o.TalksStartQuarter);
            var us = events.FirstOrDefault(e => e.Text == "election in us" + WalksAway);
            var japan = events.FirstOrDefault(e => e.Text == "election in japan" + WalksAway);
            var brokeFirst = events.Any(e => e.Text.StartsWith("talks break down: ", StringComparison.Ordinal) && (us.Text is null || e.Quarter < us.Quarter));
            if (us.Text is not null && !brokeFirst && o.StepQuarter[(int)Step.CompleteDenuclearization] < 0)
            {
                Assert.Equal(BreakdownCause.PartyWithdrew, o.Cause);
                Assert.Equal(us.Quarter, o.BreakdownQuarter);
                Assert.Contains(events, e => e.Quarter == us.Quarter && e.Text.StartsWith("us is party to the roadmap", StringComparison.Ordinal));
                // Counted, not played: the game's own rules did not break the talks off in that quarter.
                Assert.NotEqual(us.Quarter, o.FormalBreakdownQuarter);
                found++;
            }
            else if (us.Text is null && japan.Text is not null && !brokeFirst)
            {
                // Japan leaving a roadmap that never calls on it ends nothing.
                Assert.NotEqual(BreakdownCause.PartyWithdrew, o.Cause);
                japanOnly++;
            }
        }

        Assert.True(found >= 10, $"only {found} trajectories with a US walk-away to check");
        Assert.True(japanOnly >= 1, "no trajectory where only Japan walked away");
    }

    [Fact]
    public void A_phase_binds_the_North_not_to_test_only_once_talks_are_under_way()
    {
        // Maximum pressure offers nothing until the end, so until the North takes a step there are no talks and no terms it
        // accepted: major tests come at the base rate and break nothing off; once talks are under way the phase's
        // no_nuclear_test and no_missile_test stop them (breaking one would be a choice to end the talks).
        var g = GameFixture.Shipped("maximum-pressure");
        Assert.True(g.Phases[0].Has(Condition.NoNuclearTest));
        var w = new GameWorkspace(g);
        int before = 0, boundQuarters = 0;
        for (var k = 0; k < 400; k++)
        {
            var (_, _, events) = GameFixture.Play(g, k, w: w);
            var o = w.Outcome;
            var underWay = false;
            var broken = false;
            for (var e = 0; e < events.Count; e++)
            {
                var (q, text) = events[e];
                if (StartsTalks(text)) underWay = true;
                if (text.StartsWith("talks break down: ", StringComparison.Ordinal) || text == "phase 1 complete") broken = true;
                if (text != "major provocation (nuclear test or long-range launch); China tightens enforcement") continue;
                Assert.False(underWay && !broken, $"trajectory {k}: a major test in quarter {q} while the phase binds the North not to test");
                if (!underWay)
                {
                    Assert.Contains(events.Skip(e + 1).TakeWhile(x => x.Quarter == q), x => x.Text.StartsWith("no talks are under way yet", StringComparison.Ordinal));
                    Assert.False(o.FormalBreakdownQuarter == q, $"trajectory {k}: talks broke off in quarter {q} with none under way");
                    before++;
                }
            }

            // Quarters in which the phase bound the North: from the start of talks to their end or the horizon.
            if (o.TalksStartQuarter >= 0) boundQuarters += (o.FormalBreakdownQuarter >= 0 ? o.FormalBreakdownQuarter : g.Horizon) - o.TalksStartQuarter;
        }

        // Both situations occur in these trajectories, so neither assertion above is vacuous.
        Assert.True(before > 50, $"{before} major tests before talks");
        Assert.True(boundQuarters > 0, $"{boundQuarters} quarters bound");
    }

    [Fact]
    public void Under_maximum_pressure_a_minor_provocation_before_any_talks_breaks_nothing_off_and_one_after_the_first_step_does()
    {
        var g = GameFixture.Shipped("maximum-pressure");
        Assert.True(g.Phases[0].Has(Condition.NoProvocation));
        var w = new GameWorkspace(g);
        int before = 0, after = 0;
        for (var k = 0; k < 400; k++)
        {
            var (_, _, events) = GameFixture.Play(g, k, w: w);
            var o = w.Outcome;
            var underWay = false;
            var broken = false;
            var complete = false;
            for (var e = 0; e < events.Count; e++)
            {
                var (q, text) = events[e];
                if (StartsTalks(text)) underWay = true;
                if (text.StartsWith("talks break down: ", StringComparison.Ordinal)) broken = true;
                // Once every phase is complete no provocation ends the talks: there is no phase whose conditions it breaks.
                if (text == "phase 1 complete") complete = true;
                if (broken || complete || text != "minor provocation (short-range launch or border incident)") continue;
                // Nothing falls due before complete denuclearization: the talks are under way only once the North has taken a step.
                if (!underWay)
                {
                    Assert.StartsWith("no talks are under way yet", events[e + 1].Text, StringComparison.Ordinal);
                    Assert.False(o.FormalBreakdownQuarter == q, $"trajectory {k}: talks broke off in quarter {q} with none under way");
                    before++;
                }
                else
                {
                    Assert.Equal("talks break down: a provocation violated the phase's conditions", events[e + 1].Text);
                    Assert.Equal(q, o.FormalBreakdownQuarter);
                    after++;
                }
            }

            // With no talks ever under way nothing can have ended them, and nothing moved: a stall from the start.
            if (o.TalksStartQuarter < 0)
            {
                Assert.Equal(BreakdownCause.Stalled, o.Cause);
                Assert.Equal(0, o.StallQuarter);
            }
        }

        Assert.True(before >= 100 && after >= 5, $"{before} minor provocations before any talks and {after} after: too few to check both rules");
    }

    [Fact]
    public void The_stall_window_changes_how_trajectories_are_counted_and_nothing_else()
    {
        var g = GameFixture.Shipped("cnas-conditional-development");
        var short4 = GameFixture.Shipped("cnas-conditional-development", GameAssumptions.Defaults with { StallQuarters = 4 });
        var long16 = GameFixture.Shipped("cnas-conditional-development", GameAssumptions.Defaults with { StallQuarters = 16 });
        var (w4, w16) = (new GameWorkspace(short4), new GameWorkspace(long16));
        int stalls4 = 0, stalls16 = 0;
        for (var k = 0; k < 200; k++)
        {
            GameFixture.Play(short4, k, w: w4);
            GameFixture.Play(long16, k, w: w16);
            var (a, b) = (w4.Outcome, w16.Outcome);
            Assert.Equal(a.GdpPath, b.GdpPath);
            Assert.Equal(a.StepQuarter, b.StepQuarter);
            Assert.Equal((a.FormalBreakdownQuarter, a.Delivered, a.Inclusiveness), (b.FormalBreakdownQuarter, b.Delivered, b.Inclusiveness));
            // A stretch of 16 quiet quarters is one of 4 too; it began in the same quarter.
            if (b.Cause == BreakdownCause.Stalled)
            {
                Assert.Equal(BreakdownCause.Stalled, a.Cause);
                Assert.Equal(a.StallQuarter, b.StallQuarter);
                Assert.True(g.Horizon - b.StallQuarter >= 16);
            }

            if (a.Cause == BreakdownCause.Stalled) stalls4++;
            if (b.Cause == BreakdownCause.Stalled) stalls16++;
        }

        Assert.True(stalls4 > stalls16 && stalls16 > 0, $"{stalls4} stalls with a window of 4 quarters, {stalls16} with 16");
    }

    /// <summary>Final-year household income, and household income per person in the final and the base year (income over mean population).</summary>
    private static (double Income, double PerPerson, double BasePerPerson) Households(CompiledGame g, GameWorkspace w)
    {
        double income = 0, population = 0;
        for (var q = g.Horizon - 4; q < g.Horizon; q++)
        {
            income += w.Path.HouseholdIncomeMusd[q];
            population += g.PopulationByQuarter[q];
        }

        return (income, income / (population / 4), g.HouseholdBaseYearMusd / g.PopulationBaseYear);
    }

    [Fact]
    public void Households_gain_only_when_their_income_per_person_rises_and_inclusiveness_is_their_share_of_what_anyone_gained()
    {
        var g = GameFixture.Shipped("maximum-pressure");
        var w = new GameWorkspace(g);
        int totalRosePerPersonFell = 0, undefined = 0;
        for (var k = 0; k < 300; k++)
        {
            GameFixture.Play(g, k, w: w);
            var o = w.Outcome;
            var (income, perPerson, basePerPerson) = Households(g, w);
            // The sign of the households' gain is the sign of the change in income per person.
            if (Math.Abs(perPerson - basePerPerson) > 1e-9 * basePerPerson) Assert.Equal(perPerson > basePerPerson, o.HouseholdGainMusd > 0);
            if (income > g.HouseholdBaseYearMusd && perPerson < basePerPerson)
            {
                // More income in all, but each household poorer: no gain to households (before, counted as one).
                Assert.True(o.HouseholdGainMusd < 0);
                totalRosePerPersonFell++;
            }

            var h = Math.Max(o.HouseholdGainMusd, 0);
            var r = Math.Max(o.RegimeGainMusd, 0);
            if (h + r == 0)
            {
                Assert.True(double.IsNaN(o.Inclusiveness), $"trajectory {k}: nobody gained, inclusiveness {o.Inclusiveness}");
                undefined++;
            }
            else
            {
                Assert.Equal(h / (h + r), o.Inclusiveness);
            }
        }

        Assert.True(totalRosePerPersonFell >= 20 && undefined >= 20, $"{totalRosePerPersonFell} trajectories richer in all but poorer per person, {undefined} undefined: too few to check");
    }

    [Fact]
    public void The_worked_trace_gains_nothing_on_either_side_so_its_inclusiveness_is_undefined()
    {
        // docs/model.md, "A worked trace": trajectory 0 of the CNAS roadmap at the default seed.
        var g = GameFixture.Shipped("cnas-conditional-development");
        var (w, _, _) = GameFixture.Play(g, 0, SimulationSettings.DefaultSeed);
        var o = w.Outcome;
        double income = 0, regime = 0, population = 0;
        for (var q = g.Horizon - 4; q < g.Horizon; q++)
        {
            income += w.Path.HouseholdIncomeMusd[q];
            regime += w.Path.RegimeRevenueMusd[q];
            population += g.PopulationByQuarter[q];
        }

        // Household income grew in all (by about 887m) while the population grew faster: per person, a loss.
        Assert.True(income > g.HouseholdBaseYearMusd);
        Assert.Equal(income - (g.HouseholdBaseYearMusd * (population / 4) / g.PopulationBaseYear), o.HouseholdGainMusd, 9);
        Assert.True(o.HouseholdGainMusd < 0);
        Assert.Equal(regime - g.RegimeBaseYearMusd, o.RegimeGainMusd, 9);
        Assert.True(o.RegimeGainMusd < 0);
        Assert.True(double.IsNaN(o.Inclusiveness));
    }

    [Fact]
    public void Where_nobody_can_gain_inclusiveness_is_defined_on_no_trajectory()
    {
        var g = GameFixture.Compile(NothingToGain);
        var w = new GameWorkspace(g);
        for (var k = 0; k < 100; k++)
        {
            GameFixture.Play(g, k, w: w);
            Assert.True(w.Outcome.HouseholdGainMusd < 0 && w.Outcome.RegimeGainMusd < 0, $"trajectory {k}: gains {w.Outcome.HouseholdGainMusd}, {w.Outcome.RegimeGainMusd}");
            Assert.True(double.IsNaN(w.Outcome.Inclusiveness));
        }

        var summary = GameFixture.Run(300, g).Strategies[0].Summary.End[(int)Metric.Inclusiveness];
        Assert.Equal(0, summary.Count);
        Assert.Equal(300, summary.Undefined);
        Assert.True(double.IsNaN(summary.Mean) && double.IsNaN(summary.Quantile(0.5)));
    }

    [Fact]
    public void The_summary_inclusiveness_and_its_paired_difference_are_those_worked_out_from_each_trajectory()
    {
        var a = GameFixture.Shipped("maximum-pressure");
        var b = GameFixture.Shipped("delury-engagement");
        const int runs = 1500; // within the 2,048 values kept exactly: the median is exact too
        const ulong seed = 11;
        var (wa, wb) = (new GameWorkspace(a), new GameWorkspace(b));
        var ownA = new List<double>();
        var ownB = new List<double>();
        var both = new List<double>();
        for (var k = 0; k < runs; k++)
        {
            GameFixture.Play(a, k, seed, wa);
            GameFixture.Play(b, k, seed, wb);
            var (x, y) = (wa.Outcome.Inclusiveness, wb.Outcome.Inclusiveness);
            if (!double.IsNaN(x)) ownA.Add(x);
            if (!double.IsNaN(y)) ownB.Add(y);
            if (!double.IsNaN(x) && !double.IsNaN(y)) both.Add(y - x);
        }

        var result = GameFixture.Run(runs, a, b);
        var summaryA = result.Strategies[0].Summary.End[(int)Metric.Inclusiveness];
        var summaryB = result.Strategies[1].Summary.End[(int)Metric.Inclusiveness];
        var paired = result.Strategies[1].VersusFirst!.End[(int)Metric.Inclusiveness];
        Assert.Equal(ownA.Count, summaryA.Count);
        Assert.Equal(runs - ownA.Count, summaryA.Undefined);
        Assert.Equal(ownB.Count, summaryB.Count);
        Assert.Equal(ownA.Average(), summaryA.Mean, 12);
        Assert.Equal(ownB.Average(), summaryB.Mean, 12);
        ownA.Sort();
        var h = (ownA.Count - 1) * 0.5;
        var median = ownA[(int)Math.Floor(h)] + ((h - Math.Floor(h)) * (ownA[(int)Math.Ceiling(h)] - ownA[(int)Math.Floor(h)]));
        Assert.Equal(median, summaryA.Quantile(0.5), 12);
        // Paired only where both define it: fewer pairs than either strategy's own n, and not the difference of the two means.
        Assert.Equal(both.Count, paired.Count);
        Assert.True(both.Count < Math.Min(ownA.Count, ownB.Count));
        Assert.Equal(both.Average(), paired.Mean, 12);
    }
}
