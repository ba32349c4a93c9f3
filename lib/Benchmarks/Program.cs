using System.Reflection;
using Autoencoders.Native;
using Benchmarks;

TorchNative.EnsureLoaded();

var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmark).IsAssignableFrom(t))
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name)
    .ToList();

if (args.Length == 0)
{
    // Listing them is what the command without arguments is for.
    Console.WriteLine("Benchmarks (dotnet run -c Release --project lib/Benchmarks -- <name> [options]):");
    foreach (var b in benchmarks) Console.WriteLine($"  {b.Name,-12} {b.Description}");
    return 0;
}
var chosen = benchmarks.FirstOrDefault(b => b.Name == args[0]);
if (chosen is null)
{
    Console.Error.WriteLine($"Unknown benchmark '{args[0]}'. Available:");
    foreach (var b in benchmarks) Console.Error.WriteLine($"  {b.Name,-12} {b.Description}");
    return 2;
}
return chosen.Run(args[1..]);
