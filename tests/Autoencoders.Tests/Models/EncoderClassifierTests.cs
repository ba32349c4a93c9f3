using Autoencoders.Models;
using Autoencoders.Training;
using TorchSharp;

namespace Autoencoders.Tests.Models;

public class EncoderClassifierTests
{
    /// <summary>Two classes told apart by the sign of the first coordinate.</summary>
    static (torch.Tensor X, torch.Tensor Y) Toy()
    {
        torch.manual_seed(3);
        var x = torch.randn(400, 8);
        var y = x[.., 0].gt(0).to_type(torch.ScalarType.Int64);
        return (x, y);
    }

    static float[] Snapshot(torch.nn.Module module) => module.parameters().SelectMany(p => p.detach().flatten().data<float>().ToArray()).ToArray();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_frozen_encoder_keeps_its_weights_and_a_fine_tuned_one_learns(bool freeze)
    {
        var (x, y) = Toy();
        var autoencoder = DenseAutoencoder.Create([8, 6, 4, 6, 8], seed: 1);
        var before = Snapshot(autoencoder.Encoder);
        var classifier = new EncoderClassifier(autoencoder.Encoder, 4, 2, freezeEncoder: freeze, seed: 2);

        var history = classifier.Fit(x, y, epochs: 30, batchSize: 50, loss: Losses.CategoricalCrossEntropy,
            learningRate: 0.02, seed: 4, progress: TrainingProgress.Silent);

        Assert.True(history.Loss[^1] < history.Loss[0], "the loss falls");
        Assert.Equal(freeze, before.SequenceEqual(Snapshot(autoencoder.Encoder)));
        var accuracy = classifier.PredictClasses(x).eq(y).to_type(torch.ScalarType.Float32).mean().item<float>();
        // A frozen, untrained encoder gives random features; fine-tuning lets the encoder fit the task.
        Assert.True(accuracy > (freeze ? 0.6 : 0.85), $"accuracy {accuracy}");
    }
}
