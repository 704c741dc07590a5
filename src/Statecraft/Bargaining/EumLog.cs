using System.Globalization;
using System.Text;

namespace Statecraft.Bargaining;

/// <summary>
/// Writes a run in the reference implementation's log format (its <c>Example.log</c>), so a run
/// can be diffed line by line against the Python model's own output.
/// </summary>
public static class EumLog
{
    /// <summary>
    /// The whole log. The reference prints the mean under the label "Median position" at the end of
    /// every round (only the first, pre-round median line is a median); the log keeps that, since
    /// its purpose is to be compared with the reference's.
    /// </summary>
    public static string Write(EumRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var names = run.Table.Actors.Select(a => a.Name).ToArray();
        var log = new StringBuilder();
        log.Append("Median position: ").Append(Repr(run.Rounds[0].Median)).Append('\n');
        log.Append("Mean position: ").Append(Repr(run.Rounds[0].Mean)).Append('\n');
        foreach (var round in run.Rounds.Skip(1))
        {
            log.Append('\n').Append("ROUND ").Append(round.Round.ToString(CultureInfo.InvariantCulture)).Append('\n');
            foreach (var offer in round.Offers)
            {
                log.Append(names[offer.Receiver])
                    .Append(offer.Kind == EumOfferKind.Confrontation ? " loses confrontation to " : " compromises with ")
                    .Append(names[offer.Proposer]).Append('\n');
                log.Append('\t').Append(Repr(offer.ReceiverChallenges)).Append(" vs ").Append(Repr(offer.ProposerChallenges)).Append('\n');
                log.Append("\tnew_pos = ").Append(Repr(offer.NewPosition)).Append('\n');
            }

            log.Append('\n');
            log.Append("Median position: ").Append(Repr(round.Mean)).Append('\n');
            log.Append("Mean position: ").Append(Repr(round.Mean)).Append('\n');
        }

        return log.ToString();
    }

    /// <summary>
    /// A double as Python's <c>repr</c> writes it: the shortest digits that read back to the same
    /// value, fixed notation for decimal exponents −4 to 15 (with ".0" on integral values) and
    /// <c>1e-05</c> / <c>1.5e+16</c> outside that range.
    /// </summary>
    public static string Repr(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        // "E16" is not shortest; "R" is, but switches notation at other thresholds than Python.
        // Take R's digits and decimal exponent, then lay them out Python's way.
        var r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? r : r[..e];
        var shift = e < 0 ? 0 : int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = point < 0 ? mantissa : mantissa[..point];
        var fracPart = point < 0 ? string.Empty : mantissa[(point + 1)..];
        var all = intPart + fracPart;
        var leading = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');

        // The power of ten of the first significant digit.
        var exponent = intPart.Length - 1 - leading + shift;

        var sign = value < 0 ? "-" : string.Empty;
        if (exponent is >= -4 and < 16)
        {
            string text;
            if (exponent < 0)
            {
                text = "0." + new string('0', -exponent - 1) + digits;
            }
            else if (digits.Length <= exponent + 1)
            {
                text = digits + new string('0', exponent + 1 - digits.Length) + ".0";
            }
            else
            {
                text = digits[..(exponent + 1)] + "." + digits[(exponent + 1)..];
            }

            return sign + text;
        }

        var head = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
        return sign + head + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }
}
