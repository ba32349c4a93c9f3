using Autoencoders.Recommenders;
using TorchSharp;

namespace Autoencoders.Data;

/// <summary>Individual ratings removed from a <see cref="RatingMatrix"/> before training, to measure how well a model
/// predicts ratings it has not seen.</summary>
/// <remarks>Splitting rows (movies) shows whether a model generalises to new movies, but cannot say how well it
/// predicts a known movie's missing ratings — which is what a recommender is for. Hiding single ratings answers that;
/// the lecture's unmasked autoencoder scores poorly here because it learns to predict 0 for "not rated".</remarks>
public sealed class HeldOutRatings
{
    readonly int[] rows, columns;
    readonly float[] ratings;
    readonly IdIndex rowIndex, columnIndex;

    // Positions arrive in row-major order, as RatingMatrix.HoldOut produces them.
    internal HeldOutRatings(int[] rows, int[] columns, float[] ratings, IdIndex rowIndex, IdIndex columnIndex)
    {
        this.rows = rows;
        this.columns = columns;
        this.ratings = ratings;
        this.rowIndex = rowIndex;
        this.columnIndex = columnIndex;
    }

    /// <summary>Row (movie position) of each held-out rating.</summary>
    public IReadOnlyList<int> Rows => rows;

    /// <summary>Column (user position) of each held-out rating.</summary>
    public IReadOnlyList<int> Columns => columns;

    /// <summary>The held-out ratings.</summary>
    public IReadOnlyList<float> Ratings => ratings;

    /// <summary>How many ratings are held out.</summary>
    public int Count => Ratings.Count;

    int MatrixColumns => columnIndex.Count;

    /// <summary>The held-out ratings as a matrix over the same rows and columns as the one they were taken from: the
    /// target of validation batches whose input is the rest (<see cref="Training.RatingBatches"/>).</summary>
    public RatingMatrix ToMatrix()
    {
        var starts = new long[rowIndex.Count + 1];
        foreach (var r in rows) starts[r + 1]++;
        for (var r = 0; r < rowIndex.Count; r++) starts[r + 1] += starts[r];
        return new RatingMatrix(rowIndex, columnIndex, starts, columns.ToArray(), ratings.ToArray());
    }

    /// <summary>Root-mean-square error of a predictor (a baseline, AutoRec) on the held-out ratings.</summary>
    public double Rmse(IRatingPredictor predictor)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        var predicted = predictor.Predict(rows, columns);
        double sum = 0;
        for (var i = 0; i < ratings.Length; i++) sum += Math.Pow(predicted[i] - ratings[i], 2);
        return ratings.Length == 0 ? 0 : Math.Sqrt(sum / ratings.Length);
    }

    /// <summary>Picks the predictions for the held-out positions from a dense (rows × columns) prediction.</summary>
    public torch.Tensor Select(torch.Tensor predictions)
    {
        if (predictions.dim() != 2 || predictions.shape[1] != MatrixColumns)
            throw new ArgumentException(
                $"Expected predictions of shape (rows, {MatrixColumns}) but got ({string.Join(", ", predictions.shape)}).");
        using var flat = predictions.reshape(-1);
        using var index = torch.tensor(Rows.Zip(Columns, (r, c) => (long)r * MatrixColumns + c).ToArray());
        return flat.index_select(0, index);
    }

    /// <summary>Root-mean-square error of a dense (rows × columns) prediction on the held-out ratings.</summary>
    public double Rmse(torch.Tensor predictions)
    {
        using var scope = torch.NewDisposeScope();
        var predicted = Select(predictions).to_type(torch.ScalarType.Float64);
        var actual = torch.tensor(Ratings.Select(r => (double)r).ToArray());
        return (predicted - actual).square().mean().sqrt().item<double>();
    }
}
