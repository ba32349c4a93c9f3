using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>A loss plus an L2 penalty on the model's weight matrices, (λ / 2)·Σ w², Keras' <c>kernel_regularizer=l2</c>.
/// The penalty is added while the model trains and left out when it is evaluated, so <c>val_loss</c> stays the plain
/// loss and can be compared across values of λ.</summary>
/// <remarks>Biases are not penalised (they only shift outputs and cannot overfit much). Because the losses here are
/// means over a batch, a penalty written for a sum over the whole data set (AutoRec's Σ errors² + λ/2·‖W‖²) becomes
/// λ divided by the number of terms in the data set; <see cref="Recommenders.AutoRec"/> does that conversion.</remarks>
/// <param name="inner">The data term.</param>
/// <param name="lambda">The strength λ (per term of the mean).</param>
public sealed class L2Penalty(Loss inner, double lambda) : Loss
{
    /// <summary>The loss the penalty is added to.</summary>
    public Loss Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>λ of (λ / 2)·Σ w².</summary>
    public double Lambda { get; } = lambda >= 0 ? lambda : throw new ArgumentOutOfRangeException(nameof(lambda));

    /// <inheritdoc/>
    public override string Name => $"{Inner.Name} + l2";

    /// <inheritdoc/>
    public override Tensor Compute(Tensor output, Tensor target) => Inner.Compute(output, target);

    /// <inheritdoc/>
    public override Tensor Evaluate(nn.Module<Tensor, Tensor> model, Batch batch)
    {
        ArgumentNullException.ThrowIfNull(model);
        var loss = Inner.Evaluate(model, batch);
        if (!model.training || Lambda == 0) return loss;
        using var scope = NewDisposeScope();
        var penalty = model.named_parameters()
            .Where(p => p.name == "weight" || p.name.EndsWith(".weight", StringComparison.Ordinal))
            .Select(p => p.parameter.square().sum())
            .Aggregate((a, b) => a + b);
        return (loss + penalty * (Lambda / 2)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override double Terms(Batch batch) => Inner.Terms(batch);

    /// <inheritdoc/>
    public override double Terms(Tensor target) => Inner.Terms(target);
}
