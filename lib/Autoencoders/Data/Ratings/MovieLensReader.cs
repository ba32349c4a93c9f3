using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Analysis;

namespace Autoencoders.Data;

/// <summary>Reads a MovieLens folder in any of the published formats into <see cref="MovieLensDataset"/>.</summary>
/// <remarks>The format is recognised from the files present, so a folder unpacked by hand works as well as one
/// prepared by <see cref="MovieLens"/>:
/// <list type="bullet">
/// <item><c>ratings.csv</c> + <c>movies.csv</c> (latest-small, 20m, 25m, latest): UTF-8 CSV with a header.</item>
/// <item><c>ratings.dat</c> + <c>movies.dat</c> (1m, 10m): <c>::</c>-separated, Latin-1, no header.</item>
/// <item><c>u.data</c> + <c>u.item</c> (100k): tab-separated ratings; <c>|</c>-separated Latin-1 movies whose last 19
/// fields are genre flags, named by <c>u.genre</c>.</item>
/// </list></remarks>
internal static class MovieLensReader
{
    /// <summary>The genre names of ml-100k, in the order of <c>u.item</c>'s flag columns (as in its <c>u.genre</c>).</summary>
    public static IReadOnlyList<string> Ml100kGenres { get; } =
    [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
        "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];

    /// <summary>What <c>genres</c> holds for a movie without any genre (the latest releases' own spelling).</summary>
    public const string NoGenres = "(no genres listed)";

    /// <summary>Reads the ratings and movies in <paramref name="folder"/>, whatever the release's format.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder holds none of the known formats.</exception>
    /// <exception cref="DataFormatException">A file is empty, lacks a column, or has a bad value (file and line are
    /// named).</exception>
    public static MovieLensDataset Read(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"The MovieLens folder {Path.GetFullPath(folder)} does not exist.");
        string In(string name) => Path.Combine(folder, name);
        if (File.Exists(In("ratings.csv")))
            return new(ReadCsvRatings(In("ratings.csv")), ReadCsvMovies(Required(In("movies.csv"))), folder);
        if (File.Exists(In("ratings.dat")))
            return new(ReadDatRatings(In("ratings.dat")), ReadDatMovies(Required(In("movies.dat"))), folder);
        if (File.Exists(In("u.data")))
            return new(ReadTabRatings(In("u.data")), ReadItemMovies(Required(In("u.item")), In("u.genre")), folder);
        throw new FileNotFoundException(
            $"{Path.GetFullPath(folder)} holds no MovieLens ratings: expected ratings.csv + movies.csv (latest-small, " +
            "25m), ratings.dat + movies.dat (1m) or u.data + u.item (100k). Unzip the release's archive there.");
    }

    static string Required(string path) => File.Exists(path)
        ? path
        : throw new FileNotFoundException(
            $"{path} is missing; the folder holds ratings but not the movies file of the same release.", path);

    static DataFrame ReadCsvRatings(string path)
    {
        using var text = new TextRecords(path, Encoding.UTF8);
        var columns = Header(text, ["userId", "movieId", "rating", "timestamp"]);
        var ratings = new RatingColumns(new FileInfo(path).Length);
        Span<Range> fields = stackalloc Range[8];
        var needed = columns.Max() + 1;
        while (text.Next() is { } line)
        {
            var span = line.AsSpan();
            var n = span.Split(fields, ',');
            if (n < needed) throw text.Error($"expected {needed} comma-separated fields but found {n}.");
            ratings.Add(text.ParseInt(span[fields[columns[0]]], "userId"),
                text.ParseInt(span[fields[columns[1]]], "movieId"),
                text.ParseRating(span[fields[columns[2]]]),
                text.ParseLong(span[fields[columns[3]]], "timestamp"));
        }
        return ratings.ToDataFrame(text);
    }

    static DataFrame ReadCsvMovies(string path)
    {
        using var text = new TextRecords(path, Encoding.UTF8);
        var columns = Header(text, ["movieId", "title", "genres"]);
        var movies = new MovieColumns();
        while (text.Next() is { } line)
        {
            var fields = text.SplitCsv(line);
            if (fields.Count <= columns.Max())
                throw text.Error($"expected {columns.Max() + 1} fields but found {fields.Count}.");
            movies.Add(text.ParseInt(fields[columns[0]], "movieId"), fields[columns[1]], fields[columns[2]]);
        }
        return movies.ToDataFrame();
    }

    static DataFrame ReadDatRatings(string path) => ReadSeparatedRatings(path, "::", Encoding.Latin1);

    static DataFrame ReadTabRatings(string path) => ReadSeparatedRatings(path, "\t", Encoding.Latin1);

