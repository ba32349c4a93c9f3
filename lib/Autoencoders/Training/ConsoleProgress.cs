namespace Autoencoders.Training;

/// <summary>Writes one Keras-style line per epoch, the default progress outside an interactive notebook display.</summary>
/// <remarks>Without an explicit writer it writes to <see cref="Console.Out"/> as it is at the time of each report:
/// notebook kernels swap <see cref="Console.Out"/> per cell, and looking it up late keeps the lines in the cell that is
/// running.</remarks>
/// <param name="writer">Where to write; <see cref="Console.Out"/> when null.</param>
internal sealed class ConsoleProgress(TextWriter? writer = null) : IProgress<EpochResult>
{
    /// <inheritdoc/>
    public void Report(EpochResult value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var output = writer ?? Console.Out;
        output.WriteLine(value.ToString());
        output.Flush();
    }
}
