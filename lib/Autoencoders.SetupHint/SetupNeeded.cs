using Microsoft.DotNet.Interactive;

namespace Autoencoders.SetupHint;

/// <summary>The kernel extension of the stand-in package: when a notebook adds "Autoencoders" before the course's
/// set-up has built the real library, the <c>#r</c> cell fails with this message instead of NuGet's bare "package not
/// found", so the learner knows what to run and why.</summary>
public sealed class SetupNeeded : IKernelExtension
{
    /// <summary>What the learner runs, once, from the repository's root folder.</summary>
    public const string Command =
        "dotnet run --project lib/NotebookRunner -c Release -- notebooks/00-setup-check.ipynb --mode quick";

    /// <summary>The message the <c>#r</c> cell fails with.</summary>
    public const string Message = $"""
        The course library is not built yet, so this notebook cannot load it.

        Notebooks load it from the folder artifacts/feed of the repository, and the course's set-up builds it there.
        Run this once, in a terminal, from the repository's root folder:

            {Command}

        It restores the packages (TorchSharp, Plotly.NET, Microsoft.Data.Analysis), builds the course library into
        artifacts/feed and the course's notebook kernel into artifacts/kernel, and runs the set-up check notebook.
        The first time it downloads about 1 GB and takes a few minutes; after that, well under a minute.

        Then restart this notebook's kernel (a kernel keeps the first version of a package it loaded) and run the
        notebook again from the top.
        """;

    /// <inheritdoc />
    public Task OnLoadAsync(Kernel kernel)
    {
        if (KernelInvocationContext.Current is { } context)
            context.Fail(context.Command, message: Message);
        else
            throw new InvalidOperationException(Message);
        return Task.CompletedTask;
    }
}
