using Autoencoders.Analysis;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Analysis;

public class ReconstructionErrorTests
{
    [Fact]
    public void Mse_bce_and_psnr_agree_with_their_definitions()
    {
        using var scope = NewDisposeScope();
        var target = tensor(new float[,] { { 0, 1 }, { 1, 0.5f } });
        var output = tensor(new float[,] { { 0.1f, 0.9f }, { 0.8f, 0.5f } });
        double mse = (0.01 + 0.01 + 0.04 + 0) / 4;
        Assert.Equal(mse, ReconstructionError.Mse(output, target), 6);
        Assert.Equal(10 * Math.Log10(1 / mse), ReconstructionError.Psnr(output, target), 4);
        Assert.Equal(10 * Math.Log10(255.0 * 255 / (mse * 255 * 255)), ReconstructionError.Psnr(output * 255, target * 255, 255), 3);
        double bce = nn.functional.binary_cross_entropy(output, target).item<float>();
        Assert.Equal(bce, ReconstructionError.Bce(output, target), 5);
        Assert.Equal(double.PositiveInfinity, ReconstructionError.Psnr(target, target));
        Assert.Throws<ArgumentException>(() => ReconstructionError.Mse(output, target.flatten()));
    }
}
