using Autoencoders.Training;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace Autoencoders.Interactive;

/// <summary>Training progress in a notebook: the Keras-style epoch lines grow inside one output that updates in
/// place, instead of a new output per epoch.</summary>
sealed class NotebookProgress : IProgress<EpochResult>
{
    readonly List<string> lines = [];
    DisplayedValue? shown;

    public void Report(EpochResult value)
    {
        lines.Add(value.ToString());
        var text = string.Join(Environment.NewLine, lines);
        if (shown is null)
            shown = Kernel.display(text, PlainTextFormatter.MimeType);
        else
            shown.Update(text);
    }
}
