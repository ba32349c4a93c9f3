using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>Stops training when the monitored loss has not improved for a while, Keras' <c>EarlyStopping</c>
/// callback, and optionally puts back the weights of the best epoch.</summary>
/// <remarks>An epoch "improves" when its loss is below the best so far by more than <see cref="MinDelta"/>. After
/// <see cref="Patience"/> epochs without improvement training ends. With <see cref="RestoreBestWeights"/> the model
/// ends up with the weights of the best epoch even when training ran to the end, which is what one wants for
/// reporting a validation figure. One instance can be reused: each <c>Fit</c> starts it afresh. Pass it as
/// <see cref="Trainer.EarlyStopping"/> or among <see cref="Trainer.Callbacks"/>.</remarks>
/// <param name="patience">Consecutive epochs without improvement after which training stops (Keras counts the same
/// way; its default is 0: stop at the first).</param>
/// <param name="minDelta">The smallest decrease that counts as an improvement.</param>
/// <param name="restoreBestWeights">Put back the weights of the best epoch when training ends.</param>
/// <param name="monitorValidation">Monitor <c>val_loss</c> (the default, needs validation data) rather than the
/// training loss.</param>
public sealed class EarlyStopping(int patience = 5, double minDelta = 0, bool restoreBestWeights = true, bool monitorValidation = true)
    : ICallback
{
    private double best;
    private int bestEpoch;
    private int wait;
    private Dictionary<string, Tensor>? bestWeights;

    /// <summary>Epochs without improvement before training stops.</summary>
    public int Patience { get; } = patience >= 0 ? patience : throw new ArgumentOutOfRangeException(nameof(patience));

    /// <summary>The smallest decrease of the monitored loss that counts as an improvement.</summary>
    public double MinDelta { get; } = minDelta >= 0 ? minDelta : throw new ArgumentOutOfRangeException(nameof(minDelta));

    /// <summary>Whether the best epoch's weights are put back when training ends.</summary>
    public bool RestoreBestWeights { get; } = restoreBestWeights;

    /// <summary>True to monitor <c>val_loss</c>, false for the training loss.</summary>
    public bool MonitorValidation { get; } = monitorValidation;

    /// <summary>The epoch with the best monitored loss in the last <c>Fit</c> call (0 before any epoch).</summary>
    public int BestEpoch => bestEpoch;

    /// <inheritdoc/>
    public void OnTrainBegin(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (MonitorValidation && !context.HasValidation)
            throw new ArgumentException("Early stopping monitors val_loss, but Fit was given no validation data. Pass validation data, or monitorValidation: false.");
        best = double.PositiveInfinity;
        bestEpoch = 0;
        wait = 0;
        DisposeSnapshot();
    }

    /// <summary>Records an epoch; stops training after <see cref="Patience"/> epochs without improvement, and when
    /// training ends (stopped here or at its last epoch) puts back the best weights if asked to and notes it on the
    /// result.</summary>
    public EpochResult OnEpochEnd(EpochResult result, TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        var value = MonitorValidation ? result.ValLoss!.Value : result.Loss;
        if (value < best - MinDelta)
        {
            best = value;
            bestEpoch = result.Epoch;
            wait = 0;
            if (RestoreBestWeights) Snapshot(context.Model);
        }
        else if (++wait >= Patience)
        {
            context.StopTraining = true;
            context.History.StoppedEpoch = result.Epoch;
        }
        if (!context.StopTraining && result.Epoch < result.Epochs) return result;

        context.History.RestoredEpoch = Restore(context.Model, result.Epoch);
        var parts = new List<string>();
        if (context.History.StoppedEpoch is { } stopped) parts.Add($"Epoch {stopped}: early stopping.");
        if (context.History.RestoredEpoch is { } restored) parts.Add($"Restored the weights of the best epoch, {restored}.");
        return parts.Count == 0 ? result : result with { Note = Join(result.Note, string.Join(" ", parts)) };
    }

    /// <inheritdoc/>
    public void OnTrainEnd(TrainingContext context) => DisposeSnapshot();

    private static string Join(string? first, string second) => first is null ? second : $"{first} {second}";

    /// <summary>Restores the best weights if asked to and they are not already the model's; returns the restored
    /// epoch or null.</summary>
    private int? Restore(nn.Module model, int lastEpoch)
    {
        try
        {
            if (!RestoreBestWeights || bestWeights is null || bestEpoch == lastEpoch) return null;
            using var noGrad = no_grad();
            foreach (var (name, tensor) in model.state_dict())
                tensor.copy_(bestWeights[name]);
            return bestEpoch;
        }
        finally
        {
            DisposeSnapshot();
        }
    }

    private void Snapshot(nn.Module model)
    {
        DisposeSnapshot();
        bestWeights = model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone().DetachFromDisposeScope());
    }

    private void DisposeSnapshot()
    {
        if (bestWeights is null) return;
        foreach (var tensor in bestWeights.Values) tensor.Dispose();
        bestWeights = null;
    }
}
