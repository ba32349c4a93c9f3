namespace Autoencoders.Data;

/// <summary>Ratings shaped like MovieLens ml-25m (25,000,095 ratings, 59,047 movies, ~162,000 users), generated in
/// memory: lets the tests and the data benchmark check that the rating matrix scales to the largest release without
/// downloading it.</summary>
static class SyntheticRatings
{
    public const int Ratings = 25_000_095, Movies = 59_047, PerUser = 154;

    /// <summary>Distinct (movie, user) pairs in user order, as MovieLens files are: each user rates a run of
    /// consecutive movies starting at a random offset; movie ids are sparse like MovieLens's.</summary>
    public static (int[] Rows, int[] Columns, float[] Values) Like25m(int seed = 3)
    {
        var random = new Random(seed);
        var rows = new int[Ratings];
        var columns = new int[Ratings];
        var values = new float[Ratings];
        for (var i = 0; i < Ratings; i += PerUser)
        {
            var start = random.Next(Movies);
            for (var k = 0; k < PerUser && i + k < Ratings; k++)
            {
                rows[i + k] = (start + k) % Movies * 3 + 1;
                columns[i + k] = i / PerUser + 1;
                values[i + k] = 0.5f * (1 + k % 10);
            }
        }
        return (rows, columns, values);
    }
}
