using TorchSharp;

namespace Autoencoders.Data;

/// <summary>Individual ratings removed from a <see cref="RatingMatrix"/> before training, to measure how well a model
/// predicts ratings it has not seen.</summary>
/// <remarks>Splitting rows (movies) shows whether a model generalises to new movies, but cannot say how well it
/// predicts a known movie's missing ratings — which is what a recommender is for. Hiding single ratings answers that;
/// the lecture's unmasked autoencoder scores poorly here because it learns to predict 0 for "not rated".</remarks>
public sealed class HeldOutRatings
{
    internal HeldOutRatings(int[] rows, int[] columns, float[] ratings, int matrixColumns)
    {
        Rows = rows;
        Columns = columns;
        Ratings = ratings;
        MatrixColumns = matrixColumns;
    }

    /// <summary>Row (movie position) of each held-out rating.</summary>
    public IReadOnlyList<int> Rows { get; }

    /// <summary>Column (user position) of each held-out rating.</summary>
    public IReadOnlyList<int> Columns { get; }

    /// <summary>The held-out ratings.</summary>
    public IReadOnlyList<float> Ratings { get; }

    /// <summary>How many ratings are held out.</summary>
    public int Count => Ratings.Count;

    int MatrixColumns { get; }

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
