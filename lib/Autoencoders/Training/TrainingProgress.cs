namespace Autoencoders.Training;

/// <summary>Where per-epoch progress goes when <c>Fit</c> is not given a progress sink of its own.</summary>
/// <remarks>
/// <para>Progress is reported through the standard <see cref="IProgress{T}"/> of <see cref="EpochResult"/>: once per
/// epoch, synchronously, on the training thread, after the epoch's validation. <see cref="EpochResult.ToString"/> is the
/// Keras-style line.</para>
/// <para>A notebook front end that shows progress as one display updated in place implements
/// <see cref="IProgress{T}"/> of <see cref="EpochResult"/> (create the display on the first report, update it on the
/// following ones) and installs itself once with <c>TrainingProgress.CreateDefault = () =&gt; new MyDisplay();</c>.
/// The factory is called once per <c>Fit</c>, so every training run gets its own display. Implement the interface
/// directly rather than using <see cref="Progress{T}"/>, which posts reports asynchronously and can reorder them.</para>
/// </remarks>
public static class TrainingProgress
{
    /// <summary>Creates the progress sink of each <c>Fit</c> call that was not given one. By default a
    /// <see cref="ConsoleProgress"/>, printing one line per epoch.</summary>
    public static Func<IProgress<EpochResult>> CreateDefault { get; set; } = () => new ConsoleProgress();

    /// <summary>A sink that ignores every report, for quiet training (Keras' <c>verbose=0</c>).</summary>
    public static IProgress<EpochResult> Silent { get; } = new SilentProgress();

    private sealed class SilentProgress : IProgress<EpochResult>
    {
        public void Report(EpochResult value) { }
    }
}
