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
    public static Option<int> Whole(string name, string description, int defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            result.AddError($"{name} '{text}' is not a whole number");
            return defaultValue;
        },
    };

    /// <summary>A whole number from 0 up, such as a seed.</summary>
    public static Option<ulong> Natural(string name, string description, ulong defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            result.AddError($"{name} '{text}' is not a whole number from 0 to {ulong.MaxValue}");
            return defaultValue;
        },
    };

    public static Option<double> Real(string name, string description, double defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
                && double.IsFinite(value))
            {
                return value;
            }

            var hint = text.Contains(',', StringComparison.Ordinal) ? " (write decimals with a point: 1.5, not 1,5)" : string.Empty;
            result.AddError($"{name} '{text}' is not a number{hint}");
            return defaultValue;
        },
    };
}
