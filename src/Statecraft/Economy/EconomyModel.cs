namespace Statecraft.Economy;

/// <summary>
/// The quarterly, foreign-exchange-constrained model of the North Korean economy (docs/model.md,
/// "Economy"). <see cref="Simulate"/> is a pure function of the parameters, the instruments in force
/// each quarter and the shocks: it writes every quarter into a preallocated <see cref="EconomyPath"/>
/// and allocates nothing.
/// </summary>
public static class EconomyModel
{
    private const int Lines = 8;
    private const int Partners = 3;

    /// <summary>Quarter ordinal of 2016Q1, the calibration year's first quarter.</summary>
    public static readonly int BaseOrdinal = new Scenarios.Quarter(2016, 1).Ordinal;

    /// <summary>Runs the model over every quarter of <paramref name="instruments"/>.</summary>
    public static void Simulate(EconomyParameters p, InstrumentPath instruments, Shocks shocks, EconomyPath path)
    {
        var quarters = instruments.Quarters;
        if (shocks.Quarters < quarters || path.Quarters < quarters)
            throw new ArgumentException("shocks and path must cover every quarter of the instruments");

        var state = EconomyState.Initial(p);
        for (var q = 0; q < quarters; q++) Step(p, instruments, shocks, path, q, ref state);
    }

    /// <summary>
    /// Advances the economy by quarter <paramref name="q"/>: reads that quarter's instruments and
    /// shocks, writes that quarter of <paramref name="path"/> and carries <paramref name="state"/>
    /// (and the openness of each line in the path) to the next quarter. The negotiation game calls
    /// this once a quarter after setting the quarter's instruments from its own state.
    /// </summary>
    public static void Step(EconomyParameters p, InstrumentPath instruments, Shocks shocks, EconomyPath path, int q, ref EconomyState state)
    {
        var ordinal = instruments.FirstQuarterOrdinal + q;
        Step(p, instruments, shocks, path, q, ref state, Trend(p, ordinal), Population(p, ordinal));
    }

