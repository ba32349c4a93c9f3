using Autoencoders.Models;
using Autoencoders.Training;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Training;

public class TrainerTests
{
    private static DenseAutoencoder Toy(long seed = 1) => DenseAutoencoder.Create([16, 8, 2, 8, 16], seed: seed);

    [Fact]
    public void A_tiny_autoencoder_lowers_its_loss_on_a_toy_set()
    {
        using var model = Toy();
        using var x = ToyData.Create(256, seed: 1);
        using var xVal = ToyData.Create(64, seed: 2);
        var before = model.Evaluate(xVal, xVal);

        var history = model.Fit(x, x, epochs: 40, batchSize: 32, validationData: (xVal, xVal), learningRate: 0.01,
            progress: TrainingProgress.Silent, seed: 1);

        Assert.Equal(40, history.Count);
        Assert.Equal(40, history.ValLoss!.Count);
        Assert.True(history.Loss[^1] < 0.9 * history.Loss[0], $"loss {history.Loss[0]} -> {history.Loss[^1]}");
        Assert.True(history.ValLoss[^1] < 0.9 * before, $"val_loss {before} -> {history.ValLoss[^1]}");
        Assert.Equal(history.ValLoss[^1], model.Evaluate(xVal, xVal), 5);
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights_and_losses_and_another_seed_does_not()
    {
        using var x = ToyData.Create(100, seed: 3);
        (History History, float[] Weights) Run(long seed)
        {
            using var model = Toy();
            var history = model.Fit(x, x, epochs: 3, batchSize: 16, progress: TrainingProgress.Silent, seed: seed, threads: 1);
            return (history, model.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray());
        }

        var a = Run(7);
        var b = Run(7);
        var c = Run(8);
        Assert.Equal(a.History.Loss, b.History.Loss);
        Assert.Equal(a.Weights, b.Weights);
        Assert.NotEqual(a.History.Loss, c.History.Loss);
    }

    [Fact]
    public void A_diverging_loss_stops_training_naming_the_epoch_and_batch()
    {
        using var model = DenseAutoencoder.Create([16, 8, 16], hidden: Activation.Linear, output: Activation.Linear, seed: 1);
        using var x = ToyData.Create(64, seed: 4);
        var trainer = new Trainer
        {
            Loss = Losses.MeanSquaredError,
            Optimizer = parameters => optim.SGD(parameters, 10.0),  // far too large a step: the loss explodes
            Progress = TrainingProgress.Silent,
            Seed = 1,
        };

        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(model, x, x, epochs: 50, batchSize: 8));

        Assert.False(double.IsFinite(error.LossValue));
        Assert.NotNull(error.Batch);
        Assert.InRange(error.Batch!.Value, 1, 8);
        Assert.Equal(error.Epoch - 1, error.History.Count);
        Assert.Contains($"epoch {error.Epoch}, batch {error.Batch}/8", error.Message);
        Assert.All(model.parameters(), p => Assert.True(p.isfinite().all().item<bool>()));
    }

    [Fact]
    public void Early_stopping_ends_training_after_patience_epochs_without_improvement()
    {
        using var model = Toy();
        using var x = ToyData.Create(64, seed: 5);
        var trainer = new Trainer
        {
            Optimizer = parameters => optim.SGD(parameters, 0.0),   // nothing changes, so nothing improves
            EarlyStopping = new EarlyStopping(patience: 2),
            Progress = TrainingProgress.Silent,
        };

        var history = trainer.Fit(model, x, x, epochs: 20, batchSize: 16, validationData: (x, x));

        Assert.Equal(3, history.Count);
        Assert.Equal(3, history.StoppedEpoch);
        Assert.Equal(1, history.RestoredEpoch);   // Keras too reports restoring the first of equally good epochs
        Assert.Contains("early stopping", history[^1].Note);
    }

