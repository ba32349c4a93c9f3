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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_copy_computes_the_same_and_trains_without_changing_the_original(bool tied)
    {
        using var original = DenseAutoencoder.Create([12, 8, 3, 8, 12], hidden: Activation.Tanh, output: Activation.Linear,
            code: Activation.Linear, tiedWeights: tied, seed: 1);
        using var x = rand(6, 12);
        using var expected = original.call(x);

        using var copy = original.Copy();
        Assert.Equal(original.LayerSizes, copy.LayerSizes);
        Assert.Equal(tied, copy.TiedWeights);
        Assert.Equal(Activation.Linear, copy.Layer(2).Activation);
        using (var output = copy.call(x)) Assert.True(output.allclose(expected, rtol: 0, atol: 0));

        foreach (var p in copy.parameters()) using (no_grad()) p.add_(1.0);
        using var after = original.call(x);
        Assert.True(after.allclose(expected, rtol: 0, atol: 0));
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
