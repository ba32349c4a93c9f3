using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Training;
using static TorchSharp.torch;

namespace Autoencoders.Recommenders;

/// <summary>Item-based AutoRec (Sedhain, Menon, Sanner and Xie, 2015): an autoencoder that reads a movie's row of
/// ratings (one input per user, 0 where not rated) through one sigmoid layer and is scored on the observed ratings
/// only, with an L2 penalty on its weights. Its output for a user who did not rate the movie is the prediction.</summary>
/// <remarks>
/// <para>The loss is the mean squared error over the observed ratings of a batch
/// (<see cref="Losses.MaskedMeanSquaredError"/>) plus the paper's penalty divided by the number of training ratings,
/// (λ / 2R)·(‖W‖² + ‖V‖²): the paper's objective divided by R, so the same λ means the same thing on every data set.
/// Training reads the matrix through <see cref="RatingBatches"/>, so the dense matrix never exists.</para>
/// <para>The weights start as PyTorch initialises them (uniform in ±1/√inputs): Glorot's wider range, Keras'
/// default, lets the network start memorising the training ratings within a few epochs, before it has learned
/// what they share (measured on ml-latest-small: 0.877 instead of 0.857 held-out RMSE).</para>
/// <para>With validation ratings (held out of the training matrix, never the test ratings) every epoch is scored on
/// them, training stops when they stop improving and the best epoch's weights are kept. Predictions are clipped to
/// the range of the training ratings.</para>
/// </remarks>
public sealed class AutoRec : IRatingPredictor, IDisposable
{
    private readonly RowReconstruction predictor;

    private AutoRec(DenseAutoencoder model, RatingMatrix ratings, AutoRecSettings settings, History history)
    {
        Model = model;
        Ratings = ratings;
        Settings = settings;
        History = history;
        predictor = new RowReconstruction(model, ratings, Name, ratings.ValueRange());
    }

    /// <inheritdoc/>
    public string Name => "AutoRec";

    /// <summary>The network, users → hidden (sigmoid) → users (linear).</summary>
    public DenseAutoencoder Model { get; }

    /// <summary>The ratings it was trained on; a movie's row of them is its input when predicting.</summary>
    public RatingMatrix Ratings { get; }

    /// <summary>The hyper-parameters it was trained with.</summary>
    public AutoRecSettings Settings { get; }

    /// <summary>The epochs of training (<c>val_loss</c> is the validation MSE when there was validation data).</summary>
    public History History { get; }

    /// <summary>Trains an AutoRec on <paramref name="ratings"/>; with <paramref name="validation"/> (ratings over the
    /// same rows and columns, held out of <paramref name="ratings"/>) it stops early on them and keeps the best
    /// epoch.</summary>
    /// <param name="ratings">The training ratings, rows = movies.</param>
    /// <param name="settings">Hyper-parameters; the paper's when null.</param>
    /// <param name="validation">Validation ratings, or null to train <see cref="AutoRecSettings.Epochs"/> epochs.</param>
    /// <param name="seed">Seed of the initial weights and of the batch order.</param>
    /// <param name="progress">Progress sink; silent when null.</param>
    /// <param name="device">Where to train (the CPU when null).</param>
    public static AutoRec Train(RatingMatrix ratings, AutoRecSettings? settings = null, RatingMatrix? validation = null,
        long seed = 42, IProgress<EpochResult>? progress = null, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        settings ??= new AutoRecSettings();
        var users = ratings.ColumnCount;
        var model = DenseAutoencoder.Create([users, settings.Hidden, users], hidden: Activation.Sigmoid,
            output: Activation.Linear, initializer: Initializer.TorchDefault, seed: seed);
        var trainer = new Trainer
        {
            Loss = new L2Penalty(Losses.MaskedMeanSquaredError, settings.Lambda / Math.Max(1, ratings.Count)),
            LearningRate = settings.LearningRate,
            EarlyStopping = validation is null ? null : new EarlyStopping(settings.Patience),
            Progress = progress ?? TrainingProgress.Silent,
            Seed = seed,
            Device = device ?? CPU,
        };
        var history = trainer.Fit(model, new RatingBatches(ratings), settings.Epochs, settings.BatchSize, shuffle: true,
            validation is null ? null : new RatingBatches(ratings, validation));
        return new AutoRec(model, ratings, settings, history);
    }

    /// <summary>The epoch whose weights the model holds (the best validation epoch when it stopped early).</summary>
    public int Epoch => History.RestoredEpoch ?? History.Count;

    /// <inheritdoc/>
    /// <remarks>Runs the model on the rows that hold the asked cells, one block of rows at a time
    /// (<see cref="RowReconstruction"/>).</remarks>
    public float[] Predict(IReadOnlyList<int> rows, IReadOnlyList<int> columns) => predictor.Predict(rows, columns);

    /// <inheritdoc/>
    public void Dispose() => Model.Dispose();
}
