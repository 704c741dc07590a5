namespace Statecraft.Economy;

/// <summary>
/// One simulated path of the economy, quarter by quarter, in preallocated flat arrays so that a
/// Monte Carlo run can reuse one path per worker. Flows are USD million in the quarter.
/// </summary>
public sealed class EconomyPath
{
    public EconomyPath(int quarters)
    {
        Quarters = quarters;
        GdpIndex = new double[quarters];
        SectorOutput = new double[quarters * Exposure.Sectors];
        Exports = new double[quarters * Exposure.Lines];
        Imports = new double[quarters * Exposure.Categories];
        RecordedExportsMusd = new double[quarters];
        RecordedImportsMusd = new double[quarters];
        ChinaTradeMusd = new double[quarters];
        ForeignExchangeIncomeMusd = new double[quarters];
        OffBookMusd = new double[quarters];
        ReservesMusd = new double[quarters];
        ImportRationing = new double[quarters];
        InputIndex = new double[quarters];
        Capital = new double[quarters];
        RegimeRevenueMusd = new double[quarters];
        HouseholdIncomeMusd = new double[quarters];
        HouseholdIncomeIndex = new double[quarters];
        ReformIndex = new double[quarters];
        Openness = new double[Exposure.Lines * Exposure.Partners];
    }

    public int Quarters { get; }

    /// <summary>Real GDP, 2016 = 100 (quarterly values average 100 over 2016 at calibration).</summary>
    public double[] GdpIndex { get; }

    /// <summary>[quarter, sector]: real output in GDP index points.</summary>
    public double[] SectorOutput { get; }

    /// <summary>[quarter, line]: earnings of each export line, gross.</summary>
    public double[] Exports { get; }

    /// <summary>[quarter, category]: imports.</summary>
    public double[] Imports { get; }

    /// <summary>Recorded merchandise exports (the five goods lines), comparable with KOTRA.</summary>
    public double[] RecordedExportsMusd { get; }

    /// <summary>Recorded imports (all categories, crude included as KOTRA imputes it).</summary>
    public double[] RecordedImportsMusd { get; }

    /// <summary>Recorded trade with China, both directions.</summary>
    public double[] ChinaTradeMusd { get; }

    /// <summary>Foreign exchange free to spend: net line earnings, FDI, aid, unrecorded and off-book inflows.</summary>
    public double[] ForeignExchangeIncomeMusd { get; }

    /// <summary>Off-book income from leakage around measures.</summary>
    public double[] OffBookMusd { get; }

    /// <summary>Regime's foreign-exchange holdings at the end of the quarter.</summary>
    public double[] ReservesMusd { get; }

    /// <summary>Share of permitted import demand that could be paid for (1 = none rationed).</summary>
    public double[] ImportRationing { get; }

    /// <summary>Effective imported-input index after stocks and substitution (1 = 2016 supply).</summary>
    public double[] InputIndex { get; }

    /// <summary>Capital stock index (1 = 2016).</summary>
    public double[] Capital { get; }

    /// <summary>Regime hard-currency revenue.</summary>
    public double[] RegimeRevenueMusd { get; }

    /// <summary>Household income.</summary>
    public double[] HouseholdIncomeMusd { get; }

    /// <summary>Household income per person, 2016 = 100.</summary>
    public double[] HouseholdIncomeIndex { get; }

    /// <summary>Reform index, 0 (2016) to 1.</summary>
    public double[] ReformIndex { get; }

    /// <summary>Scratch: openness of each [line, partner] flow, carried between quarters.</summary>
    internal double[] Openness { get; }

    public double Sector(int quarter, Sector sector) => SectorOutput[(quarter * Exposure.Sectors) + (int)sector];

    public double Export(int quarter, ExportLine line) => Exports[(quarter * Exposure.Lines) + (int)line];

    public double Import(int quarter, ImportCategory category) => Imports[(quarter * Exposure.Categories) + (int)category];

    /// <summary>Household share of the income split between households and the regime's hard-currency revenue.</summary>
    public double HouseholdShare(int quarter) =>
        HouseholdIncomeMusd[quarter] / (HouseholdIncomeMusd[quarter] + RegimeRevenueMusd[quarter]);

    /// <summary>China's share of recorded trade.</summary>
    public double ChinaShare(int quarter) =>
        ChinaTradeMusd[quarter] / (RecordedExportsMusd[quarter] + RecordedImportsMusd[quarter]);
}
