using System.IO.Compression;

namespace Autoencoders.Data;

/// <summary>MovieLens rating data (GroupLens Research, University of Minnesota) by release name.</summary>
/// <remarks>latest-small is bundled in <c>data/movielens/ml-latest-small</c> and checked against its SHA-256. The other
/// releases are downloaded once as the zip GroupLens publishes, checked against GroupLens' published MD5 (the only
/// checksum they give), and unpacked into the <see cref="DatasetCache"/>; the unpacked folder appears only when
/// complete. Their licences (see each release's README) allow research use and require citing F. M. Harper and
/// J. A. Konstan (2015), ACM TiiS 5(4):19.</remarks>
/// <example><code>
/// var lens = MovieLens.Load();                 // the bundled ml-latest-small
/// var ratings = lens.Ratings;                  // userId, movieId, rating, timestamp
/// var matrix = RatingMatrix.FromRatings(ratings);
/// </code></example>
public static class MovieLens
{
    const string Base = "https://files.grouplens.org/datasets/movielens/";

    /// <summary>The bundled latest-small files, pinned by SHA-256.</summary>
    internal static IReadOnlyList<DatasetFile> LatestSmallFiles { get; } =
    [
        new("ratings.csv", "aa289ca83157595d0df6aea1be6a4ded676ddc4385472e8313a8ed9805352646", 2483723),
        new("movies.csv", "5a5f32dd9bb3797b8e728a1b98958789d2b13f294a69fdfbc5727f8a9611aa07", 494431),
        new("links.csv", "97ad18e4e56a09363c65676b6cb3482ce3e2cea2372a24620c1599c843325f31", 197979),
        new("tags.csv", "92a9f8bb7916dceef6151209845788c3643f794dfa79d1feaec7121b5960399d", 118660),
        new("README.txt", "63d22ac138e80fae37021797ed8e1b9424b5239dc576a137422adf783ae3f404", 8342),
    ];

    /// <summary>The folder name of a release, as inside its zip (<c>ml-latest-small</c>, <c>ml-100k</c>, ...).</summary>
    public static string FolderName(MovieLensRelease release) => release switch
    {
        MovieLensRelease.LatestSmall => "ml-latest-small",
        MovieLensRelease.Ml100k => "ml-100k",
        MovieLensRelease.Ml1m => "ml-1m",
        MovieLensRelease.Ml25m => "ml-25m",
        _ => throw new ArgumentOutOfRangeException(nameof(release)),
    };

    /// <summary>The zip archive GroupLens publishes for a release, with its published MD5 (none is published for
    /// latest-small, whose unpacked files are checked by SHA-256 instead).</summary>
    internal static DatasetFile Archive(MovieLensRelease release)
    {
        var name = FolderName(release) + ".zip";
        var md5 = release switch
        {
            MovieLensRelease.Ml100k => "0e33842e24a9c977be4e0107933c0723",
            MovieLensRelease.Ml1m => "c4d9eecfca2ab87c1945afe126590906",
            MovieLensRelease.Ml25m => "6b51fb2759a8657d3bfcbfc42b592ada",
            _ => null,
        };
        return new DatasetFile(name, null, null, new Uri(Base + name), md5);
    }

    /// <summary>Loads a release: from <paramref name="folder"/> when given, else the bundled copy (latest-small), else
    /// the cache, downloading and unpacking the release there first if needed.</summary>
    /// <param name="release">Which release; the lecture uses latest-small.</param>
    /// <param name="folder">A folder holding the release's unpacked files (any of the formats of
    /// <see cref="MovieLensReader"/>).</param>
    /// <param name="cache">The download cache; <see cref="DatasetCache.Default"/> if omitted.</param>
    public static MovieLensDataset Load(MovieLensRelease release = MovieLensRelease.LatestSmall, string? folder = null,
        DatasetCache? cache = null)
    {
        if (folder is not null) return MovieLensReader.Read(folder);
        return MovieLensReader.Read(Locate(release, cache ?? DatasetCache.Default));
    }

    /// <summary>The folder holding a release's unpacked files, obtaining it first if needed.</summary>
    internal static string Locate(MovieLensRelease release, DatasetCache cache)
    {
        if (release == MovieLensRelease.LatestSmall && DataFolder.TryLocate() is { } data)
        {
            var bundled = Path.Combine(data, "movielens", FolderName(release));
            if (Directory.Exists(bundled))
            {
                VerifyLatestSmall(bundled);
                return bundled;
            }
        }
        var root = cache.FolderFor("movielens");
        var unpacked = Path.Combine(root, FolderName(release));
        if (Directory.Exists(unpacked))
        {
            if (release == MovieLensRelease.LatestSmall) VerifyLatestSmall(unpacked);
            return unpacked;
        }
        string archive;
        try
        {
            archive = cache.Obtain("movielens", Archive(release));
        }
        catch (DatasetUnavailableException e)
        {
            throw new DatasetUnavailableException(
                $"{e.Message} Alternatively unzip it so that its files are in {unpacked}.", e.ExpectedPath, e);
        }
        Unpack(archive, root, FolderName(release));
        File.Delete(archive); // the unpacked folder is what is used; ml-25m's zip alone is 250 MB
        if (release == MovieLensRelease.LatestSmall) VerifyLatestSmall(unpacked);
        return unpacked;
    }

    static void VerifyLatestSmall(string folder)
    {
        foreach (var file in LatestSmallFiles.Take(2)) // the two files the loader reads
            Checksum.Verify(Path.Combine(folder, file.Name), file);
    }

    /// <summary>Unpacks <paramref name="zip"/> so that <paramref name="root"/>/<paramref name="folderName"/> appears
    /// complete or not at all: extraction goes to a temporary sibling folder that is renamed at the end.</summary>
    internal static void Unpack(string zip, string root, string folderName)
    {
        var staging = Path.Combine(root, $".unpack-{folderName}-{Guid.NewGuid():N}");
        try
        {
            try
            {
                ZipFile.ExtractToDirectory(zip, staging);
            }
            catch (InvalidDataException e)
            {
                File.Delete(zip);
                throw new DataFormatException(zip, $"the archive is damaged ({e.Message}); it was deleted, load again " +
                                                   "to download it again.", inner: e);
            }
            var inner = Path.Combine(staging, folderName);
            var source = Directory.Exists(inner) ? inner : staging;
            Directory.Move(source, Path.Combine(root, folderName));
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }
}
