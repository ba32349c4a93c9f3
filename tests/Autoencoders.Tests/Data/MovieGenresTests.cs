using System.Text;
using Autoencoders.Data;

namespace Autoencoders.Tests.Data;

public class MovieGenresTests
{
    [Fact]
    public void Genres_are_read_per_movie_and_counted_over_a_group()
    {
        using var temp = new TempFolder();
        temp.WriteText("ratings.dat", "1::1::5::978300760\n1::2::3::978302109\n2::3::4::978298413\n2::4::4::978298413\n", Encoding.Latin1);
        temp.WriteText("movies.dat", "1::Alpha (1990)::Comedy|Romance\n2::Beta (1991)::Comedy\n3::Gamma (1992)::Drama|Romance\n" +
                                     "4::Delta (1993)::(no genres listed)\n", Encoding.Latin1);
        var genres = MovieGenres.Of(MovieLensReader.Read(temp.Path));

        Assert.Equal(["Comedy", "Romance"], genres[1]);
        Assert.Empty(genres[4]);
        Assert.Empty(genres[99]);
        Assert.Equal([("Comedy", 2 / 3.0), ("Romance", 2 / 3.0), ("Drama", 1 / 3.0)], genres.MostCommon([1, 2, 3]));
        Assert.Equal([("Comedy", 0.5)], genres.MostCommon([2, 4], top: 1));
        Assert.Empty(genres.MostCommon([]));
    }
}
