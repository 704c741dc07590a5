using Statecraft.Economy;
using Statecraft.Scenarios;

namespace Statecraft.Negotiation;

/// <summary>
/// The North's cheap valuation of a package: the steady-state income gain it brings from the current
/// state of the economy, split between the regime's hard currency and household income, weighted by
/// the type's weights. No nested simulation: relieved measures are valued line by line at the current
/// enforcement and trend; foreign exchange is worth more while imports are rationed; development
/// instruments are valued at what they bring after <see cref="GameParameters.ValuationYears"/>.
/// All figures are USD million a year.
/// </summary>
public static class Valuation
{
    /// <summary>Regime and household gains of relieving measures whose bites fall by the given amounts.</summary>
    /// <param name="p">Economy parameters.</param>
    /// <param name="deltaLine">[line, partner]: fall in line bite.</param>
    /// <param name="deltaImport">[category]: fall in import bite.</param>
    /// <param name="enforcement">[partner]: enforcement now.</param>
    /// <param name="closure">Border closure now.</param>
    /// <param name="trend">Productivity now (trend and reform), relative to 2016.</param>
    /// <param name="path">The economy path, read at <paramref name="q"/>.</param>
    /// <param name="q">The quarter whose state is used.</param>
    public static (double Regime, double Household) Relief(
        EconomyParameters p, ReadOnlySpan<double> deltaLine, ReadOnlySpan<double> deltaImport, ReadOnlySpan<double> enforcement,
        double closure, double trend, EconomyPath path, int q)
    {
        var elasticity = MeanInputElasticity(p);
        return Relief(p, elasticity, deltaLine, deltaImport, enforcement, closure, trend, ForeignExchangeValue(p, elasticity, path, q));
    }

    /// <summary>
    /// <see cref="Relief(EconomyParameters, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, double, EconomyPath, int)"/>
    /// with the economy's <see cref="MeanInputElasticity"/> and the quarter's <see cref="ForeignExchangeValue(EconomyParameters, EconomyPath, int)"/>
    /// given, as the game computes each once.
    /// </summary>
    internal static (double Regime, double Household) Relief(
        EconomyParameters p, double elasticity, ReadOnlySpan<double> deltaLine, ReadOnlySpan<double> deltaImport, ReadOnlySpan<double> enforcement,
        double closure, double trend, (double Lambda, double Rationing, double GdpMusd) foreignExchange)
    {
        double regime = 0, households = 0, fx = 0;
        var partners = Exposure.Partners;
        for (var l = 0; l < Exposure.Lines; l++)
        {
            var line = (ExportLine)l;
            double gained = 0;
            for (var r = 0; r < partners; r++)
                gained += p.PotentialMusd[(l * partners) + r] * trend * deltaLine[(l * partners) + r] * enforcement[r];
            if (line != ExportLine.OverseasLabour) gained *= 1.0 - closure;
            var net = line == ExportLine.Textiles ? p.TextileNetFxShare * gained : gained;
            regime += p.RegimeTake[l] * net;
            households += (1.0 - p.RegimeTake[l]) * net;
            fx += net;
            // Relieved trade no longer leaks off the books, where the regime took most of it.
            if (Exposure.IsRecorded(line)) regime -= p.OffBookTake * p.Leakage * gained;
        }

        var (lambda, rationing, gdpMusd) = foreignExchange;
        households += (1.0 - p.GovernmentShare) * lambda * fx;

        // Import bans lifted: the share of input demand newly permitted, usable as far as foreign exchange allows.
        double permitted = 0, demand = 0;
        for (var c = 0; c < Exposure.Categories; c++)
        {
            if (c == (int)ImportCategory.ProcessingMaterials) continue;
            demand += p.ImportBaseMusd[c];
            permitted += p.ImportBaseMusd[c] * deltaImport[c] * enforcement[(int)Partner.China];
        }

        if (demand > 0) households += (1.0 - p.GovernmentShare) * elasticity * gdpMusd * (permitted / demand) * rationing;
        return (regime, households);
    }

    /// <summary>
    /// Household GDP gained per USD of foreign exchange while imports are rationed (0 when they are not),
    /// the rationing share, and GDP in USD m a year, at quarter <paramref name="q"/>.
    /// </summary>
    public static (double Lambda, double Rationing, double GdpMusd) ForeignExchangeValue(EconomyParameters p, EconomyPath path, int q) =>
        ForeignExchangeValue(p, MeanInputElasticity(p), path, q);

