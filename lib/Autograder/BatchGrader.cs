using Course.Shared;
using NotebookHost;

namespace Autograder;

/// <summary>Grades a batch of submissions of one assignment: each in its own sandboxed worker process, at most
/// <c>--jobs</c> at a time; one submission's failure (unreadable, crashing, looping, attacking) never stops the batch.
/// </summary>
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

        Sandbox? sandbox = null;
        string isolation;
        if (options.Unsandboxed)
        {
            isolation = "none: graded with --unsandboxed, so the submission's code ran with the grader's rights and this score is only as trustworthy as the code";
            log.WriteLine("warning: grading without a sandbox (--unsandboxed): each submission's code runs with your rights.");
        }
        else
        {
            sandbox = Sandbox.Find(out var why);
            if (sandbox is null)
            {
                log.WriteLine($"error: no sandbox: {why}. Grading runs students' code; without a sandbox it runs with your rights. " +
                              "Install bubblewrap, or grade inside a container or virtual machine with --unsandboxed.");
                return 1;
            }
            isolation = sandbox.Description;
        }

        var submissions = SubmissionFinder.Find(assignment.Name, options.Inputs.Skip(1), log);
        if (submissions.Count == 0)
        {
            log.WriteLine($"No .ipynb submissions found in {string.Join(", ", options.Inputs.Skip(1))}.");
            return 1;
        }

        var feedbackFolder = Path.Combine(options.OutDirectory, "feedback");
        Directory.CreateDirectory(feedbackFolder);
        using var scratch = ScratchFolders.Open();
        foreach (var removed in scratch.Removed) log.WriteLine($"Removed {removed}, left by a grading run that was killed.");
        if (sandbox is not null && Sandbox.IsRoot) ProcessLimits.RemoveStale();
        var guard = new NameGuard(assignment);
        var review = new CodeReview();
        var parameters = new Dictionary<string, string>();
        if (options.Mode is not null) parameters[ParameterCell.ModeParameter] = options.Mode;
        var repoRoot = RepositoryRoot.Locate();
        var runner = new SubmissionRun(options.TimeLimit, options.MemoryLimitBytes, repoRoot, sharedCores: options.Jobs > 1, sandbox, scratch);
        var integrity = Integrity.Take(repoRoot, sandbox?.Packages ?? Sandbox.NuGetCache(), assignment);
        Checker checker;
        try
        {
            checker = await Checker.StartAsync(runner, scratch, Submission.Preamble(assignment, parameters), options.TimeLimit);
        }
        catch (InvalidOperationException e)
        {
            log.WriteLine($"error: {e.Message}");
            return 1;
        }
        using var checks = checker;
        log.WriteLine($"Grading {submissions.Count} submission(s) of {assignment.Name} ({GradeReport.Format(assignment.Points)} points; " +
                      $"limits {options.TimeLimit.TotalSeconds:0} s, {options.MemoryLimitBytes / (1024 * 1024)} MB; {options.Jobs} at a time; sandbox: {isolation}).");

        var reports = new SortedDictionary<int, (GradeReport, string)>();
        var gradebook = Path.Combine(options.OutDirectory, "gradebook.csv");
        string? broken = null;
        using var stopping = new CancellationTokenSource();
        using var slots = new SemaphoreSlim(options.Jobs);
        var tasks = submissions.Select(async (s, index) =>
        {
            try
            {
                await slots.WaitAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                // Nothing a submission could touch may have changed since the start, or the rest would be graded wrongly.
                if (integrity.FirstDifference() is { } difference)
                {
                    lock (reports) broken ??= difference;
                    await stopping.CancelAsync();
                    return;
                }
                GradeReport report;
                try
                {
                    report = await GradeOneAsync(assignment, s, guard, review, parameters, runner, checker, isolation);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // A submission never ends the batch, whatever it does: it gets a row saying what went wrong.
                    report = GradeReport.NotGradable(s.Student, s.Shown, assignment,
                        $"grading failed unexpectedly ({e.GetType().Name}: {GradeReport.HidePaths(e.Message, runner.HostPaths(""))}); tell your instructor.", isolation);
                }
                var feedback = Path.Combine(feedbackFolder, s.FeedbackName + ".md");
                AtomicFile.Replace(feedback, report.ToMarkdown());
                lock (reports)
                {
                    reports[index] = (report, Path.GetRelativePath(options.OutDirectory, feedback));
                    // Rows as students finish, so that a batch killed half-way keeps what it graded.
                    AtomicFile.Replace(gradebook, Gradebook.ToCsv(assignment, reports.Values));
                    log.WriteLine($"{s.Student,-24} {GradeReport.Format(report.Score),6} / {GradeReport.Format(assignment.Points)}  {report.StatusWithReview,-13} {report.Seconds,6:0.0} s");
                }
            }
            finally
            {
                slots.Release();
            }
        });
        await Task.WhenAll(tasks);

        if (broken is not null)
        {
            log.WriteLine($"error: grading stopped: {broken} since the batch started. Something changed the files grading relies on; " +
                          $"the {reports.Count} row(s) graded before are in {gradebook}. Restore the file (rebuild the grader) and grade the rest again.");
            return 1;
        }
        lock (reports) AtomicFile.Replace(gradebook, Gradebook.ToCsv(assignment, reports.Values));
        log.WriteLine($"Gradebook: {gradebook}");
        log.WriteLine($"Feedback:  {feedbackFolder}");
        return 0;
    }

    static async Task<GradeReport> GradeOneAsync(Assignment assignment, FoundSubmission s, NameGuard guard, CodeReview review,
        IReadOnlyDictionary<string, string> parameters, SubmissionRun runner, Checker checker, string isolation)
    {
        List<GradedCell> plan;
        try
        {
            plan = Submission.Plan(assignment, s.Path, parameters);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or UnauthorizedAccessException)
        {
            return GradeReport.NotGradable(s.Student, s.Shown, assignment, e.Message, isolation);
        }
        var flagged = review.Find(plan);
        plan = guard.EnforceTypes(plan, out var retyped);
        plan = guard.Protect(plan, out var renamed);
        flagged = CodeReview.Merge(flagged, await checker.ReviewAsync(plan));
        var run = await runner.RunAsync(plan);
        // A probe that ran only sent values: whether the test passed is decided by its check, outside the student's process.
        foreach (var (index, result) in run.Results.ToList())
        {
            if (plan[index].Check is not { } check || !result.Passed) continue;
            var verdict = await checker.CheckAsync(check, result.Reply ?? "{}");
            run.Results[index] = result with
            {
                Passed = verdict.Passed,
                Error = verdict.Error,
                Output = string.Concat(result.Output, verdict.Output),
                Reply = null,
            };
        }
        return GradeReport.From(s.Student, s.Shown, assignment, plan, run, renamed, isolation, flagged, retyped);
    }
}
