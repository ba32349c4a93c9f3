using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace NotebookHost;

/// <summary>Turns the kernel's events for one cell into Jupyter outputs: text streams, displays (updated in place
/// when the kernel updates them, e.g. a training progress line), return values and errors.</summary>
public sealed class CellOutputs(Cell cell, TextWriter echo)
{
    readonly Dictionary<string, JsonObject> displays = [];
    readonly HashSet<JsonObject> updated = new(ReferenceEqualityComparer.Instance);

    /// <summary>Records one kernel event.</summary>
    public void Add(KernelEvent e)
    {
        switch (e)
        {
            case StandardOutputValueProduced o:
                Stream("stdout", Text(o.FormattedValues));
                break;
            case StandardErrorValueProduced o:
                Stream("stderr", Text(o.FormattedValues));
                break;
            case DisplayedValueUpdated u when u.ValueId is not null && Displayed(u.ValueId) is { } shown:
                shown["data"] = Data(u.FormattedValues);
                EchoPlain(u.FormattedValues, lastLineOnly: true);
                break;
            case ReturnValueProduced r:
                cell.Outputs.Add(new JsonObject
                {
                    ["output_type"] = "execute_result",
                    ["data"] = Data(r.FormattedValues),
                    ["execution_count"] = cell.ExecutionCount,
                    ["metadata"] = new JsonObject(),
                });
                break;
            case ErrorProduced err:
                Stream("stderr", err.Message + "\n");
                break;
            case DisplayEvent d:
                var output = new JsonObject
                {
                    ["output_type"] = "display_data",
                    ["data"] = Data(d.FormattedValues),
                    ["metadata"] = new JsonObject(),
                };
                cell.Outputs.Add(output);
                if (d.ValueId is not null) displays[d.ValueId] = output;
                EchoPlain(d.FormattedValues);
                break;
        }
    }

    /// <summary>The output an update refers to. The kernel can announce a value under one id and update it under
    /// another (Kernel.display followed by DisplayedValue.Update does), so an unknown id is paired with the newest
    /// display that no update has claimed yet.</summary>
    JsonObject? Displayed(string valueId)
    {
        if (displays.TryGetValue(valueId, out var known)) return known;
        var open = cell.Outputs.LastOrDefault(o => (string?)o["output_type"] == "display_data" && !updated.Contains(o));
        if (open is null) return null;
        displays[valueId] = open;
        updated.Add(open);
        return open;
    }

    /// <summary>Records the error that ended the cell, as Jupyter shows it.</summary>
    public void Error(string name, string message)
    {
        cell.Outputs.Add(new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = name,
            ["evalue"] = message,
            ["traceback"] = new JsonArray(message.Split('\n').Select(l => (JsonNode)l).ToArray()),
        });
    }

    void Stream(string name, string text)
    {
        if (text.Length == 0) return;
        echo.Write(Indent(text));
        if (cell.Outputs.Count > 0 && cell.Outputs[^1] is var last
            && (string?)last["output_type"] == "stream" && (string?)last["name"] == name)
        {
            var previous = string.Concat(((JsonArray)last["text"]!).Select(l => l!.GetValue<string>()));
            last["text"] = NotebookFile.SourceLines(previous + text);
            return;
        }
        cell.Outputs.Add(new JsonObject
        {
            ["output_type"] = "stream",
            ["name"] = name,
            ["text"] = NotebookFile.SourceLines(text),
        });
    }

    /// <summary>Shows a display's text in the console; for an update (a progress block that grows) only its newest
    /// line, so the console reads like a log.</summary>
    void EchoPlain(IEnumerable<FormattedValue> values, bool lastLineOnly = false)
    {
        var plain = values.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value;
        if (lastLineOnly && plain is not null) plain = plain.TrimEnd().Split('\n')[^1];
        if (!string.IsNullOrWhiteSpace(plain) && plain.Length < 2000) echo.Write(Indent(plain.TrimEnd() + "\n"));
    }

    static string Indent(string text) => string.Join('\n', text.Split('\n').Select(l => l.Length > 0 ? "    " + l : l));

    static string Text(IEnumerable<FormattedValue> values) => string.Concat(values.Select(v => v.Value));

    static JsonObject Data(IEnumerable<FormattedValue> values)
    {
        var data = new JsonObject();
        foreach (var v in values.Where(v => !v.SuppressDisplay))
            data[v.MimeType] = v.MimeType.StartsWith("text/", StringComparison.Ordinal)
                ? NotebookFile.SourceLines(v.Value) : v.Value;
        return data;
    }
}
