namespace Course.Shared;

/// <summary>The namespaces every lesson uses, brought into scope when a notebook adds the course package, so that a
/// lesson's set-up is its parameters and one <c>#r</c> line (as a d2l lesson's is one import).</summary>
/// <remarks>Chosen so that no two of them define a name a lesson uses: TorchSharp's <c>torch</c> functions (statically,
/// as in PyTorch code: <c>tensor</c>, <c>nn</c>, <c>optim</c>), Plotly.NET's C# charts, the DataFrame, and the course
/// library's own namespaces. The set-up check notebook writes the same lines out and explains them. One source file,
/// compiled into the kernel extension (which sends them to the notebook's kernel) and the notebook host (which writes
/// them at the top of each lesson's program).</remarks>
static class CourseNamespaces
{
    /// <summary>The directives, as a notebook would write them.</summary>
    public static readonly IReadOnlyList<string> Usings =
    [
        "using TorchSharp;",
        "using static TorchSharp.torch;",
        "using Plotly.NET.CSharp;",
        "using Microsoft.Data.Analysis;",
        "using Autoencoders.Data;",
        "using Autoencoders.Models;",
        "using Autoencoders.Training;",
        "using Autoencoders.Analysis;",
        "using Autoencoders.Charts;",
        "using Autoencoders.Notebooks;",
        "using Autoencoders.Recommenders;",
    ];
}
