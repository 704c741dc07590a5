namespace Statecraft.Documents;

/// <summary>Suggests the valid name a user most probably meant, by edit distance.</summary>
public static class NearestName
{
    /// <summary>
    /// The valid name closest to <paramref name="given"/>, or null when none is plausibly meant
    /// (more than a third of the characters would have to change).
    /// </summary>
    public static string? Find(string given, IEnumerable<string> valid)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var lowered = given.ToLowerInvariant();
        foreach (var candidate in valid)
        {
            var d = Distance(lowered, candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        if (best is not null && bestDistance <= Math.Max(2, best.Length / 3))
        {
            return best;
        }

        // A shortened name ("exempt" for "exemption", "suspend" for "suspension") is far by edit
        // distance but plainly meant: accept one candidate sharing most of the given name as a prefix.
        var prefixed = valid.Where(v => SharedPrefix(lowered, v.ToLowerInvariant()) >= Math.Max(4, (int)Math.Ceiling(0.6 * lowered.Length))).ToList();
        return prefixed.Count == 1 ? prefixed[0] : null;
    }

    /// <summary>
    /// "unknown X 'y'; valid choices: a, b, c; did you mean 'b'?" For long vocabularies only the
    /// closest choices are listed, with a pointer to where the full list is.
    /// </summary>
    public static string Unknown(string what, string given, IReadOnlyCollection<string> valid, string? fullListHint = null, string? where = null)
    {
        var nearest = Find(given, valid);
        var choices = valid.Count <= 16 || fullListHint is null
            ? string.Join(", ", valid)
            : string.Join(", ", valid.OrderBy(v => Distance(given.ToLowerInvariant(), v.ToLowerInvariant())).Take(6)) + $", ... ({valid.Count} in all: {fullListHint})";
        var message = $"unknown {what} '{given}'{(where is null ? "" : " in " + where)}; valid choices: {choices}";
        return nearest is null ? message : message + $"; did you mean '{nearest}'?";
    }

    private static int SharedPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }

    /// <summary>Optimal-string-alignment distance: Levenshtein plus adjacent transpositions (a common typo).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
