using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>Saves the model's weights to a file after an epoch, Keras' <c>ModelCheckpoint</c>: after every epoch, or
/// only when the monitored loss is the best so far, so that a long run that is interrupted keeps its best model.</summary>
/// <remarks>The file is written with TorchSharp's <c>Module.save</c> (its own format, which <c>Module.load</c> reads
/// back into the same architecture), to a temporary name first and then renamed, so an interruption never leaves half
/// a file.</remarks>
/// <param name="path">The file to write.</param>
/// <param name="saveBestOnly">Save only when the monitored loss improved (the default), otherwise after every
/// epoch.</param>
/// <param name="monitorValidation">Monitor <c>val_loss</c> (when there is validation data) rather than the training
/// loss.</param>
public sealed class ModelCheckpoint(string path, bool saveBestOnly = true, bool monitorValidation = true) : ICallback
{
    private double best;

    /// <summary>The file the weights go to.</summary>
    public string Path { get; } = path ?? throw new ArgumentNullException(nameof(path));

    /// <summary>The epoch last saved, or 0 when none was.</summary>
    public int SavedEpoch { get; private set; }

    /// <inheritdoc/>
    public void OnTrainBegin(TrainingContext context)
    {
        best = double.PositiveInfinity;
        SavedEpoch = 0;
    }

    /// <inheritdoc/>
    public EpochResult OnEpochEnd(EpochResult result, TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        var value = monitorValidation && result.ValLoss is { } v ? v : result.Loss;
        if (saveBestOnly && !(value < best)) return result;
        best = Math.Min(best, value);
        var temporary = Path + ".tmp";
        context.Model.save(temporary);
        File.Move(temporary, Path, overwrite: true);
        SavedEpoch = result.Epoch;
        return result;
    }
}
