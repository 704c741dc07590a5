using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Statecraft.Analysis;

/// <summary>One term of an objective: a weight on an outcome's figure.</summary>
public readonly record struct ObjectiveTerm(double Weight, Outcome Outcome);

/// <summary>A bound an outcome's figure must respect: <c>inclusiveness &gt;= 0.4</c>.</summary>
public readonly record struct OutcomeConstraint(Outcome Outcome, bool AtLeast, double Bound)
{
    /// <summary>How far <paramref name="value"/> falls short of the bound (0 when it holds; NaN counts as failing by 1).</summary>
    public double Shortfall(double value) => double.IsNaN(value) ? 1.0 : Math.Max(0, AtLeast ? Bound - value : value - Bound);

    /// <inheritdoc />
    public override string ToString() => $"{Outcomes.Name(Outcome)} {(AtLeast ? ">=" : "<=")} {Bound.ToString("G6", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// What a strategy is judged by: a weighted sum of outcome figures to maximise (figures are chances and
/// means, as <c>simulate</c> reports them), subject to bounds on figures. Written
/// <c>p_complete + 0.002*gdp_index - 0.5*p_breakdown</c>; bounds <c>inclusiveness&gt;=0.4</c>.
/// </summary>
public sealed partial record Objective(ImmutableArray<ObjectiveTerm> Terms, ImmutableArray<OutcomeConstraint> Constraints)
{
    /// <summary>The default: the chance of complete, honest denuclearization.</summary>
    public static Objective Default { get; } = new([new ObjectiveTerm(1, Outcome.PComplete)], []);

    /// <summary>Every outcome the objective or its bounds read.</summary>
    public ImmutableArray<Outcome> Reads => [.. Terms.Select(t => t.Outcome).Concat(Constraints.Select(c => c.Outcome)).Distinct().Order()];

    /// <summary>The objective's value from the figures of each outcome (<paramref name="figure"/>).</summary>
    public double Score(Func<Outcome, double> figure)
    {
        var s = 0.0;
        foreach (var t in Terms) s += t.Weight * figure(t.Outcome);
        return s;
    }

    /// <summary>The sum of the bounds' shortfalls: 0 when every bound holds.</summary>
    public double Shortfall(Func<Outcome, double> figure)
    {
        var s = 0.0;
        foreach (var c in Constraints) s += c.Shortfall(figure(c.Outcome));
        return s;
    }

    /// <summary>Whether a candidate with (score, shortfall) <paramref name="a"/> ranks above <paramref name="b"/>: fewer shortfalls first, then the higher score.</summary>
    public static int Rank((double Score, double Shortfall) a, (double Score, double Shortfall) b)
    {
        var byShortfall = a.Shortfall.CompareTo(b.Shortfall);
        if (byShortfall != 0) return byShortfall;
        // NaN scores rank last.
        if (double.IsNaN(a.Score) || double.IsNaN(b.Score)) return double.IsNaN(a.Score).CompareTo(double.IsNaN(b.Score));
        return b.Score.CompareTo(a.Score);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < Terms.Length; i++)
        {
            var (w, o) = (Terms[i].Weight, Terms[i].Outcome);
            var sign = w < 0 ? "-" : "+";
            if (i == 0) text.Append(w < 0 ? "-" : "");
            else text.Append(' ').Append(sign).Append(' ');
            var size = Math.Abs(w);
            if (size != 1) text.Append(size.ToString("G6", CultureInfo.InvariantCulture)).Append('*');
            text.Append(Outcomes.Name(o));
        }

        return text.ToString();
    }

    /// <summary>Reads an objective and its bounds; on a mistake, <paramref name="error"/> says what and lists the valid names.</summary>
    public static Objective? Parse(string? objective, IReadOnlyList<string> constraints, out string? error)
    {
        error = null;
        var terms = ImmutableArray.CreateBuilder<ObjectiveTerm>();
        if (string.IsNullOrWhiteSpace(objective))
        {
            terms.AddRange(Default.Terms);
        }
        else
        {
            var text = objective.Replace(" ", "", StringComparison.Ordinal);
            var matches = TermPattern().Matches(text);
            var consumed = matches.Sum(m => m.Length);
            if (consumed != text.Length || matches.Count == 0 || (matches[0].Groups["sign"].Value == "" && matches[0].Index != 0))
            {
                error = $"cannot read the objective '{objective}': write a weighted sum such as 'p_complete + 0.002*gdp_index - 0.5*p_breakdown'; {NameList()}";
                return null;
            }

            var expected = 0;
            foreach (Match m in matches)
            {
                if (m.Index != expected || (expected > 0 && m.Groups["sign"].Value == ""))
                {
                    error = $"cannot read the objective '{objective}' at '{text[expected..]}': terms are joined by + or -; {NameList()}";
                    return null;
                }

                expected = m.Index + m.Length;
                var name = m.Groups["name"].Value;
                if (Outcomes.Find(name) is not { } o)
                {
                    error = Unknown(name, "objective");
                    return null;
                }

                var weight = m.Groups["weight"].Success && m.Groups["weight"].Value != ""
                    ? double.Parse(m.Groups["weight"].Value, NumberStyles.Float, CultureInfo.InvariantCulture)
                    : 1.0;
                if (m.Groups["sign"].Value == "-") weight = -weight;
                if (!double.IsFinite(weight))
                {
                    error = $"the objective's weight on {name} is not a finite number";
                    return null;
                }

                terms.Add(new ObjectiveTerm(weight, o));
            }
        }

        var bounds = ImmutableArray.CreateBuilder<OutcomeConstraint>();
        foreach (var c in constraints)
        {
            var m = ConstraintPattern().Match(c.Replace(" ", "", StringComparison.Ordinal));
            if (!m.Success)
            {
                error = $"cannot read the bound '{c}': write NAME>=NUMBER or NAME<=NUMBER, such as 'inclusiveness>=0.4'";
                return null;
            }

            if (Outcomes.Find(m.Groups["name"].Value) is not { } o)
            {
                error = Unknown(m.Groups["name"].Value, "bound");
                return null;
            }

            var bound = double.Parse(m.Groups["bound"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (!double.IsFinite(bound))
            {
                error = $"the bound '{c}' is not a finite number";
                return null;
            }

            bounds.Add(new OutcomeConstraint(o, m.Groups["op"].Value == ">=", bound));
        }

        return new Objective(terms.ToImmutable(), bounds.ToImmutable());
    }

    private static string Unknown(string name, string where)
    {
        var near = Documents.NearestName.Find(name, Outcomes.All.Select(Outcomes.Name));
        return $"the {where} names '{name}', which is not an outcome{(near is null ? "" : $"; did you mean '{near}'?")}; {NameList()}";
    }

    private static string NameList() => "outcomes: " + string.Join(", ", Outcomes.All.Select(Outcomes.Name));

    [GeneratedRegex(@"\G(?<sign>[+-]?)(?:(?<weight>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\*?)?(?<name>[a-z_]+)")]
    private static partial Regex TermPattern();

    [GeneratedRegex(@"^(?<name>[a-z_]+)(?<op>>=|<=)(?<bound>[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$")]
    private static partial Regex ConstraintPattern();
}
