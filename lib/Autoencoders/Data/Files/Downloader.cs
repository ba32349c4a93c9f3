using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Autoencoders.Data;

/// <summary>Downloads dataset files so that the destination either holds the complete, verified file or does not
/// exist.</summary>
/// <remarks>Bytes go to <c>name.partial</c> next to the destination; only after the size and checksum match is it
/// renamed into place (atomic on one file system). An interrupted download leaves the <c>.partial</c> file, and the
/// next attempt asks the server for the rest (HTTP range request), which matters for ml-25m (250 MB) on a classroom
/// connection. A checksum mismatch deletes the partial file, so a bad download is never resumed.
/// Synchronous on purpose: notebook cells and loaders call it directly.</remarks>
internal sealed class Downloader
{
    readonly HttpClient http;
    readonly TextWriter? progress;

    /// <summary>Creates a downloader.</summary>
    /// <param name="http">The client to use; by default one with a 20 s connect timeout and no overall timeout
    /// (large files take minutes).</param>
    /// <param name="progress">Where progress lines go; by default the console as it is at the time of writing (a
    /// notebook redirects it per cell). <see cref="Silent"/> makes a downloader that prints nothing.</param>
    /// <param name="progressThreshold">Files smaller than this many bytes are downloaded without progress lines.</param>
    public Downloader(HttpClient? http = null, TextWriter? progress = null, long progressThreshold = 1 << 20)
    {
        this.http = http ?? DefaultClient.Value;
        this.progress = progress;
        ProgressThreshold = progressThreshold;
    }

    /// <summary>A downloader that prints nothing.</summary>
    public static Downloader Silent(HttpClient? http = null) => new(http, TextWriter.Null);

    /// <summary>Files smaller than this are downloaded without progress lines.</summary>
    public long ProgressThreshold { get; }

    static readonly Lazy<HttpClient> DefaultClient = new(() =>
        new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(20) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        });

    /// <summary>Downloads <paramref name="file"/> from its URL to <paramref name="destination"/> and verifies it.</summary>
    /// <exception cref="DatasetUnavailableException">The server cannot be reached or fails; the message says where to
    /// put the file by hand. A partial download is kept and resumed next time.</exception>
    /// <exception cref="DataFormatException">The downloaded bytes do not match the checksum; nothing is kept.</exception>
    public void Download(DatasetFile file, string destination)
    {
        var url = file.Url ?? throw new ArgumentException($"{file.Name} has no download URL.", nameof(file));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        var partial = destination + ".partial";
        try
        {
            Fetch(url, partial, file);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException
                                      && e is not DataFormatException)
        {
            throw new DatasetUnavailableException(
                $"Downloading {file.Name} from {url} failed: {e.Message}. " +
                (File.Exists(partial) ? "Run the load again to resume the download, or " : "") +
                PlacementAdvice(file, destination), destination, e);
        }
        try
        {
            Checksum.Verify(partial, file);
        }
        catch (DataFormatException e)
        {
            File.Delete(partial);
            throw new DataFormatException(destination,
                $"the file downloaded from {url} is not the expected one ({e.Message}); it was deleted. If this " +
                "repeats, the server serves a different release: " + PlacementAdvice(file, destination), inner: e);
        }
        File.Move(partial, destination, overwrite: true);
    }

    /// <summary>The sentence that tells a learner how to provide a file by hand.</summary>
    internal static string PlacementAdvice(DatasetFile file, string destination) =>
        $"Download {file.Name}{(file.Url is null ? "" : $" from {file.Url}")} on a machine with internet access and " +
        $"put it at {destination}" +
        (file.Sha256 is { } sha ? $" (SHA-256 {sha})" : file.Md5 is { } md5 ? $" (MD5 {md5})" : "") +
        ", or pass the folder that holds the dataset explicitly.";

    void Fetch(Uri url, string partial, DatasetFile file)
    {
        long existing = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        if (file.Size is { } size && existing >= size)
        {
            if (existing == size) return; // complete: the caller verifies it
            File.Delete(partial);
            existing = 0;
        }

        if (url.IsFile)
        {
            // A local mirror (a USB stick, a network share): copy, no resuming needed.
            File.Copy(url.LocalPath, partial, overwrite: true);
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (existing > 0) request.Headers.Range = new RangeHeaderValue(existing, null);
        using var response = http.Send(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && existing > 0)
            return; // nothing left to send: the partial file is complete, or wrong and then rejected by its checksum
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
        var resuming = existing > 0 && response.StatusCode == HttpStatusCode.PartialContent;
        if (!resuming) existing = 0;
        var total = response.Content.Headers.ContentLength is { } length ? length + existing : file.Size;

        using var source = response.Content.ReadAsStream();
        using var target = new FileStream(partial, resuming ? FileMode.Append : FileMode.Create, FileAccess.Write,
            FileShare.None, 1 << 16);
        var buffer = new byte[1 << 16];
        var done = existing;
        var report = total is { } t && t >= ProgressThreshold ? progress ?? Console.Out : null;
        var clock = Stopwatch.StartNew();
        var nextPercent = 10;
        report?.WriteLine($"Downloading {file.Name} ({Megabytes(total!.Value)}) from {url}" +
                          (resuming ? $", resuming at {Megabytes(existing)}" : ""));
        int n;
        while ((n = source.Read(buffer)) > 0)
        {
            target.Write(buffer, 0, n);
            done += n;
            if (report is not null && done * 100 >= nextPercent * total!.Value)
            {
                report.WriteLine($"  {file.Name}: {done * 100 / total.Value,3} % ({Megabytes(done)} of " +
                                 $"{Megabytes(total.Value)}, {clock.Elapsed.TotalSeconds:F0} s)");
                nextPercent = (int)(done * 100 / total.Value / 10 + 1) * 10;
            }
        }
        target.Flush(flushToDisk: true);
        if (total is { } expected && done < expected)
            throw new IOException($"the connection ended after {done:N0} of {expected:N0} bytes");
    }

    static string Megabytes(long bytes) => $"{bytes / 1048576.0:F1} MB";
}
