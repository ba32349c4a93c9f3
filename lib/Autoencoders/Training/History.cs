using System.Collections;
using Microsoft.Data.Analysis;

namespace Autoencoders.Training;

/// <summary>The per-epoch record of a <c>Fit</c> call, Keras' <c>history.history</c>.</summary>
/// <remarks>Enumerates the <see cref="EpochResult"/>s in order; <see cref="Loss"/> and <see cref="ValLoss"/> are the
/// two curves a notebook plots, and <see cref="ToDataFrame"/> gives them as a table.</remarks>
public sealed class History : IReadOnlyList<EpochResult>
{
    private readonly List<EpochResult> epochs = [];

    /// <summary>Training loss per epoch (Keras' <c>history.history["loss"]</c>).</summary>
    public IReadOnlyList<double> Loss => epochs.Select(e => e.Loss).ToArray();

    /// <summary>Validation loss per epoch (<c>history.history["val_loss"]</c>), or null when training had no
    /// validation data.</summary>
    public IReadOnlyList<double>? ValLoss =>
        epochs.Count > 0 && epochs.All(e => e.ValLoss.HasValue) ? epochs.Select(e => e.ValLoss!.Value).ToArray() : null;

    /// <summary>The last epoch's validation loss: the number a lesson compares once training is over.</summary>
    /// <exception cref="InvalidOperationException">Training ran no epoch or had no validation data.</exception>
    public double LastValLoss => ValLoss is { Count: > 0 } v ? v[^1] : throw new InvalidOperationException(
        "This history has no validation loss: pass validationData to Fit to measure one after every epoch.");

    /// <summary>The epoch with the lowest validation loss (training loss without validation data), or 0 before any
    /// epoch has run.</summary>
    public int BestEpoch
    {
        get
        {
            var best = epochs.Select(e => (e.Epoch, Value: e.ValLoss ?? e.Loss)).DefaultIfEmpty().MinBy(e => e.Value);
            return best.Epoch;
        }
    }

    /// <summary>The epoch after which early stopping ended training, or null when every requested epoch ran.</summary>
    public int? StoppedEpoch { get; internal set; }

    /// <summary>The epoch whose weights the model holds after training when they were restored (early stopping with
    /// best-weights restore), or null when the model holds the last epoch's weights.</summary>
    public int? RestoredEpoch { get; internal set; }

    /// <summary>Total wall time of the epochs.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(epochs.Sum(e => e.Duration.Ticks));

    /// <inheritdoc/>
    public int Count => epochs.Count;

    /// <inheritdoc/>
    public EpochResult this[int index] => epochs[index];

    /// <inheritdoc/>
    public IEnumerator<EpochResult> GetEnumerator() => epochs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One row per epoch: <c>epoch</c>, <c>loss</c>, <c>val_loss</c> (missing without validation data) and
    /// <c>seconds</c>, ready for a chart or a table.</summary>
    public DataFrame ToDataFrame() => new(
        new PrimitiveDataFrameColumn<int>("epoch", epochs.Select(e => e.Epoch)),
        new PrimitiveDataFrameColumn<double>("loss", epochs.Select(e => e.Loss)),
        new PrimitiveDataFrameColumn<double>("val_loss", epochs.Select(e => e.ValLoss)),
        new PrimitiveDataFrameColumn<double>("seconds", epochs.Select(e => e.Duration.TotalSeconds)));

    /// <summary>All progress lines, one per epoch.</summary>
    public override string ToString() => string.Join(Environment.NewLine, epochs);

    internal void Add(EpochResult result) => epochs.Add(result);

    internal void ReplaceLast(EpochResult result) => epochs[^1] = result;
}
