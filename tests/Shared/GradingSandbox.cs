namespace Course.Testing;

/// <summary>Whether the grader can run submissions in its sandbox here. The grader refuses to grade without one unless
/// told <c>--unsandboxed</c>, so tests that grade ask this first.</summary>
static class GradingSandbox
{
    /// <summary>The places the grader looks for bubblewrap (lib/Autograder/Sandbox.cs).</summary>
    static readonly string[] Places = ["/usr/bin/bwrap", "/usr/local/bin/bwrap", "/bin/bwrap"];

    /// <summary>True when bubblewrap is installed, after installing it as root on Debian when it is missing; otherwise
    /// false, with <paramref name="why"/> saying how to install it.</summary>
    public static bool Available(out string why) =>
        DebianPackages.Ensure(["bubblewrap"], () => Places.Any(File.Exists), "grading in a sandbox needs Linux", out why);
}
