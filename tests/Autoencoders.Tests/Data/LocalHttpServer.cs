using System.Net;
using System.Net.Sockets;

namespace Autoencoders.Tests.Data;

/// <summary>An HTTP server on 127.0.0.1 that serves byte arrays by path, honours Range requests, and can be told to
/// break a response off half-way, so downloads are tested without the internet.</summary>
sealed class LocalHttpServer : IDisposable
{
    readonly HttpListener listener = new();
    readonly Dictionary<string, byte[]> files = new();
    readonly Task loop;

    public LocalHttpServer()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            // Windows' http.sys lets non-administrators listen on "localhost" only (which is the loopback too).
            var host = OperatingSystem.IsWindows() ? "localhost" : "127.0.0.1";
            BaseUri = new Uri($"http://{host}:{port}/");
            listener.Prefixes.Clear();
            listener.Prefixes.Add(BaseUri.ToString());
            try
            {
                listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5) { }
        }
        loop = Task.Run(Serve);
    }

    public Uri BaseUri { get; }

    /// <summary>When set, responses announce the full length but stop after this many bytes.</summary>
    public long? CutAfter { get; set; }

    /// <summary>When set, every request gets this status code.</summary>
    public int? FailWith { get; set; }

    public List<string?> RangeHeaders { get; } = [];

    public Uri Add(string name, byte[] content)
    {
        lock (files) files["/" + name] = content;
        return new Uri(BaseUri, name);
    }

    async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception) { return; }
            try { Handle(context); }
            catch (Exception) { /* the client went away */ }
        }
    }

    void Handle(HttpListenerContext context)
    {
        var response = context.Response;
        var range = context.Request.Headers["Range"];
        lock (RangeHeaders) RangeHeaders.Add(range);
        byte[]? content;
        lock (files) files.TryGetValue(context.Request.Url!.AbsolutePath, out content);
        if (FailWith is { } status || content is null)
        {
            response.StatusCode = FailWith ?? 404;
            response.Close();
            return;
        }
        long start = 0;
        if (range is not null && range.StartsWith("bytes=") && range.EndsWith('-'))
        {
            start = long.Parse(range[6..^1]);
            response.StatusCode = 206;
            response.AddHeader("Content-Range", $"bytes {start}-{content.Length - 1}/{content.Length}");
        }
        response.ContentLength64 = content.Length - start;
        var send = CutAfter is { } cut ? Math.Min(cut, content.Length - start) : content.Length - start;
        response.OutputStream.Write(content, (int)start, (int)send);
        response.OutputStream.Flush();
        if (send < content.Length - start) response.Abort(); // connection closes mid-body
        else response.Close();
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try { loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
