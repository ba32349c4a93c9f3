using Autoencoders.Models;
using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>Keeps the model's outputs for a few fixed images at chosen epochs, to show how reconstructions sharpen
/// during training: blurred average shapes after the first epoch, details later. The loss curve says how much better
/// the model gets; these pictures say what "better" looks like.</summary>
/// <remarks>The outputs are computed with gradients off and the model in evaluation mode (as
/// <see cref="Inference.Predict(nn.Module{Tensor, Tensor}, Tensor, int)"/> does), after the epoch's validation, so they
/// belong to the same weights as that epoch's <c>val_loss</c>. Epochs beyond the run's last are never reached and
/// leave no snapshot.</remarks>
/// <param name="images">The inputs to reconstruct, e.g. the first ten test images.</param>
/// <param name="epochs">The 1-based epochs after which to keep the outputs.</param>
/// <example><code>
/// var snapshots = new ReconstructionSnapshots(xTest[..10], [1, 5, 20, 100]);
/// new Trainer { Callbacks = [snapshots] }.Fit(model, xTrain, xTrain, epochs: 100, batchSize: 256);
/// ImageGrid.Create([("original", xTest[..10]), .. snapshots.Rows])
/// </code></example>
public sealed class ReconstructionSnapshots(Tensor images, IEnumerable<int> epochs) : ICallback
{
    private readonly Tensor inputs = (images ?? throw new ArgumentNullException(nameof(images))).detach();
    private readonly HashSet<int> chosen = [.. epochs ?? throw new ArgumentNullException(nameof(epochs))];
    private readonly List<(int Epoch, Tensor Outputs)> snapshots = [];

    /// <summary>The epochs kept so far, in order, each with the model's outputs for the images.</summary>
    public IReadOnlyList<(int Epoch, Tensor Outputs)> Snapshots => snapshots;

    /// <summary>The snapshots as rows for <see cref="Charts.ImageGrid.Create"/>, labelled "epoch N".</summary>
    public IReadOnlyList<(string Label, Tensor Images)> Rows => [.. snapshots.Select(s => ($"epoch {s.Epoch}", s.Outputs))];

    /// <inheritdoc/>
    public void OnTrainBegin(TrainingContext context) => snapshots.Clear();

    /// <inheritdoc/>
    public EpochResult OnEpochEnd(EpochResult result, TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        if (!chosen.Contains(result.Epoch)) return result;
        if (context.Model is not nn.Module<Tensor, Tensor> model)
            throw new InvalidOperationException("Reconstruction snapshots need a model that maps a tensor to a tensor.");
        snapshots.Add((result.Epoch, model.Predict(inputs).DetachFromDisposeScope()));
        return result;
    }
}
