using System.Globalization;
using System.Numerics;

namespace Statecraft.Documents;

/// <summary>A whole number as written: its value, of any size, the text that gave it and where.</summary>
public sealed record WholeNumber(BigInteger Value, string Text, SourceLocation Location)
{
    /// <summary>A number that was not written (a record built in code), shown as it prints.</summary>
    public static WholeNumber Of(long value, SourceLocation at) => new(value, value.ToString(CultureInfo.InvariantCulture), at);

    /// <summary>The value when an <c>int</c> holds it; null for a number too large for a record, which its range check reports.</summary>
    public int? AsInt => Value >= int.MinValue && Value <= int.MaxValue ? (int)Value : null;
}

/// <summary>
/// Reads typed values out of a <see cref="YamlNode"/> tree, reporting every mismatch as a located
/// diagnostic and returning null so the caller can keep going and find the next problem.
/// The <c>context</c> arguments name the place in the document ("phase 2", "assumption x").
/// </summary>
public sealed class YamlReader(DiagnosticBag diagnostics)
{
    /// <summary>The diagnostics this reader reports to.</summary>
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    /// <summary>
    /// Checks that <paramref name="node"/> is a mapping whose keys are all in <paramref name="allowed"/> (any keys when it is null)
    /// and that every key in <paramref name="required"/> is present.
    /// </summary>
    public YamlMapping? Mapping(YamlNode? node, string context, IReadOnlyCollection<string>? allowed, params string[] required)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not YamlMapping mapping)
        {
            Diagnostics.Error(node.Location, $"{context} must be a mapping of keys to values, not {node.ShapeName}");
            return null;
        }

        foreach (var entry in mapping.Entries)
        {
            if (allowed is not null && !allowed.Contains(entry.Key.Value))
            {
                Diagnostics.Error(entry.Key.Location, NearestName.Unknown("key", entry.Key.Value, allowed, where: context));
            }
        }

        foreach (var key in required)
        {
            if (mapping.Find(key) is null)
            {
                Diagnostics.Error(mapping.Location, $"{context} is missing the required key '{key}'");
            }
        }

        return mapping;
    }

    /// <summary>A non-empty string.</summary>
    public string? Text(YamlNode? node, string context)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlScalar { IsNull: false } s when s.Value.Trim().Length > 0:
                return s.Value;
            case YamlScalar s:
                Diagnostics.Error(s.Location, $"{context} must not be empty");
                return null;
            default:
                Diagnostics.Error(node.Location, $"{context} must be a single value, not {node.ShapeName}");
                return null;
        }
    }

    /// <summary>A finite number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double? Number(YamlNode? node, string context, double min = double.MinValue, double max = double.MaxValue)
    {
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalar { IsNull: false, IsQuoted: false } big
            && double.TryParse(big.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var huge) && !double.IsFinite(huge))
        {
            Diagnostics.Error(node.Location, $"{context} is too large to be a number ({big.Value})");
            return null;
        }

        if (node is not YamlScalar { IsNull: false, IsQuoted: false } s
            || !double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            Diagnostics.Error(node.Location, $"{context} must be a number, not {node.ShapeName}{QuotedNumberHint(node)}");
            return null;
        }

        if (value < min || value > max)
        {
            // A minimum of the smallest positive double stands for "strictly positive".
            var range = min == double.Epsilon ? "it must be greater than 0" : $"outside the valid range {Range(min, max)}";
            Diagnostics.Error(node.Location, $"{context} is {Format(value)}, {range}");
            return null;
        }

        return value;
    }

    /// <summary>A whole number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int? Integer(YamlNode? node, string context, int min, int max)
    {
        if (Whole(node, context) is not { } whole)
        {
            return null;
        }

        if (whole.Value < min || whole.Value > max)
        {
            Diagnostics.Error(whole.Location, OutOfRange(context, whole, min, max));
            return null;
        }

        return (int)whole.Value;
    }

    /// <summary>
    /// A whole number of any size, with the text it was written as: for a number whose valid range depends on
    /// other values (a delay within the horizon), checked once they are all read.
    /// </summary>
    public WholeNumber? Whole(YamlNode? node, string context)
    {
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalar { IsNull: false, IsQuoted: false } digits
            && BigInteger.TryParse(digits.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return new WholeNumber(whole, digits.Value, node.Location);
        }

        Diagnostics.Error(node.Location, $"{context} must be a whole number, not {node.ShapeName}{QuotedNumberHint(node)}");
        return null;
    }

    /// <summary>The message for a whole number outside its range, quoting it as the author wrote it (a leading '+', or digits no <c>int</c> holds).</summary>
    public static string OutOfRange(string context, WholeNumber number, long min, long max) =>
        $"{context} is {number.Text}, outside the valid range {min} to {max}";

    /// <summary>true or false.</summary>
    public bool? Boolean(YamlNode? node, string context)
    {
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalar { IsQuoted: false } s)
        {
            switch (s.Value)
            {
                case "true" or "True" or "TRUE" or "yes":
                    return true;
                case "false" or "False" or "FALSE" or "no":
                    return false;
            }
        }

        Diagnostics.Error(node.Location, $"{context} must be true or false, not {node.ShapeName}");
        return null;
    }

    /// <summary>A date written YYYY-MM-DD.</summary>
    public DateOnly? Date(YamlNode? node, string context)
    {
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalar { IsNull: false } s
            && DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Diagnostics.Error(node.Location, $"{context} must be a date written YYYY-MM-DD, not {node.ShapeName}");
        return null;
    }

    /// <summary>One of an enum's snake_case names, answered with the valid choices and the nearest match.</summary>
    public TEnum? Choice<TEnum>(YamlNode? node, string what)
        where TEnum : struct, Enum
    {
        var name = Text(node, what);
        if (name is null)
        {
            return null;
        }

        if (YamlName<TEnum>.TryParse(name, out var value))
        {
            return value;
        }

        Diagnostics.Error(node!.Location, NearestName.Unknown(what, name, YamlName<TEnum>.All));
        return null;
    }

    /// <summary>The items of a list. A single value where a list is expected is an error, not silently wrapped.</summary>
    public IReadOnlyList<YamlNode> List(YamlNode? node, string context)
    {
        switch (node)
        {
            case null:
                return [];
            case YamlSequence seq:
                return seq.Items;
            case YamlScalar { IsNull: true }:
                return [];
            default:
                Diagnostics.Error(node.Location, $"{context} must be a list (items on lines starting with '- ', or [a, b]), not {node.ShapeName}");
                return [];
        }
    }

    private static string QuotedNumberHint(YamlNode node) =>
        node is YamlScalar { IsQuoted: true } q && double.TryParse(q.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? " (it is in quotes, which makes it text: remove the quotes)"
            : "";

    private static string Format(double v) => v.ToString("G", CultureInfo.InvariantCulture);

    private static string Range(double min, double max) => (min, max) switch
    {
        (double.MinValue, _) => $"at most {Format(max)}",
        (_, double.MaxValue) => $"at least {Format(min)}",
        _ => $"{Format(min)} to {Format(max)}",
    };
}
