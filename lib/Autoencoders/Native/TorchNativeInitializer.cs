using System.Runtime.CompilerServices;

namespace Autoencoders.Native;

/// <summary>Loads TorchSharp's natives the moment any type of the course library is first used, so library code
/// never meets an unprepared TorchSharp.</summary>
static class TorchNativeInitializer
{
#pragma warning disable CA2255 // A library initializer is intended: it must run before TorchSharp's first native call.
    [ModuleInitializer]
    internal static void Initialize() => TorchNative.EnsureLoaded();
#pragma warning restore CA2255
}
