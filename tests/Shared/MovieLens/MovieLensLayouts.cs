using System.Globalization;
using System.Text;
using Autoencoders.Data;
using Microsoft.Data.Analysis;

namespace Course.Testing;

/// <summary>Writes a loaded MovieLens release in the file layouts of the older releases, whole stars as they use:
/// ml-1m's <c>ratings.dat</c>/<c>movies.dat</c> (<c>::</c>, Latin-1) and ml-100k's <c>u.data</c>/<c>u.item</c> (tab and
/// <c>|</c>, genre flags). Lets the tests run the bundled data through every reader.</summary>
static class MovieLensLayouts
{
    /// <summary>A half-star rating rounded up to the whole stars of ml-100k and ml-1m.</summary>
    public static float WholeStars(float rating) => MathF.Ceiling(rating);

    public static void WriteMl1m(MovieLensDataset lens, string folder)
    {
        var c = CultureInfo.InvariantCulture;
        var ratings = new StringBuilder();
        foreach (var (user, movie, rating, time) in Ratings(lens))
            ratings.Append(c, $"{user}::{movie}::{WholeStars(rating)}::{time}\n");
        File.WriteAllText(Path.Combine(folder, "ratings.dat"), ratings.ToString(), Encoding.Latin1);
        var movies = new StringBuilder();
        foreach (var (id, title, genres) in Movies(lens)) movies.Append(c, $"{id}::{title}::{genres}\n");
        File.WriteAllText(Path.Combine(folder, "movies.dat"), movies.ToString(), Encoding.Latin1);
    }

    public static void WriteMl100k(MovieLensDataset lens, string folder)
    {
        var c = CultureInfo.InvariantCulture;
        var ratings = new StringBuilder();
        foreach (var (user, movie, rating, time) in Ratings(lens))
            ratings.Append(c, $"{user}\t{movie}\t{WholeStars(rating)}\t{time}\n");
        File.WriteAllText(Path.Combine(folder, "u.data"), ratings.ToString(), Encoding.Latin1);
        var genres = MovieLensReader.Ml100kGenres;
        var movies = new StringBuilder();
        foreach (var (id, title, genre) in Movies(lens))
        {
            var own = genre.Split('|');
            var flags = string.Join('|', genres.Select(g => own.Contains(g) ? "1" : "0"));
            movies.Append(c, $"{id}|{title.Replace('|', '/')}|01-Jan-1995||http://example.org/|{flags}\n");
        }
        File.WriteAllText(Path.Combine(folder, "u.item"), movies.ToString(), Encoding.Latin1);
    }

    static IEnumerable<(int User, int Movie, float Rating, long Time)> Ratings(MovieLensDataset lens)
    {
        var r = lens.Ratings;
        for (long i = 0; i < r.Rows.Count; i++)
            yield return ((int)r[MovieLensDataset.UserId][i], (int)r[MovieLensDataset.MovieId][i], (float)r[MovieLensDataset.Rating][i],
                (long)r[MovieLensDataset.Timestamp][i]);
    }

    static IEnumerable<(int Id, string Title, string Genres)> Movies(MovieLensDataset lens)
    {
        DataFrame m = lens.Movies;
        for (long i = 0; i < m.Rows.Count; i++)
            yield return ((int)m[MovieLensDataset.MovieId][i], (string)m[MovieLensDataset.Title][i], (string)m[MovieLensDataset.Genres][i]);
    }
}
