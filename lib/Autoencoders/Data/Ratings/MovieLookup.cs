using System.Globalization;

namespace Autoencoders.Data;

/// <summary>Finding a movie by the title a learner types, in any release.</summary>
/// <remarks>Titles are not keys: ml-100k lists "Deceiver (1997)" twice, and a title spelled slightly differently
/// from the release ("Liar, Liar (1997)") matches nothing. A lesson should neither stop with "sequence contains more
/// than one element" nor with "no element": it picks the most-rated of equal titles and says how to choose another,
/// and for an absent title it names the closest ones.</remarks>
public static class MovieLookup
{
    /// <summary>The movie titled <paramref name="title"/> (case-insensitive), or the movie with id
    /// <paramref name="movieId"/> when one is given.</summary>
    /// <exception cref="ArgumentException">No movie has that title or id; the message names the closest titles.</exception>
    public static MovieChoice FindMovie(this MovieLensDataset lens, string title, int? movieId = null)
    {
        ArgumentNullException.ThrowIfNull(lens);
        var movies = Enumerable.Range(0, (int)lens.Movies.Rows.Count)
            .Select(i => (Id: Convert.ToInt32(lens.Movies.Columns[MovieLensDataset.MovieId][i], CultureInfo.InvariantCulture),
                Title: (string)lens.Movies.Columns[MovieLensDataset.Title][i]))
            .ToList();
        if (movieId is { } id)
        {
            var byId = movies.Where(m => m.Id == id).ToList();
            if (byId.Count == 0) throw new ArgumentException($"No movie has id {id} in {lens.Folder}.", nameof(movieId));
            return new MovieChoice(id, byId[0].Title, "");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        var matches = movies.Where(m => string.Equals(m.Title.Trim(), title.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 0)
        {
            var closest = movies.OrderBy(m => EditDistance(m.Title.ToLowerInvariant(), title.ToLowerInvariant()))
                .ThenBy(m => m.Title, StringComparer.Ordinal).Take(5).Select(m => $"\"{m.Title}\"");
            throw new ArgumentException(
                $"No movie is titled \"{title}\" in {lens.Folder}. The closest titles: {string.Join(", ", closest)}.",
                nameof(title));
        }
        if (matches.Count == 1) return new MovieChoice(matches[0].Id, matches[0].Title, "");
        var counts = lens.Ratings.Columns[MovieLensDataset.MovieId].Cast<object>()
            .Select(v => Convert.ToInt32(v, CultureInfo.InvariantCulture))
            .Where(v => matches.Any(m => m.Id == v))
            .GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        var ranked = matches.OrderByDescending(m => counts.GetValueOrDefault(m.Id)).ThenBy(m => m.Id).ToList();
        var pick = ranked[0];
        var others = string.Join(", ", ranked.Select(m => $"id {m.Id} ({counts.GetValueOrDefault(m.Id)} ratings)"));
        return new MovieChoice(pick.Id, pick.Title,
            $"{matches.Count} movies share this title ({others}); this is the most rated. To choose another, pass its id.");
    }

    // Levenshtein distance: the BCL has none, and one short loop is not worth a package.
    static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
