namespace Autoencoders.Data;

/// <summary>The folder where downloaded datasets are kept, and the policy for filling it.</summary>
/// <remarks>Downloads never go into the repository's <c>data/</c> folder: that folder is committed, and large or
/// non-redistributable datasets (ml-25m, ml-100k) must not end up in a learner's commits. The default location is the
/// user's cache folder, shared by all checkouts of the course, so a dataset is downloaded once per machine.</remarks>
public sealed class DatasetCache
{
    /// <summary>Environment variable that sets the cache folder.</summary>
    public const string FolderVariable = "AUTOENCODERS_CACHE";

    /// <summary>Environment variable naming a mirror (a URL ending in <c>/</c>, e.g. a classroom server) to download
    /// every file from by name instead of its publisher.</summary>
    public const string MirrorVariable = "AUTOENCODERS_MIRROR";

    /// <summary>Environment variable that disables downloads when set to <c>1</c> or <c>true</c> (exam rooms, CI).</summary>
    public const string OfflineVariable = "AUTOENCODERS_OFFLINE";

    /// <summary>Creates a cache in <paramref name="folder"/>.</summary>
    /// <param name="folder">The cache folder; created when first needed.</param>
    /// <param name="allowDownload">Whether missing files may be downloaded; if not, a missing file is an error that
    /// says where to put it.</param>
    public DatasetCache(string folder, bool allowDownload) : this(folder, allowDownload, null, null)
    {
    }

    /// <summary>Creates a cache with its own downloader and mirror (tests, and <see cref="FromEnvironment"/>).</summary>
    /// <param name="folder">The cache folder; created when first needed.</param>
    /// <param name="allowDownload">Whether missing files may be downloaded.</param>
    /// <param name="downloader">How to download; the default one prints progress to the console.</param>
    /// <param name="mirror">If set, files are downloaded from this base URL (file name appended) instead of their
    /// publisher's; checksums are still those of the published files.</param>
    internal DatasetCache(string folder, bool allowDownload = true, Downloader? downloader = null, Uri? mirror = null)
    {
        Mirror = mirror;
        Folder = Path.GetFullPath(folder);
        AllowDownload = allowDownload;
        Downloader = downloader ?? new Downloader();
    }

    /// <summary>The cache used when none is passed: <see cref="FolderVariable"/> if set, else
    /// <c>autoencoders-course</c> under the user's cache folder (<c>XDG_CACHE_HOME</c> or <c>~/.cache</c> on Linux and
    /// macOS, LocalApplicationData on Windows). Settable, so a notebook can redirect every later load.</summary>
    public static DatasetCache Default { get; set; } = FromEnvironment();

    /// <summary>The cache folder.</summary>
    public string Folder { get; }

    /// <summary>Whether missing files may be downloaded.</summary>
    public bool AllowDownload { get; }

    /// <summary>The base URL files are downloaded from instead of their publisher's, if any.</summary>
    public Uri? Mirror { get; }

    /// <summary>The downloader used for missing files.</summary>
    internal Downloader Downloader { get; }

    /// <summary>The folder for one dataset inside the cache.</summary>
    public string FolderFor(string dataset) => Path.Combine(Folder, dataset);

    /// <summary>Returns the path of <paramref name="file"/> in this cache, verified, downloading it first if it is
    /// missing and downloads are allowed.</summary>
    /// <exception cref="DatasetUnavailableException">The file is missing and cannot be downloaded.</exception>
    /// <exception cref="DataFormatException">The file (cached or downloaded) fails its checksum.</exception>
    internal string Obtain(string dataset, DatasetFile file)
    {
        var path = Path.Combine(FolderFor(dataset), file.Name);
        if (Mirror is not null) file = file with { Url = new Uri(Mirror, file.Name) };
        if (!File.Exists(path))
        {
            if (!AllowDownload || file.Url is null)
                throw new DatasetUnavailableException(
                    $"{file.Name} of {dataset} is not available and downloads are " +
                    (file.Url is null ? "not possible for it" : $"disabled ({OfflineVariable})") + ". " +
                    Downloader.PlacementAdvice(file, path), path);
            Downloader.Download(file, path);
        }
        Checksum.Verify(path, file);
        return path;
    }

    static DatasetCache FromEnvironment()
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable);
        if (string.IsNullOrWhiteSpace(folder)) folder = Path.Combine(UserCacheFolder(), "autoencoders-course");
        var offline = Environment.GetEnvironmentVariable(OfflineVariable)?.Trim().ToLowerInvariant() is "1" or "true";
        var mirror = Environment.GetEnvironmentVariable(MirrorVariable);
        return new DatasetCache(folder, allowDownload: !offline,
            mirror: string.IsNullOrWhiteSpace(mirror) ? null : new Uri(mirror.EndsWith('/') ? mirror : mirror + "/"));
    }

    static string UserCacheFolder()
    {
        if (OperatingSystem.IsWindows())
            return Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)) return xdg;
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
    }
}
