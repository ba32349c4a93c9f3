using System.Collections.Concurrent;
using Course.Shared;
using NotebookHost;

namespace Autograder;

/// <summary>Grades a batch of submissions of one assignment: each in its own worker process, at most
/// <c>--jobs</c> at a time; one submission's failure (unreadable, crashing, looping) never stops the batch.</summary>
sealed class BatchGrader(GraderOptions options, TextWriter log)
{
    public async Task<int> RunAsync()
    {
        Assignment assignment;
        try
        {
            assignment = Assignment.Read(options.Inputs[0]);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            log.WriteLine($"error: {e.Message}");
            return 1;
        }
        var submissions = FindSubmissions(assignment, options.Inputs.Skip(1));
        if (submissions.Count == 0)
        {
            log.WriteLine($"No .ipynb submissions found in {string.Join(", ", options.Inputs.Skip(1))}.");
            return 1;
        }

        var feedbackFolder = Path.Combine(options.OutDirectory, "feedback");
        Directory.CreateDirectory(feedbackFolder);
        var guard = new NameGuard(assignment);
        var parameters = new Dictionary<string, string>();
        if (options.Mode is not null) parameters[ParameterCell.ModeParameter] = options.Mode;
        var runner = new SubmissionRun(options.TimeLimit, options.MemoryLimitBytes, RepositoryRoot.Locate(), sharedCores: options.Jobs > 1);
        log.WriteLine($"Grading {submissions.Count} submission(s) of {assignment.Name} ({GradeReport.Format(assignment.Points)} points; " +
                      $"limits {options.TimeLimit.TotalSeconds:0} s, {options.MemoryLimitBytes / (1024 * 1024)} MB; {options.Jobs} at a time).");

        var reports = new ConcurrentDictionary<int, (GradeReport, string)>();
        using var slots = new SemaphoreSlim(options.Jobs);
        var tasks = submissions.Select(async (s, index) =>
        {
            await slots.WaitAsync();
            try
            {
                var report = await GradeOneAsync(assignment, s.Student, Path.GetRelativePath(Environment.CurrentDirectory, s.Path), s.Path, guard, parameters, runner);
                var feedback = Path.Combine(feedbackFolder, s.FeedbackName + ".md");
                AtomicFile.Replace(feedback, report.ToMarkdown());
                reports[index] = (report, Path.GetRelativePath(options.OutDirectory, feedback));
                lock (log)
                    log.WriteLine($"{s.Student,-24} {GradeReport.Format(report.Score),6} / {GradeReport.Format(assignment.Points)}  {report.Status,-13} {report.Seconds,6:0.0} s");
            }
            finally
            {
                slots.Release();
            }
        });
        await Task.WhenAll(tasks);

        var gradebook = Path.Combine(options.OutDirectory, "gradebook.csv");
        AtomicFile.Replace(gradebook, Gradebook.ToCsv(assignment, reports.OrderBy(r => r.Key).Select(r => r.Value)));
        log.WriteLine($"Gradebook: {gradebook}");
        log.WriteLine($"Feedback:  {feedbackFolder}");
        return 0;
    }

    static async Task<GradeReport> GradeOneAsync(Assignment assignment, string student, string shownPath, string path,
        NameGuard guard, IReadOnlyDictionary<string, string> parameters, SubmissionRun runner)
    {
        List<GradedCell> plan;
        try
        {
            plan = Submission.Plan(assignment, path, parameters);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException)
        {
            return GradeReport.NotGradable(student, shownPath, assignment, e.Message);
        }
        plan = guard.Protect(plan, out var renamed);
        var run = await runner.RunAsync(plan);
        return GradeReport.From(student, shownPath, assignment, plan, run, renamed);
    }

    /// <summary>Each submission with the student it belongs to and a unique name for its feedback file.</summary>
    static List<(string Student, string Path, string FeedbackName)> FindSubmissions(Assignment assignment, IEnumerable<string> inputs)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (File.Exists(input)) files.Add(input);
            else if (Directory.Exists(input))
                files.AddRange(Directory.EnumerateFiles(input, "*.ipynb", SearchOption.AllDirectories)
                    .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p is ".ipynb_checkpoints"))
                    .Order(StringComparer.Ordinal));
            else throw new ArgumentException($"{input}: no such submission or folder.");
        }
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return files.Select(f =>
        {
            var stem = Path.GetFileNameWithoutExtension(f);
            var student = stem.Equals(assignment.Name, StringComparison.OrdinalIgnoreCase)
                ? Path.GetFileName(Path.GetDirectoryName(f)) ?? stem : stem;
            var name = string.Concat(student.Select(ch => Path.GetInvalidFileNameChars().Contains(ch) || ch == ' ' ? '_' : ch));
            var unique = name;
            for (var n = 2; !used.Add(unique); n++) unique = $"{name}-{n}";
            return (student, f, unique);
        }).ToList();
    }
}
