using System.Diagnostics;

namespace FreshClone.Tests;

/// <summary>A copy of the repository as a fresh clone has it: the files git tracks (with their content in the working
/// tree, so uncommitted edits are tested too), in an empty temporary folder, with no build output of any kind.</summary>
sealed class CommittedTree : IDisposable
{
    CommittedTree(string root) => Root = root;

    /// <summary>The copy's root folder.</summary>
    public string Root { get; }

    /// <summary>Copies the tracked files of <paramref name="repoRoot"/>, or returns null with the reason when the
    /// tree is not a git checkout (a downloaded archive) or git is missing.</summary>
    public static CommittedTree? Copy(string repoRoot, out string why)
    {
        why = "";
        ChildResult files;
        try
        {
            var info = new ProcessStartInfo("git") { WorkingDirectory = repoRoot };
            foreach (var a in new[] { "ls-files", "-z", "--cached" }) info.ArgumentList.Add(a);
            files = ChildProcess.Run(info, TimeSpan.FromMinutes(1));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            why = "git is not installed: the fresh-copy tests need it to list the committed files (install git).";
            return null;
        }
        if (files.ExitCode != 0)
        {
            why = $"{repoRoot} is not a git checkout, so there is no committed tree to copy: {files.Tail(5)}";
            return null;
        }
        var root = Path.Combine(Path.GetTempPath(), "autoencoders-fresh-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        // ChildProcess reads line by line; ls-files -z puts everything on one line separated by NULs.
        foreach (var relative in files.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim('\r', '\n')))
        {
            var source = Path.Combine(repoRoot, relative);
            if (!File.Exists(source)) continue; // deleted in the working tree, not yet committed
            var target = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
        return new CommittedTree(root);
    }

    /// <summary>Runs one README command in the copy's root, as a user would type it.</summary>
    public ChildResult Run(string[] words, TimeSpan limit, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(words[0]) { WorkingDirectory = Root };
        foreach (var w in words.Skip(1)) info.ArgumentList.Add(w);
        // Started from 'dotnet test', the child would inherit the test host's MSBuild settings, which a user's terminal
        // does not have; and build nodes kept alive for reuse would outlive the copy.
        foreach (var name in info.Environment.Keys.ToList())
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
                info.Environment.Remove(name);
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["OMP_WAIT_POLICY"] = "PASSIVE"; // other tests share the cores
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        return ChildProcess.Run(info, limit);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file open (Windows); the temporary folder is the system's to clean.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
