using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>One mini-batch: the model's input, the target it is scored against and, for ratings, which target entries
/// were observed.</summary>
/// <remarks>A batch lives in the dispose scope of the step that uses it: its tensors are freed when the step ends,
/// which is what keeps memory flat however large the data behind the batches is.</remarks>
/// <param name="Input">Rows fed to the model.</param>
/// <param name="Target">What the output is compared with (the input itself for a plain autoencoder).</param>
/// <param name="Mask">True (or 1) where a target entry is observed, false (0) where it is missing; null when every
/// entry counts. Masked
/// losses use it; other losses ignore it.</param>
public sealed record Batch(Tensor Input, Tensor Target, Tensor? Mask = null)
{
    /// <summary>Number of rows (samples) in the batch.</summary>
    public long Rows => Input.shape[0];

    /// <summary>The same batch on <paramref name="device"/> (itself when it is already there).</summary>
    public Batch To(Device device)
    {
        if (Input.device == device) return this;
        var input = Input.to(device);
        var target = ReferenceEquals(Target, Input) ? input : Target.to(device);
        return new Batch(input, target, Mask?.to(device));
    }
}
