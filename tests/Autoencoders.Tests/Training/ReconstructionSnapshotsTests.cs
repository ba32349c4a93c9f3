using Autoencoders.Models;
using Autoencoders.Training;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Training;

public class ReconstructionSnapshotsTests
{
    [Fact]
    public void Snapshots_keep_the_outputs_of_the_chosen_epochs_only()
    {
        using var model = DenseAutoencoder.Create([16, 8, 2, 8, 16], seed: 3);
        using var x = ToyData.Create(64, seed: 3);
        var shown = x.narrow(0, 0, 4);
        var snapshots = new ReconstructionSnapshots(shown, [1, 3, 9]);
        new Trainer { LearningRate = 0.01, Callbacks = [snapshots], Progress = TrainingProgress.Silent, Seed = 3 }
            .Fit(model, x, x, epochs: 3, batchSize: 16);

        Assert.Equal(new[] { 1, 3 }, snapshots.Snapshots.Select(s => s.Epoch));
        Assert.Equal(new[] { "epoch 1", "epoch 3" }, snapshots.Rows.Select(r => r.Label));
        Assert.Equal(new long[] { 4, 16 }, snapshots.Snapshots[0].Outputs.shape);
        Assert.True(snapshots.Snapshots[1].Outputs.allclose(model.Reconstruct(shown)), "the last snapshot is the trained model's output");
        Assert.False(snapshots.Snapshots[0].Outputs.allclose(snapshots.Snapshots[1].Outputs), "training changed the outputs");
    }
}