    /// <summary><see cref="ForeignExchangeValue(EconomyParameters, EconomyPath, int)"/> with the economy's <see cref="MeanInputElasticity"/> given.</summary>
    internal static (double Lambda, double Rationing, double GdpMusd) ForeignExchangeValue(EconomyParameters p, double elasticity, EconomyPath path, int q)
    {
        var gdpMusd = path.GdpIndex[q] / 100.0 * p.GdpMusd2016;
        var rationing = path.ImportRationing[q];
        if (rationing >= 1.0 - 1e-9) return (0.0, 1.0, gdpMusd);
        var required = (path.RecordedImportsMusd[q] * 4.0) / Math.Max(rationing, 0.05);
        return (required > 0 ? elasticity * gdpMusd / required : 0.0, rationing, gdpMusd);
    }

    /// <summary>GDP-weighted elasticity of output to imported inputs.</summary>
    public static double MeanInputElasticity(EconomyParameters p)
    {
        double e = 0;
        for (var s = 0; s < Exposure.Sectors; s++) e += p.SectorShare[s] * p.SectorInputElasticity[s];
        return e;
    }

    /// <summary>Regime and household gains of one development or project incentive (not sanctions relief).</summary>
    /// <remarks>
    /// <c>foreignExchange</c> is <see cref="ForeignExchangeValue(EconomyParameters, EconomyPath, int)"/> of the quarter, which every incentive valued in it shares.
    /// <c>closed</c> is the incentive's <see cref="ReformClosed"/> for this amount: a constant of the
    /// trajectory, so the game computes it once rather than a power every quarter.
    /// </remarks>
    public static (double Regime, double Household) Development(
        CompiledGame g, CompiledIncentive incentive, double amount, double closed, bool reformWilling, double reform, double trend,
        ReadOnlySpan<double> lineBite, (double Lambda, double Rationing, double GdpMusd) foreignExchange)
    {
        var p = g.Economy;
        var game = g.Game;
        var (lambda, _, gdpMusd) = foreignExchange;
        var keep = 1.0 - p.GovernmentShare;
        var years = game.ValuationYears;
        switch (incentive.Kind)
        {
            case IncentiveKind.KaesongReopening:
            {
                var i = Exposure.At(ExportLine.SezOutput, Partner.SouthKorea);
                var wages = p.PotentialMusd[i] * trend * lineBite[i];
                var take = p.RegimeTake[(int)ExportLine.SezOutput];
                return (take * wages, ((1.0 - take) * wages) + (keep * lambda * wages));
            }
            case IncentiveKind.MountKumgangTourism:
            {
                var i = Exposure.At(ExportLine.Tourism, Partner.SouthKorea);
                var earnings = p.PotentialMusd[i] * trend * lineBite[i];
                var take = p.RegimeTake[(int)ExportLine.Tourism];
                return (take * earnings, ((1.0 - take) * earnings) + (keep * lambda * earnings));
            }
            case IncentiveKind.SezSupport:
            {
                var wages = Math.Min(game.ZoneWageYield * amount * years, game.ZoneWageCapMusd) * trend;
                var take = incentive.DirectHire ? p.DirectHireTake : p.RegimeTake[(int)ExportLine.SezOutput];
                var households = ((1.0 - take) * wages) + (keep * lambda * wages);
                if (incentive.DomesticSourcing) households += keep * p.DomesticSourcingShare * wages / p.SezWageShare;
                return (take * wages, households);
            }
            case IncentiveKind.TechnicalAssistance:
                return (0.0, keep * p.ReformProductivity * closed * (1.0 - reform) * gdpMusd);
            case IncentiveKind.WtoAccessionTrack:
                if (!reformWilling) return (0.0, 0.0);
                return (0.0, keep * p.ReformProductivity * closed * (1.0 - reform) * gdpMusd);
            case IncentiveKind.HumanitarianAid or IncentiveKind.DevelopmentFinance or IncentiveKind.RailRoadReconnection:
                return (game.AidDiversion * amount, ((1.0 - game.AidDiversion) * amount) + (keep * lambda * amount));
            default:
                return (0.0, 0.0);
        }
    }

