using static TorchSharp.torch;

namespace Autoencoders.Analysis;

/// <summary>Outcome of a t-SNE run.</summary>
/// <param name="Embedding">The embedded points, [n, dimensions] float32.</param>
/// <param name="KlDivergence">Final KL(P‖Q), the objective t-SNE minimises; lower is better for the same data and
/// perplexity (with Barnes-Hut, computed over the neighbour pairs that carry P, as scikit-learn does).</param>
/// <param name="Iterations">Iterations actually run (fewer than planned if it converged early).</param>
/// <param name="Method">The gradient method used.</param>
/// <param name="Elapsed">Wall time of the whole run, affinities included.</param>
public sealed record TsneResult(Tensor Embedding, double KlDivergence, int Iterations, TsneMethod Method, TimeSpan Elapsed);
