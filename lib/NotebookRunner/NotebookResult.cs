namespace NotebookRunner;

/// <summary>How one notebook ended. Written by the process that ran it, read by the one that reports.</summary>
/// <param name="Notebook">The notebook's path.</param>
/// <param name="Status">passed, failed or timeout.</param>
/// <param name="Seconds">Wall time of the whole notebook.</param>
/// <param name="Cell">The 1-based number of the cell that failed (counting every cell, prose included).</param>
/// <param name="CellCount">How many cells the notebook has.</param>
/// <param name="FirstLine">The failing cell's first line, to find it at a glance.</param>
/// <param name="Error">The error message.</param>
/// <param name="Output">Where the executed copy was written, if it was.</param>
sealed record NotebookResult(string Notebook, string Status, double Seconds, int? Cell = null, int? CellCount = null,
    string? FirstLine = null, string? Error = null, string? Output = null)
{
    public const string Passed = "passed", Failed = "failed", TimedOut = "timeout";

    /// <summary>The report line(s) for this notebook.</summary>
    public string Describe()
    {
        var head = $"{Status.ToUpperInvariant(),-7} {Notebook} ({Seconds:0.0} s)";
        if (Status == Passed) return head;
        var where = Cell is null ? "" : $"\n        cell {Cell} of {CellCount}: {FirstLine}";
        return $"{head}{where}\n        {Error?.Replace("\n", "\n        ")}";
    }
}
