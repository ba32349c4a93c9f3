namespace Autograder;

/// <summary>A submission found in the inputs: the student it belongs to, the file, and the name of its feedback file.
/// </summary>
/// <param name="Student">Who handed it in: unique in the batch, ignoring case.</param>
/// <param name="Path">The file.</param>
/// <param name="Shown">The file relative to the folder it was found in, for feedback and the gradebook (never a host path).</param>
/// <param name="FeedbackName">Its feedback file's name without extension: unique in the batch, ignoring case.</param>
sealed record FoundSubmission(string Student, string Path, string Shown, string FeedbackName);

/// <summary>Finds the submissions in the instructor's inputs and names their students, so that every row of the
/// gradebook is one student's and no two share a feedback file.</summary>
/// <remarks>Symbolic links are never followed: a link to another student's file would be graded as the linker's work,
/// and a folder link that points above itself would list one submission again and again. A linked notebook is kept
/// (graded as "not gradable", so that the instructor sees it); a linked folder is skipped with a warning.</remarks>
static class SubmissionFinder
{
    public static List<FoundSubmission> Find(string assignmentName, IEnumerable<string> inputs, TextWriter log)
    {
        var files = new List<(string Path, string Shown)>();
        foreach (var input in inputs)
        {
            var info = new FileInfo(input);
            if (info.Exists || info.LinkTarget is not null && !Directory.Exists(input))
                files.Add((input, System.IO.Path.GetFileName(input)));
            else if (Directory.Exists(input))
            {
                if (new DirectoryInfo(input).LinkTarget is not null)
                    log.WriteLine($"warning: {input} is a symbolic link to a folder; give the folder itself.");
                else
                    Walk(new DirectoryInfo(input), input, files, log);
            }
            else throw new ArgumentException($"{input}: no such submission or folder.");
        }

        // The student is the file's folder when the file is named like the assignment, else the file's name; where
        // two submissions would get the same name (ignoring case), each is named by its path instead.
        string Default(string path)
        {
            var stem = System.IO.Path.GetFileNameWithoutExtension(path);
            return stem.Equals(assignmentName, StringComparison.OrdinalIgnoreCase)
                ? System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(path)) ?? stem : stem;
        }
        var clashing = files.GroupBy(f => Default(f.Path), StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var students = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var feedback = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var found = new List<FoundSubmission>();
        foreach (var (path, shown) in files)
        {
            var student = clashing.Contains(Default(path)) ? shown : Default(path);
            for (var n = 2; !students.Add(student); n++) student = $"{shown} ({n})";
            var name = string.Concat(student.Select(ch =>
                System.IO.Path.GetInvalidFileNameChars().Contains(ch) || ch is ' ' or '/' or '\\' or ':' ? '_' : ch)).TrimStart('.');
            if (name.Length == 0) name = "submission";
            var unique = name;
            for (var n = 2; !feedback.Add(unique); n++) unique = $"{name}-{n}";
            found.Add(new FoundSubmission(student, path, shown, unique));
        }
        return found;
    }

    static void Walk(DirectoryInfo root, string rootPath, List<(string, string)> files, TextWriter log)
    {
        var pending = new Stack<DirectoryInfo>([root]);
        var batch = new List<(string, string)>();
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var entry in dir.EnumerateFileSystemInfos())
            {
                var relative = System.IO.Path.GetRelativePath(rootPath, entry.FullName).Replace('\\', '/');
                if (entry is DirectoryInfo sub)
                {
                    if (sub.Name is ".ipynb_checkpoints") continue;
                    if (sub.LinkTarget is not null)
                        log.WriteLine($"warning: skipped {relative}: a symbolic link to a folder, which grading does not follow.");
                    else
                        pending.Push(sub);
                }
                else if (entry.Name.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
                {
                    batch.Add((entry.FullName, relative));
                }
            }
        }
        files.AddRange(batch.OrderBy(f => f.Item2, StringComparer.Ordinal));
    }
}
