using Autoencoders.Data;
using Course.Testing;

namespace Autoencoders.Tests.Data;

public class MovieLensLayoutTests
{
    [Fact]
    public void The_bundled_ratings_written_in_the_1m_and_100k_layouts_give_the_same_matrix()
    {
        var lens = MovieLens.Load();
        var original = RatingMatrix.FromRatings(lens.Ratings);
        using var ml1m = new TempFolder();
        using var ml100k = new TempFolder();
        MovieLensLayouts.WriteMl1m(lens, ml1m.Path);
        MovieLensLayouts.WriteMl100k(lens, ml100k.Path);

        var fromDat = RatingMatrix.FromRatings(MovieLens.Load(folder: ml1m.Path).Ratings);
        var fromTab = RatingMatrix.FromRatings(MovieLens.Load(folder: ml100k.Path).Ratings);

        foreach (var converted in new[] { fromDat, fromTab })
        {
            Assert.True(converted.SameShapeAs(original));
            Assert.Equal(original.Count, converted.Count);
            for (var r = 0; r < original.RowCount; r += 97)
            {
                Assert.Equal(original.ColumnsOf(r).ToArray(), converted.ColumnsOf(r).ToArray());
                Assert.Equal(original.ValuesOf(r).ToArray().Select(MovieLensLayouts.WholeStars), converted.ValuesOf(r).ToArray());
            }
        }
        Assert.Equal(lens.Movies.Rows.Count, MovieLens.Load(folder: ml100k.Path).Movies.Rows.Count);
    }
}
