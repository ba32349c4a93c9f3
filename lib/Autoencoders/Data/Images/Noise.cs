using TorchSharp;

namespace Autoencoders.Data;

/// <summary>Corruptions for denoising autoencoders.</summary>
public static class Noise
{
    /// <summary>Returns <c>clip(x + factor · N(0, 1), 0, 1)</c>, the lecture's corruption (factor 0.5), as a new
    /// tensor; <paramref name="images"/> is left unchanged.</summary>
    /// <remarks>Clipping keeps the noisy images valid inputs for a sigmoid/BCE model, whose targets must lie in [0, 1].
    /// With a <paramref name="seed"/> the noise is drawn from a private generator, so the same noisy test set can be
    /// rebuilt in another cell without disturbing the global random state used for training.</remarks>
    public static torch.Tensor Gaussian(torch.Tensor images, double factor = 0.5, long? seed = null)
    {
        using var generator = seed is { } s ? new torch.Generator((ulong)s) : null;
        using var noise = torch.randn(images.shape, images.dtype, images.device, generator: generator);
        using var scaled = noise.mul_(factor);
        using var noisy = images.add(scaled);
        return noisy.clamp(0, 1);
    }
}
