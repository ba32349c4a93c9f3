namespace Autoencoders.Training;

/// <summary>Sets the learning rate before every epoch from a function of the epoch number, Keras'
/// <c>LearningRateScheduler</c>.</summary>
/// <remarks>The function receives the 1-based epoch and the rate the optimiser has now, and returns the rate for that
/// epoch. <see cref="StepDecay"/> is the common "divide by ten every so many epochs".</remarks>
/// <example><code>
/// var trainer = new Trainer { Callbacks = [LearningRateSchedule.StepDecay(every: 10, factor: 0.5)] };
/// </code></example>
/// <param name="schedule">(epoch, current rate) → rate for the epoch.</param>
public sealed class LearningRateSchedule(Func<int, double, double> schedule) : ICallback
{
    private readonly Func<int, double, double> schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
    private double initial;

    /// <summary>Multiplies the rate the training started with by <paramref name="factor"/> after every
    /// <paramref name="every"/> epochs: epochs 1 … every use it unchanged.</summary>
    public static LearningRateSchedule StepDecay(int every, double factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        LearningRateSchedule? self = null;
        self = new LearningRateSchedule((epoch, _) => self!.initial * Math.Pow(factor, (epoch - 1) / every));
        return self;
    }

    /// <inheritdoc/>
    public void OnTrainBegin(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        initial = context.LearningRate;
    }

    /// <inheritdoc/>
    public void OnEpochBegin(int epoch, TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetLearningRate(schedule(epoch, context.LearningRate));
    }

    /// <summary>Puts the starting rate back, so that a later <c>Fit</c> on the same trainer starts where this one did.</summary>
    public void OnTrainEnd(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetLearningRate(initial);
    }
}