    [Fact]
    public void Early_stopping_restores_the_weights_of_the_best_epoch()
    {
        using var x = ToyData.Create(128, seed: 6);
        using var opposite = 1 - x;   // validation asks for the opposite of what training teaches
        float[] Train(int epochs, EarlyStopping? stopping, out History history)
        {
            using var model = Toy();
            history = new Trainer { EarlyStopping = stopping, Progress = TrainingProgress.Silent, Seed = 3, Threads = 1, LearningRate = 0.01 }
                .Fit(model, x, x, epochs, batchSize: 16, validationData: (x, opposite));
            return model.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
        }

        var restored = Train(30, new EarlyStopping(patience: 3), out var history);
        var best = history.BestEpoch;
        var reference = Train(best, null, out _);

        Assert.Equal(best, history.RestoredEpoch);
        Assert.Equal(best + 3, history.StoppedEpoch);
        Assert.Equal(reference, restored);
    }

    [Fact]
    public void Early_stopping_on_val_loss_needs_validation_data()
    {
        using var model = Toy();
        using var x = ToyData.Create(16, seed: 7);
        Assert.Throws<ArgumentException>(() => model.Fit(x, x, earlyStopping: new EarlyStopping(), progress: TrainingProgress.Silent));
    }

    [Fact]
    public void Progress_gets_one_keras_line_per_epoch()
    {
        using var model = Toy();
        using var x = ToyData.Create(40, seed: 8);
        var writer = new StringWriter();

        model.Fit(x, x, epochs: 3, batchSize: 16, validationData: (x, x), progress: new ConsoleProgress(writer));

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^Epoch 2/3 - 3/3 - \d+\.\ds \d+ms/step - loss: 0\.\d{4} - val_loss: 0\.\d{4}$", lines[1]);
    }

    [Fact]
    public void The_default_progress_factory_is_used_once_per_fit()
    {
        var created = new List<List<EpochResult>>();
        var previous = TrainingProgress.CreateDefault;
        TrainingProgress.CreateDefault = () => { var sink = new ListProgress(); created.Add(sink.Results); return sink; };
        try
        {
            using var model = Toy();
            using var x = ToyData.Create(20, seed: 9);
            model.Fit(x, x, epochs: 2, batchSize: 8);
            model.Fit(x, x, epochs: 3, batchSize: 8);
        }
        finally
        {
            TrainingProgress.CreateDefault = previous;
        }
        Assert.Equal([2, 3], created.Select(c => c.Count));
        Assert.Equal([1, 2, 3], created[1].Select(r => r.Epoch));
    }

    [Fact]
    public void History_becomes_a_data_frame_with_one_row_per_epoch()
    {
        using var model = Toy();
        using var x = ToyData.Create(20, seed: 10);
        var history = model.Fit(x, x, epochs: 4, batchSize: 8, validationData: (x, x), progress: TrainingProgress.Silent);
        var frame = history.ToDataFrame();
        Assert.Equal(4, frame.Rows.Count);
        Assert.Equal(history.ValLoss![2], (double)frame["val_loss"][2]);
        Assert.Equal(history.Loss[3], (double)frame["loss"][3]);
    }

    [Fact]
    public void Without_validation_data_there_is_no_val_loss_and_early_stopping_can_watch_the_training_loss()
    {
        using var model = Toy();
        using var x = ToyData.Create(32, seed: 11);
        var trainer = new Trainer
        {
            Optimizer = parameters => optim.SGD(parameters, 0.0),
            EarlyStopping = new EarlyStopping(patience: 1, monitorValidation: false),
            Progress = TrainingProgress.Silent,
        };
        var history = trainer.Fit(model, x, x, epochs: 10, batchSize: 8, shuffle: false);
        Assert.Null(history.ValLoss);
        Assert.Null(history[0].ValLoss);
        Assert.Equal(2, history.StoppedEpoch);
        Assert.DoesNotContain("val_loss", history[0].ToString());
    }

    private sealed class ListProgress : IProgress<EpochResult>
    {
        public List<EpochResult> Results { get; } = [];
        public void Report(EpochResult value) => Results.Add(value);
    }
}
