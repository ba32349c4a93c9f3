using System.Security.Cryptography;
using Autoencoders.Data;

namespace Autoencoders.Tests.Data;

public class DownloaderTests
{
    static readonly byte[] Content = RandomNumberGenerator.GetBytes(3 << 20); // 3 MB: large enough for progress lines

    static DatasetFile Describe(string name, Uri url, byte[] content) =>
        new(name, Convert.ToHexStringLower(SHA256.HashData(content)), content.Length, url);

    [Fact]
    public void Downloads_verifies_and_reports_progress()
    {
        using var server = new LocalHttpServer();
        using var temp = new TempFolder();
        var file = Describe("big.bin", server.Add("big.bin", Content), Content);
        var progress = new StringWriter();
        var cache = new DatasetCache(temp.Path, downloader: new Downloader(progress: progress));

        var path = cache.Obtain("test", file);

        Assert.Equal(Path.Combine(temp.Path, "test", "big.bin"), path);
        Assert.Equal(Content, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + ".partial"));
        Assert.Contains("100 %", progress.ToString());
        // a second load uses the cached file without asking the server
        var requests = server.RangeHeaders.Count;
        cache.Obtain("test", file);
        Assert.Equal(requests, server.RangeHeaders.Count);
    }

    [Fact]
    public void Checksum_mismatch_leaves_nothing_in_the_cache()
    {
        using var server = new LocalHttpServer();
        using var temp = new TempFolder();
        var served = (byte[])Content.Clone();
        served[12345] ^= 0xFF;
        var file = Describe("big.bin", server.Add("big.bin", served), Content);
        var cache = new DatasetCache(temp.Path, downloader: Downloader.Silent());

        var e = Assert.Throws<DataFormatException>(() => cache.Obtain("test", file));

        Assert.Contains("SHA-256", e.Message);
        Assert.Contains(file.Url!.ToString(), e.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(temp.Path, "test")));
    }

    [Fact]
    public void Server_error_mid_file_keeps_only_a_partial_file_and_the_next_attempt_resumes()
    {
        using var server = new LocalHttpServer();
        using var temp = new TempFolder();
        var file = Describe("big.bin", server.Add("big.bin", Content), Content);
        var cache = new DatasetCache(temp.Path, downloader: Downloader.Silent());
        var destination = Path.Combine(temp.Path, "test", "big.bin");

        server.CutAfter = 1 << 20;
        var e = Assert.Throws<DatasetUnavailableException>(() => cache.Obtain("test", file));
        Assert.Contains("big.bin", e.Message);
        Assert.Contains("resume", e.Message);
        Assert.Equal(destination, e.ExpectedPath);
        Assert.False(File.Exists(destination));
        var partial = new FileInfo(destination + ".partial");
        Assert.True(partial.Exists);
        Assert.InRange(partial.Length, 1, Content.Length - 1);

        server.CutAfter = null;
        var path = cache.Obtain("test", file);
        Assert.Equal(Content, File.ReadAllBytes(path));
        Assert.Equal($"bytes={partial.Length}-", server.RangeHeaders[^1]);
        Assert.False(File.Exists(destination + ".partial"));
    }

    [Fact]
    public void Http_error_says_which_file_to_put_where()
    {
        using var server = new LocalHttpServer();
        using var temp = new TempFolder();
        var file = Describe("big.bin", server.Add("big.bin", Content), Content);
        server.FailWith = 503;
        var cache = new DatasetCache(temp.Path, downloader: Downloader.Silent());

        var e = Assert.Throws<DatasetUnavailableException>(() => cache.Obtain("test", file));

        Assert.Contains("503", e.Message);
        Assert.Contains(Path.Combine(temp.Path, "test", "big.bin"), e.Message);
        Assert.Contains(file.Sha256!, e.Message);
        Assert.False(File.Exists(Path.Combine(temp.Path, "test", "big.bin")));
    }

    [Fact]
    public void Offline_cache_refuses_to_download_and_names_the_place()
    {
        using var temp = new TempFolder();
        var file = new DatasetFile("x.gz", new string('0', 64), 10, new Uri("https://example.invalid/x.gz"));
        var cache = new DatasetCache(temp.Path, allowDownload: false);
        var e = Assert.Throws<DatasetUnavailableException>(() => cache.Obtain("set", file));
        Assert.Contains("https://example.invalid/x.gz", e.Message);
        Assert.Equal(Path.Combine(temp.Path, "set", "x.gz"), e.ExpectedPath);
    }

    [Fact]
    public void Mirror_and_file_urls_serve_a_local_copy()
    {
        using var temp = new TempFolder();
        var mirror = Path.Combine(temp.Path, "mirror");
        Directory.CreateDirectory(mirror);
        var content = "hello"u8.ToArray();
        File.WriteAllBytes(Path.Combine(mirror, "x.bin"), content);
        var file = Describe("x.bin", new Uri("https://example.invalid/x.bin"), content);
        var cache = new DatasetCache(Path.Combine(temp.Path, "cache"), downloader: Downloader.Silent(),
            mirror: new Uri(mirror + Path.DirectorySeparatorChar));
        Assert.Equal(content, File.ReadAllBytes(cache.Obtain("set", file)));
    }

    [Fact]
    public void Fashion_mnist_is_fetched_through_the_cache_from_a_mirror()
    {
        using var server = new LocalHttpServer();
        using var temp = new TempFolder();
        // serve MNIST's files under Fashion-MNIST's names: the checksums must then reject them
        foreach (var f in new[] { FashionMnist.Dataset.TestImages, FashionMnist.Dataset.TestLabels })
            server.Add(f.Name, File.ReadAllBytes(Path.Combine(DataFolder.Locate(), "mnist", f.Name)));
        var cache = new DatasetCache(temp.Path, downloader: Downloader.Silent(), mirror: server.BaseUri);
        if (Directory.Exists(FashionMnist.DebianFolder)) return; // the system copy would be used instead
        var e = Assert.Throws<DataFormatException>(() => FashionMnist.Test(cache: cache));
        Assert.Contains("t10k-images-idx3-ubyte.gz", e.Message);
        Assert.False(File.Exists(Path.Combine(temp.Path, "fashion-mnist", "t10k-images-idx3-ubyte.gz")));
    }

    [Fact]
    public void Movielens_archive_unpacks_completely_or_not_at_all()
    {
        using var temp = new TempFolder();
        var source = Path.Combine(temp.Path, "src", "ml-1m");
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "ratings.dat"), "1::10::5::978300760\n");
        File.WriteAllText(Path.Combine(source, "movies.dat"), "10::X (1995)::Drama\n");
        var zip = Path.Combine(temp.Path, "ml-1m.zip");
        System.IO.Compression.ZipFile.CreateFromDirectory(Path.Combine(temp.Path, "src"), zip);
        var root = Path.Combine(temp.Path, "cache", "movielens");
        Directory.CreateDirectory(root);

        MovieLens.Unpack(zip, root, "ml-1m");
        var lens = MovieLens.Load(folder: Path.Combine(root, "ml-1m"));
        Assert.Equal(1, lens.Ratings.Rows.Count);

        var broken = Path.Combine(temp.Path, "ml-100k.zip");
        File.WriteAllBytes(broken, File.ReadAllBytes(zip)[..40]);
        Assert.Throws<DataFormatException>(() => MovieLens.Unpack(broken, root, "ml-100k"));
        Assert.False(Directory.Exists(Path.Combine(root, "ml-100k")));
        Assert.Equal(["ml-1m"], Directory.GetDirectories(root).Select(Path.GetFileName));
    }
}