    /// <summary>
    /// <see cref="Step(EconomyParameters, InstrumentPath, Shocks, EconomyPath, int, ref EconomyState)"/> with the
    /// quarter's trend productivity and population index given: the game plays thousands of trajectories over the
    /// same quarters and takes them from a table (<see cref="Trend"/> and <see cref="Population"/> of the quarter's
    /// ordinal, the same numbers bit for bit) instead of two powers a quarter.
    /// </summary>
    public static void Step(EconomyParameters p, InstrumentPath instruments, Shocks shocks, EconomyPath path, int q, ref EconomyState state, double trend, double population)
    {
        var potential = p.PotentialMusd.AsSpan();
        var reference = p.ReferenceMusd.AsSpan();
        var ramp = p.RampUp.AsSpan();
        var take = p.RegimeTake.AsSpan();
        var share = p.SectorShare.AsSpan();
        var dependence = p.SectorExportDependence.AsSpan();
        var elasticity = p.SectorInputElasticity.AsSpan();
        var importBase = p.ImportBaseMusd.AsSpan();
        var openness = path.Openness.AsSpan();

        var nu = p.TextileNetFxShare;
        var quarterGdpMusd = p.GdpMusd2016 / 4.0;
        var household2016 = p.HouseholdIncomeMusd2016 / 4.0;

        // Reference earnings of each sector's lines (2016), net of processing materials.
        var refMining = reference[(int)ExportLine.Coal] + reference[(int)ExportLine.IronOreMetals];
        var refManufacturing = (nu * reference[(int)ExportLine.Textiles]) + reference[(int)ExportLine.OtherGoods] + reference[(int)ExportLine.SezOutput];
        var refAgriculture = reference[(int)ExportLine.Seafood];
        var refServices = reference[(int)ExportLine.Tourism] + reference[(int)ExportLine.OverseasLabour];

        // State carried between quarters: stocks of imported inputs, substitution, capital, reform, holdings.
        double stock = state.Stock, substitution = state.Substitution, capital = state.Capital, reform = state.Reform, reserves = state.Reserves;

        {
            var productivity = trend * (1.0 + (p.ReformProductivity * reform));
            var closure = instruments.BorderClosure[q];
            var shift = p.ReformDiversification * reform;
            var enfBase = q * Partners;
            var biteBase = q * Lines * Partners;

            // ---- export lines: potential x openness, openness ramping up after relief
            double recordedExports = 0, exportsToChina = 0, freeFx = 0, blockedGoods = 0, revenueFromGdp = 0;
            double mining = 0, manufacturing = 0, agriculture = 0, services = 0;
            // The quarter's slices, read once: this loop runs every quarter of every trajectory.
            var lineBite = instruments.LineBite.AsSpan(biteBase, Lines * Partners);
            var zoneWages = instruments.ZoneWagesMusd.AsSpan(enfBase, Partners);
            var exports = path.Exports.AsSpan(q * Lines, Lines);
            var enforcementChina = instruments.Enforcement[enfBase + (int)Partner.China];
            var enforcementSouth = instruments.Enforcement[enfBase + (int)Partner.SouthKorea];
            var enforcementOther = instruments.Enforcement[enfBase + (int)Partner.Other];
            var started = state.Started;
            var keepShift = 1.0 - shift;
            var acrossBorder = 1.0 - closure;
            var directHire = instruments.DirectHire[q];
            for (var l = 0; l < Lines; l++)
            {
                var line = (ExportLine)l;
                var recorded = l <= (int)ExportLine.OtherGoods;
                var b = l * Partners;

                // Reform moves part of China's potential to other partners, keeping the line's total.
                double potChina = potential[b], potSouth = potential[b + 1], potOther = potential[b + 2];
                if (recorded)
                {
                    potOther += potChina * shift;
                    potChina *= keepShift;
                }

                var rampLine = ramp[l];
                var openChina = Open(ref openness[b], 1.0 - (lineBite[b] * enforcementChina), started, rampLine);
                var openSouth = Open(ref openness[b + 1], 1.0 - (lineBite[b + 1] * enforcementSouth), started, rampLine);
                var openOther = Open(ref openness[b + 2], 1.0 - (lineBite[b + 2] * enforcementOther), started, rampLine);
                var flowOpenChina = potChina * productivity / 4.0;
                var flowOpenSouth = potSouth * productivity / 4.0;
                var flowOpenOther = potOther * productivity / 4.0;
                var flowChina = flowOpenChina * openChina;
                var flowSouth = flowOpenSouth * openSouth;
                var flowOther = flowOpenOther * openOther;
                double blocked = 0;
                blocked += flowOpenChina - flowChina;
                blocked += flowOpenSouth - flowSouth;
                blocked += flowOpenOther - flowOther;

                // Wages at zones a roadmap supports beyond Kaesong: exempted projects, outside the bites.
                if (line == ExportLine.SezOutput)
                {
                    flowChina += zoneWages[0] * trend / 4.0;
                    flowSouth += zoneWages[1] * trend / 4.0;
                    flowOther += zoneWages[2] * trend / 4.0;
                }

                // Overseas workers stay abroad through a border closure; everything else crosses it.
                if (line != ExportLine.OverseasLabour)
                {
                    flowChina *= acrossBorder;
                    flowSouth *= acrossBorder;
                    flowOther *= acrossBorder;
                }

                double earned = 0;
                earned += flowChina;
                earned += flowSouth;
                earned += flowOther;
                exports[l] = earned;
                var net = line == ExportLine.Textiles ? nu * earned : earned;
                freeFx += net;
                // Direct hire and pay applies to the share of SEZ wages earned in zones with that condition.
                var lineTake = line == ExportLine.SezOutput
                    ? (directHire * p.DirectHireTake) + ((1.0 - directHire) * take[l])
                    : take[l];
                revenueFromGdp += lineTake * net;
                if (recorded)
                {
                    recordedExports += earned;
                    exportsToChina += 0.0 + flowChina;
                    blockedGoods += blocked;
                }

                switch (line)
                {
                    case ExportLine.Coal or ExportLine.IronOreMetals: mining += earned + (p.Leakage * blocked * acrossBorder); break;
                    case ExportLine.Seafood: agriculture += earned; break;
                    case ExportLine.Textiles or ExportLine.OtherGoods or ExportLine.SezOutput: manufacturing += net; break;
                    default: services += earned; break;
                }
            }

            // ---- foreign exchange: earnings, investment, aid, unrecorded and off-book inflows
            // Smuggling needs an open border too.
            var offBook = p.Leakage * blockedGoods * (1.0 - closure);
            var unrecorded = p.UnrecordedInflowMusd * trend / 4.0;
            freeFx += ((p.FdiMusd + p.AidMusd) * trend / 4.0) + (instruments.ExtraAidMusd[q] / 4.0) + unrecorded + offBook;

            // ---- imports: demand at trend, minus what measures block, limited by foreign exchange
            var chinaImports = p.ImportChinaShare * (1.0 - shift);
            var importEnforcement = (chinaImports * instruments.Enforcement[enfBase + (int)Partner.China])
                + ((1.0 - chinaImports) * instruments.Enforcement[enfBase + (int)Partner.Other]);
            double demandInputs = 0, required = 0;
            var catBase = q * Exposure.Categories;
            for (var c = 0; c < Exposure.Categories; c++)
            {
                if (c == (int)ImportCategory.ProcessingMaterials) continue;
                var demand = importBase[c] * trend / 4.0;
                demandInputs += demand;
                var permitted = demand * (1.0 - (instruments.ImportBite[catBase + c] * importEnforcement));
                // The crude pipeline kept running through border closures.
                if (c != (int)ImportCategory.CrudeOil)
                {
                    permitted *= 1.0 - closure;
                    required += permitted;
                }
                path.Imports[catBase + c] = permitted;
            }

            var gap = required - freeFx;
            var planned = p.PlannedReserveDrawMusd * trend / 4.0;
            double rationing = 1.0;
            if (gap <= 0)
            {
                reserves -= gap;
            }
            else
            {
                var wanted = gap <= planned ? gap : planned + (p.ReserveCover * (gap - planned));
                var draw = Math.Min(wanted, p.ReserveDrawLimit * reserves);
                reserves -= draw;
                rationing = Math.Clamp((freeFx + draw) / required, 0.0, 1.0);
            }

            double inputs = 0, recordedImports = 0;
            for (var c = 0; c < Exposure.Categories; c++)
            {
                var i = catBase + c;
                if (c == (int)ImportCategory.ProcessingMaterials)
                {
                    path.Imports[i] = (1.0 - nu) * path.Exports[(q * Lines) + (int)ExportLine.Textiles];
                }
                else
                {
                    if (c != (int)ImportCategory.CrudeOil) path.Imports[i] *= rationing;
                    inputs += path.Imports[i];
                }
                recordedImports += path.Imports[i];
            }

            // ---- imported inputs: stocks smooth shortages; domestic substitutes grow while they last
            var raw = inputs / demandInputs;
            stock += p.StockpileRate * (raw - stock);
            substitution += stock < 1.0 - 1e-12
                ? p.SubstitutionRate * (p.SubstitutionMax - substitution)
                : -p.SubstitutionRate * substitution;
            var effective = 1.0 - ((1.0 - stock) * (1.0 - substitution));

            // ---- sector output
            var capitalFactor = Math.Pow(capital, p.CapitalShare);
            // Every sector raises the same input index to its own elasticity: one logarithm, then x^e = exp(e ln x).
            var logEffective = effective > 0.0 ? Math.Log(effective) : 0.0;
            var common = 100.0 * productivity * capitalFactor;
            var trendQuarter = trend / 4.0;
            double gdp = 0;
            for (var s = 0; s < Exposure.Sectors; s++)
            {
                var exportIndex = (Sector)s switch
                {
                    Sector.Agriculture => Ratio(agriculture, refAgriculture * trendQuarter),
                    Sector.Mining => Ratio(mining, refMining * trendQuarter),
                    Sector.Manufacturing => Ratio(manufacturing, refManufacturing * trendQuarter),
                    Sector.Services => Ratio(services, refServices * trendQuarter),
                    _ => 1.0,
                };
                var inputFactor = effective == 1.0 ? 1.0 : effective > 0.0 ? Math.Exp(elasticity[s] * logEffective) : Math.Pow(effective, elasticity[s]);
                var output = common * share[s] * inputFactor
                    * (1.0 - dependence[s] + (dependence[s] * exportIndex));
                if (s == (int)Sector.Agriculture) output *= Math.Exp(shocks.Weather[q]);
                if (s == (int)Sector.Manufacturing && instruments.DomesticSourcing[q] > 0)
                {
                    var sezGross = instruments.DomesticSourcing[q] * path.Exports[(q * Lines) + (int)ExportLine.SezOutput] / p.SezWageShare;
                    output += 100.0 * p.DomesticSourcingShare * sezGross / quarterGdpMusd;
                }

                path.SectorOutput[(q * Exposure.Sectors) + s] = output;
                gdp += output;
            }

            // ---- income split between the regime's hard currency and households
            var gdpMusd = gdp / 100.0 * quarterGdpMusd;
            // The unrecorded inflow is a balancing item of either sign, not anyone's revenue; off-book
            // leakage income is the regime's.
            var regimeRevenue = revenueFromGdp + (p.OffBookTake * offBook);
            var households = Math.Max(0.0, ((1.0 - p.GovernmentShare) * gdpMusd) - revenueFromGdp);

            path.GdpIndex[q] = gdp;
            path.RecordedExportsMusd[q] = recordedExports;
            path.RecordedImportsMusd[q] = recordedImports;
            path.ChinaTradeMusd[q] = exportsToChina + path.Imports[catBase + (int)ImportCategory.CrudeOil]
                + (chinaImports * (recordedImports - path.Imports[catBase + (int)ImportCategory.CrudeOil]));
            path.ForeignExchangeIncomeMusd[q] = freeFx;
            path.OffBookMusd[q] = offBook;
            path.ReservesMusd[q] = reserves;
            path.ImportRationing[q] = rationing;
            path.InputIndex[q] = effective;
            path.Capital[q] = capital;
            path.RegimeRevenueMusd[q] = regimeRevenue;
            path.HouseholdIncomeMusd[q] = households;
            path.HouseholdIncomeIndex[q] = 100.0 * households / population / household2016;
            path.ReformIndex[q] = reform;

            // ---- state for next quarter: capital from investment, reform from assistance and milestones
            var capitalImports = path.Imports[catBase + (int)ImportCategory.CapitalGoods]
                / (importBase[(int)ImportCategory.CapitalGoods] * trendQuarter);
            var investment = (p.InvestmentImportWeight * capitalImports) + (1.0 - p.InvestmentImportWeight);
            capital = ((1.0 - p.Depreciation) * capital) + (p.Depreciation * investment);
            reform += ((p.TechnicalAssistanceRate * instruments.TechnicalAssistance[q]) + instruments.AccessionMilestone[q]) * (1.0 - reform);
            reform = Math.Min(reform, 1.0);
        }

        state = new EconomyState(stock, substitution, capital, reform, reserves, true);
    }

