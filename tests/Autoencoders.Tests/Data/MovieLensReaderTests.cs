using System.Text;
using Autoencoders.Data;
using Microsoft.Data.Analysis;

namespace Autoencoders.Tests.Data;

public class MovieLensReaderTests
{
    [Fact]
    public void Loads_the_bundled_latest_small_release()
    {
        var lens = MovieLens.Load();
        Assert.Equal(100836, lens.Ratings.Rows.Count);
        Assert.Equal(9742, lens.Movies.Rows.Count);
        Assert.Equal(["userId", "movieId", "rating", "timestamp"], lens.Ratings.Columns.Select(c => c.Name));
        Assert.Equal(["movieId", "title", "genres"], lens.Movies.Columns.Select(c => c.Name));
        var users = ColumnValues<int>(lens.Ratings, "userId");
        Assert.Equal(610, users.Distinct().Count());
        Assert.Equal(9724, ColumnValues<int>(lens.Ratings, "movieId").Distinct().Count());
        Assert.Equal(1, lens.Ratings.Columns["userId"][0]);
        Assert.Equal(4.0f, lens.Ratings.Columns["rating"][0]);
        Assert.Equal(964982703L, lens.Ratings.Columns["timestamp"][0]);
        var ratings = ColumnValues<float>(lens.Ratings, "rating");
        Assert.Equal(0.5f, ratings.Min());
        Assert.Equal(5f, ratings.Max());
        // a quoted title with a comma
        var row = Enumerable.Range(0, 9742).First(i => (int)lens.Movies.Columns["movieId"][i]! == 11);
        Assert.Equal("American President, The (1995)", lens.Movies.Columns["title"][row]);
        Assert.Equal("Comedy|Drama|Romance", lens.Movies.Columns["genres"][row]);
    }

    [Fact]
    public void Reads_the_1m_format_in_latin1()
    {
        using var temp = new TempFolder();
        temp.WriteText("ratings.dat", "1::1193::5::978300760\n1::661::3::978302109\n2::1193::4::978298413\n",
            Encoding.Latin1);
        temp.WriteText("movies.dat",
            "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n661::James and the Giant Peach (1996)::Animation|Children's|Musical\n" +
            "3::Cité des enfants perdus, La (1995)::Adventure|Sci-Fi\n", Encoding.Latin1);
        var lens = MovieLensReader.Read(temp.Path);
        Assert.Equal(3, lens.Ratings.Rows.Count);
        Assert.Equal(661, lens.Ratings.Columns["movieId"][1]);
        Assert.Equal(3f, lens.Ratings.Columns["rating"][1]);
        Assert.Equal(978298413L, lens.Ratings.Columns["timestamp"][2]);
        Assert.Equal("Cité des enfants perdus, La (1995)", lens.Movies.Columns["title"][2]);
        Assert.Equal("Animation|Children's|Musical", lens.Movies.Columns["genres"][1]);
    }

    [Fact]
    public void Reads_the_100k_format_with_genre_flags()
    {
        using var temp = new TempFolder();
        temp.WriteText("u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n");
        string Flags(params int[] on) => string.Join('|', Enumerable.Range(0, 19).Select(i => on.Contains(i) ? "1" : "0"));
        temp.WriteText("u.item",
            $"242|Kolya (1996)|24-Jan-1997||http://us.imdb.com/M/title-exact?Kolya%20(1996)|{Flags(5)}\n" +
            $"302|L.A. Confidential (1997)|01-Jan-1997||http://us.imdb.com/x|{Flags(6, 10, 13, 16)}\n" +
            $"377|Heavyweights (1994)|01-Jan-1994||http://us.imdb.com/x|{Flags(4, 5)}\n" +
            $"267|unknown||||{Flags(0)}\n" +
            $"999|Señor Nobody (1998)|01-Jan-1998||x|{Flags()}\n", Encoding.Latin1);
        var lens = MovieLensReader.Read(temp.Path);
        Assert.Equal(3, lens.Ratings.Rows.Count);
        Assert.Equal(196, lens.Ratings.Columns["userId"][0]);
        Assert.Equal(1f, lens.Ratings.Columns["rating"][2]);
        Assert.Equal("Comedy", lens.Movies.Columns["genres"][0]);
        Assert.Equal("Crime|Film-Noir|Mystery|Thriller", lens.Movies.Columns["genres"][1]);
        Assert.Equal("Children's|Comedy", lens.Movies.Columns["genres"][2]);
        Assert.Equal("unknown", lens.Movies.Columns["genres"][3]);
        Assert.Equal(MovieLensReader.NoGenres, lens.Movies.Columns["genres"][4]);
        Assert.Equal("Señor Nobody (1998)", lens.Movies.Columns["title"][4]);
    }

