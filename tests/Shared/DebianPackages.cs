using System.Diagnostics;

namespace Course.Testing;

/// <summary>Installs the Debian packages a test needs where the test may (CI runs as root on Debian), and otherwise
/// says how to install them, so the test can skip with that message instead of failing on a learner's laptop.</summary>
static class DebianPackages
{
    static readonly Lock Installing = new();

    const string Apt = "apt-get -o DPkg::Lock::Timeout=600";

    /// <summary>True when <paramref name="present"/> holds, after installing <paramref name="packages"/> with apt-get if
    /// it did not and this process runs as root on Debian. Otherwise false, with <paramref name="why"/> naming the
    /// install command (<paramref name="elsewhere"/> adds how to get the same thing on other systems).</summary>
    public static bool Ensure(string[] packages, Func<bool> present, string elsewhere, out string why)
    {
        // Test classes run in parallel, and apt-get allows one install at a time: one here at a time, and each waits
        // for the package database's lock should another program hold it.
        lock (Installing) return EnsureOne(packages, present, elsewhere, out why);
    }

    static bool EnsureOne(string[] packages, Func<bool> present, string elsewhere, out string why)
    {
        why = "";
        if (present()) return true;
        var names = string.Join(" ", packages);
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/apt-get") || Environment.UserName != "root")
        {
            why = $"needs {names}: on Debian or Ubuntu run `apt-get install {names}`" +
                  (elsewhere.Length > 0 ? $"; {elsewhere}" : "") + ".";
            return false;
        }
        var install = new ProcessStartInfo("/bin/sh",
            ["-c", $"{Apt} install -y -q {names} || ({Apt} update -q && {Apt} install -y -q {names})"]);
        install.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        var result = ChildProcess.Run(install, TimeSpan.FromMinutes(15));
        Assert.True(result.ExitCode == 0, $"installing {names} failed:\n{result.Tail()}");
        return present();
    }
}
