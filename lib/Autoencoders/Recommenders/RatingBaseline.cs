using Autoencoders.Data;

namespace Autoencoders.Recommenders;

/// <summary>The baselines a recommender has to beat: rating = global mean + the movie's offset + the user's offset,
/// with the offsets shrunk towards 0 when they rest on few ratings.</summary>
/// <remarks>
/// <para>Three of them, each a step up: the <see cref="GlobalMean"/> alone; <see cref="ItemBias"/>, where good movies
/// get rated above the mean (offset = Σ(r − μ) / (n + λ) over the movie's n ratings); and <see cref="UserItemBias"/>,
/// where generous users rate above it too. The last minimises Σ(r − μ − bᵢ − bᵤ)² + λ(Σbᵢ² + Σbᵤ²), solved by
/// alternating the two closed-form updates (each offset given the others), which converges in a few sweeps.</para>
/// <para>λ acts like λ phantom ratings at exactly the mean: a movie with one 5-star rating gets a small offset, one
/// with a thousand gets nearly its own average.</para>
/// </remarks>
public sealed class RatingBaseline : IRatingPredictor
{
    private readonly float[] itemOffsets;
    private readonly float[] userOffsets;

    private RatingBaseline(string name, float mean, float[] itemOffsets, float[] userOffsets)
    {
        Name = name;
        Mean = mean;
        this.itemOffsets = itemOffsets;
        this.userOffsets = userOffsets;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The mean training rating μ.</summary>
    public float Mean { get; }

    /// <summary>The offset bᵢ of every row (movie); all 0 for the global mean.</summary>
    public IReadOnlyList<float> ItemOffsets => itemOffsets;

    /// <summary>The offset bᵤ of every column (user); all 0 unless the baseline has user offsets.</summary>
    public IReadOnlyList<float> UserOffsets => userOffsets;

    /// <summary>Predicts μ everywhere.</summary>
    public static RatingBaseline GlobalMean(RatingMatrix ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        return new("global mean", MeanOf(ratings), new float[ratings.RowCount], new float[ratings.ColumnCount]);
    }

    /// <summary>Predicts μ + bᵢ, bᵢ = Σ(r − μ) / (nᵢ + <paramref name="lambda"/>).</summary>
    public static RatingBaseline ItemBias(RatingMatrix ratings, double lambda = 10)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentOutOfRangeException.ThrowIfNegative(lambda);
        var mean = MeanOf(ratings);
        var users = new float[ratings.ColumnCount];
        return new("item bias", mean, ItemStep(ratings, mean, users, lambda), users);
    }

    /// <summary>Predicts μ + bᵢ + bᵤ, the regularised least-squares offsets found by <paramref name="sweeps"/> rounds of
    /// alternating updates (items given users, then users given items).</summary>
    public static RatingBaseline UserItemBias(RatingMatrix ratings, double lambda = 10, int sweeps = 10)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentOutOfRangeException.ThrowIfNegative(lambda);
        ArgumentOutOfRangeException.ThrowIfLessThan(sweeps, 1);
        var mean = MeanOf(ratings);
        var users = new float[ratings.ColumnCount];
        var items = new float[ratings.RowCount];
        for (var sweep = 0; sweep < sweeps; sweep++)
        {
            items = ItemStep(ratings, mean, users, lambda);
            users = UserStep(ratings, mean, items, lambda);
        }
        return new("user + item bias", mean, items, users);
    }

    /// <summary>The prediction for one cell.</summary>
    public float Predict(int row, int column) => Mean + itemOffsets[row] + userOffsets[column];

    /// <inheritdoc/>
    public float[] Predict(IReadOnlyList<int> rows, IReadOnlyList<int> columns)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        if (rows.Count != columns.Count) throw new ArgumentException("Rows and columns must be equally many.", nameof(columns));
        var predictions = new float[rows.Count];
        for (var i = 0; i < predictions.Length; i++) predictions[i] = Predict(rows[i], columns[i]);
        return predictions;
    }

    private static float MeanOf(RatingMatrix ratings)
    {
        if (ratings.Count == 0) throw new ArgumentException("The matrix holds no ratings.", nameof(ratings));
        double sum = 0;
        for (var r = 0; r < ratings.RowCount; r++)
            foreach (var value in ratings.ValuesOf(r)) sum += value;
        return (float)(sum / ratings.Count);
    }

    // bᵢ = Σᵤ (r − μ − bᵤ) / (nᵢ + λ)
    private static float[] ItemStep(RatingMatrix ratings, float mean, float[] users, double lambda)
    {
        var items = new float[ratings.RowCount];
        for (var r = 0; r < ratings.RowCount; r++)
        {
            var columns = ratings.ColumnsOf(r);
            var values = ratings.ValuesOf(r);
            double sum = 0;
            for (var k = 0; k < columns.Length; k++) sum += values[k] - mean - users[columns[k]];
            items[r] = (float)(sum / (columns.Length + lambda));
        }
        return items;
    }

    // bᵤ = Σᵢ (r − μ − bᵢ) / (nᵤ + λ)
    private static float[] UserStep(RatingMatrix ratings, float mean, float[] items, double lambda)
    {
        var sums = new double[ratings.ColumnCount];
        var counts = new int[ratings.ColumnCount];
        for (var r = 0; r < ratings.RowCount; r++)
        {
            var columns = ratings.ColumnsOf(r);
            var values = ratings.ValuesOf(r);
            for (var k = 0; k < columns.Length; k++)
            {
                sums[columns[k]] += values[k] - mean - items[r];
                counts[columns[k]]++;
            }
        }
        var users = new float[ratings.ColumnCount];
        for (var u = 0; u < users.Length; u++) users[u] = (float)(sums[u] / (counts[u] + lambda));
        return users;
    }
}
