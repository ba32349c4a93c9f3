namespace Autoencoders.Data;

/// <summary>How image tensors are shaped.</summary>
public enum ImageLayout
{
    /// <summary>One row of H·W pixels per image, (N, 784) for MNIST: what dense autoencoders take.</summary>
    Flat,
    /// <summary>(N, H, W), (N, 28, 28) for MNIST: for plotting, or convolutional models after <c>unsqueeze(1)</c>.</summary>
    Square,
}
