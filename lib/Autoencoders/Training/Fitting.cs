using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>The one-line form of training, Keras' <c>model.compile(…)</c> + <c>model.fit(…)</c> in one call.</summary>
public static class Fitting
{
    /// <summary>Trains <paramref name="model"/> to map <paramref name="x"/> to <paramref name="y"/> and returns the
    /// per-epoch losses. For an autoencoder pass the same tensor as input and target:
    /// <c>model.Fit(xTrain, xTrain, epochs: 100, batchSize: 256, validationData: (xTest, xTest))</c>.</summary>
    /// <remarks>Each call builds a fresh <see cref="Trainer"/>, so Adam's running averages start from zero again. To
    /// continue training in several calls exactly as one long run, create one <see cref="Trainer"/> and call its
    /// <see cref="Trainer.Fit"/> repeatedly. Parameters are those of <see cref="Trainer"/>.</remarks>
    /// <param name="model">The model; its parameters are updated in place.</param>
    /// <param name="x">Inputs, one row per sample.</param>
    /// <param name="y">Targets, one row per sample.</param>
    /// <param name="epochs">Passes over the data.</param>
    /// <param name="batchSize">Rows per optimiser step.</param>
    /// <param name="shuffle">Visit the rows in a new random order every epoch.</param>
    /// <param name="validationData">Inputs and targets scored after every epoch.</param>
    /// <param name="loss">The loss; binary cross-entropy when null.</param>
    /// <param name="learningRate">Adam's learning rate.</param>
    /// <param name="earlyStopping">Optional early stopping.</param>
    /// <param name="progress">Progress sink; <see cref="TrainingProgress.CreateDefault"/> when null,
    /// <see cref="TrainingProgress.Silent"/> for none.</param>
    /// <param name="seed">Seed of the shuffling order.</param>
    /// <param name="threads">libtorch CPU threads (process-wide).</param>
    /// <exception cref="TrainingDivergedException">A loss became NaN or infinite.</exception>
    public static History Fit(this nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, int epochs = 1, int batchSize = 32,
        bool shuffle = true, (Tensor X, Tensor Y)? validationData = null, Loss? loss = null, double learningRate = 1e-3,
        EarlyStopping? earlyStopping = null, IProgress<EpochResult>? progress = null, long? seed = null, int? threads = null)
    {
        var trainer = new Trainer
        {
            Loss = loss ?? Losses.BinaryCrossEntropy,
            LearningRate = learningRate,
            EarlyStopping = earlyStopping,
            Progress = progress,
            Seed = seed,
            Threads = threads,
        };
        return trainer.Fit(model, x, y, epochs, batchSize, shuffle, validationData);
    }

    /// <summary>The mean loss of <paramref name="model"/> on <paramref name="x"/> → <paramref name="y"/> (Keras'
    /// <c>evaluate</c>); binary cross-entropy when <paramref name="loss"/> is null.</summary>
    public static double Evaluate(this nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Loss? loss = null, int batchSize = 1024) =>
        new Trainer { Loss = loss ?? Losses.BinaryCrossEntropy }.Score(model, x, y, batchSize);
}
