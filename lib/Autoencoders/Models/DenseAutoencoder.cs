using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Autoencoders.Models;

/// <summary>A fully connected autoencoder built from a list of layer sizes, like the lecture's Keras models.</summary>
/// <remarks>
/// <para><c>[784, 128, 64, 32, 64, 128, 784]</c> means an input of 784 features and six <see cref="Dense"/> layers.
/// The <em>code</em> layer (the bottleneck; the middle of a symmetric list) ends the <see cref="Encoder"/> and
/// everything after it is the <see cref="Decoder"/>. Both are real modules that share this model's weights, so
/// <c>model.Encoder.call(x)</c> is Keras' <c>keras.Model(input, encoded)</c> without copying anything. They belong to
/// the model: dispose the model, never them.</para>
/// <para>Layers are numbered as Keras numbers <c>model.layers</c>: 0 is the input, k is the k-th dense layer
/// (named <c>dense_k</c>). <see cref="ForwardTo"/>(x, 7) is the lecture's <c>model.layers[7].output</c>.</para>
/// <para><see cref="nn.Module{T, TResult}.forward"/> returns the activated output (probabilities for a sigmoid output),
/// as Keras' <c>predict</c> does. Training with binary cross-entropy uses <see cref="Logits"/> instead.</para>
/// </remarks>
public sealed class DenseAutoencoder : nn.Module<Tensor, Tensor>, ILogitsModel
{
    private readonly Dense[] layers;
    private readonly Sequential encoder;
    private readonly Sequential decoder;

    private DenseAutoencoder(IReadOnlyList<int> sizes, int codeLayer, Dense[] layers) : base("autoencoder")
    {
        LayerSizes = sizes.ToArray();
        CodeLayer = codeLayer;
        this.layers = layers;
        encoder = nn.Sequential(layers[..codeLayer].Select(l => (l.GetName(), (nn.Module<Tensor, Tensor>)l)));
        decoder = nn.Sequential(layers[codeLayer..].Select(l => (l.GetName(), (nn.Module<Tensor, Tensor>)l)));
        register_module("encoder", encoder);
        register_module("decoder", decoder);
    }

