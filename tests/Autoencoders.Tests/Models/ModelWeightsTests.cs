using Autoencoders.Models;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Models;

public class ModelWeightsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ae-weights-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Saved_weights_reload_into_a_fresh_model_with_identical_outputs(bool tied)
    {
        var path = Path.Combine(folder, "model.bin");
        using var trained = DenseAutoencoder.Create([12, 8, 3, 8, 12], tiedWeights: tied, seed: 1);
        using var fresh = DenseAutoencoder.Create([12, 8, 3, 8, 12], tiedWeights: tied, seed: 2);
        using var x = rand(6, 12);
        using var expected = trained.call(x);
        using var before = fresh.call(x);
        Assert.False(before.allclose(expected));

        trained.SaveWeights(path);
        fresh.LoadWeights(path);

        using var actual = fresh.call(x);
        Assert.True(actual.allclose(expected, rtol: 0, atol: 0));
    }

    [Fact]
    public void Loading_into_another_architecture_says_so()
    {
        var path = Path.Combine(folder, "model.bin");
        using var saved = DenseAutoencoder.Create([12, 8, 3, 8, 12], seed: 1);
        using var other = DenseAutoencoder.Create([12, 8, 4, 8, 12], seed: 1);
        saved.SaveWeights(path);
        var error = Assert.Throws<InvalidDataException>(() => other.LoadWeights(path));
        Assert.Contains("architecture", error.Message);
    }
}
