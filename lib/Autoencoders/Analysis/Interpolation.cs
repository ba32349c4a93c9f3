using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Analysis;

/// <summary>Evenly spaced points on the straight line between two vectors: between two images' codes, to decode
/// the way from one image to the other, or between the images themselves, to compare with a plain cross-fade.</summary>
/// <remarks>A cross-fade of two images is a faint double exposure half way; decoded points between two codes are
/// what the decoder draws there, which is why the same line looks so different in the two spaces.</remarks>
/// <example><code>
/// var path = model.Decode(Interpolation.Linear(codes[0], codes[1], steps: 10));
/// </code></example>
public static class Interpolation
{
    /// <summary><paramref name="steps"/> points from <paramref name="from"/> to <paramref name="to"/>, both ends
    /// included: row i is from + t·(to − from) with t = i / (steps − 1). Both are vectors [d] (or single rows [1, d])
    /// of the same size; the result is [steps, d] float32.</summary>
    public static Tensor Linear(Tensor from, Tensor to, int steps = 10)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        using var scope = NewDisposeScope();
        var a = from.detach().cpu().to_type(ScalarType.Float32).flatten();
        var b = to.detach().cpu().to_type(ScalarType.Float32).flatten();
        if (a.shape[0] != b.shape[0])
            throw new ArgumentException($"The two ends differ in size: {a.shape[0]} and {b.shape[0]}.", nameof(to));
        var t = linspace(0, 1, steps, dtype: ScalarType.Float32).unsqueeze(1);
        return (a.unsqueeze(0) + t * (b - a).unsqueeze(0)).MoveToOuterDisposeScope();
    }
}