    [Fact]
    public void Missing_column_is_reported_with_file_and_line()
    {
        using var temp = new TempFolder();
        var path = temp.WriteText("ratings.csv", "userId,movieId,timestamp\n1,2,3\n");
        temp.WriteText("movies.csv", "movieId,title,genres\n2,X (2000),Drama\n");
        var e = Assert.Throws<DataFormatException>(() => MovieLensReader.Read(temp.Path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal(1, e.Line);
        Assert.Contains("rating", e.Message);
        Assert.Contains("line 1", e.Message);
    }

    [Fact]
    public void Non_numeric_rating_is_reported_with_its_line()
    {
        using var temp = new TempFolder();
        var path = temp.WriteText("ratings.csv", "userId,movieId,rating,timestamp\n1,2,4.5,10\n1,3,four,11\n");
        temp.WriteText("movies.csv", "movieId,title,genres\n2,X (2000),Drama\n");
        var e = Assert.Throws<DataFormatException>(() => MovieLensReader.Read(temp.Path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal(3, e.Line);
        Assert.Contains("'four'", e.Message);
    }

    [Fact]
    public void Short_line_in_dat_file_is_reported_with_its_line()
    {
        using var temp = new TempFolder();
        var path = temp.WriteText("ratings.dat", "1::1193::5::978300760\n1::661\n");
        temp.WriteText("movies.dat", "1193::X (1975)::Drama\n");
        var e = Assert.Throws<DataFormatException>(() => MovieLensReader.Read(temp.Path));
        Assert.Equal((path, 2L), (e.FilePath, e.Line!.Value));
    }

    [Theory]
    [InlineData("ratings.csv")]
    [InlineData("movies.csv")]
    public void Empty_file_is_reported(string empty)
    {
        using var temp = new TempFolder();
        temp.WriteText("ratings.csv", "userId,movieId,rating,timestamp\n1,2,4.5,10\n");
        temp.WriteText("movies.csv", "movieId,title,genres\n2,X (2000),Drama\n");
        var path = temp.WriteText(empty, "");
        var e = Assert.Throws<DataFormatException>(() => MovieLensReader.Read(temp.Path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void Header_only_ratings_file_is_reported()
    {
        using var temp = new TempFolder();
        var path = temp.WriteText("ratings.csv", "userId,movieId,rating,timestamp\n");
        temp.WriteText("movies.csv", "movieId,title,genres\n2,X (2000),Drama\n");
        var e = Assert.Throws<DataFormatException>(() => MovieLensReader.Read(temp.Path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("no ratings", e.Message);
    }

    [Fact]
    public void Folder_without_known_files_says_what_is_expected()
    {
        using var temp = new TempFolder();
        temp.WriteText("notes.txt", "nothing here");
        var e = Assert.Throws<FileNotFoundException>(() => MovieLensReader.Read(temp.Path));
        Assert.Contains("u.data", e.Message);
        Assert.Contains("ratings.csv", e.Message);
    }

    [Fact]
    public void Corrupt_bundled_copy_is_caught_by_checksum()
    {
        using var temp = new TempFolder();
        var ratings = temp.WriteText("ratings.csv", "userId,movieId,rating,timestamp\n1,2,4.5,10\n");
        var e = Assert.Throws<DataFormatException>(() => Checksum.Verify(ratings, MovieLens.LatestSmallFiles[0]));
        Assert.Equal(ratings, e.FilePath);
        Assert.Contains("truncated", e.Message);
    }

    static List<T> ColumnValues<T>(DataFrame frame, string name) where T : unmanaged =>
        ((PrimitiveDataFrameColumn<T>)frame.Columns[name]).Select(v => v!.Value).ToList();
}

public class MovieLensReleaseTests
{
    [Theory]
    [InlineData(MovieLensRelease.Ml100k, "ml-100k")]
    [InlineData(MovieLensRelease.Ml1m, "ml-1m")]
    [InlineData(MovieLensRelease.Ml25m, "ml-25m")]
    public void Offline_load_of_a_downloadable_release_says_what_to_put_where(MovieLensRelease release, string name)
    {
        using var temp = new TempFolder();
        var cache = new DatasetCache(temp.Path, allowDownload: false);
        var e = Assert.Throws<DatasetUnavailableException>(() => MovieLens.Load(release, cache: cache));
        Assert.Equal(Path.Combine(temp.Path, "movielens", name + ".zip"), e.ExpectedPath);
        Assert.Contains($"https://files.grouplens.org/datasets/movielens/{name}.zip", e.Message);
        Assert.Contains(Path.Combine(temp.Path, "movielens", name), e.Message);
        Assert.Contains("MD5", e.Message);
    }

    [Fact]
    public void An_unpacked_release_in_the_cache_is_used_without_downloading()
    {
        using var temp = new TempFolder();
        temp.WriteText(Path.Combine("movielens", "ml-100k", "u.data"), "1\t2\t3\t4\n");
        temp.WriteText(Path.Combine("movielens", "ml-100k", "u.item"), "2|X (1995)||||" + string.Join('|', new string('0', 19).ToCharArray()) + "\n");
        var lens = MovieLens.Load(MovieLensRelease.Ml100k, cache: new DatasetCache(temp.Path, allowDownload: false));
        Assert.Equal(1, lens.Ratings.Rows.Count);
        Assert.Equal(MovieLensReader.NoGenres, lens.Movies.Columns["genres"][0]);
    }
}
