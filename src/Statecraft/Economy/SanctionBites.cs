using System.Runtime.Intrinsics;
using System.Collections.Immutable;
using Statecraft.Sanctions;
using Statecraft.Scenarios;

namespace Statecraft.Economy;

/// <summary>
/// A fixed list of measures compiled to what each does to the economy's exposed activities, so that
/// the bites of any subset in force can be recomputed without strings or allocation: the historical
/// compiler uses it quarter by quarter, and the negotiation game each time relief or snapback
/// changes the set in force. For each (activity, partner) the strongest measure in force counts;
/// a line's bite is the sum over its activities of share times that strength, capped at 1.
/// </summary>
public sealed class SanctionBites
{
    private static readonly int Partners = Exposure.Partners;

    /// <summary>Every activity some line or import category is exposed to, in a fixed order.</summary>
    private static readonly ImmutableArray<string> Activities =
    [
        .. Exposure.LineActivities.Values.SelectMany(a => a).Concat(Exposure.CategoryActivities.Values.SelectMany(a => a))
            .Select(a => a.Activity).Distinct(),
    ];

    // Lines and categories as (activity index, share) lists, in Exposure's order.
    private static readonly (int Activity, double Share)[][] LineShares =
        [.. Enum.GetValues<ExportLine>().Select(l => Exposure.LineActivities[l].Select(a => (Activities.IndexOf(a.Activity), a.Share)).ToArray())];

    private static readonly (int Activity, double Share)[][] CategoryShares =
        [.. Enum.GetValues<ImportCategory>().Select(c => Exposure.CategoryActivities[c].Select(a => (Activities.IndexOf(a.Activity), a.Share)).ToArray())];

    private readonly Entry[][] entries;
    private readonly int[] partnerMask;
    private readonly int[] inForceOrdinal;
    private readonly Dictionary<string, int> index;

    /// <summary>Compiles <paramref name="measures"/>; their order is the order of the share arrays passed to <see cref="Fill"/>.</summary>
    public SanctionBites(IReadOnlyList<Measure> measures)
    {
        Measures = [.. measures];
        entries = new Entry[measures.Count][];
        partnerMask = new int[measures.Count];
        inForceOrdinal = new int[measures.Count];
        index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var m = 0; m < measures.Count; m++)
        {
            var measure = measures[m];
            index.TryAdd(measure.Id, m);
            inForceOrdinal[m] = Quarter.Of(measure.InForce).Ordinal;
            foreach (var partner in InstrumentCompiler.Bound(measure)) partnerMask[m] |= 1 << (int)partner;
            var list = new List<Entry>();
            for (var a = 0; a < Activities.Length; a++)
            {
                if (measure.BlockingPattern(Activities[a]) is null) continue;
                var bite = InstrumentCompiler.Bites.FirstOrDefault(b => b.MeasureId == measure.Id && b.Activity == Activities[a])
                    ?? InstrumentCompiler.Bites.FirstOrDefault(b => b.MeasureId == measure.Id && b.Activity == "*");
                list.Add(new Entry(a, bite?.Intensity ?? 1.0, bite?.PhaseInQuarters ?? 0));
            }

            entries[m] = [.. list];
            foreach (var e in list)
            {
                if (e.PhaseInQuarters > 0) PhaseInEndOrdinal = Math.Max(PhaseInEndOrdinal, inForceOrdinal[m] + e.PhaseInQuarters);
            }
        }
    }

    /// <summary>The first quarter ordinal at which every phase-in is complete: before it, bites change with time alone.</summary>
    public int PhaseInEndOrdinal { get; }

    /// <summary>The measures, in the order of the share arrays.</summary>
    public ImmutableArray<Measure> Measures { get; }

    /// <summary>Number of measures.</summary>
    public int Count => Measures.Length;

    /// <summary>Scratch space <see cref="Fill"/> needs, in doubles.</summary>
    public static int ScratchLength => Activities.Length * Partners;

    /// <summary>The position of a measure, or -1.</summary>
    public int IndexOf(string id) => index.GetValueOrDefault(id, -1);

    /// <summary>True when the measure binds some partner in the economy (and so can bite at all).</summary>
    public bool Bites(int measure) => partnerMask[measure] != 0 && entries[measure].Length > 0;

    /// <summary>
    /// Writes the line bites ([line, partner]) and import bites ([category]) of the measures in force
    /// in the quarter with ordinal <paramref name="quarterOrdinal"/>. <paramref name="share"/> gives
    /// each measure's share of the quarter in force (0 = not in force, 1 = the whole quarter).
    /// </summary>
    public void Fill(ReadOnlySpan<double> share, int quarterOrdinal, Span<double> lineBite, Span<double> importBite, Span<double> scratch)
    {
        var strongest = scratch[..ScratchLength];
        strongest.Clear();
        for (var m = 0; m < entries.Length; m++)
        {
            var s = share[m];
            var mask = partnerMask[m];
            if (s <= 0 || mask == 0) continue;
            foreach (var e in entries[m])
            {
                var intensity = e.Intensity;
                if (e.PhaseInQuarters > 0)
                {
                    // Quarters completed since the quarter of entry into force: a two-year phase-in from
                    // December 2017 reaches full strength in 2019Q4, the quarter of the deadline.
                    intensity *= Math.Clamp((quarterOrdinal - inForceOrdinal[m]) / (double)e.PhaseInQuarters, 0.0, 1.0);
                }

                intensity *= s;
                for (var r = 0; r < Partners; r++)
                {
                    if ((mask & (1 << r)) == 0) continue;
                    ref var slot = ref strongest[(e.Activity * Partners) + r];
                    if (intensity > slot) slot = intensity;
                }
            }
        }

        for (var l = 0; l < LineShares.Length; l++)
        {
            for (var r = 0; r < Partners; r++)
            {
                var bite = 0.0;
                foreach (var (a, s) in LineShares[l]) bite += s * strongest[(a * Partners) + r];
                lineBite[(l * Partners) + r] = Math.Min(1.0, bite);
            }
        }

        // Import bans bind the exporting partners; China and others supply almost everything.
        for (var c = 0; c < CategoryShares.Length; c++)
        {
            var bite = 0.0;
            foreach (var (a, s) in CategoryShares[c])
                bite += s * Math.Max(strongest[(a * Partners) + (int)Partner.China], strongest[(a * Partners) + (int)Partner.Other]);
            importBite[c] = Math.Min(1.0, bite);
        }
    }

    /// <summary>True when a measure's bite still grows after <paramref name="quarterOrdinal"/> (a phase-in under way).</summary>
    public bool PhasingIn(int measure, int quarterOrdinal)
    {
        foreach (var e in entries[measure])
        {
            if (e.PhaseInQuarters > 0 && quarterOrdinal - inForceOrdinal[measure] < e.PhaseInQuarters) return true;
        }

        return false;
    }

    private readonly record struct Entry(int Activity, double Intensity, int PhaseInQuarters);
}

