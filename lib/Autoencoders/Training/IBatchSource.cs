namespace Autoencoders.Training;

/// <summary>Where training, evaluation and prediction take their batches from: rows of dense tensors
/// (<see cref="DenseBatches"/>) or of a sparse rating matrix made dense one batch at a time
/// (<see cref="RatingBatches"/>).</summary>
/// <remarks>A source only has to know how many rows it holds and how to build the batch of some of them; the order,
/// the batch size, the dispose scope of each batch and the device are the business of the loop that asks.</remarks>
public interface IBatchSource
{
    /// <summary>Number of rows (samples).</summary>
    long Count { get; }

    /// <summary>The batch of rows <c>order[start … start + length)</c>, or of rows <c>start … start + length</c> when
    /// <paramref name="order"/> is null (the unshuffled case, where dense sources can return views).</summary>
    Batch Read(long start, long length, long[]? order);
}
