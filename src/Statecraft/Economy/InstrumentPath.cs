namespace Statecraft.Economy;

/// <summary>
/// What is in force in each quarter, compiled to flat arrays the model reads by index: the share of
/// each export line and import category that the measures in force would remove if fully enforced,
/// each partner's enforcement, border closures, and the development instruments. Built by
/// <see cref="InstrumentCompiler"/>; the model never sees a measure id or a date.
/// </summary>
public sealed class InstrumentPath
{
    public InstrumentPath(int firstQuarterOrdinal, int quarters)
    {
        if (quarters <= 0) throw new ArgumentOutOfRangeException(nameof(quarters), "a path needs at least one quarter");
        FirstQuarterOrdinal = firstQuarterOrdinal;
        Quarters = quarters;
        LineBite = new double[quarters * Exposure.Lines * Exposure.Partners];
        ImportBite = new double[quarters * Exposure.Categories];
        Enforcement = new double[quarters * Exposure.Partners];
        BorderClosure = new double[quarters];
        TechnicalAssistance = new double[quarters];
        AccessionMilestone = new double[quarters];
        DirectHire = new double[quarters];
        DomesticSourcing = new double[quarters];
        ExtraAidMusd = new double[quarters];
        ZoneWagesMusd = new double[quarters * Exposure.Partners];
    }

    /// <summary><see cref="Scenarios.Quarter.Ordinal"/> of the first quarter.</summary>
    public int FirstQuarterOrdinal { get; }

    public int Quarters { get; }

    /// <summary>[quarter, line, partner]: share of the line's flow with that partner blocked under full enforcement.</summary>
    public double[] LineBite { get; }

    /// <summary>[quarter, category]: share of import demand blocked under full enforcement.</summary>
    public double[] ImportBite { get; }

    /// <summary>[quarter, partner]: share of a binding measure's bite the partner enforces, 0..1.</summary>
    public double[] Enforcement { get; }

    /// <summary>[quarter]: share of cross-border trade and tourism stopped by a border closure, 0..1.</summary>
    public double[] BorderClosure { get; }

    /// <summary>[quarter]: intensity of technical assistance for economic governance, 0..1.</summary>
    public double[] TechnicalAssistance { get; }

    /// <summary>[quarter]: share of the remaining reform gap closed by an accession milestone reached that quarter.</summary>
    public double[] AccessionMilestone { get; }

    /// <summary>[quarter]: share of SEZ wages earned in zones under the direct-hire-and-pay condition, 0..1.</summary>
    public double[] DirectHire { get; }

    /// <summary>[quarter]: share of SEZ output made in zones under the domestic-sourcing condition, 0..1.</summary>
    public double[] DomesticSourcing { get; }

    /// <summary>[quarter, partner]: wages earned at zones a roadmap supports beyond Kaesong, USD m a year at 2016 productivity, by the investors' partner.</summary>
    public double[] ZoneWagesMusd { get; }

    /// <summary>[quarter]: aid or development finance beyond the 2016 level, USD m a year.</summary>
    public double[] ExtraAidMusd { get; }

    public int LineIndex(int quarter, ExportLine line, Partner partner) =>
        (quarter * Exposure.Lines * Exposure.Partners) + Exposure.At(line, partner);

    public int CategoryIndex(int quarter, ImportCategory category) => (quarter * Exposure.Categories) + (int)category;

    public int PartnerIndex(int quarter, Partner partner) => (quarter * Exposure.Partners) + (int)partner;

    /// <summary>A deep copy, for changing one instrument while keeping the original.</summary>
    public InstrumentPath Copy()
    {
        var copy = new InstrumentPath(FirstQuarterOrdinal, Quarters);
        LineBite.CopyTo(copy.LineBite, 0);
        ImportBite.CopyTo(copy.ImportBite, 0);
        Enforcement.CopyTo(copy.Enforcement, 0);
        BorderClosure.CopyTo(copy.BorderClosure, 0);
        TechnicalAssistance.CopyTo(copy.TechnicalAssistance, 0);
        AccessionMilestone.CopyTo(copy.AccessionMilestone, 0);
        DirectHire.CopyTo(copy.DirectHire, 0);
        DomesticSourcing.CopyTo(copy.DomesticSourcing, 0);
        ExtraAidMusd.CopyTo(copy.ExtraAidMusd, 0);
        ZoneWagesMusd.CopyTo(copy.ZoneWagesMusd, 0);
        return copy;
    }
}

/// <summary>Random or historical disturbances, one value per quarter.</summary>
public sealed class Shocks
{
    public Shocks(int quarters)
    {
        Weather = new double[quarters];
    }

    /// <summary>[quarter]: agricultural output deviation in log points (0 = normal weather).</summary>
    public double[] Weather { get; }

    public int Quarters => Weather.Length;

    /// <summary>Normal weather throughout.</summary>
    public static Shocks None(int quarters) => new(quarters);

    /// <summary>
    /// Independent normal harvest shocks with the given standard deviation, one per calendar year
    /// (there is one main harvest), applied to every quarter of that year. <paramref name="firstQuarterNumber"/>
    /// is the calendar quarter (1-4) of the path's first quarter. Draws from the random source passed in.
    /// </summary>
    public static Shocks Draw(int quarters, double weatherSd, Random random, int firstQuarterNumber = 1)
    {
        var shocks = new Shocks(quarters);
        var shock = 0.0;
        for (var q = 0; q < quarters; q++)
        {
            if (q == 0 || (firstQuarterNumber - 1 + q) % 4 == 0)
            {
                // Box–Muller: one normal from two uniforms.
                var u1 = 1.0 - random.NextDouble();
                var u2 = random.NextDouble();
                shock = weatherSd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            }
            shocks.Weather[q] = shock;
        }
        return shocks;
    }
}
