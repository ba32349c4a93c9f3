namespace Autoencoders.Analysis;

/// <summary>Where t-SNE's points start.</summary>
public enum TsneInitialization
{
    /// <summary>The first principal components, scaled to a standard deviation of 1e-4: keeps the global layout of
    /// the data and makes runs reproducible (scikit-learn's default since 1.2).</summary>
    Pca,

    /// <summary>Gaussian noise with standard deviation 1e-4 (the original algorithm); different seeds give different
    /// pictures.</summary>
    Random,
}
