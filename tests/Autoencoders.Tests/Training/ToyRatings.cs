using Autoencoders.Data;

namespace Autoencoders.Tests.Training;

/// <summary>A small rating matrix with structure: rating ≈ 3 + movie taste · user taste, about a third of the cells
/// rated, values on MovieLens' half-star scale.</summary>
static class ToyRatings
{
    public static RatingMatrix Create(int movies = 30, int users = 12, int seed = 1)
    {
        var random = new Random(seed);
        var movieTaste = Enumerable.Range(0, movies).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var userTaste = Enumerable.Range(0, users).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        List<int> rows = [], columns = [];
        List<float> values = [];
        for (var m = 0; m < movies; m++)
            for (var u = 0; u < users; u++)
            {
                if (random.NextDouble() > 0.35) continue;
                var rating = 3 + 2 * movieTaste[m] * userTaste[u] + 0.3 * (random.NextDouble() - 0.5);
                rows.Add(10 * m + 1);
                columns.Add(u + 1);
                values.Add((float)Math.Clamp(Math.Round(rating * 2) / 2, 0.5, 5));
            }
        return RatingMatrix.FromRatings(rows.ToArray(), columns.ToArray(), values.ToArray());
    }
}
