using Autoencoders.Native;
using TorchSharp;

namespace Autoencoders.Tests.Native;

public class TorchNativeTests
{
    [Fact]
    public void TorchSharp_runs_a_matrix_product_after_the_fix()
    {
        var report = TorchNative.EnsureLoaded();
        using var a = torch.ones(2, 3);
        using var b = torch.ones(3, 4);
        using var c = a.matmul(b);
        Assert.Equal(3f, c[1, 2].item<float>());
        if (OperatingSystem.IsLinux()) Assert.NotEmpty(report.Preloaded);
    }
}
