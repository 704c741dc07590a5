using System.Globalization;
using System.Text;
using Statecraft.Bargaining;

namespace Statecraft.Tests.Bargaining;

/// <summary>
/// The library's models against the literal restatements in <see cref="LiteralModels"/> on random
/// tables the reference runs do not cover: shared and duplicated positions, zero saliences, one to
/// four dimensions, vector tails of every length, one and two workers. Equal to the last bit.
/// </summary>
public sealed class LiteralAgreementTests
{
    [Fact]
    public void EUM_positions_equal_the_literal_models_on_random_tables()
    {
        var rng = new Random(2018);
        for (var k = 0; k < 40; k++)
        {
            var n = rng.Next(2, 13);
            var text = new StringBuilder("Actor,Capability,Position,Salience\n");
            for (var i = 0; i < n; i++)
            {
                // A coarse grid of positions, so actors share them (the case the library computes once per position).
                text.Append(CultureInfo.InvariantCulture, $"A{i},{rng.NextDouble():F3},{rng.Next(0, 6) * 2.5},{rng.NextDouble():F2}\n");
            }

            if (EumTable.Parse(text.ToString(), "random.csv").Table is not { } table)
            {
                continue;
            }

            var ours = ExpectedUtilityModel.Run(table, 6);
            var literal = LiteralModels.Eum(table, 6);
            for (var t = 0; t <= 6; t++)
            {
                Assert.Equal(literal[t], ours.Rounds[t].Positions);
            }
        }
    }

    [Fact]
    public void SMP_states_and_probabilities_equal_the_literal_models_on_random_tables()
    {
        var rng = new Random(1718);
        for (var k = 0; k < 16; k++)
        {
            var n = rng.Next(3, 19);
            var dims = rng.Next(1, 5);
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"Random,random,{n},{dims},\nActor,Description,Power");
            for (var d = 0; d < dims; d++)
            {
                text.Append(CultureInfo.InvariantCulture, $",P{d},S{d}");
            }

            text.Append('\n');
            for (var i = 0; i < n; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"A{i},x,{1 + (rng.NextDouble() * 99):F3}");
                for (var d = 0; d < dims; d++)
                {
                    // Some shared positions and some zero saliences (one dimension always keeps a salience).
                    var position = rng.Next(4) == 0 ? 50.0 : rng.NextDouble() * 100;
                    var salience = d > 0 && rng.Next(5) == 0 ? 0 : 5 + (rng.NextDouble() * (90.0 / dims));
                    text.Append(CultureInfo.InvariantCulture, $",{position:F2},{salience:F2}");
                }

                text.Append('\n');
            }

            var table = SmpTable.Parse(text.ToString(), "random.csv").Table!;
            var (states, probabilities) = LiteralModels.Smp(table);
            foreach (var threads in new[] { 1, 2 })
            {
                var ours = SpatialModel.Run(table, threads);
                Assert.Equal(states.Count, ours.States.Count);
                for (var t = 0; t < states.Count; t++)
                {
                    for (var i = 0; i < n; i++)
                    {
                        Assert.Equal(states[t][i].Select(v => 100.0 * v), ours.States[t].Positions[i]);
                    }
                }

                Assert.Equal(probabilities, ours.Final.WinProbabilities);
            }
        }
    }
}
