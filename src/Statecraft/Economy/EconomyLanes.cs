using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector256<double>;

namespace Statecraft.Economy;

/// <summary>
/// The economy of <see cref="EconomyModel.Step(EconomyParameters, InstrumentPath, Shocks, EconomyPath, int, ref EconomyState)"/>
/// advanced for <see cref="Width"/> trajectories at once, one SIMD lane each: the negotiation game plays
/// trajectories of the same roadmap in groups, and every equation of a quarter is the same for all of them
/// (only the numbers differ), so one vector instruction does the work of four scalar ones. Each lane reads
/// its own trajectory's instruments and shocks and writes its own path, exactly as the scalar step does;
/// lanes never mix, so a trajectory's numbers do not depend on which others share its group.
/// <para>
/// The equations and their order of operations are the scalar step's, with branches that differ between
/// trajectories turned into per-lane selections. The powers and exponentials are <see cref="LaneMath"/>'s, which
/// agree with the scalar <see cref="Math.Exp"/> and <see cref="Math.Log(double)"/> to within a few units in the
/// last place and give the same bits on every machine and in every build; the game's trajectories are computed
/// only here, so a trajectory's trace and its share of a summary always agree bit for bit. A test compares the
/// two steps over random instruments.
/// </para>
/// Allocates nothing after construction.
/// </summary>
public sealed class EconomyLanes
{
    /// <summary>Trajectories advanced together.</summary>
    public const int Width = 4;

    private const int Lines = 8;
    private const int Partners = 3;
    private const int Cells = Lines * Partners;

    // Each lane's arrays, looked up once: a quarter gathers some forty inputs and scatters up to seventeen series.
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
    private readonly V[] lineBites = new V[Cells];

    // The quarter's imports by category. A field rather than stack space: a method with stackalloc is never
    // recompiled with the runtime's profile (on-stack replacement does not support it).
    private readonly V[] importLanes = new V[Exposure.Categories];

    // The quarter's input factor of each sector, so sectors with equal elasticities compute it once.
    private readonly V[] inputFactors = new V[Exposure.Sectors];
    private readonly bool fullPath;
    private int quarters = int.MaxValue;
    private V stock, substitution, capital, reform, reserves, notStarted;

    /// <summary>Lanes that all read and write one trajectory (the single-trajectory case: every lane computes the same numbers).</summary>
    public EconomyLanes(InstrumentPath instruments, Shocks shocks, EconomyPath path)
    {
        fullPath = true;
        for (var l = 0; l < Width; l++) Attach(l, instruments, shocks, path);
    }

    /// <summary>
    /// Lanes over the given trajectories' instruments, shocks and paths (exactly <see cref="Width"/> of each). Unless
    /// <paramref name="fullPath"/>, only the series the negotiation game reads are written (GDP, recorded trade, China's
    /// trade, rationing, regime revenue, household income and its index, reform); the others are left as they were.
    /// </summary>
    public EconomyLanes(IReadOnlyList<InstrumentPath> instruments, IReadOnlyList<Shocks> shocks, IReadOnlyList<EconomyPath> paths, bool fullPath = true)
    {
        this.fullPath = fullPath;
        if (instruments.Count != Width || shocks.Count != Width || paths.Count != Width) throw new ArgumentException($"economy lanes need exactly {Width} trajectories");
        for (var l = 0; l < Width; l++) Attach(l, instruments[l], shocks[l], paths[l]);
    }

