namespace Benchmarks;

/// <summary>One named benchmark. Each prints its own figures; ratios against a reference measured in the same
/// process make the numbers comparable across machines.</summary>
public interface IBenchmark
{
    /// <summary>The name used on the command line.</summary>
    string Name { get; }

    /// <summary>One line for the list shown when no benchmark is named.</summary>
    string Description { get; }

    /// <summary>Runs the benchmark with the remaining command-line arguments; returns the process exit code.</summary>
    int Run(string[] args);
}
