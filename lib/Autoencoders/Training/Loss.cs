using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>A training objective: how far a batch of outputs is from its targets, as one number to minimise.</summary>
/// <remarks>The built-in losses are in <see cref="Losses"/>. To write another, override <see cref="Compute"/>; override
/// <see cref="Evaluate(nn.Module{Tensor, Tensor}, Batch)"/> only when the loss needs more than the output and the
/// target: the batch's mask of observed entries, or the model's logits (as binary cross-entropy takes them).</remarks>
public abstract class Loss
{
    /// <summary>The name shown in summaries, e.g. <c>binary_crossentropy</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The mean loss over a batch of model outputs and their targets (a scalar tensor).</summary>
    public abstract Tensor Compute(Tensor output, Tensor target);

    /// <summary>Runs <paramref name="model"/> on the batch's input and returns the mean loss against its target. The
    /// trainer calls this, never <see cref="Compute"/> directly.</summary>
    public virtual Tensor Evaluate(nn.Module<Tensor, Tensor> model, Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Evaluate(model, batch.Input, batch.Target);
    }

    /// <summary>Runs <paramref name="model"/> on <paramref name="input"/> and returns the mean loss against
    /// <paramref name="target"/>.</summary>
    public virtual Tensor Evaluate(nn.Module<Tensor, Tensor> model, Tensor input, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Compute(model.call(input), target);
    }

    /// <summary>How many terms the batch mean runs over, so that batches of different sizes (the last one is usually
    /// smaller) are weighted correctly in the epoch's mean.</summary>
    public virtual double Terms(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Terms(batch.Target);
    }

    /// <summary>How many terms the mean over <paramref name="target"/> runs over (every entry, by default).</summary>
    public virtual double Terms(Tensor target) => target.numel();

    /// <inheritdoc/>
    public override string ToString() => Name;
}