    /// <summary>Builds an autoencoder from layer sizes, input first and output last.</summary>
    /// <param name="sizes">Input size, then the units of each layer, e.g. <c>[784, 128, 64, 32, 64, 128, 784]</c>
    /// (the lecture's deep autoencoder), <c>[784, 32, 784]</c> (a single-layer one), <c>[784, 1024, 784]</c>
    /// (overcomplete: the code is wider than the input, so it needs noise or another constraint to learn more than
    /// the identity).</param>
    /// <param name="hidden">Activation of every layer except the code layer and the output.</param>
    /// <param name="output">Activation of the last layer: sigmoid for pixels in [0, 1], linear for ratings.</param>
    /// <param name="code">Activation of the code layer; defaults to <paramref name="hidden"/>. A linear code keeps a
    /// 2-D embedding from collapsing onto an axis when its ReLU units die.</param>
    /// <param name="codeLayer">Keras index (1-based) of the code layer. When omitted: the middle layer of a
    /// symmetric list, otherwise the narrowest hidden layer (the first one if several are equally narrow).</param>
    /// <param name="tiedWeights">Each decoder layer uses the transposed weights of its mirror encoder layer. Needs a
    /// symmetric size list with the code in the middle.</param>
    /// <param name="initializer">How weights are drawn; Keras' Glorot uniform by default.</param>
    /// <param name="seed">Seed for the initial weights. When null, torch's global generator is used, so a
    /// <c>torch.manual_seed(…)</c> earlier in the notebook makes the model reproducible.</param>
    public static DenseAutoencoder Create(IReadOnlyList<int> sizes, Activation hidden = Activation.ReLU,
        Activation output = Activation.Sigmoid, Activation? code = null, int? codeLayer = null, bool tiedWeights = false,
        Initializer initializer = Initializer.GlorotUniform, long? seed = null)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Count < 3) throw new ArgumentException("An autoencoder needs an input size, at least one hidden (code) layer and an output size.", nameof(sizes));
        if (sizes.Any(s => s < 1)) throw new ArgumentException("Layer sizes must be positive.", nameof(sizes));
        var count = sizes.Count - 1;
        var codeIndex = codeLayer ?? DefaultCodeLayer(sizes);
        if (codeIndex < 1 || codeIndex >= count)
            throw new ArgumentOutOfRangeException(nameof(codeLayer), codeIndex, $"The code layer must be one of the hidden layers 1..{count - 1}.");
        var symmetric = sizes.SequenceEqual(sizes.Reverse());
        if (tiedWeights && !(symmetric && count == 2 * codeIndex))
            throw new ArgumentException("Tied weights need a symmetric size list with the code layer in the middle, e.g. [784, 128, 32, 128, 784].", nameof(tiedWeights));

        using var generator = seed is { } s ? new Generator(unchecked((ulong)s), CPU) : null;
        var layers = new Dense[count];
        for (var k = 1; k <= count; k++)
        {
            var activation = k == count ? output : k == codeIndex ? code ?? hidden : hidden;
            var name = $"dense_{k}";
            layers[k - 1] = tiedWeights && k > codeIndex
                ? new Dense(name, layers[count - k], activation)
                : new Dense(name, sizes[k - 1], sizes[k], activation, initializer, generator);
        }
        return new DenseAutoencoder(sizes, codeIndex, layers);
    }

    /// <summary>Input size, then the units of each layer, as given to <see cref="Create"/>.</summary>
    public IReadOnlyList<int> LayerSizes { get; }

    /// <summary>Keras index of the code (bottleneck) layer: the last layer of the <see cref="Encoder"/>.</summary>
    public int CodeLayer { get; }

    /// <summary>Width of the code, i.e. the dimension of the learned representation.</summary>
    public int CodeSize => LayerSizes[CodeLayer];

    /// <summary>Number of dense layers (Keras' <c>len(model.layers) - 1</c>).</summary>
    public int LayerCount => layers.Length;

    /// <summary>True when the decoder's layers use the encoder's transposed weights.</summary>
    public bool TiedWeights => layers.Any(l => l.TiedTo is not null);

    /// <summary>Activation of the output layer (sigmoid for images, linear for ratings).</summary>
    public Activation OutputActivation => layers[^1].Activation;

    /// <summary>Input → code. Shares this model's layers; training either trains both.</summary>
    public nn.Module<Tensor, Tensor> Encoder => encoder;

    /// <summary>Code → reconstruction. Shares this model's layers, so it can turn points of the code space (e.g. a
    /// grid over a 2-D embedding) into images.</summary>
    public nn.Module<Tensor, Tensor> Decoder => decoder;

    /// <summary>The dense layer with Keras index <paramref name="k"/> (1 … <see cref="LayerCount"/>).</summary>
    public Dense Layer(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, layers.Length);
        return layers[k - 1];
    }

    /// <summary>The activated output of layer <paramref name="k"/> for input <paramref name="x"/> (0 returns the
    /// input itself): the lecture's <c>keras.Model(model.input, model.layers[k].output).predict(x)</c>.</summary>
    public Tensor ForwardTo(Tensor x, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, layers.Length);
        CheckInput(x);
        if (k == 0) return x.alias();
        using var scope = NewDisposeScope();
        var h = x;
        for (var i = 0; i < k; i++) h = layers[i].call(h);
        return h.MoveToOuterDisposeScope();
    }

    /// <summary>The output before the last activation. With a sigmoid output, training uses these with
    /// <c>binary_cross_entropy_with_logits</c>: the same loss, computed stably and several times faster.</summary>
    public Tensor Logits(Tensor x)
    {
        CheckInput(x);
        using var scope = NewDisposeScope();
        var h = x;
        for (var i = 0; i < layers.Length - 1; i++) h = layers[i].call(h);
        return layers[^1].PreActivation(h).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        CheckInput(x);
        using var scope = NewDisposeScope();
        return decoder.call(encoder.call(x)).MoveToOuterDisposeScope();
    }

    /// <summary>A Keras-style table of layers, output shapes and parameter counts.</summary>
    public ModelSummary Summary() => ModelSummary.Of(this);

    /// <summary>A new network with this one's architecture and a copy of its current weights. Transfer learning starts
    /// many runs (label budgets, seeds, frozen or fine-tuned) from one pretrained network; each run trains its own
    /// copy, so none of them changes the starting point of the next.</summary>
    public DenseAutoencoder Copy()
    {
        var code = Layer(CodeLayer).Activation;
        var hidden = Enumerable.Range(1, LayerCount - 1).Where(k => k != CodeLayer).Select(k => Layer(k).Activation)
            .DefaultIfEmpty(code).First();
        var copy = Create(LayerSizes, hidden, OutputActivation, code, CodeLayer, TiedWeights);
        using var buffer = new MemoryStream();
        save(buffer);
        using var saved = new MemoryStream(buffer.ToArray());
        copy.load(saved);
        return copy;
    }

    // libtorch's own message for these mistakes is a bare shape or dtype mismatch deep inside a matrix product.
    private void CheckInput(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() == 0 || x.shape[^1] != LayerSizes[0])
            throw new ArgumentException(
                $"The model expects rows of {LayerSizes[0]} features, but got a tensor of shape [{string.Join(", ", x.shape)}]. " +
                $"Flatten images to rows first (e.g. x.reshape(-1, {LayerSizes[0]}) or ImageLayout.Flat).", nameof(x));
        if (x.dtype != layers[0].Bias.dtype)
            throw new ArgumentException(
                $"The model's weights are {layers[0].Bias.dtype} but the input is {x.dtype}: convert it with x.to({layers[0].Bias.dtype}).", nameof(x));
    }

    private static int DefaultCodeLayer(IReadOnlyList<int> sizes)
    {
        var count = sizes.Count - 1;
        if (sizes.SequenceEqual(sizes.Reverse()) && count % 2 == 0) return count / 2;
        var narrowest = 1;
        for (var k = 2; k < count; k++)
            if (sizes[k] < sizes[narrowest]) narrowest = k;
        return narrowest;
    }
}
