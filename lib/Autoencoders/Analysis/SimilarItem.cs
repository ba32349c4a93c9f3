namespace Autoencoders.Analysis;

/// <summary>One search result: the item's row in the embedding matrix and its cosine similarity to the query.</summary>
/// <param name="Index">Row of the item in the embedding matrix.</param>
/// <param name="Score">Cosine similarity to the query, in [−1, 1].</param>
public sealed record SimilarItem(int Index, double Score);
