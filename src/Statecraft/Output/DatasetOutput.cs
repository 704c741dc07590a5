using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Statecraft.Data;

namespace Statecraft.Output;

/// <summary>The embedded dataset's series as the JSON document <c>statecraft data --json</c> prints and the web app's <c>/api/data</c> answers.</summary>
public static class DatasetOutput
{
    /// <summary>Writes the series, with every observation's figures, source and confidence, as one indented document.</summary>
    public static void WriteJson(Dataset dataset, IReadOnlyList<Series> selected, TextWriter stdout)
    {
        var buffer = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            writer.WriteStartObject();
            writer.WriteString("dataset", dataset.Name);
            writer.WriteStartArray("series");
            foreach (var series in selected)
            {
                writer.WriteStartObject();
                writer.WriteString("id", series.Id);
                writer.WriteString("title", series.Title);
                writer.WriteString("unit", series.Unit);
                writer.WriteString("file", series.File);
                writer.WriteStartArray("observations");
                foreach (var o in series.Observations)
                {
                    writer.WriteStartObject();
                    writer.WriteString("period", o.Period);
                    writer.WriteNumber("year", o.Year);
                    WriteNumberOrNull(writer, "value", o.Value);
                    WriteNumberOrNull(writer, "low", o.Low);
                    WriteNumberOrNull(writer, "high", o.High);
                    writer.WriteString("raw", o.Raw);
                    writer.WriteString("unit", o.Unit);
                    writer.WriteString("confidence", o.Confidence.ToString().ToLowerInvariant());
                    writer.WriteString("source", o.Source);
                    if (o.Notes is null)
                    {
                        writer.WriteNull("notes");
                    }
                    else
                    {
                        writer.WriteString("notes", o.Notes);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        stdout.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double? number)
    {
        if (number is { } n)
        {
            writer.WriteNumber(name, n);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
