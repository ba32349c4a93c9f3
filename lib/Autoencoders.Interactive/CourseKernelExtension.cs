using Autoencoders.Native;
using Course.Shared;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace Autoencoders.Interactive;

/// <summary>Runs when a notebook adds the Autoencoders package: one <c>#r</c> line then gives a working TorchSharp,
/// charts that draw without a network connection, and readable tensors.</summary>
public sealed class CourseKernelExtension : IKernelExtension
{
    /// <inheritdoc />
    public async Task OnLoadAsync(Kernel kernel)
    {
        var report = TorchNative.EnsureLoaded();
        var charts = new ChartHtml();
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(charts.Render(chart)), HtmlFormatter.MimeType);
        Autoencoders.Training.TrainingProgress.CreateDefault = () => new NotebookProgress();
        // Summaries and histories read best as the text Keras prints, not as a table of their properties.
        Formatter.Register<Autoencoders.Models.ModelSummary>((summary, writer) => writer.Write(Preformatted(summary)), HtmlFormatter.MimeType);
        Formatter.Register<Autoencoders.Training.History>((history, writer) => writer.Write(Preformatted(history)), HtmlFormatter.MimeType);
        Formatter.Register<TorchSharp.torch.Tensor>((tensor, writer) => writer.Write(TensorText.Describe(tensor)),
            PlainTextFormatter.MimeType);
        if (KernelInvocationContext.Current is { } context)
            KernelInvocationContextExtensions.Display(context,
                $"Autoencoders course library loaded (libtorch {TorchSharp.torch.__version__}). {report.Summary}",
                PlainTextFormatter.MimeType);
        // The lessons' namespaces, in the C# kernel that runs the notebook's cells (see CourseNamespaces).
        if ((kernel.RootKernel.FindKernelByName("csharp") ?? kernel) is { } csharp)
            await csharp.SendAsync(new SubmitCode(string.Join("\n", CourseNamespaces.Usings)));
    }

    static string Preformatted(object value) => $"<pre>{System.Net.WebUtility.HtmlEncode(value.ToString())}</pre>";
}
