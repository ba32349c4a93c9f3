using Microsoft.Data.Analysis;

namespace Autoencoders.Data;

/// <summary>The genres of every movie of a MovieLens release, and the most common genres of a group of movies: what
/// tells whether a group of movies found from ratings alone (neighbours, clusters of embeddings) means something a
/// person would recognise.</summary>
/// <example><code>
/// var genres = MovieGenres.Of(lens);
/// var top = genres.MostCommon(movieIdsOfCluster, top: 3);   // [("Comedy", 0.61), ("Romance", 0.30), ...]
/// </code></example>
public sealed class MovieGenres
{
    private readonly Dictionary<int, string[]> byMovie;

    private MovieGenres(Dictionary<int, string[]> byMovie) => this.byMovie = byMovie;

    /// <summary>Reads the <c>genres</c> column of <paramref name="lens"/>'s movies (<c>|</c>-separated; a movie
    /// listed with <c>(no genres listed)</c> has none).</summary>
    public static MovieGenres Of(MovieLensDataset lens)
    {
        var ids = (PrimitiveDataFrameColumn<int>)lens.Movies[MovieLensDataset.MovieId];
        var genres = (StringDataFrameColumn)lens.Movies[MovieLensDataset.Genres];
        var byMovie = new Dictionary<int, string[]>();
        for (long i = 0; i < ids.Length; i++)
        {
            if (ids[i] is not int id) continue;
            byMovie[id] = (genres[i] ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(g => g != "(no genres listed)").ToArray();
        }
        return new MovieGenres(byMovie);
    }

    /// <summary>The genres of movie <paramref name="movieId"/> (none for a movie the release does not list).</summary>
    public IReadOnlyList<string> this[int movieId] => byMovie.TryGetValue(movieId, out var g) ? g : [];

    /// <summary>The <paramref name="top"/> genres most of <paramref name="movieIds"/> carry, with the share of those
    /// movies that carry each (a movie has several genres, so shares add up to more than 1), most common first and
    /// ties by name.</summary>
    public IReadOnlyList<(string Genre, double Share)> MostCommon(IEnumerable<int> movieIds, int top = 3)
    {
        var ids = movieIds.ToList();
        if (ids.Count == 0) return [];
        return ids.SelectMany(id => this[id]).GroupBy(g => g)
            .Select(g => (Genre: g.Key, Share: g.Count() / (double)ids.Count))
            .OrderByDescending(g => g.Share).ThenBy(g => g.Genre, StringComparer.Ordinal)
            .Take(top).ToList();
    }
}
