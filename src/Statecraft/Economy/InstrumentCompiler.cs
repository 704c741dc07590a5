using System.Collections.Immutable;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Economy;

/// <summary>How hard a measure bites on one activity, when it is less than a full ban.</summary>
public sealed record MeasureBite(string MeasureId, string Activity, double Intensity, int PhaseInQuarters, string Basis);

/// <summary>
/// Compiles a <see cref="Timeline"/> into an <see cref="InstrumentPath"/>: for each quarter, the share
/// of each line and import category that the measures in force block, partner by partner.
/// </summary>
public static class InstrumentCompiler
{
    /// <summary>
    /// Caps, exemptions and phase-ins: everything else in force is a full ban of what it blocks.
    /// Activity "*" applies to all activities of the measure not listed separately.
    /// </summary>
    public static readonly ImmutableArray<MeasureBite> Bites =
    [
        new("UNSC-2270-29", "*", 0.2, 0,
            "the livelihood exemption left most coal and iron trade legal; 2016 exports did not fall (KOTRA)"),
        new("UNSC-2321-26", "export:coal", 1.0 - (400.87 / 1200.0), 0,
            "cap of USD 400.87m a year against USD 1,200m of coal exports in 2016 (export_mix.coal_musd)"),
        new("UNSC-2321-26", "*", 0.2, 0, "iron and iron ore kept the livelihood exemption until resolution 2371"),
        new("UNSC-2371-11", "*", 0.0, 0, "a freeze on the number of work authorisations removes no current earnings"),
        new("UNSC-2371-12", "joint_venture:existing", 0.0, 0, "resolution 2371 barred new and expanded joint ventures only"),
        new("UNSC-2375-14", "*", 1.0 - (2.0 / 4.5), 0,
            "cap of 2 million barrels a year against 4.5 million barrels of refined imports (oil_energy.refined_imports_12m_before_sep2017_million_bbl)"),
        new("UNSC-2375-15", "*", 0.0, 0, "crude capped at the previous twelve months' supply"),
        new("UNSC-2375-17", "*", 1.0, 12, "no new work authorisations: earnings fall as contracts of about three years expire"),
        new("UNSC-2375-18", "*", 1.0, 2, "existing joint ventures to close within 120 days"),
        new("UNSC-2397-4", "*", 0.0, 0, "crude cap of 4 million barrels: about the pipeline's supply"),
        new("UNSC-2397-5", "*", 1.0 - (0.5 / 4.5), 0,
            "cap of 0.5 million barrels a year against 4.5 million barrels of refined imports"),
        new("UNSC-2397-8", "*", 1.0, 8, "all workers repatriated within 24 months (by 22 December 2019)"),
        new("UNSC-2397-27", "*", 0.0, 0, "reporting and adjustment of the oil caps: no bite of its own"),
    ];

    /// <summary>Builds the instruments for <paramref name="quarters"/> quarters from <paramref name="first"/>.</summary>
    public static InstrumentPath Compile(Timeline timeline, Quarter first, int quarters, double? enforcementPosition = null)
    {
        var path = new InstrumentPath(first.Ordinal, quarters);
        var bites = new SanctionBites(timeline.Measures);
        var share = new double[bites.Count];
        var scratch = new double[SanctionBites.ScratchLength];
        var linesPerQuarter = Exposure.Lines * Exposure.Partners;

        for (var q = 0; q < quarters; q++)
        {
            var quarter = first.Plus(q);
            var start = quarter.FirstDay;
            var end = quarter.Plus(1).FirstDay;
            var days = end.DayNumber - start.DayNumber;

            foreach (var enforcement in timeline.Enforcement)
                path.Enforcement[path.PartnerIndex(q, enforcement.Partner)] = enforcement.At(quarter, enforcementPosition);

            foreach (var shock in timeline.BorderClosures)
            {
                if (quarter.CompareTo(shock.From) >= 0 && quarter.CompareTo(shock.Until) <= 0)
                    path.BorderClosure[q] = Math.Max(path.BorderClosure[q], shock.Intensity);
            }

            // A measure in force for part of the quarter bites in proportion to the days.
            for (var m = 0; m < bites.Count; m++) share[m] = ShareOfQuarterInForce(bites.Measures[m], start, end, days);
            bites.Fill(share, quarter.Ordinal,
                path.LineBite.AsSpan(q * linesPerQuarter, linesPerQuarter),
                path.ImportBite.AsSpan(q * Exposure.Categories, Exposure.Categories),
                scratch);
        }

        return path;
    }

    /// <summary>
    /// The partners a measure binds, for the economy: UN decisions bind every partner; South Korea's
    /// measures bind inter-Korean flows. US and Japanese measures bind persons who no longer trade
    /// with the North at all, and secondary sanctions act through other partners' enforcement, which
    /// the enforcement paths carry; counting them again here would double their effect.
    /// </summary>
    public static ImmutableArray<Partner> Bound(Measure measure) => measure switch
    {
        { Binds: Binding.Everyone } => [Partner.China, Partner.SouthKorea, Partner.Other],
        { Issuer: Issuer.Rok } => [Partner.SouthKorea],
        _ => [],
    };

    private static double ShareOfQuarterInForce(Measure measure, DateOnly start, DateOnly end, int days)
    {
        var from = measure.InForce > start ? measure.InForce : start;
        var until = measure.Ended is { } ended && ended < end ? ended : end;
        return Math.Max(0, until.DayNumber - from.DayNumber) / (double)days;
    }
}
