using System.Collections.Frozen;
using System.Text;

namespace Statecraft.Documents;

/// <summary>
/// The snake_case names enums are written with in files and JSON (<c>TestMoratorium</c> is
/// <c>test_moratorium</c>), derived once so the vocabulary has a single definition: the enum.
/// Digits stay attached to the word before them (<c>Committee1718</c> is <c>committee_1718</c>).
/// </summary>
public static class YamlName<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> ToName =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => YamlName.Snake(v.ToString()));

    private static readonly FrozenDictionary<string, TEnum> FromName =
        ToName.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    /// <summary>Every valid name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<TEnum>().Select(v => ToName[v])];

    /// <summary>The file name of a value.</summary>
    public static string Of(TEnum value) => ToName[value];

    /// <summary>Parses a file name; false when it is not one of <see cref="All"/>.</summary>
    public static bool TryParse(string name, out TEnum value) => FromName.TryGetValue(name, out value);
}

/// <summary>Non-generic helpers for <see cref="YamlName{TEnum}"/>.</summary>
public static class YamlName
{
    /// <summary>The file name of any enum value.</summary>
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => YamlName<TEnum>.Of(value);

    internal static string Snake(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            var startsWord = i > 0 && (char.IsUpper(c) || (char.IsDigit(c) && !char.IsDigit(pascal[i - 1])));
            if (startsWord)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
