using System.Runtime.CompilerServices;
using Autoencoders.Native;

namespace Autoencoders.Tests;

/// <summary>Tests may call TorchSharp before touching the course library, so its natives are prepared up front.</summary>
static class TestSetup
{
    [ModuleInitializer]
    internal static void Initialize() => TorchNative.EnsureLoaded();
}
