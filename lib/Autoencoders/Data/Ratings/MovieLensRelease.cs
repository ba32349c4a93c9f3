namespace Autoencoders.Data;

/// <summary>The MovieLens releases the course can load. They differ in size and in file format, not in meaning:
/// every one is loaded into the same two tables.</summary>
public enum MovieLensRelease
{
    /// <summary>ml-latest-small (2018): 100,836 ratings, 610 users, 9,742 movies; CSV. Bundled.</summary>
    LatestSmall,
    /// <summary>ml-100k (1998): 100,000 ratings, 943 users, 1,682 movies; tab-separated <c>u.data</c> and
    /// <c>|</c>-separated <c>u.item</c> with genre flags. Downloaded (its licence forbids redistribution).</summary>
    Ml100k,
    /// <summary>ml-1m (2003): 1,000,209 ratings, 6,040 users, 3,706 rated movies; <c>::</c>-separated <c>.dat</c>
    /// files in Latin-1. Downloaded.</summary>
    Ml1m,
    /// <summary>ml-25m (2019): 25,000,095 ratings, 162,541 users, 59,047 rated movies; CSV, 250 MB zipped.
    /// Downloaded; use the sparse form of the rating matrix for it.</summary>
    Ml25m,
}
