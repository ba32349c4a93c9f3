using System.Diagnostics;
using System.Globalization;

namespace Benchmarks;

/// <summary>Runs a Python snippet with Debian's scikit-learn (package python3-sklearn) when it is installed, for
/// reference figures measured on the same machine and the same data. Matrices travel as raw little-endian float32
/// files.</summary>
internal static class ScikitLearn
{
    /// <summary>Debian's interpreter: the one that sees python3-sklearn.</summary>
    internal const string Python = "/usr/bin/python3";

    /// <summary>Whether scikit-learn can be imported.</summary>
    internal static bool Available()
    {
        if (!File.Exists(Python)) return false;
        var (code, _, _) = Run("import sklearn", TimeSpan.FromSeconds(60));
        return code == 0;
    }

    /// <summary>Runs <paramref name="script"/>; returns exit code, standard output and standard error.</summary>
    internal static (int Code, string Output, string Error) Run(string script, TimeSpan timeout, params string[] args)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.py");
        File.WriteAllText(path, script);
        try
        {
            var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add(path);
            foreach (var a in args) info.ArgumentList.Add(a);
            info.Environment["OMP_NUM_THREADS"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout)) { process.Kill(entireProcessTree: true); return (-1, "", "timed out"); }
            return (process.ExitCode, output.Result, error.Result);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Writes a float32 matrix as raw bytes.</summary>
    internal static string WriteMatrix(float[] values)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.f32");
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Reads a raw float32 matrix.</summary>
    internal static float[] ReadMatrix(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }

    /// <summary>The "key=value" lines a script printed.</summary>
    internal static Dictionary<string, string> Values(string output) => output
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
}
