using System.Globalization;
using System.Text;

namespace Autoencoders.Models;

/// <summary>Keras' <c>model.summary()</c> for a <see cref="DenseAutoencoder"/>: one row per layer with its output
/// shape and parameter count, then the totals.</summary>
/// <remarks>Counts follow Keras: a dense layer has inputs × units weights plus units biases; a tied layer counts only
/// its bias, because its weights are already counted in the encoder. The printed table is <see cref="ToString"/>, so a
/// notebook cell that ends with <c>model.Summary()</c> shows it.</remarks>
public sealed class ModelSummary
{
    private ModelSummary(string name, IReadOnlyList<Row> rows, long trainable, long total)
    {
        Name = name;
        Rows = rows;
        TrainableParameters = trainable;
        TotalParameters = total;
    }

    /// <summary>One line of the table.</summary>
    /// <param name="Name">Keras-style layer name (<c>input</c>, <c>dense_1</c>, …).</param>
    /// <param name="Type">Layer type, with what it is tied to for tied layers.</param>
    /// <param name="Units">Width of the layer's output; the batch dimension is left open (Keras' <c>None</c>).</param>
    /// <param name="Activation">The layer's activation, empty for the input.</param>
    /// <param name="Parameters">Number of values this layer owns.</param>
    /// <param name="IsCode">True for the code (bottleneck) layer.</param>
    public sealed record Row(string Name, string Type, int Units, string Activation, long Parameters, bool IsCode)
    {
        /// <summary>The output shape as Keras prints it, e.g. <c>(None, 32)</c>.</summary>
        public string OutputShape => $"(None, {Units})";
    }

    /// <summary>The model's name.</summary>
    public string Name { get; }

    /// <summary>The input row, then one row per dense layer in Keras order.</summary>
    public IReadOnlyList<Row> Rows { get; }

    /// <summary>Sum of all layers' parameters (the lecture's "Total params").</summary>
    public long TotalParameters { get; }

    /// <summary>Parameters that the optimiser updates (those not frozen with <c>requires_grad = false</c>).</summary>
    public long TrainableParameters { get; }

    /// <summary>Builds the summary of <paramref name="model"/>.</summary>
    public static ModelSummary Of(DenseAutoencoder model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rows = new List<Row> { new("input", "InputLayer", model.LayerSizes[0], "", 0, false) };
        long trainable = 0;
        for (var k = 1; k <= model.LayerCount; k++)
        {
            var layer = model.Layer(k);
            var type = layer.TiedTo is { } mirror ? $"Dense, tied to {mirror.GetName()}" : "Dense";
            rows.Add(new Row(layer.GetName(), type, layer.Outputs, layer.Activation.KerasName(), layer.OwnParameterCount, k == model.CodeLayer));
            trainable += layer.parameters(recurse: false).Where(p => p.requires_grad).Sum(p => p.numel());
        }
        return new ModelSummary(model.GetName(), rows, trainable, rows.Sum(r => r.Parameters));
    }

    /// <summary>The table, laid out like Keras' summary.</summary>
    public override string ToString()
    {
        var culture = CultureInfo.InvariantCulture;
        var cells = Rows.Select(r => (
            Layer: $"{r.Name} ({r.Type})",
            Shape: r.OutputShape,
            Activation: r.Activation,
            Params: r.Parameters.ToString("N0", culture),
            Note: r.IsCode ? "← code" : "")).ToList();
        var w1 = Math.Max("Layer (type)".Length, cells.Max(c => c.Layer.Length)) + 2;
        var w2 = Math.Max("Output Shape".Length, cells.Max(c => c.Shape.Length)) + 2;
        var w3 = Math.Max("Activation".Length, cells.Max(c => c.Activation.Length)) + 2;
        var w4 = Math.Max("Param #".Length, cells.Max(c => c.Params.Length));
        var width = w1 + w2 + w3 + w4 + 8;

        var text = new StringBuilder();
        text.AppendLine($"Model: \"{Name}\"");
        text.AppendLine(new string('_', width));
        text.AppendLine($"{"Layer (type)".PadRight(w1)}{"Output Shape".PadRight(w2)}{"Activation".PadRight(w3)}{"Param #".PadLeft(w4)}");
        text.AppendLine(new string('=', width));
        foreach (var c in cells)
            text.AppendLine($"{c.Layer.PadRight(w1)}{c.Shape.PadRight(w2)}{c.Activation.PadRight(w3)}{c.Params.PadLeft(w4)}  {c.Note}".TrimEnd());
        text.AppendLine(new string('=', width));
        text.AppendLine($"Total params: {TotalParameters.ToString("N0", culture)}");
        text.AppendLine($"Trainable params: {TrainableParameters.ToString("N0", culture)}");
        text.Append($"Non-trainable params: {(TotalParameters - TrainableParameters).ToString("N0", culture)}");
        return text.ToString();
    }
}
