using System.Text;
using Autoencoders.Data;

namespace Autoencoders.Tests.Data;

public class MovieLookupTests
{
    static MovieLensDataset TwoDeceivers(TempFolder temp)
    {
        temp.WriteText("ratings.dat", "1::7::5::978300760\n2::7::3::978302109\n1::9::4::978298413\n3::9::4::978298413\n" +
                                      "4::9::2::978298413\n1::4::3::978298413\n", Encoding.Latin1);
        temp.WriteText("movies.dat", "7::Deceiver (1997)::Crime\n9::Deceiver (1997)::Thriller\n4::Liar Liar (1997)::Comedy\n",
            Encoding.Latin1);
        return MovieLensReader.Read(temp.Path);
    }

    [Fact]
    public void A_unique_title_is_found_without_a_note()
    {
        using var temp = new TempFolder();
        var choice = TwoDeceivers(temp).FindMovie("liar liar (1997)");
        Assert.Equal(new MovieChoice(4, "Liar Liar (1997)", ""), choice);
    }

    [Fact]
    public void A_repeated_title_picks_the_most_rated_and_says_how_to_choose_another()
    {
        using var temp = new TempFolder();
        var lens = TwoDeceivers(temp);

        var choice = lens.FindMovie("Deceiver (1997)");

        Assert.Equal(9, choice.MovieId);
        Assert.Contains("2 movies share this title (id 9 (3 ratings), id 7 (2 ratings))", choice.Note);
        Assert.Contains("pass its id", choice.Note);
        Assert.Equal(7, lens.FindMovie("Deceiver (1997)", movieId: 7).MovieId);
    }

    [Fact]
    public void An_absent_title_names_the_closest_titles()
    {
        using var temp = new TempFolder();
        var e = Assert.Throws<ArgumentException>(() => TwoDeceivers(temp).FindMovie("Liar, Liar (1997)"));
        Assert.StartsWith("No movie is titled \"Liar, Liar (1997)\"", e.Message);
        Assert.Contains("The closest titles: \"Liar Liar (1997)\"", e.Message);
    }
}
