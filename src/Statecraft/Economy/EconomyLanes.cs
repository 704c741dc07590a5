using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector512<double>;

namespace Statecraft.Economy;

/// <summary>
/// The economy of <see cref="EconomyModel.Step(EconomyParameters, InstrumentPath, Shocks, EconomyPath, int, ref EconomyState)"/>
/// advanced for <see cref="Width"/> trajectories at once, one SIMD lane each: the negotiation game plays
/// trajectories of the same roadmap in groups, and every equation of a quarter is the same for all of them
/// (only the numbers differ), so one vector instruction does the work of eight scalar ones. Each lane reads
/// its own trajectory's instruments and shocks and writes its own path, exactly as the scalar step does;
/// lanes never mix, so a trajectory's numbers do not depend on which others share its group.
/// <para>
/// The equations and their order of operations are the scalar step's, with branches that differ between
/// trajectories turned into per-lane selections. The powers and exponentials are the vector library's
/// (<see cref="Exp(Vector512{double})"/>, <see cref="Log(Vector512{double})"/>),
/// which agree with the scalar <see cref="Math.Exp"/> and <see cref="Math.Log(double)"/> to within a few units in
/// the last place; the game's trajectories are computed only here, so a trajectory's trace and its share of a
/// summary always agree bit for bit. A test compares the two steps over random instruments.
/// </para>
/// Allocates nothing after construction.
/// </summary>
public sealed class EconomyLanes
{
    /// <summary>Trajectories advanced together.</summary>
    public const int Width = 8;

    private const int Lines = 8;
    private const int Partners = 3;
    private const int Cells = Lines * Partners;

    // Each lane's arrays, looked up once: a quarter gathers some fifty inputs and scatters some forty outputs.
    private readonly double[][] instrumentAccessionMilestone = new double[Width][];
    private readonly double[][] instrumentBorderClosure = new double[Width][];
    private readonly double[][] instrumentDirectHire = new double[Width][];
    private readonly double[][] instrumentDomesticSourcing = new double[Width][];
    private readonly double[][] instrumentEnforcement = new double[Width][];
    private readonly double[][] instrumentExtraAidMusd = new double[Width][];
    private readonly double[][] instrumentImportBite = new double[Width][];
    private readonly double[][] instrumentLineBite = new double[Width][];
    private readonly double[][] instrumentTechnicalAssistance = new double[Width][];
    private readonly double[][] instrumentWeather = new double[Width][];
    private readonly double[][] instrumentZoneWagesMusd = new double[Width][];
    private readonly double[][] pathCapital = new double[Width][];
    private readonly double[][] pathChinaTradeMusd = new double[Width][];
    private readonly double[][] pathExports = new double[Width][];
    private readonly double[][] pathForeignExchangeIncomeMusd = new double[Width][];
    private readonly double[][] pathGdpIndex = new double[Width][];
    private readonly double[][] pathHouseholdIncomeIndex = new double[Width][];
    private readonly double[][] pathHouseholdIncomeMusd = new double[Width][];
    private readonly double[][] pathImportRationing = new double[Width][];
    private readonly double[][] pathImports = new double[Width][];
    private readonly double[][] pathInputIndex = new double[Width][];
    private readonly double[][] pathOffBookMusd = new double[Width][];
    private readonly double[][] pathRecordedExportsMusd = new double[Width][];
    private readonly double[][] pathRecordedImportsMusd = new double[Width][];
    private readonly double[][] pathReformIndex = new double[Width][];
    private readonly double[][] pathRegimeRevenueMusd = new double[Width][];
    private readonly double[][] pathReservesMusd = new double[Width][];
    private readonly double[][] pathSectorOutput = new double[Width][];
    private readonly V[] openness = new V[Cells];
    private readonly double[] lane = new double[Width];
    private V stock, substitution, capital, reform, reserves, notStarted;

    /// <summary>Lanes that all read and write one trajectory (the single-trajectory case: every lane computes the same numbers).</summary>
    public EconomyLanes(InstrumentPath instruments, Shocks shocks, EconomyPath path)
    {
        for (var l = 0; l < Width; l++) Attach(l, instruments, shocks, path);
    }

    /// <summary>Lanes over the given trajectories' instruments, shocks and paths (exactly <see cref="Width"/> of each).</summary>
    public EconomyLanes(IReadOnlyList<InstrumentPath> instruments, IReadOnlyList<Shocks> shocks, IReadOnlyList<EconomyPath> paths)
    {
        if (instruments.Count != Width || shocks.Count != Width || paths.Count != Width) throw new ArgumentException($"economy lanes need exactly {Width} trajectories");
        for (var l = 0; l < Width; l++) Attach(l, instruments[l], shocks[l], paths[l]);
    }

