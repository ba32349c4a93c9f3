using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Analysis;

/// <summary>How far reconstructions are from their targets, in the three units the course uses: MSE (what a linear
/// autoencoder and PCA minimise), binary cross-entropy (the lecture's loss for pixel intensities in [0, 1]) and
/// PSNR (the denoising lesson's figure: decibels are easier to compare than tiny MSEs). All are means over every
/// value of the batch, computed in float64.</summary>
public static class ReconstructionError
{
    /// <summary>Mean squared error over all values.</summary>
    public static double Mse(Tensor reconstruction, Tensor target)
    {
        CheckShapes(reconstruction, target);
        using var scope = NewDisposeScope();
        return (reconstruction.to_type(ScalarType.Float64) - target.to_type(ScalarType.Float64)).pow(2).mean().item<double>();
    }

    /// <summary>Mean binary cross-entropy of predicted intensities (in [0, 1]) against target intensities, with the
    /// logarithms clamped at −100 as PyTorch and Keras do, so a confident wrong pixel costs a lot but not infinity.</summary>
    public static double Bce(Tensor reconstruction, Tensor target)
    {
        CheckShapes(reconstruction, target);
        using var scope = NewDisposeScope();
        var p = reconstruction.to_type(ScalarType.Float64);
        var t = target.to_type(ScalarType.Float64);
        var loss = -(t * p.log().clamp_min(-100) + (1 - t) * (1 - p).log().clamp_min(-100));
        return loss.mean().item<double>();
    }

    /// <summary>Peak signal-to-noise ratio in decibels, 10·log10(peak² / MSE); <paramref name="peak"/> is the largest
    /// possible value (1 for intensities in [0, 1]). Higher is better; identical images give +∞.</summary>
    public static double Psnr(Tensor reconstruction, Tensor target, double peak = 1.0)
    {
        double mse = Mse(reconstruction, target);
        return mse == 0 ? double.PositiveInfinity : 10.0 * Math.Log10(peak * peak / mse);
    }

    private static void CheckShapes(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape))
            throw new ArgumentException($"Shapes differ: [{string.Join(", ", a.shape)}] vs [{string.Join(", ", b.shape)}].");
    }
}
