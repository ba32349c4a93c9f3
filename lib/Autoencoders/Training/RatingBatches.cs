using Autoencoders.Data;
using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>Batches of a <see cref="RatingMatrix"/>'s rows, made dense one batch at a time, with the mask of observed
/// ratings: training that scales past the dense matrix.</summary>
/// <remarks>
/// <para>Only one batch of rows is ever dense (256 rows of ml-25m's 162,541 users: 166 MB), so a matrix whose dense
/// form would not fit in memory (38 GB for ml-25m) trains like a small one.</para>
/// <para>The target is the input itself, or another matrix over the same rows and columns: ratings held back for
/// validation, scored from the rows of the training ratings (the input) without ever being fed to the model. The
/// mask (boolean, 1 byte per cell) marks the target's observed ratings, for <see cref="Losses.MaskedMeanSquaredError"/>.
/// Both are written straight into libtorch's memory, so a batch costs its tensors and nothing on the .NET heap.</para>
/// </remarks>
/// <example><code>
/// recommender.Fit(new RatingBatches(train), epochs: 50, batchSize: 256, loss: Losses.MaskedMeanSquaredError,
///     validationData: new RatingBatches(train, target: validation));
/// </code></example>
public sealed class RatingBatches : IBatchSource
{
    private readonly int[]? rows;

    /// <summary>Batches of the rows of <paramref name="input"/>, scored against <paramref name="target"/> (the input
    /// itself when null), optionally only the rows listed in <paramref name="rows"/>.</summary>
    /// <exception cref="ArgumentException">The target has other rows or columns than the input.</exception>
    public RatingBatches(RatingMatrix input, RatingMatrix? target = null, IReadOnlyList<int>? rows = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (target is not null && !input.SameShapeAs(target))
            throw new ArgumentException(
                $"The target ({target.RowCount:N0} × {target.ColumnCount:N0}) must have the same rows and columns, with the same ids, as the input ({input.RowCount:N0} × {input.ColumnCount:N0}).",
                nameof(target));
        if (rows is not null && rows.Any(r => r < 0 || r >= input.RowCount))
            throw new ArgumentOutOfRangeException(nameof(rows), $"Rows must be positions 0 … {input.RowCount - 1}.");
        Input = input;
        Target = target;
        this.rows = rows?.ToArray();
    }

    /// <summary>The matrix whose rows are fed to the model.</summary>
    public RatingMatrix Input { get; }

    /// <summary>The matrix the output is scored against, or null when it is <see cref="Input"/>.</summary>
    public RatingMatrix? Target { get; }

    /// <inheritdoc/>
    public long Count => rows?.Length ?? Input.RowCount;

    /// <summary>The matrix row behind batch row <paramref name="i"/> of this source.</summary>
    public int MatrixRow(long i) => rows is null ? (int)i : rows[i];

    /// <inheritdoc/>
    public Batch Read(long start, long length, long[]? order)
    {
        var chosen = new int[length];
        for (var i = 0; i < length; i++) chosen[i] = MatrixRow(order is null ? start + i : order[start + i]);
        if (Target is null)
        {
            var (input, observed) = Input.DenseRows(chosen, withMask: true);
            return new Batch(input, input, observed);
        }
        var (target, mask) = Target.DenseRows(chosen, withMask: true);
        return new Batch(Input.DenseRows(chosen, withMask: false).Dense, target, mask);
    }
}
