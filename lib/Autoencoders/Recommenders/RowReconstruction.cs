using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Training;
using static TorchSharp.torch;

namespace Autoencoders.Recommenders;

/// <summary>Predicts ratings with an autoencoder over a rating matrix's rows: the prediction for (movie, user) is the
/// user's entry in the reconstruction of the movie's row of known ratings.</summary>
/// <remarks>Only the rows that hold asked cells are run, one block of rows at a time, so predicting the held-out
/// ratings of ml-25m never builds its dense matrix or the dense reconstruction.</remarks>
/// <param name="model">An autoencoder from users to users.</param>
/// <param name="input">The known ratings; a row of them is the model's input.</param>
/// <param name="name">The name shown in tables.</param>
/// <param name="clip">The rating range predictions are clipped to, or null to keep the raw outputs.</param>
public sealed class RowReconstruction(nn.Module<Tensor, Tensor> model, RatingMatrix input, string name = "autoencoder",
    (float Min, float Max)? clip = null) : IRatingPredictor
{
    private const int BlockRows = 512;
    private readonly nn.Module<Tensor, Tensor> model = model ?? throw new ArgumentNullException(nameof(model));
    private readonly RatingMatrix input = input ?? throw new ArgumentNullException(nameof(input));

    /// <inheritdoc/>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public float[] Predict(IReadOnlyList<int> rows, IReadOnlyList<int> columns)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        if (rows.Count != columns.Count) throw new ArgumentException("Rows and columns must be equally many.", nameof(columns));
        var distinct = rows.Distinct().Order().ToArray();
        var slot = new Dictionary<int, int>(distinct.Length);
        for (var i = 0; i < distinct.Length; i++) slot[distinct[i]] = i;
        var cellsOfSlot = new List<int>[distinct.Length];
        for (var i = 0; i < rows.Count; i++) (cellsOfSlot[slot[rows[i]]] ??= []).Add(i);

        var predictions = new float[rows.Count];
        var source = new RatingBatches(input, rows: distinct);
        for (var start = 0; start < distinct.Length; start += BlockRows)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(BlockRows, distinct.Length - start);
            var output = model.Predict(new RowWindow(source, start, length), BlockRows);
            if (clip is var (min, max)) output = output.clamp(min, max);
            var values = output.data<float>();
            for (var s = 0; s < length; s++)
                foreach (var cell in cellsOfSlot[start + s])
                    predictions[cell] = values[(long)s * input.ColumnCount + columns[cell]];
        }
        return predictions;
    }

    // A window of another source's rows, so that only one block of reconstructions (rows × users) exists at a time.
    private sealed class RowWindow(IBatchSource inner, long first, long count) : IBatchSource
    {
        public long Count => count;

        public Batch Read(long start, long length, long[]? order) =>
            order is null
                ? inner.Read(first + start, length, null)
                : throw new NotSupportedException("Prediction reads rows in order.");
    }
}
