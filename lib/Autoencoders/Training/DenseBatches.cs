using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>Batches cut from an input tensor and a target tensor with one row per sample: what <c>model.Fit(x, y)</c>
/// trains on.</summary>
/// <remarks>Unshuffled batches are views (<c>narrow</c>), shuffled ones copies of the chosen rows
/// (<c>index_select</c>). Passing the same tensor as input and target (an autoencoder) copies it once per batch, not
/// twice.</remarks>
public sealed class DenseBatches : IBatchSource
{
    /// <summary>Wraps <paramref name="x"/> (inputs) and <paramref name="y"/> (targets); both need the same number of
    /// rows.</summary>
    public DenseBatches(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.dim() < 1 || y.dim() < 1 || x.shape[0] != y.shape[0])
            throw new ArgumentException(
                $"Inputs and targets need the same number of rows (got {string.Join("×", x.shape)} and {string.Join("×", y.shape)}).", nameof(y));
        X = x;
        Y = y;
    }

    /// <summary>The inputs.</summary>
    public Tensor X { get; }

    /// <summary>The targets.</summary>
    public Tensor Y { get; }

    /// <inheritdoc/>
    public long Count => X.shape[0];

    /// <inheritdoc/>
    public Batch Read(long start, long length, long[]? order)
    {
        if (order is null)
        {
            var xb = X.narrow(0, start, length);
            return new Batch(xb, ReferenceEquals(X, Y) ? xb : Y.narrow(0, start, length));
        }
        using var index = tensor(order.AsSpan((int)start, (int)length).ToArray());
        var input = X.index_select(0, index);
        return new Batch(input, ReferenceEquals(X, Y) ? input : Y.index_select(0, index));
    }
}
