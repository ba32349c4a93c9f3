using Autoencoders.Data;
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
    /// <see cref="Trainer.Fit(nn.Module{Tensor, Tensor}, Tensor, Tensor, int, int, bool, ValueTuple{Tensor, Tensor}?)"/> repeatedly. Parameters are those of <see cref="Trainer"/>.</remarks>
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
        return NewTrainer(loss, learningRate, earlyStopping, progress, seed, threads)
            .Fit(model, x, y, epochs, batchSize, shuffle, validationData);
    }

    /// <summary>Trains <paramref name="model"/> on batches from a source: a <see cref="RatingBatches"/> for a sparse
    /// rating matrix, <see cref="DenseBatches"/> for tensors. Parameters are those of the tensor overload.</summary>
    /// <inheritdoc cref="Fit(nn.Module{Tensor, Tensor}, Tensor, Tensor, int, int, bool, ValueTuple{Tensor, Tensor}?, Loss?, double, EarlyStopping?, IProgress{EpochResult}?, long?, int?)"/>
    public static History Fit(this nn.Module<Tensor, Tensor> model, IBatchSource data, int epochs = 1, int batchSize = 32,
        bool shuffle = true, IBatchSource? validationData = null, Loss? loss = null, double learningRate = 1e-3,
        EarlyStopping? earlyStopping = null, IProgress<EpochResult>? progress = null, long? seed = null, int? threads = null)
    {
        return NewTrainer(loss, learningRate, earlyStopping, progress, seed, threads)
            .Fit(model, data, epochs, batchSize, shuffle, validationData);
    }

    /// <summary>Trains an autoencoder on the rows of a rating matrix, made dense one batch at a time, as
    /// <c>model.Fit(x, x, …)</c> trains on a dense matrix; <paramref name="validationData"/>'s rows are scored after
    /// every epoch. Parameters are those of the tensor overload.</summary>
    /// <inheritdoc cref="Fit(nn.Module{Tensor, Tensor}, Tensor, Tensor, int, int, bool, ValueTuple{Tensor, Tensor}?, Loss?, double, EarlyStopping?, IProgress{EpochResult}?, long?, int?)"/>
    public static History Fit(this nn.Module<Tensor, Tensor> model, RatingMatrix ratings, int epochs = 1, int batchSize = 32,
        bool shuffle = true, RatingMatrix? validationData = null, Loss? loss = null, double learningRate = 1e-3,
        EarlyStopping? earlyStopping = null, IProgress<EpochResult>? progress = null, long? seed = null, int? threads = null) =>
        model.Fit(new RatingBatches(ratings), epochs, batchSize, shuffle,
            validationData is null ? null : new RatingBatches(validationData), loss, learningRate, earlyStopping, progress, seed, threads);

    /// <summary>The mean loss of <paramref name="model"/> on <paramref name="x"/> → <paramref name="y"/> (Keras'
    /// <c>evaluate</c>); binary cross-entropy when <paramref name="loss"/> is null.</summary>
    public static double Evaluate(this nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Loss? loss = null, int batchSize = 1024) =>
        new Trainer { Loss = loss ?? Losses.BinaryCrossEntropy }.Evaluate(model, x, y, batchSize);

    /// <summary>The trainer both <c>Fit</c> overloads configure from their arguments.</summary>
    static Trainer NewTrainer(Loss? loss, double learningRate, EarlyStopping? earlyStopping,
        IProgress<EpochResult>? progress, long? seed, int? threads) => new()
        {
            Loss = loss ?? Losses.BinaryCrossEntropy,
            LearningRate = learningRate,
            EarlyStopping = earlyStopping,
            Progress = progress,
            Seed = seed,
            Threads = threads,
        };
}
