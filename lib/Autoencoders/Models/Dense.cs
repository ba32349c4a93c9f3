using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Autoencoders.Models;

/// <summary>A fully connected layer, Keras' <c>Dense</c>: <c>activation(x·Wᵀ + b)</c>.</summary>
/// <remarks>
/// <para>A layer either owns its weight matrix W (shape [outputs, inputs], as in PyTorch) or is <em>tied</em> to a
/// mirror layer of the encoder and uses that layer's W transposed, keeping only its own bias. Tying halves the weights
/// of a symmetric autoencoder and was the classic way to regularise it; a tied layer holds no copy, so training the
/// autoencoder updates one matrix through both paths.</para>
/// <para>The activation is kept separate from the linear map (<see cref="PreActivation"/>) so that training can fuse
/// a final sigmoid with binary cross-entropy, which is both more accurate and much faster in libtorch.</para>
/// </remarks>
public sealed class Dense : nn.Module<Tensor, Tensor>
{
    private readonly Parameter? weight;
    private readonly Parameter bias;

    /// <summary>Creates a layer with its own weights, drawn with <paramref name="initializer"/> from
    /// <paramref name="generator"/> (torch's global generator when null, so <c>torch.manual_seed</c> applies).</summary>
    public Dense(string name, int inputs, int outputs, Activation activation,
        Initializer initializer = Initializer.GlorotUniform, Generator? generator = null) : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        Inputs = inputs;
        Outputs = outputs;
        Activation = activation;
        using (no_grad())
        {
            weight = new Parameter(empty(outputs, inputs));
            bias = new Parameter(empty(outputs));
            Initialize(weight, bias, inputs, outputs, initializer, generator);
        }
        register_parameter("weight", weight);
        register_parameter("bias", bias);
    }

    /// <summary>Creates a layer that shares <paramref name="mirror"/>'s weights, transposed: it maps
    /// <c>mirror.Outputs</c> features back to <c>mirror.Inputs</c>. Only its bias is its own (initialised to zero,
    /// as in Keras).</summary>
    public Dense(string name, Dense mirror, Activation activation) : base(name)
    {
        ArgumentNullException.ThrowIfNull(mirror);
        if (mirror.TiedTo is not null) throw new ArgumentException("A layer can only be tied to a layer that owns its weights.", nameof(mirror));
        TiedTo = mirror;
        Inputs = mirror.Outputs;
        Outputs = mirror.Inputs;
        Activation = activation;
        bias = new Parameter(zeros(Outputs));
        // The mirror's weight is deliberately not registered here: the autoencoder owns it once, through the
        // mirror, so optimisers see it once and saved files store it once.
        register_parameter("bias", bias);
    }

    /// <summary>Number of input features.</summary>
    public int Inputs { get; }

    /// <summary>Number of output features (units).</summary>
    public int Outputs { get; }

    /// <summary>The activation applied after the linear map.</summary>
    public Activation Activation { get; }

    /// <summary>The encoder layer whose transposed weights this layer uses, or null when it owns its weights.</summary>
    public Dense? TiedTo { get; }

    /// <summary>The layer's own weight matrix, shape [<see cref="Outputs"/>, <see cref="Inputs"/>]; for a tied layer,
    /// the mirror's matrix (shape [<see cref="Inputs"/>, <see cref="Outputs"/>]), which this layer uses transposed.</summary>
    public Parameter Weight => weight ?? TiedTo!.Weight;

    /// <summary>The bias vector, always the layer's own.</summary>
    public Parameter Bias => bias;

    /// <summary>Number of trainable values this layer owns (a tied layer counts only its bias), as Keras counts them.</summary>
    public long OwnParameterCount => (weight?.numel() ?? 0) + bias.numel();

    /// <summary>The linear part, <c>x·Wᵀ + b</c>, before the activation (the "logits" of a sigmoid layer).</summary>
    public Tensor PreActivation(Tensor x) => TiedTo is null
        ? nn.functional.linear(x, weight!, bias)
        : nn.functional.linear(x, TiedTo.Weight.t(), bias);

    /// <inheritdoc/>
    public override Tensor forward(Tensor x) => Activation.Apply(PreActivation(x));

    // Tensor.uniform_ rather than nn.init.uniform_: in TorchSharp 0.107 the latter ignores its generator argument.
    private static void Initialize(Tensor weight, Tensor bias, int inputs, int outputs, Initializer initializer, Generator? generator)
    {
        switch (initializer)
        {
            case Initializer.GlorotUniform:
                var limit = Math.Sqrt(6.0 / (inputs + outputs));
                weight.uniform_(-limit, limit, generator: generator);
                bias.zero_();
                break;
            case Initializer.TorchDefault:
                var bound = 1.0 / Math.Sqrt(inputs);
                weight.uniform_(-bound, bound, generator: generator);
                bias.uniform_(-bound, bound, generator: generator);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(initializer), initializer, null);
        }
    }
}
