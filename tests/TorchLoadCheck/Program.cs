using Autoencoders.Native;
using TorchSharp;

// Prints what was loaded from where, then does a small computation.
var report = TorchNative.EnsureLoaded();
Console.WriteLine($"summary: {report.Summary}");
using var product = torch.ones(2, 3).matmul(torch.ones(3, 4));
Console.WriteLine($"sum: {product.sum().item<float>()}");
if (File.Exists("/proc/self/maps"))
{
    foreach (var path in File.ReadLines("/proc/self/maps").Select(l => l.IndexOf('/') is var i and >= 0 ? l[i..] : "")
                 .Where(p => p.EndsWith("/libc10.so") || p.EndsWith("/libtorch_cpu.so") || p.EndsWith("/libLibTorchSharp.so"))
                 .Distinct())
        Console.WriteLine($"loaded: {path}");
}
