using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace NotebookHost;

/// <summary>Builds the same kind of kernel that Polyglot Notebooks and Jupyter start, inside this process: C# with
/// <c>#r "nuget: ..."</c>, <c>#!import</c>, and the kernel extensions that packages ship.</summary>
public static class HeadlessKernel
{
    /// <summary>Creates a composite kernel whose default language is C#.</summary>
    public static CompositeKernel Create()
    {
        // Notebook front ends render HTML; plain strings stay text.
        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
        Formatter.SetPreferredMimeTypesFor(typeof(string), PlainTextFormatter.MimeType);

        var csharp = new CSharpKernel()
            .UseNugetDirective((kernel, references) =>
            {
                kernel.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseValueSharing();

        var composite = new CompositeKernel();
        composite.Add(csharp, ["c#", "C#"]);
        composite.DefaultKernelName = csharp.Name;
        composite.UseImportMagicCommand();
        LoadPackageExtensions(composite);
        return composite;
    }

    /// <summary>After each command, loads the kernel extensions (<c>interactive-extensions/dotnet/*.dll</c>) of the
    /// packages it added, as the .NET Interactive tool does: this is how Plotly.NET.Interactive, DataFrame
    /// formatting and the course library hook into the kernel.</summary>
    static void LoadPackageExtensions(CompositeKernel kernel)
    {
        var pending = new ConcurrentQueue<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        kernel.KernelEvents.Subscribe(new EventObserver(e =>
        {
            if (e is PackageAdded { PackageReference.PackageRoot: { } root }) pending.Enqueue(root);
        }));

        kernel.AddMiddleware(async (command, context, next) =>
        {
            await next(command, context);
            while (pending.TryDequeue(out var root))
            {
                if (!seen.Add(root)) continue;
                var folder = Path.Combine(root, "interactive-extensions", "dotnet");
                if (!Directory.Exists(folder)) continue;
                foreach (var dll in Directory.GetFiles(folder, "*.dll").Order())
                {
                    var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(dll);
                    foreach (var type in assembly.GetExportedTypes().Where(IsExtension))
                    {
                        var extension = (IKernelExtension)Activator.CreateInstance(type)!;
                        await extension.OnLoadAsync(kernel);
                    }
                }
            }
        });
    }

    /// <summary>How a submitted cell failed, as a notebook shows it (exception type and message), or null when it
    /// succeeded.</summary>
    public static (string Name, string Message)? Failure(KernelCommandResult result)
    {
        var failed = result.Events.OfType<CommandFailed>().FirstOrDefault();
        if (failed is null) return null;
        return failed.Exception is { } ex ? (ex.GetType().Name, $"{ex.GetType().Name}: {ex.Message}") : ("Error", failed.Message);
    }

    static bool IsExtension(Type t) =>
        t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }
        && typeof(IKernelExtension).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null;
}
