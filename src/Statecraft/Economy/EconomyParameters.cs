using System.Collections.Immutable;

namespace Statecraft.Economy;

/// <summary>
/// Everything the economy model needs besides the instruments and shocks. Structural values come
/// from <see cref="Calibration"/> (the 2016 structure in the dataset); behavioural values are
/// named assumptions whose defaults, ranges and reasons are listed in <see cref="EconomyAssumptions"/>
/// and docs/model.md. Flows are USD million a year at 2016 prices and productivity.
/// </summary>
public sealed record EconomyParameters
{
    // ---- structure (calibrated by rule from the 2016 data)

    /// <summary>Foreign-exchange earnings each line would bring with no measure in force, [line, partner] (<see cref="Exposure.At"/>).</summary>
    public required ImmutableArray<double> PotentialMusd { get; init; }

    /// <summary>2016 earnings of each line as observed (the reference the sectors' export dependence is measured against).</summary>
    public required ImmutableArray<double> ReferenceMusd { get; init; }

    /// <summary>Import demand per category at 2016 productivity (processing materials are tied to garments instead).</summary>
    public required ImmutableArray<double> ImportBaseMusd { get; init; }

    /// <summary>China's share of imports other than pipeline crude, 2016.</summary>
    public required double ImportChinaShare { get; init; }

    /// <summary>Sector shares of GDP in 2016, summing to 1.</summary>
    public required ImmutableArray<double> SectorShare { get; init; }

    /// <summary>Share of each sector's value added that its export lines carry in 2016.</summary>
    public required ImmutableArray<double> SectorExportDependence { get; init; }

    /// <summary>Elasticity of each sector's output to the effective imported-input index.</summary>
    public required ImmutableArray<double> SectorInputElasticity { get; init; }

    /// <summary>Nominal GDP (GNI) 2016 in USD million.</summary>
    public required double GdpMusd2016 { get; init; }

    /// <summary>Net foreign exchange of processing-on-commission garments as a share of gross exports.</summary>
    public required double TextileNetFxShare { get; init; }

    /// <summary>Foreign direct investment inflow, USD m a year.</summary>
    public required double FdiMusd { get; init; }

    /// <summary>Humanitarian aid received, USD m a year.</summary>
    public required double AidMusd { get; init; }

    /// <summary>Unrecorded net inflows (off-book income net of unrecorded payments) that close the 2016 foreign-exchange balance.</summary>
    public required double UnrecordedInflowMusd { get; init; }

    /// <summary>Yearly drawdown of holdings the regime accepted in 2016 (the observed change), USD m a year.</summary>
    public required double PlannedReserveDrawMusd { get; init; }

    /// <summary>Foreign-exchange holdings the regime controls at the start of 2016, USD m.</summary>
    public required double ReservesMusd { get; init; }

    /// <summary>Population at 2016, million.</summary>
    public required double PopulationMillion { get; init; }

    /// <summary>Population growth per quarter.</summary>
    public required double PopulationGrowthQuarterly { get; init; }

    /// <summary>Government's own share of GDP (public administration and services), not household income.</summary>
    public required double GovernmentShare { get; init; }

    /// <summary>Household income in 2016, USD m a year: the 100 of the household income index.</summary>
    public required double HouseholdIncomeMusd2016 { get; init; }

    /// <summary>Trend productivity growth per quarter (least squares on 2012–2016 growth).</summary>
    public required double TrendGrowthQuarterly { get; init; }

    // ---- behaviour (named assumptions; see EconomyAssumptions)

    /// <summary>Share of the remaining gap a relieved line closes each quarter.</summary>
    public required ImmutableArray<double> RampUp { get; init; }

    /// <summary>Share of each line's net foreign exchange the regime keeps.</summary>
    public required ImmutableArray<double> RegimeTake { get; init; }

    /// <summary>Regime take of SEZ wages when workers are hired and paid directly.</summary>
    public required double DirectHireTake { get; init; }

    /// <summary>Domestic inputs bought by SEZ firms under the domestic-sourcing condition, as a share of SEZ gross output.</summary>
    public required double DomesticSourcingShare { get; init; }

    /// <summary>SEZ wages (the line's earnings) as a share of SEZ gross output.</summary>
    public required double SezWageShare { get; init; }

    /// <summary>Share of the value of blocked goods exports recouped off the books (ship-to-ship transfers, smuggling).</summary>
    public required double Leakage { get; init; }

    /// <summary>Regime take of off-book income.</summary>
    public required double OffBookTake { get; init; }

    /// <summary>Share of a foreign-exchange shortfall the regime covers from its holdings.</summary>
    public required double ReserveCover { get; init; }

    /// <summary>Largest share of holdings drawn in one quarter.</summary>
    public required double ReserveDrawLimit { get; init; }

    /// <summary>Share of the gap between stocks and current imported inputs closed each quarter (1/quarters of stock).</summary>
    public required double StockpileRate { get; init; }

    /// <summary>Quarterly speed at which domestic substitutes replace missing imported inputs.</summary>
    public required double SubstitutionRate { get; init; }

    /// <summary>Largest share of missing imported inputs that domestic substitutes can replace.</summary>
    public required double SubstitutionMax { get; init; }

    /// <summary>Output elasticity of capital.</summary>
    public required double CapitalShare { get; init; }

    /// <summary>Depreciation per quarter.</summary>
    public required double Depreciation { get; init; }

    /// <summary>Weight of imported capital goods in investment.</summary>
    public required double InvestmentImportWeight { get; init; }

    /// <summary>Productivity gain at full reform (reform index 1).</summary>
    public required double ReformProductivity { get; init; }

    /// <summary>Share of China's trade moved to other partners at full reform.</summary>
    public required double ReformDiversification { get; init; }

    /// <summary>Share of the remaining reform gap closed per quarter of full technical assistance.</summary>
    public required double TechnicalAssistanceRate { get; init; }

    /// <summary>Standard deviation of the quarterly agricultural weather shock (log points), for draws.</summary>
    public required double WeatherSd { get; init; }
}