    /// <summary>Trend productivity in the quarter with this ordinal, relative to the 2016 average (the mid-point of 2016 is 1).</summary>
    public static double Trend(EconomyParameters p, int ordinal) => Math.Pow(1.0 + p.TrendGrowthQuarterly, ordinal - BaseOrdinal - 1.5);

    /// <summary>Population in the quarter with this ordinal, relative to the 2016 average (households' income is per person).</summary>
    public static double Population(EconomyParameters p, int ordinal) => Math.Pow(1.0 + p.PopulationGrowthQuarterly, ordinal - BaseOrdinal - 1.5);

    /// <summary>A line's openness this quarter: at once down to a tighter target, ramping up towards a looser one.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double Open(ref double openness, double target, bool started, double ramp)
    {
        var open = !started || target < openness ? target : openness + (ramp * (target - openness));
        openness = open;
        return open;
    }

    private static double Ratio(double value, double reference) => reference > 0 ? value / reference : 1.0;
}

/// <summary>
/// What the economy carries from one quarter to the next besides the lines' openness (kept in the
/// path): stocks of imported inputs, domestic substitution, capital, the reform index and
/// foreign-exchange holdings. A value type, so a game can keep a copy without allocating.
/// </summary>
public readonly record struct EconomyState(double Stock, double Substitution, double Capital, double Reform, double Reserves, bool Started)
{
    /// <summary>The state at the calibration base (2016Q1): full stocks, no substitution, capital 1, no reform, 2016 holdings.</summary>
    public static EconomyState Initial(EconomyParameters p) => new(1.0, 0.0, 1.0, 0.0, p.ReservesMusd, false);
}
