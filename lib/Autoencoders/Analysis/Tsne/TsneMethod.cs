namespace Autoencoders.Analysis;

/// <summary>How t-SNE computes its gradient.</summary>
public enum TsneMethod
{
    /// <summary>Exact below <see cref="TsneOptions.ExactThreshold"/> points (or for more than two dimensions),
    /// Barnes-Hut from there on.</summary>
    Auto,

    /// <summary>All n² pairs every iteration: exact, but time and memory (three n × n float64 matrices while the
    /// affinities are computed: 600 MB at 5,000 points) grow with the square of the number of points.</summary>
    Exact,

    /// <summary>Attraction from the 3·perplexity nearest neighbours only, repulsion approximated with a quadtree
    /// (van der Maaten 2014): n log n per iteration, which makes 10,000+ points practical. 2-D embeddings only.</summary>
    BarnesHut,
}
