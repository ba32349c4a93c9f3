using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Models;

/// <summary>An encoder with a linear classification head: the model of transfer learning, where an encoder learned on
/// one task (often without labels) is reused for another that has few labels.</summary>
/// <remarks>Frozen, only the head learns: the encoder's codes are fixed features. Fine-tuned, the encoder's weights
/// are the starting point and keep learning with the head. The forward pass returns one raw score (logit) per class,
/// for <c>Losses.CategoricalCrossEntropy</c>.</remarks>
public sealed class EncoderClassifier : nn.Module<Tensor, Tensor>
{
    readonly nn.Module<Tensor, Tensor> encoder;
    readonly TorchSharp.Modules.Linear head;

    /// <summary>Puts a <paramref name="codeSize"/> → <paramref name="classes"/> linear head on
    /// <paramref name="encoder"/>; with <paramref name="freezeEncoder"/>, the encoder's parameters stop learning.</summary>
    public EncoderClassifier(nn.Module<Tensor, Tensor> encoder, int codeSize, int classes, bool freezeEncoder, long? seed = null)
        : base(nameof(EncoderClassifier))
    {
        ArgumentNullException.ThrowIfNull(encoder);
        if (seed is { } s) torch.manual_seed(s);
        this.encoder = encoder;
        head = nn.Linear(codeSize, classes);
        RegisterComponents();
        foreach (var p in encoder.parameters()) p.requires_grad = !freezeEncoder;
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x) => head.forward(encoder.forward(x));

    /// <summary>The most likely class of each row of <paramref name="x"/>.</summary>
    public Tensor PredictClasses(Tensor x)
    {
        using var _ = torch.no_grad();
        using var scope = NewDisposeScope();
        return forward(x).argmax(1).MoveToOuterDisposeScope();
    }
}
