namespace Autoencoders.Analysis;

/// <summary>A progress report of a t-SNE run, issued every <see cref="TsneOptions.CheckEvery"/> iterations.</summary>
/// <param name="Iteration">Iterations completed.</param>
/// <param name="TotalIterations">Iterations planned.</param>
/// <param name="KlDivergence">Current KL(P‖Q); during early exaggeration it is computed with the exaggerated P, as
/// scikit-learn reports it.</param>
/// <param name="GradientNorm">Norm of the last (gain-scaled) gradient.</param>
/// <param name="Exaggerating">Whether the run is still in its early-exaggeration phase.</param>
/// <param name="Elapsed">Time since the run started.</param>
public sealed record TsneProgress(int Iteration, int TotalIterations, double KlDivergence, double GradientNorm,
    bool Exaggerating, TimeSpan Elapsed);
