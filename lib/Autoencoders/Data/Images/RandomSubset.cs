namespace Autoencoders.Data;

/// <summary>Seeded random selection of indices.</summary>
/// <remarks>Uses <see cref="Random"/> with a seed rather than TorchSharp's global generator, so choosing a subset does
/// not shift the random numbers a later training run draws, and the same seed gives the same subset on every
/// platform.</remarks>
internal static class RandomSubset
{
    /// <summary><paramref name="count"/> distinct indices from 0 to <paramref name="total"/> − 1, in random order.</summary>
    public static int[] Indices(int total, int count, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, total);
        var all = Permutation(total, seed);
        return all[..count];
    }

    /// <summary>A random permutation of 0 … <paramref name="total"/> − 1 (Fisher–Yates).</summary>
    public static int[] Permutation(int total, int seed = 42)
    {
        var random = new Random(seed);
        var order = new int[total];
        for (var i = 0; i < total; i++) order[i] = i;
        for (var i = total - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
