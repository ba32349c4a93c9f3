using Microsoft.Data.Analysis;

namespace Autoencoders.Data;

/// <summary>A MovieLens release as two tables with the same schema whatever the release, so notebooks written for the
/// bundled latest-small run unchanged on 1m or 25m.</summary>
/// <param name="Ratings">One row per rating: <c>userId</c> (int), <c>movieId</c> (int), <c>rating</c> (float, 0.5–5
/// stars), <c>timestamp</c> (long, seconds since 1970-01-01 UTC), in file order.</param>
/// <param name="Movies">One row per movie: <c>movieId</c> (int), <c>title</c> (string, with the year in
/// parentheses), <c>genres</c> (string, <c>|</c>-separated, <c>(no genres listed)</c> when none).</param>
/// <param name="Folder">The folder the files were read from.</param>
public sealed record MovieLensDataset(DataFrame Ratings, DataFrame Movies, string Folder)
{
    /// <summary>Column names of <see cref="Ratings"/>.</summary>
    public const string UserId = "userId", MovieId = "movieId", Rating = "rating", Timestamp = "timestamp";

    /// <summary>Column names of <see cref="Movies"/> (besides <see cref="MovieId"/>).</summary>
    public const string Title = "title", Genres = "genres";
}
