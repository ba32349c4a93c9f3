namespace Autoencoders.Analysis;

/// <summary>How t-SNE computes its gradient.</summary>
public enum TsneMethod
{
    /// <summary>Exact below <see cref="TsneOptions.ExactThreshold"/> points, Barnes-Hut from there on.</summary>
    Auto,

    /// <summary>All n² pairs every iteration: exact, but the cost grows with the square of the number of points.</summary>
    Exact,

    /// <summary>Attraction from the 3·perplexity nearest neighbours only, repulsion approximated with a quadtree
    /// (van der Maaten 2014): n log n per iteration, which makes 10,000+ points practical. 2-D embeddings only.</summary>
    BarnesHut,
}
