using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Analysis;

/// <summary>Classification accuracy: the one number every classifier of the feature-extraction lesson is compared
/// by (raw pixels vs PCA codes vs autoencoder codes).</summary>
public static class Accuracy
{
    /// <summary>Fraction of positions where <paramref name="predicted"/> equals <paramref name="expected"/> (both
    /// integer label vectors [n]).</summary>
    public static double Of(Tensor expected, Tensor predicted)
    {
        if (expected.numel() != predicted.numel()) throw new ArgumentException("Label vectors differ in length.", nameof(predicted));
        if (expected.numel() == 0) throw new ArgumentException("No labels.", nameof(expected));
        using var scope = NewDisposeScope();
        var hits = expected.to_type(ScalarType.Int64).flatten().eq(predicted.to_type(ScalarType.Int64).flatten());
        return hits.to_type(ScalarType.Float64).mean().item<double>();
    }
}
