using System.Reflection;

namespace Autoencoders.Tests;

/// <summary>The learners' surface of the course library is recorded in <c>lib/Autoencoders/PublicAPI.txt</c>: what a
/// notebook can name. A change to it (a type made public, a member renamed) fails here until the file is rewritten,
/// so it is always deliberate. Rewrite it with the environment variable <c>AUTOENCODERS_WRITE_PUBLIC_API=1</c>.</summary>
public class PublicApiTests
{
    [Fact]
    public void The_public_API_is_the_recorded_one()
    {
        var root = typeof(PublicApiTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "CourseRepositoryRoot").Value!;
        var recorded = Path.Combine(root, "lib", "Autoencoders", "PublicAPI.txt");
        var now = string.Join('\n', Describe(typeof(Autoencoders.Data.ImageSplits).Assembly)) + "\n";
        if (Environment.GetEnvironmentVariable("AUTOENCODERS_WRITE_PUBLIC_API") == "1") File.WriteAllText(recorded, now);
        var before = File.Exists(recorded) ? File.ReadAllText(recorded).Replace("\r\n", "\n") : "";
        var added = now.Split('\n').Except(before.Split('\n')).ToList();
        var removed = before.Split('\n').Except(now.Split('\n')).ToList();
        Assert.True(added.Count == 0 && removed.Count == 0,
            "the public API changed; if that is meant, rewrite lib/Autoencoders/PublicAPI.txt " +
            "(AUTOENCODERS_WRITE_PUBLIC_API=1 dotnet test tests/Autoencoders.Tests --filter PublicApi)\n" +
            string.Join('\n', added.Select(a => "+ " + a).Concat(removed.Select(r => "- " + r))));
    }

    static IEnumerable<string> Describe(Assembly assembly) =>
        assembly.GetExportedTypes()
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .SelectMany(t => new[] { Kind(t) + " " + t.FullName }.Concat(
                t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                    .Where(m => m is not MethodInfo { IsSpecialName: true })
                    .Select(m => $"  {t.FullName}: {m}")
                    .Order(StringComparer.Ordinal)));

    static string Kind(Type t) =>
        t.IsEnum ? "enum" : t.IsInterface ? "interface" : t.IsValueType ? "struct" : "class";
}
