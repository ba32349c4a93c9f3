using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Models;

/// <summary>The activation that follows a <see cref="Dense"/> layer's linear map, as in Keras' <c>activation=</c>.</summary>
/// <remarks>Only the four the course needs: ReLU for hidden layers, sigmoid for pixel outputs in [0, 1], linear for
/// unbounded outputs (ratings) and for the PCA-like linear autoencoder, tanh for experiments.</remarks>
public enum Activation
{
    /// <summary>No activation: the layer is purely linear (Keras' <c>'linear'</c>).</summary>
    Linear,

    /// <summary>max(0, x). Units can "die" (stay at 0 for every input), most often in very narrow layers.</summary>
    ReLU,

    /// <summary>1 / (1 + e^-x): outputs in (0, 1), the natural partner of binary cross-entropy.</summary>
    Sigmoid,

    /// <summary>Hyperbolic tangent: outputs in (-1, 1).</summary>
    Tanh,
}

/// <summary>Applies an <see cref="Activation"/> to a tensor.</summary>
static class ActivationFunctions
{
    /// <summary>Returns the activated tensor (a new tensor, or <paramref name="x"/> itself for
    /// <see cref="Activation.Linear"/>).</summary>
    public static Tensor Apply(this Activation activation, Tensor x) => activation switch
    {
        Activation.Linear => x,
        Activation.ReLU => nn.functional.relu(x),
        Activation.Sigmoid => x.sigmoid(),
        Activation.Tanh => x.tanh(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };

    /// <summary>The lower-case name Keras prints for the activation.</summary>
    public static string KerasName(this Activation activation) => activation switch
    {
        Activation.ReLU => "relu",
        _ => activation.ToString().ToLowerInvariant(),
    };
}
