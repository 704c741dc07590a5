using Statecraft.Bargaining;

namespace Statecraft.Tests.Bargaining;

/// <summary>
/// The SMP against KTAB's smpc on dummyData_3Dim (default settings). The oracle's turn t is the
/// turn from state t to state t + 1, so it is <c>Turns[t]</c> here.
/// </summary>
public sealed class SpatialModelReplicationTests
{
    private static readonly SmpRun Reference = SpatialModel.Run(Oracle.Dummy3Dim());

    [Fact]
    public void Run_has_the_references_eleven_states()
    {
        var final = Oracle.Table("smp-dummy3dim-final.csv");
        Assert.Equal(Oracle.Integer(final, final.Rows[0], "final_turn"), Reference.Turns.Count);
        Assert.Equal(11, Reference.States.Count);
    }

    [Fact]
    public void Every_position_of_every_state_matches_to_1e_4()
    {
        var oracle = Oracle.Table("smp-dummy3dim-positions.csv");
        Assert.Equal(11 * 7 * 3, oracle.Rows.Count);
        var worst = 0.0;
        foreach (var row in oracle.Rows)
        {
            var ours = Reference.States[Oracle.Integer(oracle, row, "turn")].Positions[Oracle.Integer(oracle, row, "actor")][Oracle.Integer(oracle, row, "dim")];
            worst = Math.Max(worst, Math.Abs(ours - Oracle.Number(oracle, row, "position")));
        }

        Assert.True(worst <= 1e-4, $"largest difference {worst}");

        // smpc stores 100·x as a double; the same arithmetic gives the same bits.
        Assert.Equal(0.0, worst);
    }

    [Fact]
    public void Final_positions_and_winning_probabilities_match()
    {
        var oracle = Oracle.Table("smp-dummy3dim-final.csv");
        Assert.Equal(7, oracle.Rows.Count);
        foreach (var row in oracle.Rows)
        {
            var a = Oracle.Integer(oracle, row, "actor");
            Assert.Equal(oracle.Get(row, "name"), Reference.Table.Actors[a].Name);
            for (var d = 0; d < 3; d++)
            {
                Assert.Equal(Oracle.Number(oracle, row, $"dim{d}_final"), Reference.Final.Positions[a][d], 1e-9);
            }

            Assert.Equal(Oracle.Number(oracle, row, "final_win_prob"), Reference.Final.WinProbabilities[a], 1e-12);
        }
    }

    [Fact]
    public void Winning_probabilities_of_every_state_match()
    {
        var oracle = Oracle.Table("smp-dummy3dim-probs.csv");
        Assert.Equal(77, oracle.Rows.Count);
        foreach (var row in oracle.Rows)
        {
            var state = Reference.States[Oracle.Integer(oracle, row, "turn")];
            Assert.Equal(Oracle.Number(oracle, row, "win_prob"), state.WinProbabilities[Oracle.Integer(oracle, row, "actor")], 1e-12);
        }
    }

    [Fact]
    public void Risk_attitudes_of_every_state_match()
    {
        var oracle = Oracle.Table("smp-dummy3dim-risk.csv");
        Assert.Equal(77, oracle.Rows.Count);
        foreach (var row in oracle.Rows)
        {
            var state = Reference.States[Oracle.Integer(oracle, row, "turn")];
            Assert.Equal(Oracle.Number(oracle, row, "risk_attitude_R"), state.RiskAttitudes[Oracle.Integer(oracle, row, "actor")], 1e-12);
        }
    }

