using DynamicObj;
using Plotly.NET;

namespace Autoencoders.Charts;

/// <summary>Small layout edits that Plotly.NET's C# surface does not expose directly (tick labels, fixed colour
/// ranges, equal axis scales). Values are set on Plotly.NET's dynamic objects, which serialise as plotly.js
/// attributes of the same names.</summary>
internal static class ChartLayout
{
    /// <summary>Merges the given attributes into the layout (e.g. "yaxis" → an object with "tickvals").</summary>
    internal static GenericChart With(GenericChart chart, params (string Name, object Value)[] attributes)
    {
        var layout = new Layout();
        foreach (var (name, value) in attributes) layout.SetProperty(name, value);
        return GenericChart.addLayout(layout, chart);
    }

    /// <summary>An attribute object such as an axis or a title: {name: value, ...}.</summary>
    internal static DynamicObj.DynamicObj Object(params (string Name, object Value)[] attributes)
    {
        var obj = new DynamicObj.DynamicObj();
        foreach (var (name, value) in attributes) obj.SetProperty(name, value);
        return obj;
    }

    /// <summary>Sets attributes on every trace of the chart (e.g. "zmin"/"zmax" of a heatmap).</summary>
    internal static GenericChart WithTraceAttributes(GenericChart chart, params (string Name, object Value)[] attributes)
    {
        foreach (var trace in GenericChart.getTraces(chart))
            foreach (var (name, value) in attributes) trace.SetProperty(name, value);
        return chart;
    }

    /// <summary>A title attribute object.</summary>
    internal static DynamicObj.DynamicObj Title(string text) => Object(("text", text));
}
