using System.IO.Compression;
using System.Security.Cryptography;
using Autoencoders.Data;

namespace Autoencoders.Tests.Data;

public class ChecksumTests
{
    [Fact]
    public void Recompressed_gzip_is_accepted_by_its_content_checksum_only()
    {
        using var temp = new TempFolder();
        var content = IdxFiles.Images(200);
        var published = IdxFiles.Gzip(content);
        var repacked = Gzip(content, CompressionLevel.SmallestSize);
        Assert.NotEqual(published, repacked);
        var file = new DatasetFile("x.gz", Hex(published), published.Length,
            ContentSha256: Hex(content));

        Checksum.Verify(temp.Write("published.gz", published), file);
        Checksum.Verify(temp.Write("repacked.gz", repacked), file);

        var other = (byte[])content.Clone();
        other[^1] ^= 1;
        var wrong = temp.Write("wrong.gz", Gzip(other, CompressionLevel.SmallestSize));
        var e = Assert.Throws<DataFormatException>(() => Checksum.Verify(wrong, file));
        Assert.Equal(wrong, e.FilePath);
        Assert.Contains("bytes", e.Message);
    }

    [Fact]
    public void Md5_is_used_when_no_sha256_is_published()
    {
        using var temp = new TempFolder();
        var bytes = "MovieLens"u8.ToArray();
        var path = temp.Write("a.zip", bytes);
        Checksum.Verify(path, new DatasetFile("a.zip", null, Md5: Convert.ToHexStringLower(MD5.HashData(bytes))));
        var e = Assert.Throws<DataFormatException>(() =>
            Checksum.Verify(path, new DatasetFile("a.zip", null, Md5: new string('0', 32))));
        Assert.Contains("MD5", e.Message);
    }

    [Fact]
    public void Fashion_mnist_from_the_debian_package_loads_when_installed()
    {
        if (!Directory.Exists(FashionMnist.DebianFolder)) return; // only where dataset-fashion-mnist is installed
        using var test = FashionMnist.Test();
        Assert.Equal(10000, test.Count);
        using var counts = test.Labels.bincount(weights: null, minlength: 10);
        Assert.All(counts.data<long>().ToArray(), c => Assert.Equal(1000, c));
    }

    static byte[] Gzip(byte[] content, CompressionLevel level)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, level)) gzip.Write(content);
        return output.ToArray();
    }

    static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
