using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace FreshClone.Tests;

/// <summary>The stand-in package that a notebook finds before the set-up (lib/Autoencoders.SetupHint) is the one its
/// source describes, and names the set-up command the README gives.</summary>
public partial class SetupHintTests
{
    static string Hint => Path.Combine(CourseProgram.RepoRoot, "lib", "Autoencoders.SetupHint");

    [Fact]
    public void The_committed_stand_in_package_names_the_READMEs_set_up_command()
    {
        var source = File.ReadAllText(Path.Combine(Hint, "SetupNeeded.cs"));
        var command = CommandConstant().Match(source).Groups[1].Value;
        Assert.StartsWith("dotnet run --project lib/NotebookRunner", command);
        var readme = ReadmeCommands.Read(Path.Combine(CourseProgram.RepoRoot, "README.md"));
        Assert.Contains(readme, c => c.Text == command);

        var package = Assert.Single(Directory.GetFiles(Path.Combine(Hint, "feed"), "*.nupkg"));
        Assert.Equal("Autoencoders.1.0.0-0.nupkg", Path.GetFileName(package));
        using var zip = ZipFile.OpenRead(package);
        var extension = zip.GetEntry("interactive-extensions/dotnet/Autoencoders.SetupHint.dll");
        Assert.NotNull(extension);
        using var stream = extension.Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        // String constants are stored as UTF-16, at even or odd offsets: the built assembly says what the source says,
        // or it is stale.
        var raw = bytes.ToArray();
        var found = Encoding.Unicode.GetString(raw).Contains(command, StringComparison.Ordinal)
                    || Encoding.Unicode.GetString(raw, 1, raw.Length - 1).Contains(command, StringComparison.Ordinal);
        Assert.True(found,
            "the committed package is older than SetupNeeded.cs: run " +
            "dotnet pack lib/Autoencoders.SetupHint -c Release -o lib/Autoencoders.SetupHint/feed");
    }

    [GeneratedRegex("""public const string Command =\s*"([^"]+)";""")]
    private static partial Regex CommandConstant();
}
