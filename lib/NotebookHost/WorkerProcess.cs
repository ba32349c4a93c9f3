using System.Diagnostics;
using System.Reflection;

namespace NotebookHost;

/// <summary>Starts this program again as a worker, with its standard streams redirected, however it was launched
/// (an apphost, or <c>dotnet Program.dll</c>).</summary>
public static class WorkerProcess
{
    /// <param name="program">The entry assembly of the program to start again.</param>
    /// <param name="workingDirectory">Where the worker runs.</param>
    /// <param name="redirectInput">Whether the caller will write to the worker's standard input.</param>
    public static ProcessStartInfo StartInfo(Assembly program, string workingDirectory, bool redirectInput = false)
    {
        var host = Environment.ProcessPath!;
        var info = new ProcessStartInfo(host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            info.ArgumentList.Add(program.Location);
        return info;
    }
}
