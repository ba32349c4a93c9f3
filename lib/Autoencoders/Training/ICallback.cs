namespace Autoencoders.Training;

/// <summary>Something that acts at fixed points of training, Keras' <c>Callback</c>: early stopping, progress display,
/// checkpoints and learning-rate schedules are all callbacks.</summary>
/// <remarks>Every method has an empty default, so a callback implements only what it needs. The trainer calls them in
/// the order of <see cref="Trainer.Callbacks"/> (early stopping first, progress last). At the end of an epoch each
/// callback receives the epoch's result as the previous one returned it and may return an annotated copy (a
/// <see cref="EpochResult.Note"/>), so the progress display shows what early stopping decided.</remarks>
public interface ICallback
{
    /// <summary>Before the first epoch of a <c>Fit</c> call.</summary>
    void OnTrainBegin(TrainingContext context) { }

    /// <summary>Before epoch <paramref name="epoch"/> (1-based) starts; a schedule sets the learning rate here.</summary>
    void OnEpochBegin(int epoch, TrainingContext context) { }

    /// <summary>After an epoch and its validation; set <see cref="TrainingContext.StopTraining"/> to end training.</summary>
    /// <returns>The result, possibly with a note added.</returns>
    EpochResult OnEpochEnd(EpochResult result, TrainingContext context) => result;

    /// <summary>After the last epoch (also when training stopped early).</summary>
    void OnTrainEnd(TrainingContext context) { }
}
