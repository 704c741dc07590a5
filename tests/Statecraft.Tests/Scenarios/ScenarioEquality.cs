using System.Collections;
using System.Reflection;
using Statecraft.Documents;

namespace Statecraft.Tests.Scenarios;

/// <summary>
/// Structural comparison of scenario records: record equality compares immutable arrays and dictionaries by
/// reference, and two reads of the same text differ in source locations, so a round trip needs this.
/// </summary>
internal static class ScenarioEquality
{
    /// <summary>Where <paramref name="a"/> and <paramref name="b"/> differ, ignoring source locations and <c>Scenario.Path</c>; empty when they agree.</summary>
    public static List<string> Differences(object? a, object? b)
    {
        var found = new List<string>();
        Compare(a, b, "scenario", found);
        return found;
    }

    private static void Compare(object? a, object? b, string at, List<string> found)
    {
        if (a is null || b is null)
        {
            if (a is not null || b is not null) found.Add($"{at}: {a ?? "null"} vs {b ?? "null"}");
            return;
        }

        if (a.GetType() != b.GetType())
        {
            found.Add($"{at}: {a.GetType().Name} vs {b.GetType().Name}");
            return;
        }

        var type = a.GetType();
        if (a is SourceLocation) return;
        if (type.IsPrimitive || type.IsEnum || a is string || a is decimal || type.Namespace == "Statecraft.Scenarios" && type.IsValueType)
        {
            if (!a.Equals(b)) found.Add($"{at}: {a} vs {b}");
            return;
        }

        if (a is IDictionary da && b is IDictionary db)
        {
            var keys = da.Keys.Cast<object>().Select(k => k.ToString()!).Order(StringComparer.Ordinal).ToList();
            var otherKeys = db.Keys.Cast<object>().Select(k => k.ToString()!).Order(StringComparer.Ordinal).ToList();
            if (!keys.SequenceEqual(otherKeys))
            {
                found.Add($"{at}: keys {string.Join(",", keys)} vs {string.Join(",", otherKeys)}");
                return;
            }

            foreach (var k in da.Keys) Compare(da[k], db[k], $"{at}[{k}]", found);
            return;
        }

        if (a is IEnumerable ea && b is IEnumerable eb)
        {
            var xs = ea.Cast<object?>().ToList();
            var ys = eb.Cast<object?>().ToList();
            if (xs.Count != ys.Count)
            {
                found.Add($"{at}: {xs.Count} items vs {ys.Count}");
                return;
            }

            for (var i = 0; i < xs.Count; i++) Compare(xs[i], ys[i], $"{at}[{i}]", found);
            return;
        }

        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.Name == "EqualityContract" || (p.DeclaringType?.Name == "Scenario" && p.Name == "Path")) continue;
            if (p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(IEnumerable<>)) continue;
            Compare(p.GetValue(a), p.GetValue(b), $"{at}.{p.Name}", found);
        }
    }
}