    /// <summary>
    /// The share of the reform gap a technical-assistance or accession incentive closes within
    /// <see cref="GameParameters.ValuationYears"/> (0 for other kinds): assistance at its intensity every
    /// quarter, or the accession milestones that fall in that time.
    /// </summary>
    public static double ReformClosed(CompiledGame g, IncentiveKind kind, double amount)
    {
        var game = g.Game;
        var years = game.ValuationYears;
        switch (kind)
        {
            case IncentiveKind.TechnicalAssistance:
            {
                var intensity = Math.Min(1.0, amount / game.TechnicalAssistanceFullMusd);
                return 1.0 - Math.Pow(1.0 - (g.Economy.TechnicalAssistanceRate * intensity), 4.0 * years);
            }
            case IncentiveKind.WtoAccessionTrack:
            {
                var milestones = Math.Floor(4.0 * years / game.AccessionMilestoneQuarters);
                return 1.0 - Math.Pow(1.0 - game.AccessionMilestoneGain, milestones);
            }
            default:
                return 0.0;
        }
    }

    /// <summary>A type's value of gains: its weights on the regime's and households' dollars.</summary>
    public static double Weighted(GameParameters game, NorthType type, double regime, double households) =>
        (game.WeightRegime[(int)type] * regime) + (game.WeightHousehold[(int)type] * households);

    /// <summary>
    /// The value to <paramref name="type"/> of relieving <paramref name="measures"/> from the set
    /// <paramref name="inForce"/>, on the economy's state at quarter <paramref name="q"/> of
    /// <paramref name="path"/>, with China and South Korea enforcing as given. Used to set the Hanoi
    /// anchor and in tests; allocates.
    /// </summary>
    public static double OfMeasures(
        CompiledGame g, IReadOnlyList<double> inForce, IReadOnlyList<int> measures, NorthType type, double chinaEnforcement, double southEnforcement, EconomyPath path, int q)
    {
        var now = inForce.ToArray();
        var after = inForce.ToArray();
        foreach (var m in measures) after[m] = 0;
        var enforcement = new double[Exposure.Partners];
        enforcement[(int)Partner.China] = chinaEnforcement;
        enforcement[(int)Partner.SouthKorea] = southEnforcement;
        enforcement[(int)Partner.Other] = g.TimelineEnforcement[(int)Partner.Other];
        var (regime, households) = Change(g, now, after, g.Start.Ordinal, enforcement, 0.0, path, q, new BiteMemo(g.Bites));
        return Weighted(g.Game, type, regime, households);
    }

    /// <summary>
    /// Regime and household gains of going from the measures in force in <paramref name="from"/> to those
    /// in <paramref name="to"/> (the bites that fall) in the quarter with ordinal <paramref name="ordinal"/>,
    /// valued on the economy's state at quarter <paramref name="q"/> of <paramref name="path"/>, with the bites from
    /// <paramref name="memo"/>. Allocates nothing.
    /// </summary>
    public static (double Regime, double Household) Change(
        CompiledGame g, ReadOnlySpan<double> from, ReadOnlySpan<double> to, int ordinal, ReadOnlySpan<double> enforcement,
        double closure, EconomyPath path, int q, BiteMemo memo)
    {
        Span<double> lineFall = stackalloc double[Exposure.Lines * Exposure.Partners];
        Span<double> importFall = stackalloc double[Exposure.Categories];
        BiteFall(memo, from, to, ordinal, lineFall, importFall);
        return Relief(g.Economy, lineFall, importFall, enforcement, closure, TrendAt(g, ordinal), path, q);
    }

    /// <summary>
    /// How far each line's and category's bite falls going from the measures in <paramref name="from"/> to those in
    /// <paramref name="to"/> in the quarter with ordinal <paramref name="ordinal"/>: the part of <see cref="Change"/>
    /// that depends only on which measures are in force, which the game keeps while they stay the same.
    /// </summary>
    public static void BiteFall(BiteMemo memo, ReadOnlySpan<double> from, ReadOnlySpan<double> to, int ordinal, Span<double> lineFall, Span<double> importFall)
    {
        // The memo's own scratch, not stack space: the game calls this every decision, and methods with stackalloc
        // are never recompiled with the runtime's profile.
        memo.Fill(from, ordinal, lineFall, importFall);
        memo.Fill(to, ordinal, memo.LineScratch, memo.ImportScratch);
        for (var i = 0; i < lineFall.Length; i++) lineFall[i] -= memo.LineScratch[i];
        for (var c = 0; c < importFall.Length; c++) importFall[c] -= memo.ImportScratch[c];
    }

    /// <summary>Trend productivity in the quarter with this ordinal, from the game's table when it is in the horizon.</summary>
    public static double TrendAt(CompiledGame g, int ordinal)
    {
        var q = ordinal - g.Start.Ordinal;
        return (uint)q < (uint)g.TrendByQuarter.Length ? g.TrendByQuarter[q] : EconomyModel.Trend(g.Economy, ordinal);
    }
}
