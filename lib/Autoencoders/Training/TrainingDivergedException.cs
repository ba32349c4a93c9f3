namespace Autoencoders.Training;

/// <summary>Thrown when a loss becomes NaN or infinite, which ends training (Keras' <c>TerminateOnNaN</c>).</summary>
/// <remarks>Once a loss is NaN every weight it touches becomes NaN at the next step and nothing recovers, so training
/// stops at once instead of spending the remaining epochs on garbage. The check happens before the step, so the
/// model keeps the weights it had before the failing batch. <see cref="History"/> holds the epochs that completed.</remarks>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for epoch <paramref name="epoch"/> and batch <paramref name="batch"/> (1-based;
    /// null when the validation loss diverged).</summary>
    public TrainingDivergedException(int epoch, int? batch, int steps, double loss, History history)
        : base(Describe(epoch, batch, steps, loss))
    {
        Epoch = epoch;
        Batch = batch;
        LossValue = loss;
        History = history;
    }

    /// <summary>The epoch in which the loss diverged (1-based).</summary>
    public int Epoch { get; }

    /// <summary>The batch within <see cref="Epoch"/> (1-based), or null when it was the validation loss.</summary>
    public int? Batch { get; }

    /// <summary>The offending loss value (NaN or ±infinity).</summary>
    public double LossValue { get; }

    /// <summary>The completed epochs before training stopped.</summary>
    public History History { get; }

    private static string Describe(int epoch, int? batch, int steps, double loss)
    {
        var where = batch is { } b
            ? $"at epoch {epoch}, batch {b}/{steps}. The model keeps its weights from before that batch"
            : $"on the validation data after epoch {epoch}. The model keeps that epoch's weights";
        return $"Training stopped: the loss became {loss} {where}. " +
               "Usual causes: a learning rate that is too high, inputs that are not scaled (e.g. pixels 0–255 instead " +
               "of 0–1), or NaN values in the data.";
    }
}
