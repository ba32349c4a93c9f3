using Autoencoders.Models;
using Autoencoders.Training;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Training;

public class CallbackTests
{
    private static DenseAutoencoder Toy() => DenseAutoencoder.Create([16, 8, 2, 8, 16], seed: 1);

    [Fact]
    public void A_step_decay_schedule_sets_the_rate_of_each_epoch_and_puts_the_first_back()
    {
        using var model = Toy();
        using var x = ToyData.Create(32, seed: 1);
        var recorder = new Recorder();
        var trainer = new Trainer
        {
            LearningRate = 0.1,
            Callbacks = [LearningRateSchedule.StepDecay(every: 2, factor: 0.5), recorder],
            Progress = TrainingProgress.Silent,
        };

        trainer.Fit(model, x, x, epochs: 5, batchSize: 8);

        Assert.Equal([0.1, 0.1, 0.05, 0.05, 0.025], recorder.Rates.Select(r => Math.Round(r, 6)));
        Assert.Equal(0.1, recorder.RateAtEnd, 9);
    }

    [Fact]
    public void Early_stopping_among_the_callbacks_behaves_as_the_property()
    {
        using var x = ToyData.Create(64, seed: 5);
        History Run(bool asCallback)
        {
            using var model = Toy();
            var stopping = new EarlyStopping(patience: 2);
            return new Trainer
            {
                Optimizer = parameters => optim.SGD(parameters, 0.0),
                EarlyStopping = asCallback ? null : stopping,
                Callbacks = asCallback ? [stopping] : [],
                Progress = TrainingProgress.Silent,
            }.Fit(model, x, x, epochs: 20, batchSize: 16, validationData: (x, x));
        }

        var property = Run(false);
        var callback = Run(true);
        Assert.Equal(3, callback.Count);
        Assert.Equal(property.StoppedEpoch, callback.StoppedEpoch);
        Assert.Equal(property.RestoredEpoch, callback.RestoredEpoch);
        Assert.Equal(property[^1].Note, callback[^1].Note);
    }

    [Fact]
    public void A_callback_can_end_training_and_annotate_the_epoch_the_progress_shows()
    {
        using var model = Toy();
        using var x = ToyData.Create(16, seed: 2);
        var shown = new List<EpochResult>();
        var trainer = new Trainer { Callbacks = [new StopAt(2)], Progress = new ListProgress(shown) };

        var history = trainer.Fit(model, x, x, epochs: 10, batchSize: 8);

        Assert.Equal(2, history.Count);
        Assert.Equal("stopped by a test", shown[^1].Note);
        Assert.Equal(2, shown.Count);
    }

    [Fact]
    public void A_checkpoint_keeps_the_weights_of_the_best_epoch()
    {
        using var x = ToyData.Create(128, seed: 6);
        using var opposite = 1 - x;   // validation asks for the opposite of what training teaches: it gets worse
        var path = Path.Combine(Path.GetTempPath(), $"checkpoint-{Guid.NewGuid():N}.bin");
        try
        {
            using var model = Toy();
            var checkpoint = new ModelCheckpoint(path);
            var history = new Trainer
            {
                EarlyStopping = new EarlyStopping(patience: 3),
                Callbacks = [checkpoint],
                Progress = TrainingProgress.Silent,
                Seed = 3,
                LearningRate = 0.01,
            }.Fit(model, x, x, epochs: 30, batchSize: 16, validationData: (x, opposite));

            Assert.Equal(history.BestEpoch, checkpoint.SavedEpoch);
            using var loaded = Toy();
            loaded.load(path);
            Assert.Equal(model.parameters().SelectMany(p => p.data<float>().ToArray()),
                loaded.parameters().SelectMany(p => p.data<float>().ToArray()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class Recorder : ICallback
    {
        public List<double> Rates { get; } = [];
        public double RateAtEnd { get; private set; }
        public void OnEpochBegin(int epoch, TrainingContext context) => Rates.Add(context.LearningRate);
        public void OnTrainEnd(TrainingContext context) => RateAtEnd = context.LearningRate;
    }

    private sealed class StopAt(int epoch) : ICallback
    {
        public EpochResult OnEpochEnd(EpochResult result, TrainingContext context)
        {
            if (result.Epoch < epoch) return result;
            context.StopTraining = true;
            return result with { Note = "stopped by a test" };
        }
    }

    private sealed class ListProgress(List<EpochResult> results) : IProgress<EpochResult>
    {
        public void Report(EpochResult value) => results.Add(value);
    }
}