    static DataFrame ReadSeparatedRatings(string path, string separator, Encoding encoding)
    {
        using var text = new TextRecords(path, encoding);
        var ratings = new RatingColumns(new FileInfo(path).Length);
        Span<Range> fields = stackalloc Range[6];
        var shown = separator == "\t" ? "tab" : $"'{separator}'";
        while (text.Next() is { } line)
        {
            var span = line.AsSpan();
            var n = span.Split(fields, separator);
            if (n < 4)
                throw text.Error($"expected 4 {shown}-separated fields (user, movie, rating, timestamp) but found {n}.");
            ratings.Add(text.ParseInt(span[fields[0]], "user id"), text.ParseInt(span[fields[1]], "movie id"),
                text.ParseRating(span[fields[2]]), text.ParseLong(span[fields[3]], "timestamp"));
        }
        return ratings.ToDataFrame(text);
    }

    static DataFrame ReadDatMovies(string path)
    {
        using var text = new TextRecords(path, Encoding.Latin1);
        var movies = new MovieColumns();
        while (text.Next() is { } line)
        {
            var fields = line.Split("::");
            if (fields.Length < 3)
                throw text.Error($"expected 3 '::'-separated fields (id, title, genres) but found {fields.Length}.");
            movies.Add(text.ParseInt(fields[0], "movie id"), fields[1], fields[2]);
        }
        return movies.ToDataFrame();
    }

    static DataFrame ReadItemMovies(string path, string genrePath)
    {
        var genres = File.Exists(genrePath) ? ReadGenreNames(genrePath) : Ml100kGenres;
        using var text = new TextRecords(path, Encoding.Latin1);
        var movies = new MovieColumns();
        var flags = new List<string>();
        while (text.Next() is { } line)
        {
            var fields = line.Split('|');
            if (fields.Length < 5 + genres.Count)
                throw text.Error($"expected {5 + genres.Count} '|'-separated fields (id, title, release date, video " +
                                 $"release date, IMDb URL, {genres.Count} genre flags) but found {fields.Length}.");
            flags.Clear();
            for (var g = 0; g < genres.Count; g++)
                if (fields[5 + g].Trim() == "1") flags.Add(genres[g]);
            movies.Add(text.ParseInt(fields[0], "movie id"), fields[1], string.Join('|', flags));
        }
        return movies.ToDataFrame();
    }

    static IReadOnlyList<string> ReadGenreNames(string path)
    {
        using var text = new TextRecords(path, Encoding.Latin1);
        var names = new SortedDictionary<int, string>();
        while (text.Next() is { } line)
        {
            var bar = line.LastIndexOf('|');
            if (bar < 0) throw text.Error("expected 'name|index'.");
            names[text.ParseInt(line.AsSpan(bar + 1), "genre index")] = line[..bar];
        }
        return names.Values.ToList();
    }

    /// <summary>Reads the header line and returns the positions of the required columns, in the order asked.</summary>
    static int[] Header(TextRecords text, string[] required)
    {
        var header = text.Next() ?? throw text.Error("the file has no header line.");
        var names = header.Split(',').Select(n => n.Trim().Trim('"')).ToList();
        var missing = required.Where(r => !names.Contains(r)).ToList();
        if (missing.Count > 0)
            throw text.Error($"the header lacks the column{(missing.Count > 1 ? "s" : "")} " +
                             $"{string.Join(", ", missing)}; it is '{header}', expected {string.Join(",", required)}.");
        return required.Select(r => names.IndexOf(r)).ToArray();
    }

    sealed class RatingColumns(long fileBytes)
    {
        // About 25 bytes per line in every release: sizing from the file avoids most regrowth for ml-25m.
        readonly ColumnBuffers.Builder<int> users = new(Capacity(fileBytes)), movies = new(Capacity(fileBytes));
        readonly ColumnBuffers.Builder<float> ratings = new(Capacity(fileBytes));
        readonly ColumnBuffers.Builder<long> timestamps = new(Capacity(fileBytes));

        static int Capacity(long fileBytes) => (int)Math.Clamp(fileBytes / 24, 16, 1 << 27);

        public void Add(int user, int movie, float rating, long timestamp)
        {
            users.Add(user);
            movies.Add(movie);
            ratings.Add(rating);
            timestamps.Add(timestamp);
        }

        public DataFrame ToDataFrame(TextRecords text)
        {
            if (users.Count == 0) throw new DataFormatException(text.Path, "the file holds no ratings.");
            return new DataFrame(users.ToColumn(MovieLensDataset.UserId), movies.ToColumn(MovieLensDataset.MovieId),
                ratings.ToColumn(MovieLensDataset.Rating), timestamps.ToColumn(MovieLensDataset.Timestamp));
        }
    }

    sealed class MovieColumns
    {
        readonly List<int> ids = [];
        readonly List<string> titles = [], genres = [];

        public void Add(int id, string title, string genre)
        {
            ids.Add(id);
            titles.Add(title.Trim());
            genres.Add(string.IsNullOrWhiteSpace(genre) ? NoGenres : genre.Trim());
        }

        public DataFrame ToDataFrame() => new(
            ColumnBuffers.ToColumn<int>(MovieLensDataset.MovieId, CollectionsMarshal.AsSpan(ids)),
            new StringDataFrameColumn(MovieLensDataset.Title, titles),
            new StringDataFrameColumn(MovieLensDataset.Genres, genres));
    }
}
