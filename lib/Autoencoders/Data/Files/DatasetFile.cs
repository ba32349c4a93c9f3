namespace Autoencoders.Data;

/// <summary>One file of a published dataset, pinned by a checksum so that a corrupt, truncated or different release is
/// caught before it silently changes a learner's results.</summary>
/// <param name="Name">The file name as published (and as stored on disk).</param>
/// <param name="Sha256">The expected SHA-256, lowercase hex, or <c>null</c> where the publisher gives only an MD5.</param>
/// <param name="Size">The expected size in bytes, or <c>null</c> if unknown; checked first because it is free.</param>
/// <param name="Url">Where the file can be downloaded from, or <c>null</c> when it is only bundled.</param>
/// <param name="Md5">The publisher's MD5 (GroupLens publishes only these for its archives), used when
/// <paramref name="Sha256"/> is unknown.</param>
/// <param name="ContentSha256">For gzipped files, the SHA-256 of the decompressed content. Accepted in place of
/// <paramref name="Sha256"/> because packagers re-compress files (Debian's Fashion-MNIST drops the file name from the
/// gzip header), which changes the archive's bytes but not the data.</param>
internal sealed record DatasetFile(string Name, string? Sha256, long? Size = null, Uri? Url = null, string? Md5 = null,
    string? ContentSha256 = null);
