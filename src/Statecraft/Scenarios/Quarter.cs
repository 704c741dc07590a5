using System.Globalization;
using System.Text.RegularExpressions;

namespace Statecraft.Scenarios;

/// <summary>A calendar quarter, written <c>2018Q4</c>.</summary>
public readonly partial record struct Quarter(int Year, int Number) : IComparable<Quarter>
{
    /// <summary>The earliest start a scenario may have: the quarter of resolution 1718 (October 2006).</summary>
    public static readonly Quarter Earliest = new(2006, 4);

    /// <summary>The latest start a scenario may have.</summary>
    public static readonly Quarter Latest = new(2100, 4);

    /// <summary>The first day of the quarter.</summary>
    public DateOnly FirstDay => new(Year, ((Number - 1) * 3) + 1, 1);

    /// <summary>A count of quarters since year 0, for arithmetic.</summary>
    public int Ordinal => (Year * 4) + Number - 1;

    /// <summary>The quarter <paramref name="quarters"/> later.</summary>
    public Quarter Plus(int quarters) => FromOrdinal(Ordinal + quarters);

    /// <summary>The quarter containing <paramref name="date"/>.</summary>
    public static Quarter Of(DateOnly date) => new(date.Year, ((date.Month - 1) / 3) + 1);

    /// <summary>Parses <c>YYYYQn</c>; false on anything else.</summary>
    public static bool TryParse(string text, out Quarter quarter)
    {
        var match = Pattern().Match(text.Trim());
        quarter = match.Success
            ? new Quarter(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value[0] - '0')
            : default;
        return match.Success;
    }

    /// <inheritdoc />
    public int CompareTo(Quarter other) => Ordinal.CompareTo(other.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{Year}Q{Number}";

    private static Quarter FromOrdinal(int ordinal) => new(ordinal / 4, (ordinal % 4) + 1);

    [GeneratedRegex(@"^(\d{4})[Qq]([1-4])$")]
    private static partial Regex Pattern();
}
