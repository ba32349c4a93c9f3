using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace NotebookHost;

/// <summary>How a cell failed: the exception's type name (or "Error"), the message a notebook shows, and whether it
/// was stopped for running too long.</summary>
public sealed record CellFailure(string Name, string Message, bool TimedOut = false);

/// <summary>Runs one cell's code in a kernel, the way every program of the course does: events go to an observer while
/// the cell runs, and the cell either succeeds, fails, or is given up on after a time limit.</summary>
public static class CellRunner
{
    /// <summary>Submits <paramref name="code"/> and waits for it; null when it succeeded.</summary>
    /// <param name="kernel">The kernel (cells run one at a time, so every event raised meanwhile is this cell's).</param>
    /// <param name="code">The cell's source.</param>
    /// <param name="language">The target kernel's name, e.g. <c>csharp</c>; null for the default.</param>
    /// <param name="observe">Receives every kernel event raised while the cell runs.</param>
    /// <param name="timeout">The longest the cell may run. A cell that exceeds it keeps running on its thread (a
    /// .NET thread cannot be stopped), so the caller must end the process; null means no limit.</param>
    public static async Task<CellFailure?> RunAsync(Kernel kernel, string code, string? language,
        Action<KernelEvent> observe, TimeSpan? timeout = null)
    {
        using var subscription = kernel.KernelEvents.Subscribe(new EventObserver(observe));
        var run = kernel.SendAsync(new SubmitCode(code, language));
        if (timeout is { } limit && await Task.WhenAny(run, Task.Delay(limit)) != run)
            return new CellFailure("Timeout", $"The cell did not finish within {limit.TotalSeconds:0} s (the --timeout limit).", TimedOut: true);
        return HeadlessKernel.Failure(await run) is { } failure ? new CellFailure(failure.Name, failure.Message) : null;
    }
}
