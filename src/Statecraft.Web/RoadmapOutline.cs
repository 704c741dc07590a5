using System.Text.Json.Nodes;
using Statecraft.Documents;
using Statecraft.Output;
using Statecraft.Scenarios;

namespace Statecraft.Web;

/// <summary>
/// The roadmap's editable fields for the page's form (POST /api/outline, docs/web.md): each scalar's exact place in the
/// text and its valid choices, so the page can patch those characters and leave every comment and layout as written.
/// It walks the YAML tree, not the loaded scenario, so that an invalid roadmap still has a form to fix it with.
/// </summary>
internal static class RoadmapOutline
{
    // A plain sequencing written as one word; after_quarters needs a mapping ({after_quarters: 2}), which a select cannot write.
    private static readonly string[] PlainSequencing = ["upfront", "on_verified_step"];

    public static JsonObject Of(string text, string path)
    {
        var diagnostics = new DiagnosticBag();
        var root = YamlTree.Parse(text, path, diagnostics);
        var fields = new JsonArray();
        if (root is not null)
        {
            var lines = text.Split('\n');
            Walk(root, lines, fields);
        }

        return new JsonObject
        {
            ["parsed"] = root is not null,
            ["fields"] = fields,
            // Only the parse's own problems: the roadmap's are POST /api/validate's to give.
            ["diagnostics"] = root is null ? DiagnosticOutput.ToJson(diagnostics.Sorted()) : new JsonArray(),
        };
    }

    private static void Walk(YamlNode root, string[] lines, JsonArray fields)
    {
        if (root is not YamlMapping top || top.Find("roadmap")?.Value is not YamlMapping roadmap || roadmap.Find("phases")?.Value is not YamlSequence phases)
            return;
        for (var p = 0; p < phases.Items.Count; p++)
        {
            if (phases.Items[p] is not YamlMapping phase) continue;
            var at = $"roadmap.phases[{p}]";
            Add(fields, lines, phase.Find("name")?.Value, at + ".name", null);
            if (phase.Find("steps")?.Value is YamlSequence steps)
            {
                for (var s = 0; s < steps.Items.Count; s++)
                {
                    var step = $"{at}.steps[{s}]";
                    switch (steps.Items[s])
                    {
                        // A bare step name is a step verified by national technical means (ScenarioLoader).
                        case YamlScalar bare:
                            Add(fields, lines, bare, step + ".step", YamlName<Step>.All);
                            break;
                        case YamlMapping demand:
                            Add(fields, lines, demand.Find("step")?.Value, step + ".step", YamlName<Step>.All);
                            Add(fields, lines, demand.Find("verification")?.Value, step + ".verification", YamlName<Verification>.All);
                            break;
                    }
                }
            }

            if (phase.Find("conditions")?.Value is YamlSequence conditions)
            {
                for (var c = 0; c < conditions.Items.Count; c++)
                    Add(fields, lines, conditions.Items[c], $"{at}.conditions[{c}]", YamlName<Condition>.All);
            }

            if (phase.Find("incentives")?.Value is YamlSequence incentives)
            {
                for (var i = 0; i < incentives.Items.Count; i++)
                {
                    if (incentives.Items[i] is not YamlMapping incentive) continue;
                    var one = $"{at}.incentives[{i}]";
                    Add(fields, lines, incentive.Find("id")?.Value, one + ".id", null);
                    Add(fields, lines, incentive.Find("kind")?.Value, one + ".kind", YamlName<IncentiveKind>.All);
                    Add(fields, lines, incentive.Find("provider")?.Value, one + ".provider", YamlName<Provider>.All);
                    Add(fields, lines, incentive.Find("sequencing")?.Value, one + ".sequencing", PlainSequencing);
                }
            }
        }
    }

    /// <summary>Adds a scalar written on one line; anything else (a mapping, a block or multi-line scalar) is left to the text editor.</summary>
    private static void Add(JsonArray fields, string[] lines, YamlNode? node, string path, IReadOnlyList<string>? choices)
    {
        // An empty value ("verification:" and nothing) has no characters to replace, and the parser places it
        // where the next token starts, possibly lines below: writing there would corrupt the text.
        if (node is not YamlScalar scalar || (scalar.Value.Length == 0 && !scalar.IsQuoted) || scalar.Location.Line < 1 || scalar.Location.Line > lines.Length) return;
        var line = lines[scalar.Location.Line - 1].TrimEnd('\r');
        var start = scalar.Location.Column - 1;
        if (start < 0 || start > line.Length) return;
        var (length, style) = Written(line, start, scalar.Value);
        if (length < 0) return;
        fields.Add(new JsonObject
        {
            ["path"] = path,
            ["line"] = scalar.Location.Line,
            ["column"] = scalar.Location.Column,
            ["length"] = length,
            ["value"] = scalar.Value,
            ["style"] = style,
            ["choices"] = choices is null ? null : new JsonArray([.. choices.Select(c => (JsonNode?)JsonValue.Create(c))]),
        });
    }

    /// <summary>How many characters the scalar takes from <paramref name="start"/>, and how it is quoted; -1 when it is not all on this line.</summary>
    private static (int Length, string Style) Written(string line, int start, string value)
    {
        var rest = line.AsSpan(start);
        if (rest.Length > 0 && rest[0] is '"' or '\'')
        {
            var quote = rest[0];
            for (var i = 1; i < rest.Length; i++)
            {
                // '' inside single quotes and \" inside double quotes are the quote itself, not its end.
                if (quote == '"' && rest[i] == '\\') { i++; continue; }
                if (rest[i] != quote) continue;
                if (quote == '\'' && i + 1 < rest.Length && rest[i + 1] == '\'') { i++; continue; }
                return (i + 1, quote == '"' ? "double_quoted" : "single_quoted");
            }

            return (-1, "");
        }

        // A plain scalar is written as its value; one that is not continues on later lines (or is not one at all).
        return rest.StartsWith(value, StringComparison.Ordinal) ? (value.Length, "plain") : (-1, "");
    }
}
