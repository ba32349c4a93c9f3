using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Autoencoders.Data;

/// <summary>Verifies files against their published SHA-256.</summary>
/// <remarks>A file that passed once in this process is not hashed again while its size and time stamp are unchanged,
/// so notebooks that reload a dataset in several cells do not pay for it each time.</remarks>
internal static class Checksum
{
    static readonly ConcurrentDictionary<string, (long Length, DateTime Written, DatasetFile File)> Verified = new();

    /// <summary>The SHA-256 of a file as lowercase hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The MD5 of a file as lowercase hex; only for publishers that give nothing stronger.</summary>
    public static string Md5(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Convert.ToHexStringLower(MD5.HashData(stream));
    }

    /// <summary>Throws a <see cref="DataFormatException"/> that says how to repair the file unless it has the
    /// expected size and checksum (SHA-256, or MD5 where only that is published).</summary>
    public static void Verify(string path, DatasetFile expected)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FileNotFoundException($"{path} does not exist; put the file {expected.Name} there.", path);
        var full = info.FullName;
        if (Verified.TryGetValue(full, out var seen) && seen.Length == info.Length &&
            seen.Written == info.LastWriteTimeUtc && seen.File == expected)
            return;
        if (info.Length == 0)
            throw new DataFormatException(path, $"the file is empty; {Remedy(expected)}");
        var sizeMatches = expected.Size is not { } size || info.Length == size;
        var (algorithm, wanted, actual) = !sizeMatches ? ("", "", "") : expected switch
        {
            { Sha256: { } sha } => ("SHA-256", sha, Sha256(path)),
            { Md5: { } md5 } => ("MD5", md5, Md5(path)),
            _ => ("", "", ""),
        };
        var matches = sizeMatches && string.Equals(actual, wanted, StringComparison.OrdinalIgnoreCase);
        if (!matches && expected.ContentSha256 is { } content &&
            string.Equals(DecompressedSha256(path), content, StringComparison.OrdinalIgnoreCase))
            matches = true; // re-compressed by a packager, same data
        if (!matches && !sizeMatches)
            throw new DataFormatException(path,
                $"the file has {info.Length:N0} bytes but {expected.Name} has {expected.Size:N0}, so it is truncated or " +
                $"a different file; {Remedy(expected)}");
        if (!matches)
            throw new DataFormatException(path,
                $"{algorithm} is {actual} but {expected.Name} has {wanted}: the file is corrupt or a different " +
                $"release; {Remedy(expected)}");
        Verified[full] = (info.Length, info.LastWriteTimeUtc, expected);
    }

    /// <summary>The SHA-256 of a gzip file's decompressed content, or null if it is not a valid gzip file.</summary>
    static string? DecompressedSha256(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            if (file.ReadByte() != 0x1f || file.ReadByte() != 0x8b) return null;
            file.Position = 0;
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            return Convert.ToHexStringLower(SHA256.HashData(gzip));
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    static string Remedy(DatasetFile file) => file.Url is null
        ? "restore it from the course repository (git checkout -- data)."
        : $"delete it and download it again from {file.Url}.";
}