    private void Attach(int l, InstrumentPath i, Shocks s, EconomyPath p)
    {
        if (i.Quarters > s.Quarters || i.Quarters > p.Quarters) throw new ArgumentException("shocks and path must cover every quarter of the instruments");
        quarters = Math.Min(quarters, i.Quarters);
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
        // Every lane's arrays cover the quarters checked at construction; the gathers and scatters below rely on it.
        if ((uint)q >= (uint)quarters) throw new ArgumentOutOfRangeException(nameof(q));
        GatherLineBites(q);
        var reference = p.ReferenceMusd;
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

        var enforcementChina = Gather(instrumentEnforcement, enfBase + (int)Partner.China);
        var enforcementSouth = Gather(instrumentEnforcement, enfBase + (int)Partner.SouthKorea);
        var enforcementOther = Gather(instrumentEnforcement, enfBase + (int)Partner.Other);
        var acrossBorder = one - closure;
        var directHire = Gather(instrumentDirectHire, q);

        // ---- export lines: potential x openness, openness ramping up after relief
        var e = default(Earnings);
        ExportLines(p, q, trend, productivity, shift, acrossBorder, directHire, enforcementChina, enforcementSouth, enforcementOther, ref e);
        var recordedExports = e.RecordedExports;
        var exportsToChina = e.ExportsToChina;
        var freeFx = e.FreeFx;
        var blockedGoods = e.BlockedGoods;
        var revenueFromGdp = e.RevenueFromGdp;
        var mining = e.Mining;
        var manufacturing = e.Manufacturing;
        var agriculture = e.Agriculture;
        var services = e.Services;
        var exportsTextiles = e.ExportsTextiles;
        var exportsSez = e.ExportsSez;

        // ---- foreign exchange: earnings, investment, aid, unrecorded and off-book inflows
        // Smuggling needs an open border too.
        var offBook = p.Leakage * blockedGoods * acrossBorder;
        var unrecorded = p.UnrecordedInflowMusd * trend / 4.0;
        freeFx += Vector256.Create((p.FdiMusd + p.AidMusd) * trend / 4.0) + (Gather(instrumentExtraAidMusd, q) / 4.0) + Vector256.Create(unrecorded) + offBook;

        // ---- imports: demand at trend, minus what measures block, limited by foreign exchange
        var chinaImports = p.ImportChinaShare * (one - shift);
        var importEnforcement = (chinaImports * enforcementChina) + ((one - chinaImports) * enforcementOther);
        double demandInputs = 0;
        var required = V.Zero;
        var catBase = q * Exposure.Categories;
        var imports = importLanes;
        for (var c = 0; c < Exposure.Categories; c++)
        {
            if (c == (int)ImportCategory.ProcessingMaterials) continue;
            var demand = importBase[c] * trend / 4.0;
            demandInputs += demand;
            var permitted = demand * (one - (Gather(instrumentImportBite, catBase + c) * importEnforcement));
            // The crude pipeline kept running through border closures.
            if (c != (int)ImportCategory.CrudeOil)
            {
                permitted *= acrossBorder;
                required += permitted;
            }

            imports[c] = permitted;
        }

        var gap = required - freeFx;
        var planned = p.PlannedReserveDrawMusd * trend / 4.0;
        // A surplus adds to holdings; a gap is met by drawing on them, within limits, and rationing the rest.
        var surplus = Vector256.LessThanOrEqual(gap, V.Zero);
        var wanted = Vector256.ConditionalSelect(Vector256.LessThanOrEqual(gap, Vector256.Create(planned)), gap, Vector256.Create(planned) + (p.ReserveCover * (gap - Vector256.Create(planned))));
        var draw = Vector256.Min(wanted, p.ReserveDrawLimit * reserves);
        var rationedShare = Vector256.Min(Vector256.Max((freeFx + draw) / required, V.Zero), one);
        reserves = Vector256.ConditionalSelect(surplus, reserves - gap, reserves - draw);
        var rationing = Vector256.ConditionalSelect(surplus, one, rationedShare);

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
            if (fullPath) Scatter(pathImports, catBase + c, imports[c]);
        }

        // ---- imported inputs: stocks smooth shortages; domestic substitutes grow while they last
        var raw = inputs / demandInputs;
        stock += p.StockpileRate * (raw - stock);
        substitution += Vector256.ConditionalSelect(
            Vector256.LessThan(stock, Vector256.Create(1.0 - 1e-12)),
            p.SubstitutionRate * (Vector256.Create(p.SubstitutionMax) - substitution),
            -p.SubstitutionRate * substitution);
        var effective = one - ((one - stock) * (one - substitution));

        // ---- sector output
        // x^a = exp(a ln x): capital and the input index are positive; at 1 every power is exactly 1.
        var capitalFactor = Pow(capital, p.CapitalShare);
        var logEffective = Log(effective);
        var fullInputs = Vector256.Equals(effective, one);
        var common = 100.0 * productivity * capitalFactor;
        var trendQuarter = trend / 4.0;
        var weather = Exp(Gather(instrumentWeather, q));
        var domesticSourcing = Gather(instrumentDomesticSourcing, q);
        var gdp = V.Zero;
        var factors = inputFactors;
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
            // Sectors given the same elasticity (the calibration spreads one over sectors by weights, some equal) share one power.
            var same = s;
            while (same > 0 && p.SectorInputElasticity[same - 1] != p.SectorInputElasticity[s]) same--;
            var inputFactor = same > 0 && p.SectorInputElasticity[same - 1] == p.SectorInputElasticity[s]
                ? factors[same - 1]
                : Vector256.ConditionalSelect(fullInputs, one, Exp(p.SectorInputElasticity[s] * logEffective));
            factors[s] = inputFactor;
            var output = common * p.SectorShare[s] * inputFactor
                * (Vector256.Create(1.0 - p.SectorExportDependence[s]) + (p.SectorExportDependence[s] * exportIndex));
            if (s == (int)Sector.Agriculture) output *= weather;
            if (s == (int)Sector.Manufacturing)
            {
                var sezGross = domesticSourcing * exportsSez / p.SezWageShare;
                output = Vector256.ConditionalSelect(Vector256.GreaterThan(domesticSourcing, V.Zero), output + (100.0 * p.DomesticSourcingShare * sezGross / quarterGdpMusd), output);
            }

