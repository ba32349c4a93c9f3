namespace Autoencoders.Models;

/// <summary>How a <see cref="Dense"/> layer's weights are drawn when the model is built.</summary>
/// <remarks>The choice matters more than one would think for deep, narrow nets: with a poor scale, narrow ReLU layers
/// start (or end up) with dead units and the autoencoder collapses to predicting the mean image.</remarks>
public enum Initializer
{
    /// <summary>Keras' default (<c>glorot_uniform</c>): weights ~ U(-a, a) with a = sqrt(6 / (fan_in + fan_out)),
    /// biases zero. The course's default, so that results are comparable with the Keras lecture.</summary>
    GlorotUniform,

    /// <summary>PyTorch's default for <c>nn.Linear</c>: weights and biases ~ U(-b, b) with b = 1 / sqrt(fan_in).
    /// Use it to compare with PyTorch runs.</summary>
    TorchDefault,
}
