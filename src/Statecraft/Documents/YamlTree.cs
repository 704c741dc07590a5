using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Statecraft.Documents;

/// <summary>A YAML node that remembers where it was written, so every later check can point at it.</summary>
public abstract record YamlNode(SourceLocation Location)
{
    /// <summary>A short name of the node's shape for error messages ("a mapping", "a list", "a value").</summary>
    public abstract string ShapeName { get; }
}

/// <summary>A scalar. <see cref="IsNull"/> is true for <c>~</c>, <c>null</c> and an empty plain value.</summary>
public sealed record YamlScalar(string Value, bool IsQuoted, SourceLocation Location) : YamlNode(Location)
{
    /// <summary>True for an unquoted <c>null</c>, <c>~</c> or nothing at all.</summary>
    public bool IsNull => !IsQuoted && Value is "" or "~" or "null" or "Null" or "NULL";

    /// <inheritdoc />
    public override string ShapeName => IsNull ? "nothing" : $"the value '{Value}'";
}

/// <summary>A mapping whose entries keep the order and position they were written in.</summary>
public sealed record YamlMapping(IReadOnlyList<YamlEntry> Entries, SourceLocation Location) : YamlNode(Location)
{
    /// <inheritdoc />
    public override string ShapeName => "a mapping";

    /// <summary>The first entry with this key, or null.</summary>
    public YamlEntry? Find(string key) => Entries.FirstOrDefault(e => e.Key.Value == key);
}

/// <summary>One key and its value inside a mapping.</summary>
public sealed record YamlEntry(YamlScalar Key, YamlNode Value);

/// <summary>A sequence (list).</summary>
public sealed record YamlSequence(IReadOnlyList<YamlNode> Items, SourceLocation Location) : YamlNode(Location)
{
    /// <inheritdoc />
    public override string ShapeName => "a list";
}

/// <summary>
/// Parses YAML text into <see cref="YamlNode"/>s with locations. Syntax errors become diagnostics;
/// duplicate keys are reported (the first occurrence wins) instead of aborting the parse.
/// </summary>
public static class YamlTree
{
    /// <summary>
    /// Deeper nesting is refused: no scenario needs it, and reading it recursively would exhaust
    /// the stack, which no handler can catch.
    /// </summary>
    public const int MaxDepth = 64;

    private sealed class TooDeep(SourceLocation at) : Exception
    {
        public SourceLocation At { get; } = at;
    }

    /// <summary>Parses one YAML document; returns null (with diagnostics) when the text is not valid YAML.</summary>
    public static YamlNode? Parse(string text, string path, DiagnosticBag diagnostics)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            diagnostics.Error(new SourceLocation(path, 1, 1), "this is not a text (YAML) file: it contains NUL bytes");
            return null;
        }

        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var parser = new Parser(new StringReader(text));
        var last = new SourceLocation(path, 1, 1);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                diagnostics.Error(last, "the file is empty");
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, path, anchors, diagnostics, ref last, 0);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var next))
            {
                diagnostics.Error(At(path, next.Start), "only one YAML document is allowed per file (found a second '---')");
            }

            return root;
        }
        catch (YamlException ex)
        {
            // The parser reports a tab used for indentation where it notices it, often lines
            // away; the tab itself is what the author must fix, so point there.
            var tab = Describe(ex).Contains("tab", StringComparison.Ordinal) ? FirstIndentingTab(text) : null;
            if (tab is { } line)
            {
                diagnostics.Error(new SourceLocation(path, line, 1), "YAML syntax: a tab indents this line; YAML indents with spaces only");
            }
            else
            {
                diagnostics.Error(At(path, ex.Start), "YAML syntax: " + Describe(ex));
            }

            return null;
        }
        catch (TooDeep deep)
        {
            diagnostics.Error(deep.At, $"YAML nested more than {MaxDepth} levels deep; a scenario never needs this much");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some malformed flow
            // collections, e.g. an unclosed '[' followed by more keys; point at the last good token.
            diagnostics.Error(last, "YAML syntax: malformed content after this point (an unclosed '[' or '{'?)");
            return null;
        }
    }

    private static YamlNode ReadNode(IParser parser, string path, Dictionary<string, YamlNode> anchors, DiagnosticBag diagnostics, ref SourceLocation last, int depth)
    {
        var ev = parser.Current ?? throw new YamlException("unexpected end of document");
        last = At(path, ev.Start);
        if (depth > MaxDepth)
        {
            throw new TooDeep(last);
        }

        switch (ev)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                if (anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    return target;
                }

                diagnostics.Error(At(path, alias.Start), $"alias '*{alias.Value.Value}' refers to no anchor defined before it");
                return new YamlScalar("", false, At(path, alias.Start));

            case Scalar scalar:
            {
                parser.MoveNext();
                var node = new YamlScalar(scalar.Value, scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded, At(path, scalar.Start));
                Remember(scalar.Anchor, node, anchors);
                return node;
            }

            case SequenceStart start:
            {
                parser.MoveNext();
                var items = new List<YamlNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(parser, path, anchors, diagnostics, ref last, depth + 1));
                }

                var node = new YamlSequence(items, At(path, start.Start));
                Remember(start.Anchor, node, anchors);
                return node;
            }

            case MappingStart start:
            {
                parser.MoveNext();
                var entries = new List<YamlEntry>();
                var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyNode = ReadNode(parser, path, anchors, diagnostics, ref last, depth + 1);
                    var value = ReadNode(parser, path, anchors, diagnostics, ref last, depth + 1);
                    if (keyNode is not YamlScalar key)
                    {
                        diagnostics.Error(keyNode.Location, "a key must be a plain name, not " + keyNode.ShapeName);
                        continue;
                    }

                    if (seen.TryGetValue(key.Value, out var first))
                    {
                        diagnostics.Error(key.Location, $"duplicate key '{key.Value}' (first given at line {first.Line}); remove one of them");
                        continue;
                    }

                    seen[key.Value] = key.Location;
                    entries.Add(new YamlEntry(key, value));
                }

                var node = new YamlMapping(entries, At(path, start.Start));
                Remember(start.Anchor, node, anchors);
                return node;
            }

            default:
                throw new YamlException(ev.Start, ev.End, $"unexpected {ev.GetType().Name}");
        }
    }

    private static void Remember(AnchorName anchor, YamlNode node, Dictionary<string, YamlNode> anchors)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    private static int? FirstIndentingTab(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            if (lines[i].AsSpan(0, indent).Contains('\t'))
            {
                return i + 1;
            }
        }

        return null;
    }

    private static SourceLocation At(string path, Mark mark) => new(path, (int)mark.Line, (int)mark.Column);

    // YamlDotNet's messages start with "While scanning ..., found ..."; keep them, lower-cased, as they are precise.
    private static string Describe(YamlException ex)
    {
        var message = ex.InnerException is YamlException inner ? inner.Message : ex.Message;
        message = message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..] : "invalid YAML";

        // The commonest cause by far: an unquoted text value that itself contains ": ".
        return message.Contains("found invalid mapping", StringComparison.Ordinal)
            ? message + " (a value containing ': ' must be quoted, e.g. note: \"Phase 1: freeze\")"
            : message;
    }
}