    private void Attach(int l, InstrumentPath i, Shocks s, EconomyPath p)
    {
        if (i.Quarters > s.Quarters || i.Quarters > p.Quarters) throw new ArgumentException("shocks and path must cover every quarter of the instruments");
        instrumentWeather[l] = s.Weather;
        instrumentAccessionMilestone[l] = i.AccessionMilestone;
        instrumentBorderClosure[l] = i.BorderClosure;
        instrumentDirectHire[l] = i.DirectHire;
        instrumentDomesticSourcing[l] = i.DomesticSourcing;
        instrumentEnforcement[l] = i.Enforcement;
        instrumentExtraAidMusd[l] = i.ExtraAidMusd;
        instrumentImportBite[l] = i.ImportBite;
        instrumentLineBite[l] = i.LineBite;
        instrumentTechnicalAssistance[l] = i.TechnicalAssistance;
        instrumentZoneWagesMusd[l] = i.ZoneWagesMusd;
        pathCapital[l] = p.Capital;
        pathChinaTradeMusd[l] = p.ChinaTradeMusd;
        pathExports[l] = p.Exports;
        pathForeignExchangeIncomeMusd[l] = p.ForeignExchangeIncomeMusd;
        pathGdpIndex[l] = p.GdpIndex;
        pathHouseholdIncomeIndex[l] = p.HouseholdIncomeIndex;
        pathHouseholdIncomeMusd[l] = p.HouseholdIncomeMusd;
        pathImportRationing[l] = p.ImportRationing;
        pathImports[l] = p.Imports;
        pathInputIndex[l] = p.InputIndex;
        pathOffBookMusd[l] = p.OffBookMusd;
        pathRecordedExportsMusd[l] = p.RecordedExportsMusd;
        pathRecordedImportsMusd[l] = p.RecordedImportsMusd;
        pathReformIndex[l] = p.ReformIndex;
        pathRegimeRevenueMusd[l] = p.RegimeRevenueMusd;
        pathReservesMusd[l] = p.ReservesMusd;
        pathSectorOutput[l] = p.SectorOutput;
    }

    /// <summary>Puts lane <paramref name="l"/> (every lane when null) in <paramref name="state"/> with the given openness of each line.</summary>
    public void Reset(int? l, EconomyState state, ReadOnlySpan<double> lineOpenness)
    {
        for (var k = 0; k < Width; k++)
        {
            if (l is { } only && only != k) continue;
            stock = stock.WithElement(k, state.Stock);
            substitution = substitution.WithElement(k, state.Substitution);
            capital = capital.WithElement(k, state.Capital);
            reform = reform.WithElement(k, state.Reform);
            reserves = reserves.WithElement(k, state.Reserves);
            notStarted = notStarted.WithElement(k, state.Started ? 0.0 : BitConverter.Int64BitsToDouble(-1));
            for (var i = 0; i < Cells; i++) openness[i] = openness[i].WithElement(k, lineOpenness[i]);
        }
    }

    /// <summary>Lane <paramref name="l"/>'s reform index entering the next quarter.</summary>
    public double Reform(int l) => reform.GetElement(l);

    /// <summary>Lane <paramref name="l"/>'s state entering the next quarter.</summary>
    public EconomyState State(int l) => new(stock.GetElement(l), substitution.GetElement(l), capital.GetElement(l), reform.GetElement(l), reserves.GetElement(l), notStarted.GetElement(l) == 0.0);

