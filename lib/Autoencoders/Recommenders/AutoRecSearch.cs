using Autoencoders.Data;
using Autoencoders.Training;
using Microsoft.Data.Analysis;

namespace Autoencoders.Recommenders;

/// <summary>Chooses AutoRec's hyper-parameters on validation ratings carved out of the training ratings, then trains
/// the chosen setting on all of them.</summary>
/// <remarks>
/// <para>The test ratings play no part: a share of the <em>training</em> ratings is set aside, each candidate trains
/// on the rest with early stopping on that share, and the candidate with the lowest validation RMSE wins, together
/// with its best epoch. <see cref="Refit"/> then trains that setting on every training rating for that many epochs (the
/// rows are the same movies, so an epoch is the same number of steps).</para>
/// </remarks>
/// <example><code>
/// var search = AutoRecSearch.Run(train, [new(Lambda: 10), new(Lambda: 30), new(Lambda: 100)]);
/// search.ToDataFrame()                      // what was tried, what validation chose
/// using var autoRec = search.Refit();
/// var rmse = test.Rmse(autoRec);
/// </code></example>
public sealed class AutoRecSearch
{
    private AutoRecSearch(RatingMatrix ratings, IReadOnlyList<AutoRecTrial> trials, long seed)
    {
        Ratings = ratings;
        Trials = trials;
        Best = trials.MinBy(t => t.ValidationRmse)!;
        this.seed = seed;
    }

    private readonly long seed;

    /// <summary>All the training ratings (validation share included), what <see cref="Refit"/> trains on.</summary>
    public RatingMatrix Ratings { get; }

    /// <summary>Every candidate with its validation result, in the order tried.</summary>
    public IReadOnlyList<AutoRecTrial> Trials { get; }

    /// <summary>The trial with the lowest validation RMSE.</summary>
    public AutoRecTrial Best { get; }

    /// <summary>Trains every candidate on <paramref name="ratings"/> minus a validation share of them, with early
    /// stopping on that share.</summary>
    /// <param name="ratings">The training ratings (never the test ratings).</param>
    /// <param name="candidates">Settings to try.</param>
    /// <param name="validationFraction">Share of the training ratings set aside for validation.</param>
    /// <param name="seed">Seed of the validation split, the weights and the batch order.</param>
    /// <param name="progress">Called with each finished trial (for a notebook to print a line); may be null.</param>
    public static AutoRecSearch Run(RatingMatrix ratings, IEnumerable<AutoRecSettings> candidates,
        double validationFraction = 0.1, int seed = 42, Action<AutoRecTrial>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(candidates);
        var (inner, held) = ratings.HoldOut(validationFraction, seed);
        var validation = held.ToMatrix();
        var trials = new List<AutoRecTrial>();
        foreach (var settings in candidates)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var model = AutoRec.Train(inner, settings, validation, seed);
            var trial = new AutoRecTrial(settings, model.Epoch, model.History.Count, held.Rmse(model), clock.Elapsed);
            trials.Add(trial);
            progress?.Invoke(trial);
        }
        if (trials.Count == 0) throw new ArgumentException("Give at least one candidate.", nameof(candidates));
        return new AutoRecSearch(ratings, trials, seed);
    }

    /// <summary>Trains the chosen setting on all the training ratings for its best number of epochs.</summary>
    public AutoRec Refit(IProgress<EpochResult>? progress = null) =>
        AutoRec.Train(Ratings, Best.Settings with { Epochs = Best.BestEpoch }, validation: null, seed, progress);

    /// <summary>One row per trial: hidden units, λ, learning rate, epochs run, best epoch, validation RMSE (3
    /// decimals) and whether validation chose it.</summary>
    public DataFrame ToDataFrame() => new(
        new PrimitiveDataFrameColumn<int>("hidden", Trials.Select(t => t.Settings.Hidden)),
        new DoubleDataFrameColumn("λ", Trials.Select(t => t.Settings.Lambda)),
        new StringDataFrameColumn("learning rate", Trials.Select(t => t.Settings.LearningRate.ToString("0e0", System.Globalization.CultureInfo.InvariantCulture))),
        new PrimitiveDataFrameColumn<int>("epochs run", Trials.Select(t => t.EpochsRun)),
        new PrimitiveDataFrameColumn<int>("best epoch", Trials.Select(t => t.BestEpoch)),
        new DoubleDataFrameColumn("validation RMSE", Trials.Select(t => Math.Round(t.ValidationRmse, 3))),
        new StringDataFrameColumn("chosen", Trials.Select(t => ReferenceEquals(t, Best) ? "✓" : "")));
}
