using Statecraft.Bargaining;

namespace Statecraft.Tests.Bargaining;

/// <summary>The EUM against the reference Python run on its example actors (10 rounds, q = 1).</summary>
public sealed class ExpectedUtilityReplicationTests
{
    private static readonly EumRun Reference = ExpectedUtilityModel.Run(Oracle.EumExample(), 10);

    [Fact]
    public void Mean_after_every_round_matches_the_reference_to_1e_9()
    {
        var oracle = Oracle.Table("eum-example-means.csv");
        Assert.Equal(11, oracle.Rows.Count);
        foreach (var row in oracle.Rows)
        {
            var round = Oracle.Integer(oracle, row, "round");
            var expected = Oracle.Number(oracle, row, "mean");
            Assert.Equal(expected, Reference.Rounds[round].Mean, 1e-9);
        }
    }

    [Fact]
    public void Initial_median_is_the_references_7()
    {
        var oracle = Oracle.Table("eum-example-means.csv");
        Assert.Equal(Oracle.Number(oracle, oracle.Rows[0], "median_line_value"), Reference.Rounds[0].Median);
    }

    [Fact]
    public void Round_one_offers_are_the_references_verbatim()
    {
        var offers = Reference.Rounds[1].Offers;
        var names = Reference.Table.Actors.Select(a => a.Name).ToArray();
        Assert.Equal(
            [
                ("Belgium", EumOfferKind.Compromise, "France", -0.11483050347300794, 0.2432965945234421, 8.415932315426764),
                ("Luxembourg", EumOfferKind.Confrontation, "Belgium", 0.24550922248250817, 0.542246100211495, 7.0),
                ("Ireland", EumOfferKind.Confrontation, "Luxembourg", 0.5382377664333493, 0.6824778252511178, 4.0),
            ],
            offers.Select(o => (names[o.Receiver], o.Kind, names[o.Proposer], o.ReceiverChallenges, o.ProposerChallenges, o.NewPosition)).ToArray());
    }

    [Fact]
    public void Every_offer_of_every_round_matches_the_reference_file()
    {
        var oracle = Oracle.Table("eum-example-offers.csv");
        var names = Reference.Table.Actors.Select(a => a.Name).ToArray();
        var ours = Reference.Rounds.Skip(1).SelectMany(r => r.Offers.Select(o => (r.Round, o))).ToArray();
        Assert.Equal(oracle.Rows.Count, ours.Length);
        for (var k = 0; k < ours.Length; k++)
        {
            var row = oracle.Rows[k];
            var (round, offer) = ours[k];
            Assert.Equal(Oracle.Integer(oracle, row, "round"), round);
            Assert.Equal(oracle.Get(row, "receiver"), names[offer.Receiver]);
            Assert.Equal(oracle.Get(row, "proposer"), names[offer.Proposer]);
            Assert.Equal(oracle.Get(row, "offer_type"), offer.Kind.ToString().ToLowerInvariant());
            Assert.Equal(Oracle.Number(oracle, row, "eu_receiver_challenges_proposer"), offer.ReceiverChallenges);
            Assert.Equal(Oracle.Number(oracle, row, "eu_proposer_challenges_receiver"), offer.ProposerChallenges);
            Assert.Equal(Oracle.Number(oracle, row, "new_position"), offer.NewPosition);
        }
    }

    [Fact]
    public void Dangers_risk_acceptance_and_exponents_of_every_round_match()
    {
        var oracle = Oracle.Table("eum-example-risk.csv");
        var names = Reference.Table.Actors.Select(a => a.Name).ToList();
        var checkedRows = 0;
        foreach (var row in oracle.Rows.Where(r => oracle.Get(r, "actor").Length > 0 && names.Contains(oracle.Get(r, "actor"))))
        {
            var round = Reference.Rounds[Oracle.Integer(oracle, row, "round")];
            var a = names.IndexOf(oracle.Get(row, "actor"));
            Assert.Equal(Oracle.Number(oracle, row, "danger_level_computed_with_all_r_equal_1"), round.Danger[a]);
            Assert.Equal(Oracle.Number(oracle, row, "risk_acceptance_R"), round.RiskAcceptance[a]);
            Assert.Equal(Oracle.Number(oracle, row, "risk_exponent_r_used_for_offers"), round.RiskExponent[a]);
            checkedRows++;
        }

        Assert.Equal(100, checkedRows);
    }

    [Fact]
    public void Probability_denominator_of_every_round_matches()
    {
        var oracle = Oracle.Table("eum-example-risk.csv");
        var rows = oracle.Rows.Where(r => oracle.Get(r, "actor") == "__probability_denominator_D_with_new_r__").ToArray();
        Assert.Equal(10, rows.Length);
        foreach (var row in rows)
        {
            Assert.Equal(Oracle.Number(oracle, row, "risk_exponent_r_used_for_offers"), Reference.Rounds[Oracle.Integer(oracle, row, "round")].ProbabilityDenominator);
        }
    }

    [Fact]
    public void Positions_after_every_round_match()
    {
        var oracle = Oracle.Table("eum-example-positions.csv");
        var names = Reference.Table.Actors.Select(a => a.Name).ToList();
        Assert.Equal(110, oracle.Rows.Count);
        foreach (var row in oracle.Rows)
        {
            var round = Reference.Rounds[Oracle.Integer(oracle, row, "round")];
            Assert.Equal(Oracle.Number(oracle, row, "position_after_round"), round.Positions[names.IndexOf(oracle.Get(row, "actor"))]);
        }
    }

    [Fact]
    public void The_log_is_the_reference_log_byte_for_byte()
    {
        Assert.Equal(Oracle.Text("eum-example-log.txt"), EumLog.Write(Reference));
    }

    [Fact]
    public void Means_without_history_equal_the_full_runs_means()
    {
        var means = ExpectedUtilityModel.Means(Oracle.EumExample(), 10);
        Assert.Equal(Reference.Rounds.Select(r => r.Mean).ToArray(), means);
    }
}
