namespace Autoencoders.Data;

/// <summary>Maps external ids (movieId, userId) to dense 0-based positions in ascending id order, the order pandas'
/// <c>pivot</c> gives the lecture's matrix.</summary>
/// <remarks>MovieLens ids are small non-negative integers, so a lookup array indexed by id is used when the id range
/// is modest (O(1) without hashing, which matters for 25 million lookups); a dictionary otherwise.</remarks>
public sealed class IdIndex
{
    const long MaxLookupRange = 1 << 24;
    readonly int[] ids;
    readonly int[]? lookup;
    readonly int lookupMin;
    readonly Dictionary<int, int>? dictionary;

    IdIndex(int[] sortedDistinctIds)
    {
        ids = sortedDistinctIds;
        if (ids.Length == 0) return;
        long range = (long)ids[^1] - ids[0] + 1;
        if (range <= MaxLookupRange)
        {
            lookupMin = ids[0];
            lookup = new int[range];
            Array.Fill(lookup, -1);
            for (var i = 0; i < ids.Length; i++) lookup[ids[i] - lookupMin] = i;
        }
        else
        {
            dictionary = new Dictionary<int, int>(ids.Length);
            for (var i = 0; i < ids.Length; i++) dictionary[ids[i]] = i;
        }
    }

    /// <summary>The distinct ids of <paramref name="keys"/>, ascending.</summary>
    public static IdIndex Of(ReadOnlySpan<int> keys)
    {
        if (keys.Length == 0) return new IdIndex([]);
        int min = int.MaxValue, max = int.MinValue;
        foreach (var k in keys)
        {
            if (k < min) min = k;
            if (k > max) max = k;
        }
        if ((long)max - min + 1 <= MaxLookupRange)
        {
            var seen = new bool[max - min + 1];
            foreach (var k in keys) seen[k - min] = true;
            var list = new List<int>();
            for (var i = 0; i < seen.Length; i++) if (seen[i]) list.Add(i + min);
            return new IdIndex(list.ToArray());
        }
        var set = new HashSet<int>();
        foreach (var k in keys) set.Add(k);
        var sorted = set.ToArray();
        Array.Sort(sorted);
        return new IdIndex(sorted);
    }

    /// <summary>An index over ids that are already distinct and ascending.</summary>
    internal static IdIndex FromSorted(int[] ids) => new(ids);

    /// <summary>How many distinct ids.</summary>
    public int Count => ids.Length;

    /// <summary>The ids in position order.</summary>
    public IReadOnlyList<int> Ids => ids;

    /// <summary>The id at a position.</summary>
    public int this[int position] => ids[position];

    /// <summary>The position of an id, or −1 if it is not present.</summary>
    public int PositionOf(int id)
    {
        if (lookup is not null)
        {
            long offset = (long)id - lookupMin;
            return offset < 0 || offset >= lookup.Length ? -1 : lookup[offset];
        }
        return dictionary is not null && dictionary.TryGetValue(id, out var p) ? p : -1;
    }
}
