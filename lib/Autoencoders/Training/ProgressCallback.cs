namespace Autoencoders.Training;

/// <summary>Hands every epoch's result to an <see cref="IProgress{T}"/> sink: the Keras-style line in a console, one
/// display updated in place in a notebook (see <see cref="TrainingProgress"/>). The trainer adds one as the last
/// callback, so the result it reports carries the notes of the callbacks before it.</summary>
/// <param name="sink">Where the results go.</param>
public sealed class ProgressCallback(IProgress<EpochResult> sink) : ICallback
{
    private readonly IProgress<EpochResult> sink = sink ?? throw new ArgumentNullException(nameof(sink));

    /// <inheritdoc/>
    public EpochResult OnEpochEnd(EpochResult result, TrainingContext context)
    {
        sink.Report(result);
        return result;
    }
}
