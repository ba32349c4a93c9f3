namespace Autoencoders.Analysis;

/// <summary>Settings of a t-SNE run. The defaults are scikit-learn's (1.2), so results can be compared with the
/// Python version of the lecture.</summary>
public sealed record TsneOptions
{
    /// <summary>Output dimensions (2 for pictures). Barnes-Hut supports 2 only.</summary>
    public int Dimensions { get; init; } = 2;

    /// <summary>Roughly the number of neighbours each point pays attention to (5–50); must be less than the number of
    /// points.</summary>
    public double Perplexity { get; init; } = 30;

    /// <summary>Factor on the input affinities during the first <see cref="ExaggerationIterations"/> iterations: it
    /// pulls clusters tight early so they can move past each other.</summary>
    public double EarlyExaggeration { get; init; } = 12;

    /// <summary>Iterations with early exaggeration (and momentum 0.5).</summary>
    public int ExaggerationIterations { get; init; } = 250;

    /// <summary>Gradient-descent step; null picks max(n / early exaggeration / 4, 50), which adapts to the number of
    /// points (Belkina et al. 2019; scikit-learn's "auto").</summary>
    public double? LearningRate { get; init; }

    /// <summary>Total number of iterations, exaggeration phase included.</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>Stop early if the KL divergence has not improved for this many iterations (checked every 50).</summary>
    public int IterationsWithoutProgress { get; init; } = 300;

    /// <summary>Stop early when the gradient norm falls below this.</summary>
    public double MinGradientNorm { get; init; } = 1e-7;

    /// <summary>Starting positions.</summary>
    public TsneInitialization Initialization { get; init; } = TsneInitialization.Pca;

    /// <summary>Gradient method.</summary>
    public TsneMethod Method { get; init; } = TsneMethod.Auto;

    /// <summary>With <see cref="TsneMethod.Auto"/>, the exact gradient is used below this many points. At 1,000 MNIST
    /// images Barnes-Hut is already about three times faster with the same trustworthiness.</summary>
    public int ExactThreshold { get; init; } = 1000;

    /// <summary>Barnes-Hut accuracy: a quadtree cell is summarised by its centre of mass when its width is less than
    /// theta times its distance. 0.5 is the usual trade-off; smaller is slower and more exact.</summary>
    public double Theta { get; init; } = 0.5;

    /// <summary>Seed of the random initialisation (PCA initialisation is deterministic).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>How often (in iterations) the KL divergence is computed, convergence is checked and progress is
    /// reported.</summary>
    public int CheckEvery { get; init; } = 50;
}