    [Fact]
    public void Every_proposed_bargain_matches()
    {
        var oracle = Oracle.Table("smp-dummy3dim-bargains.csv");
        var ours = Reference.Turns.SelectMany((t, index) => t.Bargains.Select(b => (Turn: index, b))).ToArray();
        Assert.Equal(oracle.Rows.Count, ours.Length);
        for (var k = 0; k < ours.Length; k++)
        {
            var row = oracle.Rows[k];
            var (turn, bargain) = ours[k];
            Assert.Equal(Oracle.Integer(oracle, row, "turn"), turn);
            Assert.Equal(Oracle.Integer(oracle, row, "initiator"), bargain.Initiator);
            Assert.Equal(Oracle.Integer(oracle, row, "target"), bargain.Target);
            Assert.Equal(Oracle.Number(oracle, row, "p_init_wins_est_by_init"), bargain.InitiatorWins, 1e-12);
            Assert.Equal(Oracle.Number(oracle, row, "expected_gain"), bargain.Gain, 1e-12);
            for (var d = 0; d < 3; d++)
            {
                Assert.Equal(Oracle.Number(oracle, row, $"init_pos_dim{d}"), bargain.InitiatorPosition[d], 1e-9);
                Assert.Equal(Oracle.Number(oracle, row, $"rcvr_pos_dim{d}"), bargain.TargetPosition[d], 1e-9);
            }
        }
    }

    [Fact]
    public void Every_actors_choice_matches()
    {
        var oracle = Oracle.Table("smp-dummy3dim-choices.csv");
        Assert.Equal(70, oracle.Rows.Count);
        foreach (var row in oracle.Rows)
        {
            var choice = Reference.Turns[Oracle.Integer(oracle, row, "turn")].Choices[Oracle.Integer(oracle, row, "actor")];
            Assert.Equal(Oracle.Integer(oracle, row, "chosen_bargain_initiator"), choice.Initiator);
            Assert.Equal(Oracle.Integer(oracle, row, "chosen_bargain_receiver"), choice.Receiver);
            Assert.Equal(Oracle.Integer(oracle, row, "queue_size"), choice.QueueSize);
            Assert.Equal(Oracle.Number(oracle, row, "chosen_bargain_prob"), choice.Probability, 1e-12);
        }
    }

    [Fact]
    public void Stopping_statistics_match()
    {
        var oracle = Oracle.Table("smp-dummy3dim-stop.csv");
        Assert.Equal(Reference.Turns.Count, oracle.Rows.Count);
        foreach (var row in oracle.Rows)
        {
            var turn = Reference.Turns[Oracle.Integer(oracle, row, "step") - 1];
            Assert.Equal(Oracle.Number(oracle, row, "dist_to_previous_state"), turn.Distance, 1e-12);
            Assert.Equal(Oracle.Number(oracle, row, "first_step_dist_plus_1e-4"), Reference.FirstStepDistance, 1e-12);
            Assert.Equal(Oracle.Number(oracle, row, "ratio"), turn.Ratio, 1e-12);
        }

        Assert.True(Reference.Turns[^1].Ratio < SpatialModel.StopRatio);
        Assert.All(Reference.Turns.Skip(1).SkipLast(1), t => Assert.True(t.Ratio >= SpatialModel.StopRatio));
    }

    [Fact]
    public void Perspective_utilities_of_the_input_state_match_KTABs_PosUtil_table()
    {
        var oracle = Oracle.Table("smp-dummy3dim-autil-turn0.csv");
        var ours = SpatialModel.InitialPerspectives(Oracle.Dummy3Dim());
        Assert.Equal(7 * 7 * 7, oracle.Rows.Count);
        foreach (var row in oracle.Rows)
        {
            var h = Oracle.Integer(oracle, row, "estimator_h");
            var i = Oracle.Integer(oracle, row, "actor_i");
            var j = Oracle.Integer(oracle, row, "position_of_actor_j");
            Assert.Equal(Oracle.Number(oracle, row, "utility"), ours[(((h * 7) + i) * 7) + j], 1e-12);
        }
    }

    [Fact]
    public void Final_without_history_equals_the_full_run()
    {
        var (positions, turns) = SpatialModel.Final(Oracle.Dummy3Dim());
        Assert.Equal(Reference.Turns.Count, turns);
        for (var a = 0; a < 7; a++)
        {
            for (var d = 0; d < 3; d++)
            {
                Assert.Equal(Reference.Final.Positions[a][d], 100.0 * positions[(a * 3) + d]);
            }
        }
    }
}
