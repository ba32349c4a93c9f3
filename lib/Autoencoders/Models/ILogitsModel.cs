using static TorchSharp.torch;

namespace Autoencoders.Models;

/// <summary>A model that can give its output before the last activation, so that a loss can fuse that activation with
/// itself (binary cross-entropy from logits: the same value, computed stably and several times faster).</summary>
public interface ILogitsModel
{
    /// <summary>The activation the model applies to its logits to produce its output.</summary>
    Activation OutputActivation { get; }

    /// <summary>The output before the last activation.</summary>
    Tensor Logits(Tensor x);
}
