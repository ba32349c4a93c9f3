using System.Text.Json;
using Plotly.NET;

namespace Autoencoders.Tests.Charts;

/// <summary>Reads a chart back as the JSON plotly.js receives, so tests check what will be drawn.</summary>
internal static class ChartJson
{
    internal static JsonElement Figure(GenericChart chart) => JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement;

    internal static JsonElement[] Traces(GenericChart chart) => Figure(chart).GetProperty("data").EnumerateArray().ToArray();

    internal static JsonElement Layout(GenericChart chart) => Figure(chart).GetProperty("layout");

    internal static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    internal static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
