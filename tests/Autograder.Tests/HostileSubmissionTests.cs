using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Autograder.Tests;

/// <summary>Submissions written to attack the grader, graded in one sandboxed batch of the toy assignment (whose
/// answers take no time): each attack earns only what its honest part earns, or is marked "needs review" with its
/// lines; no file outside the scratch folders changes, no process outlives the batch, and the canary submissions
/// graded after the attacks get 3 and 0.</summary>
public class HostileSubmissionTests
{
    const string Wrong = "int Sum(int a, int b) => 0;";

    [SkippableFact]
    public void Attacks_earn_nothing_change_nothing_and_leave_nothing()
    {
        Skip.IfNot(GradingSandbox.Available(out var why), why);
        var toy = Assignment.Read(GraderProcess.Toy);
        var folder = Directory.CreateTempSubdirectory("hostile-").FullName;
        var submissions = Path.Combine(folder, "submissions");
        var output = Path.Combine(folder, "graded");
        var temp = Path.Combine(folder, "tmp");
        Directory.CreateDirectory(temp);
        // The instructor version the attacks look for, at a path they are told (as /proc would tell them outside).
        var source = Path.Combine(folder, "instructor", "toy-assignment.ipynb");
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        File.Copy(GraderProcess.Toy, source);
        var solution = GraderProcess.Solutions(toy);
        var wrong = new Dictionary<string, string> { ["q1-answer-1"] = Wrong, ["q2-answer-1"] = "char answer2 = 'A';" };
        var canary = GraderProcess.Submit(submissions, "zz-canary-solution", toy, solution);
        GraderProcess.Submit(submissions, "zz-canary-untouched", toy);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var gradebook = Path.Combine(output, "gradebook.csv");

        // A kernel middleware that swallows every test cell: still graded, but marked for review with the line.
        GraderProcess.Submit(submissions, "middleware", toy, wrong, ("setup-3",
            "Microsoft.DotNet.Interactive.KernelInvocationContext.Current.HandlingKernel.RootKernel.AddMiddleware(async (c, ctx, next) =>\n" +
            "{ if (c is Microsoft.DotNet.Interactive.Commands.SubmitCode s && s.Code.Contains(\"TEST Question\")) return; await next(c, ctx); });"));
        // A right answer whose middleware swallows one hidden test: the previous test's reply, still in the kernel,
        // is not sent again as that test's.
        GraderProcess.Submit(submissions, "swallower", toy, solution, ("setup-3",
            "Microsoft.DotNet.Interactive.KernelInvocationContext.Current.HandlingKernel.RootKernel.AddMiddleware(async (c, ctx, next) =>\n" +
            "{ if (c is Microsoft.DotNet.Interactive.Commands.SubmitCode s && s.Code.Contains(\"HIDDEN TEST Question 1\")) return; await next(c, ctx); });"));
        // The same middleware, now answering each test itself with a forged reply: the value the visible test expects.
        // The checks run elsewhere, on values alone, so the forgery earns exactly the point whose answer it knew.
        GraderProcess.Submit(submissions, "forger", toy, wrong, ("setup-3",
            "Microsoft.DotNet.Interactive.KernelInvocationContext.Current.HandlingKernel.RootKernel.AddMiddleware(async (c, ctx, next) =>\n" +
            "{ if (c is Microsoft.DotNet.Interactive.Commands.SubmitCode s && s.Code.Contains(\"TEST Question\")) {\n" +
            "  await ((Microsoft.DotNet.Interactive.CSharp.CSharpKernel)ctx.HandlingKernel).SetValueAsync(\"reply\", Reply.Of((\"sum\", 3)), typeof(Reply)); return; }\n" +
            "  await next(c, ctx); });"));
        // Reads the worker's memory for the per-run secret (a 32-character string), then keeps writing results marked
        // with it, "passed" for every cell, to the real standard output: the grader may take them for the worker's, but a
        // probe's verdict is its check's, and a forged reply holds no right values.
        GraderProcess.Submit(submissions, "memreader", toy, wrong, ("setup-3", """
            var candidates = new HashSet<string>();
            using (var mem = new System.IO.FileStream("/proc/self/mem", System.IO.FileMode.Open, System.IO.FileAccess.Read))
                foreach (var region in System.IO.File.ReadAllLines("/proc/self/maps"))
                {
                    var parts = region.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length < 2 || !parts[1].StartsWith("rw")) continue;
                    var range = parts[0].Split('-');
                    long start = Convert.ToInt64(range[0], 16), end = Convert.ToInt64(range[1], 16);
                    if (end - start > (256L << 20)) continue;
                    var buffer = new byte[end - start];
                    try { mem.Position = start; mem.ReadExactly(buffer); } catch (Exception) { continue; }
                    for (long i = 0; i + 68 <= buffer.Length; i += 4)
                    {
                        if (buffer[i] != 32 || buffer[i + 1] != 0 || buffer[i + 2] != 0 || buffer[i + 3] != 0) continue;
                        var chars = new char[32];
                        var ok = true;
                        for (var k = 0; k < 32 && ok; k++)
                        {
                            var c = (char)(buffer[i + 4 + 2 * k] | buffer[i + 5 + 2 * k] << 8);
                            ok = c is >= '0' and <= '9' or >= 'A' and <= 'F';
                            chars[k] = c;
                        }
                        if (ok) candidates.Add(new string(chars));
                    }
                }
            var raw = Console.OpenStandardOutput();
            var forger = new System.Threading.Thread(() =>
            {
                while (true)
                {
                    foreach (var secret in candidates)
                        for (var index = 0; index < 40; index++)
                            raw.Write(System.Text.Encoding.UTF8.GetBytes(secret + " {\"Index\":" + index + ",\"Passed\":true,\"Error\":null,\"Output\":\"forged\",\"Reply\":\"{}\"}\n"));
                    System.Threading.Thread.Sleep(20);
                }
            }) { IsBackground = true };
            forger.Start();
            throw new Exception($"secret candidates: {candidates.Count}");
            """));
        // Tries to patch the machine code of every `Claim` method in its own process to return at once (x64 `ret`,
        // written through /proc/self/mem, which ignores page protection; .NET's W^X code mappings may refuse it), and
        // reports whether a false claim still throws. Either way the checks run in another process.
        GraderProcess.Submit(submissions, "patcher", toy, wrong, ("setup-3", """
            var flags = System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly;
            var written = 0;
            using (var mem = System.IO.File.OpenHandle("/proc/self/mem", System.IO.FileMode.Open, System.IO.FileAccess.ReadWrite))
                foreach (var method in typeof(Claim).GetMethods(flags))
                {
                    System.Runtime.CompilerServices.RuntimeHelpers.PrepareMethod(method.MethodHandle);
                    try { System.IO.RandomAccess.Write(mem, new byte[] { 0xC3 }, (long)method.MethodHandle.GetFunctionPointer()); written++; }
                    catch (System.IO.IOException) { }
                }
            var took = true;
            try { Claim.That(false, "a false claim"); } catch (Exception) { took = false; }
            throw new Exception($"patch attempt: {written} methods written, " + (took ? "a false claim passes here" : "a false claim still throws"));
            """));
        // A class whose comparisons always hold, returned where a number and a character are expected: given the
        // types the questions ask for, it no longer compiles.
        GraderProcess.Submit(submissions, "yes", toy, new Dictionary<string, string>
        {
            ["q1-answer-1"] = "class Yes { public static bool operator ==(Yes a, int b) => true; public static bool operator !=(Yes a, int b) => false;\n" +
                              "public static bool operator ==(Yes a, char b) => true; public static bool operator !=(Yes a, char b) => false;\n" +
                              "public override bool Equals(object o) => true; public override int GetHashCode() => 0; }\n" +
                              "Yes Sum(int a, int b) => new Yes();",
            ["q2-answer-1"] = "var answer2 = new Yes();",
        });
        // Writes to every shared file it can name (the instructor version, another student's submission, the
        // gradebook, the course package in the NuGet cache, the grader's own files); prints the hidden tests from the
        // instructor version on disk; connects to a port of the grading machine. Each cell reports what it achieved.
        GraderProcess.Submit(submissions, "escaper", toy, solution, ("setup-3", $$"""
            var hits = new List<string>();
            foreach (var path in new[] { @"{{source}}", @"{{canary}}", @"{{gradebook}}" })
                try { System.IO.File.AppendAllText(path, "x"); hits.Add(path); } catch (Exception) { }
            foreach (var dir in new[] { "/packages/autoencoders", "/grader", @"{{AppContext.BaseDirectory}}", @"{{folder}}" })
                try { foreach (var f in System.IO.Directory.GetFiles(dir, "*", System.IO.SearchOption.AllDirectories)) try { System.IO.File.AppendAllText(f, "x"); hits.Add(f); } catch (Exception) { } } catch (Exception) { }
            throw new InvalidOperationException(hits.Count == 0 ? "wrote nothing" : "wrote " + string.Join(", ", hits));
            """), ("setup-3",
            $"throw new Exception(System.IO.File.Exists(@\"{source}\") ? System.IO.File.ReadAllText(@\"{source}\") : \"leak: nothing to read\");"),
            ("setup-3", $"try {{ using var c = new System.Net.Sockets.TcpClient(); c.Connect(\"127.0.0.1\", {port}); }} catch (Exception e) {{ throw new Exception(\"no network: \" + e.GetType().Name); }}\nthrow new Exception(\"connected\");"));
        // What a syntax scan misses, seen by the semantic review (never run: the condition is false).
        GraderProcess.Submit(submissions, "evader", toy, solution, ("setup-3", """
            if (DateTime.Now.Year < 2000)
            {
                var t = Type.GetType("System.Diagnostics.Pro" + "cess");
                var all = AppDomain.CurrentDomain.GetAssemblies();
                var bytes = System.IO.File.ReadAllBytes("/pr" + "oc/self/maps");
                var constructors = typeof(int).GetConstructors();
                Func<int> f = () => 1; var m = f.Method;
                object o = 1; var methods = o.GetType().GetMembers();
                var thread = new System.Threading.Thread(() => { });
            }
            """));
        // Kills every process it can see, its grader included.
        GraderProcess.Submit(submissions, "killer", toy, solution, ("q2-answer-1",
            "System.Diagnostics.Process.Start(\"/bin/sh\", new[] { \"-c\", \"kill -9 $(grep PPid /proc/self/status | cut -f2) ; kill -9 -1\" })!.WaitForExit();"));
        // A daemon that outlives the worker (double fork, new session); 200 MB of one line on the real standard output.
        GraderProcess.Submit(submissions, "daemon", toy, solution, ("setup-3",
            "System.Diagnostics.Process.Start(\"/bin/sh\", new[] { \"-c\", \"setsid sh -c 'sleep 3131' </dev/null >/dev/null 2>&1 &\" })!.WaitForExit();"),
            ("setup-3", "var raw = Console.OpenStandardOutput(); var chunk = new byte[1 << 20]; Array.Fill(chunk, (byte)'x'); for (var i = 0; i < 200; i++) raw.Write(chunk); raw.WriteByte((byte)'\\n');"));
        // A child process holding more than the memory limit.
        GraderProcess.Submit(submissions, "childmemory", toy, solution, ("setup-3",
            "var hog = System.Diagnostics.Process.Start(\"/bin/sh\", new[] { \"-c\", \"head -c 2000m /dev/zero | tail\" })!; hog.WaitForExit();\n" +
            "throw new Exception($\"child exit {hog.ExitCode}\");"));
        // Crashes that end the process: the cause stays in the feedback.
        GraderProcess.Submit(submissions, "overflow", toy, solution, ("text-3", "int Down(int n) => Down(n + 1) + 1;\nDown(0);"));
        GraderProcess.Submit(submissions, "failfast", toy, solution, ("text-3", "Environment.FailFast(\"failfast-cause-4242\");"));

        // Notebooks of the wrong shape; two pairs of names that collide (one only in case).
        var student = JsonNode.Parse(StudentVersion.Create(toy))!.AsObject();
        void Write(string relative, Action<JsonObject> change, string? raw = null)
        {
            var copy = student.DeepClone().AsObject();
            change(copy);
            var path = Path.Combine(submissions, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, raw ?? copy.ToJsonString());
        }
        JsonObject Cell(JsonObject nb, string id) => nb["cells"]!.AsArray().OfType<JsonObject>().First(c => (string?)c["id"] == id);
        Write("bob.ipynb", _ => { }, "[]");
        Write("bob/toy-assignment.ipynb", nb => Cell(nb, "q1-answer-1")["source"] = 42);
        Write("Carol.ipynb", nb => Cell(nb, "q1-answer-1")["cell_type"] = 3);
        Write("carol/toy-assignment.ipynb", nb => Cell(nb, "q2-answer-1")["metadata"] = new JsonArray());
        Write("numid.ipynb", nb => Cell(nb, "q2-answer-1")["id"] = 7);
        // A link to another student's file, and a folder link that loops.
        File.CreateSymbolicLink(Path.Combine(submissions, "eve.ipynb"), canary);
        Directory.CreateSymbolicLink(Path.Combine(submissions, "zz-canary-solution", "loop"), submissions);

        // What a killed batch left: removed at the next start, even when made undeletable.
        var stale = Path.Combine(temp, "autograder", "run-1-stale");
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, "left.bin"), "left");
        if (Environment.UserName == "root") TryRun("chattr", "+i", Path.Combine(stale, "left.bin"));

        var shared = Fingerprint([Path.GetDirectoryName(source)!, submissions, AppContext.BaseDirectory,
            Path.Combine(GraderProcess.RepoRoot, "artifacts", "feed"), .. CourseCache()]);
        var (exit, text) = GraderProcess.RunWithTemp(temp, "grade", source, submissions, "--out", output,
            "--time-limit", "240", "--memory-limit", "1536", "--jobs", "2");
        Assert.True(exit == 0, text);

        var book = GraderProcess.Gradebook(output);
        string Row(string name) => $"{book[name]["score"]} {book[name]["status"]}";
        string Feedback(string name) => File.ReadAllText(Path.Combine(output, book[name]["feedback"]));
        Assert.Equal(["bob.ipynb", "bob/toy-assignment.ipynb", "Carol.ipynb", "carol/toy-assignment.ipynb",
            "childmemory", "daemon", "escaper", "evader", "eve", "failfast", "forger", "killer", "memreader", "middleware", "numid", "overflow",
            "patcher", "swallower", "yes", "zz-canary-solution", "zz-canary-untouched"], book.Keys.Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal(book.Count, book.Values.Select(r => r["feedback"]).Distinct(StringComparer.OrdinalIgnoreCase).Count());

        Assert.Equal("3 completed", Row("zz-canary-solution"));
        Assert.Equal("0 completed", Row("zz-canary-untouched"));
        Assert.Equal("0 completed, needs review", Row("middleware"));
        Assert.Contains("set no `reply`", Feedback("middleware"));
        Assert.Equal("1 completed, needs review", Row("forger"));
        Assert.Equal("2 completed, needs review", Row("swallower"));
        Assert.DoesNotContain("got 3", Feedback("swallower"));
        Assert.Equal("0 completed, needs review", Row("memreader"));
        // Only a forged result carries an empty reply (the real probe sends `sum`): the forgery got through, and earned nothing.
        Assert.Contains("The test's probe sent no value named `sum`", Feedback("memreader"));
        Assert.Equal("0 completed, needs review", Row("patcher"));
        Assert.Contains("patch attempt: ", Feedback("patcher"));
        Assert.Contains("`System.Reflection` is not among what the assignments use", Feedback("patcher"));
        Assert.Equal("3 completed, needs review", Row("evader"));
        foreach (var line in Enumerable.Range(3, 7)) Assert.Contains($"line {line} of ", Feedback("evader"));
        Assert.DoesNotContain("line 1 of ", Feedback("evader"));
        Assert.Contains("`System.IO` is not among what the assignments use", Feedback("evader"));
        Assert.Contains("the interactive kernel's API", Feedback("middleware"));
        Assert.Equal("0 completed", Row("yes"));
        Assert.Contains("Yes → int", Feedback("yes"));
        Assert.Equal("3 completed, needs review", Row("escaper"));
        Assert.Contains("`System.Net.Sockets` is not among what the assignments use)", Feedback("escaper"));   // and no more
        Assert.Contains("wrote nothing", Feedback("escaper"));
        Assert.Contains("leak: nothing to read", Feedback("escaper"));
        Assert.Contains("no network: SocketException", Feedback("escaper"));
        Assert.DoesNotContain("Sum(-5, 2) == -3", string.Concat(book.Keys.Select(Feedback)));
        Assert.Equal("2 process ended, needs review", Row("killer"));
        Assert.Equal("3 completed, needs review", Row("daemon"));
        Assert.False(listener.Pending(), "a submission connected to the grading machine");
        Assert.Matches("child exit 137|memory limit", Feedback("childmemory"));
        Assert.Equal("2 process ended", Row("overflow"));
        Assert.Contains("Stack overflow", Feedback("overflow"));
        Assert.Equal("2 process ended, needs review", Row("failfast"));
        Assert.Contains("failfast-cause-4242", Feedback("failfast"));
        foreach (var name in new[] { "bob.ipynb", "bob/toy-assignment.ipynb", "Carol.ipynb", "carol/toy-assignment.ipynb", "numid", "eve" })
            Assert.Equal("0 not gradable", Row(name));
        Assert.Contains("not an object", Feedback("bob.ipynb"));
        Assert.Contains("is a number where the notebook format has text", Feedback("bob/toy-assignment.ipynb"));
        Assert.Contains("\"cell_type\" is a number", Feedback("Carol.ipynb"));
        Assert.Contains("\"metadata\" is a list", Feedback("carol/toy-assignment.ipynb"));
        Assert.Contains("\"id\" is a number", Feedback("numid"));
        Assert.Contains("symbolic link", Feedback("eve"));
        Assert.Contains("skipped zz-canary-solution/loop", text);
        // No host path in any feedback (but the escaper's, which quotes its own code).
        foreach (var name in book.Keys.Where(n => n != "escaper"))
            Assert.DoesNotContain(folder, Feedback(name));

        var after = Fingerprint([Path.GetDirectoryName(source)!, submissions, AppContext.BaseDirectory,
            Path.Combine(GraderProcess.RepoRoot, "artifacts", "feed"), .. CourseCache()]);
        // Every file that was there must be unchanged. New files count too, except new versions of the course package
        // in the feed and the NuGet cache: the other test projects, running at the same time, pack and restore those.
        var feed = Path.Combine(GraderProcess.RepoRoot, "artifacts", "feed") + Path.DirectorySeparatorChar;
        var cacheRoot = Path.GetDirectoryName(CourseCache().FirstOrDefault() ?? feed) + Path.DirectorySeparatorChar;
        bool PackedByOthers(string file) => file.StartsWith(feed, StringComparison.Ordinal) || file.StartsWith(cacheRoot, StringComparison.Ordinal);
        var changed = shared.Keys.Where(f => shared[f] != after.GetValueOrDefault(f))
            .Concat(after.Keys.Except(shared.Keys).Where(f => !PackedByOthers(f))).ToList();
        Assert.True(changed.Count == 0, "changed outside the scratch folders: " + string.Join(", ", changed));
        Assert.False(Directory.Exists(stale), "the folder a killed batch left was not removed");
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(temp, "autograder")));
        Assert.DoesNotContain(Directory.EnumerateDirectories("/proc"), d => Cmdline(d).Contains("sleep 3131"));
    }

    /// <summary>The course package's versions in this repository's feed, as extracted in the NuGet cache (other
    /// checkouts on the machine may add their own versions meanwhile).</summary>
    static string[] CourseCache() => [.. Directory.EnumerateFiles(Path.Combine(GraderProcess.RepoRoot, "artifacts", "feed"), "Autoencoders.*.nupkg")
        .Select(f => Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            "autoencoders", Path.GetFileNameWithoutExtension(f)["Autoencoders.".Length..].ToLowerInvariant()))];

    static Dictionary<string, string> Fingerprint(IEnumerable<string> folders) => folders.Where(Directory.Exists)
        .SelectMany(f => Directory.EnumerateFiles(f, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        .Where(f => new FileInfo(f).LinkTarget is null)
        .Distinct().ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    static string Cmdline(string proc)
    {
        try { return File.ReadAllText(Path.Combine(proc, "cmdline")).Replace('\0', ' '); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }

    static void TryRun(string program, params string[] args)
    {
        try { ChildProcess.Run(new System.Diagnostics.ProcessStartInfo(program, args), TimeSpan.FromSeconds(30)); }
        catch (System.ComponentModel.Win32Exception) { }
    }
}