            if (fullPath) Scatter(pathSectorOutput, (q * Exposure.Sectors) + s, output);
            gdp += output;
        }

        // ---- income split between the regime's hard currency and households
        var gdpMusd = gdp / 100.0 * quarterGdpMusd;
        // The unrecorded inflow is a balancing item of either sign, not anyone's revenue; off-book
        // leakage income is the regime's.
        var regimeRevenue = revenueFromGdp + (p.OffBookTake * offBook);
        var households = Vector256.Max(V.Zero, ((1.0 - p.GovernmentShare) * gdpMusd) - revenueFromGdp);
        var crude = imports[(int)ImportCategory.CrudeOil];

        Scatter(pathGdpIndex, q, gdp);
        Scatter(pathRecordedExportsMusd, q, recordedExports);
        Scatter(pathRecordedImportsMusd, q, recordedImports);
        Scatter(pathChinaTradeMusd, q, exportsToChina + crude + (chinaImports * (recordedImports - crude)));
        if (fullPath) Scatter(pathForeignExchangeIncomeMusd, q, freeFx);
        if (fullPath) Scatter(pathOffBookMusd, q, offBook);
        if (fullPath) Scatter(pathReservesMusd, q, reserves);
        Scatter(pathImportRationing, q, rationing);
        if (fullPath) Scatter(pathInputIndex, q, effective);
        if (fullPath) Scatter(pathCapital, q, capital);
        Scatter(pathRegimeRevenueMusd, q, regimeRevenue);
        Scatter(pathHouseholdIncomeMusd, q, households);
        Scatter(pathHouseholdIncomeIndex, q, 100.0 * households / population / household2016);
        Scatter(pathReformIndex, q, reform);

        // ---- state for next quarter: capital from investment, reform from assistance and milestones
        var capitalImports = imports[(int)ImportCategory.CapitalGoods] / (importBase[(int)ImportCategory.CapitalGoods] * trendQuarter);
        var investment = (p.InvestmentImportWeight * capitalImports) + Vector256.Create(1.0 - p.InvestmentImportWeight);
        capital = ((1.0 - p.Depreciation) * capital) + (p.Depreciation * investment);
        reform += ((p.TechnicalAssistanceRate * Gather(instrumentTechnicalAssistance, q)) + Gather(instrumentAccessionMilestone, q)) * (one - reform);
        reform = Vector256.Min(reform, one);
        notStarted = V.Zero;
    }

    /// <summary>The export lines of quarter <paramref name="q"/>: each lane's earnings, by line and in the sums the rest of the quarter needs.</summary>
    private void ExportLines(EconomyParameters p, int q, double trend, V productivity, V shift, V acrossBorder, V directHire, V enforcementChina, V enforcementSouth, V enforcementOther, ref Earnings e)
    {
        var potential = p.PotentialMusd;
        var ramp = p.RampUp;
        var take = p.RegimeTake;
        var nu = p.TextileNetFxShare;
        var one = V.One;
        var keepShift = one - shift;
        var enfBase = q * Partners;
        // ---- export lines: potential x openness, openness ramping up after relief
        for (var l = 0; l < Lines; l++)
        {
            var line = (ExportLine)l;
            var recorded = l <= (int)ExportLine.OtherGoods;
            var b = l * Partners;

            // Reform moves part of China's potential to other partners, keeping the line's total.
            V potChina = Vector256.Create(potential[b]), potSouth = Vector256.Create(potential[b + 1]), potOther = Vector256.Create(potential[b + 2]);
            if (recorded)
            {
                potOther += potChina * shift;
                potChina *= keepShift;
            }

            var rampLine = ramp[l];
            var openChina = Open(b, one - (lineBites[b] * enforcementChina), rampLine);
            var openSouth = Open(b + 1, one - (lineBites[b + 1] * enforcementSouth), rampLine);
            var openOther = Open(b + 2, one - (lineBites[b + 2] * enforcementOther), rampLine);
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
            if (fullPath) Scatter(pathExports, (q * Lines) + l, earned);
            if (line == ExportLine.Textiles) e.ExportsTextiles = earned;
            if (line == ExportLine.SezOutput) e.ExportsSez = earned;
            var net = line == ExportLine.Textiles ? nu * earned : earned;
            e.FreeFx += net;
            // Direct hire and pay applies to the share of SEZ wages earned in zones with that condition.
            var lineTake = line == ExportLine.SezOutput
                ? (directHire * p.DirectHireTake) + ((one - directHire) * take[l])
                : Vector256.Create(take[l]);
            e.RevenueFromGdp += lineTake * net;
            if (recorded)
            {
                e.RecordedExports += earned;
                e.ExportsToChina += V.Zero + flowChina;
                e.BlockedGoods += blocked;
            }

            switch (line)
            {
                case ExportLine.Coal or ExportLine.IronOreMetals: e.Mining += earned + (p.Leakage * blocked * acrossBorder); break;
                case ExportLine.Seafood: e.Agriculture += earned; break;
                case ExportLine.Textiles or ExportLine.OtherGoods or ExportLine.SezOutput: e.Manufacturing += net; break;
                default: e.Services += earned; break;
            }
        }
    }

    /// <summary>What the export lines leave for the rest of the quarter, per lane.</summary>
    private struct Earnings
    {
        public V RecordedExports;
        public V ExportsToChina;
        public V FreeFx;
        public V BlockedGoods;
        public V RevenueFromGdp;
        public V Mining;
        public V Manufacturing;
        public V Agriculture;
        public V Services;
        public V ExportsTextiles;
        public V ExportsSez;
    }

    /// <summary>Each lane's openness of line cell <paramref name="i"/>: down at once to a tighter target, ramping up towards a looser one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private V Open(int i, V target, double ramp)
    {
        var current = openness[i];
        var open = Vector256.ConditionalSelect(notStarted | Vector256.LessThan(target, current), target, current + (ramp * (target - current)));
        openness[i] = open;
        return open;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Ratio(V value, double reference) => reference > 0 ? value / reference : V.One;

    // x^a = exp(a ln x) and the exponentials, all lanes at once, the same bits on every machine (LaneMath).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Exp(V x) => LaneMath.Exp(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Log(V x) => LaneMath.Log(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Pow(V x, double a) => LaneMath.Exp(a * LaneMath.Log(x));

    /// <summary>Element <paramref name="index"/> of each lane's array (in range: see <see cref="Step"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Gather(double[][] lanes, int index) => Vector256.Create(
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(lanes[0]), index),
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(lanes[1]), index),
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(lanes[2]), index),
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(lanes[3]), index));

    /// <summary>
    /// The quarter's 24 line bites of every lane, one vector per line cell. Each lane's bites are contiguous, so
    /// with AVX four loads and a 4 x 4 transpose replace sixteen scalar loads.
    /// </summary>
    private void GatherLineBites(int q)
    {
        var start = q * Cells;
        ref var b0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(instrumentLineBite[0]), start);
        ref var b1 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(instrumentLineBite[1]), start);
        ref var b2 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(instrumentLineBite[2]), start);
        ref var b3 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(instrumentLineBite[3]), start);
        for (var c = 0; c < Cells; c += 4)
        {
            if (Avx.IsSupported)
            {
                var r0 = Vector256.LoadUnsafe(ref b0, (nuint)c);
                var r1 = Vector256.LoadUnsafe(ref b1, (nuint)c);
                var r2 = Vector256.LoadUnsafe(ref b2, (nuint)c);
                var r3 = Vector256.LoadUnsafe(ref b3, (nuint)c);
                var t0 = Avx.UnpackLow(r0, r1);
                var t1 = Avx.UnpackHigh(r0, r1);
                var t2 = Avx.UnpackLow(r2, r3);
                var t3 = Avx.UnpackHigh(r2, r3);
                lineBites[c] = Avx.Permute2x128(t0, t2, 0x20);
                lineBites[c + 1] = Avx.Permute2x128(t1, t3, 0x20);
                lineBites[c + 2] = Avx.Permute2x128(t0, t2, 0x31);
                lineBites[c + 3] = Avx.Permute2x128(t1, t3, 0x31);
            }
            else
            {
                for (var m = 0; m < 4; m++)
                    lineBites[c + m] = Vector256.Create(Unsafe.Add(ref b0, c + m), Unsafe.Add(ref b1, c + m), Unsafe.Add(ref b2, c + m), Unsafe.Add(ref b3, c + m));
            }
        }
    }

    /// <summary>Writes each lane's value into element <paramref name="index"/> of that lane's array (in range: see <see cref="Step"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scatter(double[][] lanes, int index, V value)
    {
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(lanes[0]), index) = value.GetElement(0);
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(lanes[1]), index) = value.GetElement(1);
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(lanes[2]), index) = value.GetElement(2);
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(lanes[3]), index) = value.GetElement(3);
    }
}
