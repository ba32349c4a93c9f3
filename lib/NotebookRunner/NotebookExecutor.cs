using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using NotebookHost;

namespace NotebookRunner;

/// <summary>Runs one notebook's code cells in order in a fresh kernel, stopping at the first failing cell or at a
/// cell that exceeds the time limit, and writes the executed copy with every output produced so far.</summary>
sealed class NotebookExecutor(TextWriter log)
{
    /// <summary>Runs <paramref name="path"/>; the kernel's working directory must already be the notebook's folder
    /// (relative paths in cells, <c>#!import</c> and nuget.config lookup depend on it).</summary>
    /// <param name="path">The notebook.</param>
    /// <param name="parameters">Values for the parameters cell.</param>
    /// <param name="outputPath">Where to write the executed .ipynb, or null.</param>
    /// <param name="cellTimeout">The longest any one cell may run.</param>
    public async Task<NotebookResult> RunAsync(string path, IReadOnlyDictionary<string, string> parameters,
        string? outputPath, TimeSpan cellTimeout)
    {
        var clock = Stopwatch.StartNew();
        NotebookFile notebook;
        try
        {
            notebook = NotebookFile.Read(path);
            ParameterCell.Inject(notebook.Cells, parameters, new HashSet<string> { ParameterCell.ModeParameter });
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException)
        {
            return new NotebookResult(path, NotebookResult.Failed, clock.Elapsed.TotalSeconds, Error: e.Message);
        }

        using var kernel = HeadlessKernel.Create();
        var count = 0;
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.Kind != CellKind.Code || string.IsNullOrWhiteSpace(cell.Source)) continue;
            cell.ExecutionCount = ++count;
            log.WriteLine($"  [cell {i + 1}/{notebook.Cells.Count}] {Shorten(cell.FirstLine)}");
            var failure = await RunCellAsync(kernel, cell, cellTimeout);
            if (failure is not null)
            {
                Write(notebook, outputPath);
                return new NotebookResult(path, failure.Value.Status, clock.Elapsed.TotalSeconds, i + 1,
                    notebook.Cells.Count, cell.FirstLine, failure.Value.Message, outputPath);
            }
        }
        Write(notebook, outputPath);
        return new NotebookResult(path, NotebookResult.Passed, clock.Elapsed.TotalSeconds, Output: outputPath);
    }

    async Task<(string Status, string Message)?> RunCellAsync(CompositeKernel kernel, Cell cell, TimeSpan timeout)
    {
        var outputs = new CellOutputs(cell, log);
        if (await CellRunner.RunAsync(kernel, cell.Source, cell.Language, outputs.Add, timeout) is not { } failure) return null;
        outputs.Error(failure.Name, failure.Message);
        return (failure.TimedOut ? NotebookResult.TimedOut : NotebookResult.Failed, failure.Message);
    }

    void Write(NotebookFile notebook, string? outputPath)
    {
        if (outputPath is null) return;
        notebook.WriteExecuted(outputPath);
        log.WriteLine($"  executed copy: {outputPath}");
    }

    static string Shorten(string line) => line.Length <= 80 ? line : line[..77] + "...";
}
