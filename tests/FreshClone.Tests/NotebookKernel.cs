using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FreshClone.Tests;

/// <summary>The course's notebook kernel started exactly as VS Code's Polyglot Notebooks extension starts it
/// (<c>dotnet &lt;kernel&gt;.dll [vscode] stdio --working-dir &lt;notebook folder&gt;</c>), spoken to in the same JSON
/// lines: one <c>SubmitCode</c> command at a time, then its events until it succeeds or fails.</summary>
sealed class NotebookKernel : IDisposable
{
    readonly Process process;
    int next;

    NotebookKernel(Process process) => this.process = process;

    /// <summary>Starts <paramref name="kernelDll"/> for notebooks in <paramref name="workingDir"/>.</summary>
    public static NotebookKernel Start(string kernelDll, string workingDir)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDir,
        };
        foreach (var a in new[] { kernelDll, "[vscode]", "stdio", "--working-dir", workingDir }) info.ArgumentList.Add(a);
        info.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { }; // the kernel logs to stderr; nobody reads it
        process.BeginErrorReadLine();
        return new NotebookKernel(process);
    }

    /// <summary>Submits one cell's code to the C# kernel and returns every event of that command (those of the
    /// commands it started included), the last one being <c>CommandSucceeded</c> or <c>CommandFailed</c>.</summary>
    public IReadOnlyList<JsonObject> Submit(string code, TimeSpan limit)
    {
        var token = $"test-{++next}";
        var command = new JsonObject
        {
            ["commandType"] = "SubmitCode",
            ["command"] = new JsonObject { ["code"] = code, ["targetKernelName"] = "csharp" },
            ["token"] = token,
        };
        process.StandardInput.WriteLine(command.ToJsonString());
        process.StandardInput.Flush();
        var events = new List<JsonObject>();
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var read = process.StandardOutput.ReadLineAsync();
            if (!read.Wait(deadline - DateTime.UtcNow) || read.Result is not { } line)
                throw new TimeoutException($"the kernel did not finish '{code}' within {limit.TotalSeconds:0} s; events: " +
                                           string.Join("\n", events.Select(e => e["eventType"])));
            JsonObject? envelope;
            try
            {
                envelope = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException)
            {
                continue; // not an event line
            }
            if (envelope?["eventType"] is null) continue;
            var eventToken = (string?)envelope["command"]?["token"];
            if (eventToken is null || !(eventToken == token || eventToken.StartsWith(token + ".", StringComparison.Ordinal))) continue;
            events.Add(envelope);
            if (eventToken == token && (string?)envelope["eventType"] is "CommandSucceeded" or "CommandFailed") return events;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }
}
