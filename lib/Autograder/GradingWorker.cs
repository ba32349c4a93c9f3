using System.Text;
using System.Text.Json;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using NotebookHost;

namespace Autograder;

/// <summary>A cell to run, as the grading process sends it to the worker.</summary>
/// <param name="Index">Which cell.</param>
/// <param name="Code">Its code.</param>
/// <param name="Probe">A test's probe: once it ran, its <c>reply</c> is sent back.</param>
/// <param name="Review">Not a cell: <paramref name="Code"/> is a JSON list of <see cref="ReviewCell"/>s to compile
/// (never run) and review (<see cref="SemanticReview"/>); the findings come back as the reply, a JSON list of lines.
/// Only the checker is sent these.</param>
sealed record CellRequest(int Index, string Code, bool Probe = false, bool Review = false);

/// <summary>How a cell ended, as the worker reports it.</summary>
/// <param name="Index">Which cell.</param>
/// <param name="Passed">It ran without an error.</param>
/// <param name="Error">The error, when it did not.</param>
/// <param name="Output">The end of what it printed, for feedback.</param>
/// <param name="Reply">A probe's reply as JSON (see <c>Autoencoders.Notebooks.Reply</c>), for the check.</param>
sealed record CellResult(int Index, bool Passed, string? Error, string Output, string? Reply = null);

/// <summary>The process that runs one submission's cells in a fresh kernel, one at a time, as the grading process
/// sends them.</summary>
/// <remarks>The grading process sends a secret first, then one cell per line on standard input, and sends the next
/// cell only after this process answered the previous one. Answers go to the real standard output prefixed with the
/// secret. The student's code runs in this process and can print anything (the kernel captures its console output
/// anyway), but it never sees the secret, the tests it has not reached yet, or the points; the score is added up by
/// the grading process from these answers.</remarks>
static class GradingWorker
{
    const int OutputLimit = 2000;

    /// <summary>The variable a test's probe puts its values in.</summary>
    public const string ReplyVariable = "reply";

    /// <summary>The longest reply sent: it has to fit one line of the protocol.</summary>
    public const int MaxReplyLength = SupervisedWorker.MaxLineLength - 64 * 1024;

    public static async Task<int> RunAsync()
    {
        // Taken before the kernel starts redirecting Console.Out into cell outputs.
        var protocol = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
        var input = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8);
        var secret = await input.ReadLineAsync();
        if (string.IsNullOrEmpty(secret)) return 2;

        using var kernel = HeadlessKernel.Create();
        var probes = new ProbeHistory();
        while (await input.ReadLineAsync() is { } line)
        {
            var request = JsonSerializer.Deserialize<CellRequest>(line)!;
            var result = await RunCellAsync(kernel, request, probes);
            await protocol.WriteLineAsync($"{secret} {JsonSerializer.Serialize(result)}");
        }
        return 0;
    }

    /// <summary>The reply the last probe sent: a probe cell that never ran (a middleware can swallow it) leaves that
    /// object in the kernel's <c>reply</c>, which must not be sent again as this probe's.</summary>
    sealed class ProbeHistory
    {
        public object? LastReply { get; set; }
    }

    static async Task<CellResult> RunCellAsync(CompositeKernel kernel, CellRequest request, ProbeHistory probes)
    {
        if (request.Review)
        {
            var cells = JsonSerializer.Deserialize<List<ReviewCell>>(request.Code) ?? [];
            if (kernel.FindKernelByName("csharp") is not CSharpKernel { ScriptState: { } state })
                return new CellResult(request.Index, false, "No C# kernel state to review against: run the setup first.", "");
            return new CellResult(request.Index, true, null, "", JsonSerializer.Serialize(SemanticReview.Find(state, cells)));
        }
        var output = new StringBuilder();
        void Append(string text)
        {
            lock (output)
            {
                output.Append(text);
                if (output.Length > 4 * OutputLimit) output.Remove(0, output.Length - OutputLimit);
            }
        }
        var error = (await CellRunner.RunAsync(kernel, request.Code, "csharp", e =>
        {
            switch (e)
            {
                case StandardOutputValueProduced o: Append(string.Concat(o.FormattedValues.Select(v => v.Value))); break;
                case StandardErrorValueProduced o: Append(string.Concat(o.FormattedValues.Select(v => v.Value))); break;
            }
        }))?.Message;
        string text;
        lock (output) text = output.Length <= OutputLimit ? output.ToString() : "…" + output.ToString(output.Length - OutputLimit, OutputLimit);
        string? reply = null;
        if (request.Probe && error is null)
        {
            // The probe's own variable; its text is only data for the check, which trusts none of it.
            var value = kernel.FindKernelByName("csharp") is CSharpKernel csharp && csharp.TryGetValue<object>(ReplyVariable, out var found)
                && !ReferenceEquals(found, probes.LastReply) ? found : null;
            probes.LastReply = value ?? probes.LastReply;
            reply = value?.ToString();
            if (reply is null) error = $"The test's probe set no `{ReplyVariable}`.";
            else if (reply.Length > MaxReplyLength) (reply, error) = (null, $"The test's reply is longer than {MaxReplyLength:N0} characters.");
        }
        return new CellResult(request.Index, error is null, error, text, reply);
    }
}
