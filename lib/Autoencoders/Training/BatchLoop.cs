using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>The one loop over batches that training, evaluation and prediction share.</summary>
/// <remarks>Each batch is read inside a dispose scope of its own that stays open while the caller works on it and
/// closes when the caller asks for the next batch (or leaves the loop, also by an exception). Everything the caller
/// computes from the batch is freed with it, unless moved out of the scope on purpose.</remarks>
internal static class BatchLoop
{
    /// <summary>The batches of <paramref name="source"/> in the order given (row order when null), moved to
    /// <paramref name="device"/>.</summary>
    public static IEnumerable<Batch> Over(IBatchSource source, int batchSize, long[]? order = null, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var rows = source.Count;
        for (long start = 0; start < rows; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var batch = source.Read(start, Math.Min(batchSize, rows - start), order);
            yield return device is null ? batch : batch.To(device);
        }
    }

    /// <summary>Number of batches of <paramref name="batchSize"/> rows in <paramref name="rows"/> rows.</summary>
    public static int Count(long rows, int batchSize) => (int)((rows + batchSize - 1) / batchSize);

    /// <summary>The device of the model's first parameter (CPU for a model without parameters).</summary>
    public static Device DeviceOf(nn.Module model) => model.parameters().FirstOrDefault()?.device ?? CPU;
}
