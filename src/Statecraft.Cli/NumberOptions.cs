using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Statecraft.Cli;

/// <summary>
/// Numeric options read the way the rest of Statecraft reads numbers: invariant culture, a decimal
/// point, no thousands separators (so "1,5" is refused rather than read as 15), with a message a
/// user understands instead of the parser's "as expected type 'System.Int32'".
/// </summary>
internal static class NumberOptions
{
    public static Option<int> Whole(string name, string description, int defaultValue) => Parsed(
        name, description, defaultValue,
        (string text, out int value) => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value),
        _ => "is not a whole number");

    /// <summary>A whole number from 0 up, such as a seed.</summary>
    public static Option<ulong> Natural(string name, string description, ulong defaultValue) => Parsed(
        name, description, defaultValue,
        (string text, out ulong value) => ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value),
        _ => $"is not a whole number from 0 to {ulong.MaxValue}");

    public static Option<double> Real(string name, string description, double defaultValue) => Parsed(
        name, description, defaultValue,
        (string text, out double value) =>
            double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value),
        text => "is not a number" + (text.Contains(',', StringComparison.Ordinal) ? " (write decimals with a point: 1.5, not 1,5)" : string.Empty));

    private delegate bool Reader<T>(string text, out T value);

    /// <summary>An option read by <paramref name="read"/>, and otherwise refused with "NAME 'TEXT' " and the complaint.</summary>
    private static Option<T> Parsed<T>(string name, string description, T defaultValue, Reader<T> read, Func<string, string> complaint) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (read(text, out var value)) return value;
            result.AddError($"{name} '{text}' {complaint(text)}");
            return defaultValue;
        },
    };
}
