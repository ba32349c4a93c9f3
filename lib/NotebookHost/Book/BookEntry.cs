namespace NotebookHost.Book;

/// <summary>One notebook of a run, as the course book shows it.</summary>
/// <param name="Relative">The notebook's path relative to the folder it was found in (also the page's place in the
/// book: <c>assignments/source/2-autoencoders.ipynb</c> becomes <c>assignments/source/2-autoencoders.html</c>).</param>
/// <param name="ExecutedCopy">The executed .ipynb, or null when the run ended before writing one.</param>
/// <param name="Status">passed, failed or timeout.</param>
/// <param name="Seconds">The notebook's wall time.</param>
/// <param name="Error">What went wrong, for a notebook that did not pass.</param>
/// <param name="Cell">The 1-based number of the cell that failed.</param>
internal sealed record BookEntry(string Relative, string? ExecutedCopy, string Status, double Seconds,
    string? Error = null, int? Cell = null)
{
    /// <summary>The page's path inside the book, with forward slashes (it is also its link).</summary>
    public string PagePath => Path.ChangeExtension(Relative, ".html").Replace('\\', '/');

    /// <summary>The executed copy's path inside the book, with forward slashes.</summary>
    public string NotebookPath => Path.ChangeExtension(Relative, ".ipynb").Replace('\\', '/');
}
