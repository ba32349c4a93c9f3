using static TorchSharp.torch;

namespace Autoencoders.Tests.Training;

/// <summary>A tiny data set with structure an autoencoder can learn: 16 features in (0, 1) driven by 2 hidden factors.
/// Every call mixes the factors the same way, so sets drawn with different seeds come from one distribution.</summary>
static class ToyData
{
    public static Tensor Create(int rows, long seed)
    {
        using var scope = NewDisposeScope();
        using var mixingGenerator = new Generator(12345, CPU);
        var mixing = randn(2, 16, generator: mixingGenerator);
        using var generator = new Generator((ulong)seed, CPU);
        var factors = rand(rows, 2, generator: generator);
        return factors.matmul(mixing).mul(2).sigmoid().MoveToOuterDisposeScope();
    }
}
