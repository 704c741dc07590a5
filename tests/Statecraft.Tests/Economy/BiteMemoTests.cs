using Statecraft.Economy;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Tests.Economy;

/// <summary>The memo of bites gives exactly what the catalog pass gives, for any sets, quarters and order of asking.</summary>
public sealed class BiteMemoTests
{
    [Fact]
    public void Remembered_bites_are_the_computed_bites()
    {
        var bites = new SanctionBites(Catalog.Korea.Measures);
        var memo = new BiteMemo(bites);
        var random = new Random(17);
        var lines = Exposure.Lines * Exposure.Partners;
        var scratch = new double[SanctionBites.ScratchLength];
        // A few sets asked for again and again (as a trajectory does), many quarters across the phase-ins,
        // now and then a fractional share (not remembered) and a fresh random set (collisions in the table).
        var sets = Enumerable.Range(0, 6).Select(_ => Enumerable.Range(0, bites.Count).Select(_ => random.NextDouble() < 0.5 ? 1.0 : 0.0).ToArray()).ToList();
        var first = new Quarter(2017, 1).Ordinal;
        for (var i = 0; i < 3000; i++)
        {
            var share = random.Next(10) switch
            {
                0 => Enumerable.Range(0, bites.Count).Select(_ => random.NextDouble() < 0.5 ? 1.0 : 0.0).ToArray(),
                1 => Enumerable.Range(0, bites.Count).Select(_ => random.NextDouble() < 0.2 ? random.NextDouble() : 1.0).ToArray(),
                _ => sets[random.Next(sets.Count)],
            };
            var ordinal = first + random.Next(20);
            var expectedLine = new double[lines];
            var expectedImport = new double[Exposure.Categories];
            bites.Fill(share, ordinal, expectedLine, expectedImport, scratch);
            var line = new double[lines];
            var import = new double[Exposure.Categories];
            memo.Fill(share, ordinal, line, import);
            Assert.Equal(expectedLine, line);
            Assert.Equal(expectedImport, import);
        }
    }
}