    /// <summary>Advances every lane by quarter <paramref name="q"/>, with that quarter's trend productivity and population index.</summary>
    public void Step(EconomyParameters p, int q, double trend, double population)
    {
        var potential = p.PotentialMusd;
        var reference = p.ReferenceMusd;
        var ramp = p.RampUp;
        var take = p.RegimeTake;
        var importBase = p.ImportBaseMusd;
        var nu = p.TextileNetFxShare;
        var quarterGdpMusd = p.GdpMusd2016 / 4.0;
        var household2016 = p.HouseholdIncomeMusd2016 / 4.0;
        var refMining = reference[(int)ExportLine.Coal] + reference[(int)ExportLine.IronOreMetals];
        var refManufacturing = (nu * reference[(int)ExportLine.Textiles]) + reference[(int)ExportLine.OtherGoods] + reference[(int)ExportLine.SezOutput];
        var refAgriculture = reference[(int)ExportLine.Seafood];
        var refServices = reference[(int)ExportLine.Tourism] + reference[(int)ExportLine.OverseasLabour];

        var one = V.One;
        var productivity = trend * (one + (p.ReformProductivity * reform));
        var closure = Gather(instrumentBorderClosure, q);
        var shift = p.ReformDiversification * reform;
        var enfBase = q * Partners;
        var biteBase = q * Cells;

        var enforcementChina = Gather(instrumentEnforcement, enfBase + (int)Partner.China);
        var enforcementSouth = Gather(instrumentEnforcement, enfBase + (int)Partner.SouthKorea);
        var enforcementOther = Gather(instrumentEnforcement, enfBase + (int)Partner.Other);
        var keepShift = one - shift;
        var acrossBorder = one - closure;
        var directHire = Gather(instrumentDirectHire, q);

        // ---- export lines: potential x openness, openness ramping up after relief
        V recordedExports = V.Zero, exportsToChina = V.Zero, freeFx = V.Zero, blockedGoods = V.Zero, revenueFromGdp = V.Zero;
        V mining = V.Zero, manufacturing = V.Zero, agriculture = V.Zero, services = V.Zero;
        V exportsTextiles = V.Zero, exportsSez = V.Zero;
        for (var l = 0; l < Lines; l++)
        {
            var line = (ExportLine)l;
            var recorded = l <= (int)ExportLine.OtherGoods;
            var b = l * Partners;

            // Reform moves part of China's potential to other partners, keeping the line's total.
            V potChina = Vector512.Create(potential[b]), potSouth = Vector512.Create(potential[b + 1]), potOther = Vector512.Create(potential[b + 2]);
            if (recorded)
            {
                potOther += potChina * shift;
                potChina *= keepShift;
            }

            var rampLine = ramp[l];
            var openChina = Open(b, one - (Gather(instrumentLineBite, biteBase + b) * enforcementChina), rampLine);
            var openSouth = Open(b + 1, one - (Gather(instrumentLineBite, biteBase + b + 1) * enforcementSouth), rampLine);
            var openOther = Open(b + 2, one - (Gather(instrumentLineBite, biteBase + b + 2) * enforcementOther), rampLine);
            var flowOpenChina = potChina * productivity / 4.0;
            var flowOpenSouth = potSouth * productivity / 4.0;
            var flowOpenOther = potOther * productivity / 4.0;
            var flowChina = flowOpenChina * openChina;
            var flowSouth = flowOpenSouth * openSouth;
            var flowOther = flowOpenOther * openOther;
            var blocked = V.Zero;
            blocked += flowOpenChina - flowChina;
            blocked += flowOpenSouth - flowSouth;
            blocked += flowOpenOther - flowOther;

            // Wages at zones a roadmap supports beyond Kaesong: exempted projects, outside the bites.
            if (line == ExportLine.SezOutput)
            {
                flowChina += Gather(instrumentZoneWagesMusd, enfBase) * trend / 4.0;
                flowSouth += Gather(instrumentZoneWagesMusd, enfBase + 1) * trend / 4.0;
                flowOther += Gather(instrumentZoneWagesMusd, enfBase + 2) * trend / 4.0;
            }

            // Overseas workers stay abroad through a border closure; everything else crosses it.
            if (line != ExportLine.OverseasLabour)
            {
                flowChina *= acrossBorder;
                flowSouth *= acrossBorder;
                flowOther *= acrossBorder;
            }

            var earned = V.Zero;
            earned += flowChina;
            earned += flowSouth;
            earned += flowOther;
            Scatter(pathExports, (q * Lines) + l, earned);
            if (line == ExportLine.Textiles) exportsTextiles = earned;
            if (line == ExportLine.SezOutput) exportsSez = earned;
            var net = line == ExportLine.Textiles ? nu * earned : earned;
            freeFx += net;
            // Direct hire and pay applies to the share of SEZ wages earned in zones with that condition.
            var lineTake = line == ExportLine.SezOutput
                ? (directHire * p.DirectHireTake) + ((one - directHire) * take[l])
                : Vector512.Create(take[l]);
            revenueFromGdp += lineTake * net;
            if (recorded)
            {
                recordedExports += earned;
                exportsToChina += V.Zero + flowChina;
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
        var offBook = p.Leakage * blockedGoods * (one - closure);
        var unrecorded = p.UnrecordedInflowMusd * trend / 4.0;
        freeFx += Vector512.Create((p.FdiMusd + p.AidMusd) * trend / 4.0) + (Gather(instrumentExtraAidMusd, q) / 4.0) + Vector512.Create(unrecorded) + offBook;

        // ---- imports: demand at trend, minus what measures block, limited by foreign exchange
        var chinaImports = p.ImportChinaShare * (one - shift);
        var importEnforcement = (chinaImports * enforcementChina) + ((one - chinaImports) * enforcementOther);
        double demandInputs = 0;
        var required = V.Zero;
        var catBase = q * Exposure.Categories;
        Span<V> imports = stackalloc V[Exposure.Categories];
        for (var c = 0; c < Exposure.Categories; c++)
        {
            if (c == (int)ImportCategory.ProcessingMaterials) continue;
            var demand = importBase[c] * trend / 4.0;
            demandInputs += demand;
            var permitted = demand * (one - (Gather(instrumentImportBite, catBase + c) * importEnforcement));
            // The crude pipeline kept running through border closures.
            if (c != (int)ImportCategory.CrudeOil)
            {
                permitted *= one - closure;
                required += permitted;
            }

            imports[c] = permitted;
        }

        var gap = required - freeFx;
        var planned = p.PlannedReserveDrawMusd * trend / 4.0;
        // A surplus adds to holdings; a gap is met by drawing on them, within limits, and rationing the rest.
        var surplus = Vector512.LessThanOrEqual(gap, V.Zero);
        var wanted = Vector512.ConditionalSelect(Vector512.LessThanOrEqual(gap, Vector512.Create(planned)), gap, Vector512.Create(planned) + (p.ReserveCover * (gap - Vector512.Create(planned))));
        var draw = Vector512.Min(wanted, p.ReserveDrawLimit * reserves);
        var rationedShare = Vector512.Min(Vector512.Max((freeFx + draw) / required, V.Zero), one);
        reserves = Vector512.ConditionalSelect(surplus, reserves - gap, reserves - draw);
        var rationing = Vector512.ConditionalSelect(surplus, one, rationedShare);

        var inputs = V.Zero;
        var recordedImports = V.Zero;
        for (var c = 0; c < Exposure.Categories; c++)
        {
            if (c == (int)ImportCategory.ProcessingMaterials)
            {
                imports[c] = (1.0 - nu) * exportsTextiles;
            }
            else
            {
                if (c != (int)ImportCategory.CrudeOil) imports[c] *= rationing;
                inputs += imports[c];
            }

            recordedImports += imports[c];
            Scatter(pathImports, catBase + c, imports[c]);
        }

        // ---- imported inputs: stocks smooth shortages; domestic substitutes grow while they last
        var raw = inputs / demandInputs;
        stock += p.StockpileRate * (raw - stock);
        substitution += Vector512.ConditionalSelect(
            Vector512.LessThan(stock, Vector512.Create(1.0 - 1e-12)),
            p.SubstitutionRate * (Vector512.Create(p.SubstitutionMax) - substitution),
            -p.SubstitutionRate * substitution);
        var effective = one - ((one - stock) * (one - substitution));

        // ---- sector output
        // x^a = exp(a ln x): capital and the input index are positive; at 1 every power is exactly 1.
        var capitalFactor = Pow(capital, p.CapitalShare);
        var logEffective = Log(effective);
        var fullInputs = Vector512.Equals(effective, one);
        var common = 100.0 * productivity * capitalFactor;
        var trendQuarter = trend / 4.0;
        var weather = Exp(Gather(instrumentWeather, q));
        var domesticSourcing = Gather(instrumentDomesticSourcing, q);
        var gdp = V.Zero;
        for (var s = 0; s < Exposure.Sectors; s++)
        {
            var exportIndex = (Sector)s switch
            {
                Sector.Agriculture => Ratio(agriculture, refAgriculture * trendQuarter),
                Sector.Mining => Ratio(mining, refMining * trendQuarter),
                Sector.Manufacturing => Ratio(manufacturing, refManufacturing * trendQuarter),
                Sector.Services => Ratio(services, refServices * trendQuarter),
                _ => one,
            };
            var inputFactor = Vector512.ConditionalSelect(fullInputs, one, Exp(p.SectorInputElasticity[s] * logEffective));
            var output = common * p.SectorShare[s] * inputFactor
                * (Vector512.Create(1.0 - p.SectorExportDependence[s]) + (p.SectorExportDependence[s] * exportIndex));
            if (s == (int)Sector.Agriculture) output *= weather;
            if (s == (int)Sector.Manufacturing)
            {
                var sezGross = domesticSourcing * exportsSez / p.SezWageShare;
                output = Vector512.ConditionalSelect(Vector512.GreaterThan(domesticSourcing, V.Zero), output + (100.0 * p.DomesticSourcingShare * sezGross / quarterGdpMusd), output);
            }

            Scatter(pathSectorOutput, (q * Exposure.Sectors) + s, output);
            gdp += output;
        }

        // ---- income split between the regime's hard currency and households
        var gdpMusd = gdp / 100.0 * quarterGdpMusd;
        // The unrecorded inflow is a balancing item of either sign, not anyone's revenue; off-book
        // leakage income is the regime's.
        var regimeRevenue = revenueFromGdp + (p.OffBookTake * offBook);
        var households = Vector512.Max(V.Zero, ((1.0 - p.GovernmentShare) * gdpMusd) - revenueFromGdp);
        var crude = imports[(int)ImportCategory.CrudeOil];

        Scatter(pathGdpIndex, q, gdp);
        Scatter(pathRecordedExportsMusd, q, recordedExports);
        Scatter(pathRecordedImportsMusd, q, recordedImports);
        Scatter(pathChinaTradeMusd, q, exportsToChina + crude + (chinaImports * (recordedImports - crude)));
        Scatter(pathForeignExchangeIncomeMusd, q, freeFx);
        Scatter(pathOffBookMusd, q, offBook);
        Scatter(pathReservesMusd, q, reserves);
        Scatter(pathImportRationing, q, rationing);
        Scatter(pathInputIndex, q, effective);
        Scatter(pathCapital, q, capital);
        Scatter(pathRegimeRevenueMusd, q, regimeRevenue);
        Scatter(pathHouseholdIncomeMusd, q, households);
        Scatter(pathHouseholdIncomeIndex, q, 100.0 * households / population / household2016);
        Scatter(pathReformIndex, q, reform);

        // ---- state for next quarter: capital from investment, reform from assistance and milestones
        var capitalImports = imports[(int)ImportCategory.CapitalGoods] / (importBase[(int)ImportCategory.CapitalGoods] * trendQuarter);
        var investment = (p.InvestmentImportWeight * capitalImports) + Vector512.Create(1.0 - p.InvestmentImportWeight);
        capital = ((1.0 - p.Depreciation) * capital) + (p.Depreciation * investment);
        reform += ((p.TechnicalAssistanceRate * Gather(instrumentTechnicalAssistance, q)) + Gather(instrumentAccessionMilestone, q)) * (one - reform);
        reform = Vector512.Min(reform, one);
        notStarted = V.Zero;
    }

    /// <summary>Each lane's openness of line cell <paramref name="i"/>: down at once to a tighter target, ramping up towards a looser one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private V Open(int i, V target, double ramp)
    {
        var current = openness[i];
        var open = Vector512.ConditionalSelect(notStarted | Vector512.LessThan(target, current), target, current + (ramp * (target - current)));
        openness[i] = open;
        return open;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Ratio(V value, double reference) => reference > 0 ? value / reference : V.One;

    // While validating the lanes against the scalar step: libm per lane gives the same bits as the scalar step.
    private static readonly bool ScalarMath = true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private V Exp(V x)
    {
        if (!ScalarMath) return Vector512.Exp(x);
        x.CopyTo(lane);
        for (var k = 0; k < Width; k++) lane[k] = Math.Exp(lane[k]);
        return Vector512.Create(lane);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private V Log(V x)
    {
        if (!ScalarMath) return Vector512.Log(x);
        x.CopyTo(lane);
        for (var k = 0; k < Width; k++) lane[k] = Math.Log(lane[k]);
        return Vector512.Create(lane);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private V Pow(V x, double a)
    {
        if (!ScalarMath) return Vector512.Exp(a * Vector512.Log(x));
        x.CopyTo(lane);
        for (var k = 0; k < Width; k++) lane[k] = Math.Pow(lane[k], a);
        return Vector512.Create(lane);
    }

    /// <summary>Element <paramref name="index"/> of each lane's array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Gather(double[][] lanes, int index) => Vector512.Create(
        lanes[0][index], lanes[1][index], lanes[2][index], lanes[3][index],
        lanes[4][index], lanes[5][index], lanes[6][index], lanes[7][index]);

    /// <summary>Writes each lane's value into element <paramref name="index"/> of that lane's array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Scatter(double[][] lanes, int index, V value)
    {
        value.CopyTo(lane);
        for (var k = 0; k < Width; k++) lanes[k][index] = lane[k];
    }
}