/// <summary>
/// Remembers <see cref="SanctionBites.Fill"/>'s results for the sets of measures in force a worker meets: a
/// trajectory moves between a handful of sets (what its packages relieve) and, once every phase-in is complete,
/// a set's bites no longer change with the quarter. Direct-mapped, fixed size, allocated once: a lookup costs a
/// scan of the shares instead of a pass over the catalog, and returns the same numbers bit for bit. Shares other
/// than 0 and 1, or catalogs of more than 128 measures, are computed each time.
/// </summary>
public sealed class BiteMemo
{
    private const int Slots = 256;
    private static readonly int LineCells = Exposure.Lines * Exposure.Partners;
    private readonly SanctionBites bites;
    private readonly ulong[] keyLow = new ulong[Slots];
    private readonly ulong[] keyHigh = new ulong[Slots];
    private readonly int[] keyOrdinal = new int[Slots];
    private readonly bool[] filled = new bool[Slots];
    private readonly double[] lines = new double[Slots * Exposure.Lines * Exposure.Partners];
    private readonly double[] imports = new double[Slots * Exposure.Categories];
    private readonly double[] scratch = new double[SanctionBites.ScratchLength];

    public BiteMemo(SanctionBites bites) => this.bites = bites;

    /// <summary>Scratch for a second set of bites (a line and a category array), for callers that compare two sets.</summary>
    public double[] LineScratch { get; } = new double[Exposure.Lines * Exposure.Partners];
    public double[] ImportScratch { get; } = new double[Exposure.Categories];

    /// <summary>As <see cref="SanctionBites.Fill"/>, from memory when this set and quarter were met before.</summary>
    public void Fill(ReadOnlySpan<double> share, int quarterOrdinal, Span<double> lineBite, Span<double> importBite)
    {
        ulong low = 0, high = 0;
        var cacheable = share.Length <= 128;
        var m = 0;
        // Four shares at a time: which are 1, and whether all are 0 or 1 (the key is the set of those at 1).
        for (; cacheable && m + 4 <= share.Length; m += 4)
        {
            var v = Vector256.Create(share.Slice(m, 4));
            var ones = Vector256.Equals(v, Vector256<double>.One).ExtractMostSignificantBits();
            var zeros = Vector256.Equals(v, Vector256<double>.Zero).ExtractMostSignificantBits();
            if ((ones | zeros) != 0xF) cacheable = false;
            if (m < 64) low |= (ulong)ones << m;
            else high |= (ulong)ones << (m - 64);
        }

        for (; cacheable && m < share.Length; m++)
        {
            var s = share[m];
            if (s == 1.0)
            {
                if (m < 64) low |= 1UL << m;
                else high |= 1UL << (m - 64);
            }
            else if (s != 0.0)
            {
                cacheable = false;
            }
        }

        if (!cacheable)
        {
            bites.Fill(share, quarterOrdinal, lineBite, importBite, scratch);
            return;
        }

        var ordinal = Math.Min(quarterOrdinal, bites.PhaseInEndOrdinal);
        var slot = (int)(Negotiation.StreamRandom.Mix(low ^ (high * 0x9E3779B97F4A7C15UL) ^ (ulong)(uint)ordinal) & (Slots - 1));
        var lineSlot = lines.AsSpan(slot * LineCells, LineCells);
        var importSlot = imports.AsSpan(slot * Exposure.Categories, Exposure.Categories);
        if (!filled[slot] || keyLow[slot] != low || keyHigh[slot] != high || keyOrdinal[slot] != ordinal)
        {
            bites.Fill(share, quarterOrdinal, lineSlot, importSlot, scratch);
            keyLow[slot] = low;
            keyHigh[slot] = high;
            keyOrdinal[slot] = ordinal;
            filled[slot] = true;
        }

        lineSlot.CopyTo(lineBite);
        importSlot.CopyTo(importBite);
    }
}
