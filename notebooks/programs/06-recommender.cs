#:project ../../lib/Autoencoders/Autoencoders.csproj
#:property PublishAot=false
#:property EnforceCodeStyleInBuild=false
// Generated from notebooks/06-recommender.ipynb: edit the notebook, not this file, and write the programs again with
//   dotnet run --project lib/NotebookRunner -c Release -- --write-programs notebooks
// Run it from the course folder: dotnet run notebooks/programs/06-recommender.cs -- --mode quick
// (--mode full for the lecture's settings, --param name=value for any parameter, --help for more).

using TorchSharp;
using static TorchSharp.torch;
using Plotly.NET.CSharp;
using Microsoft.Data.Analysis;
using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Training;
using Autoencoders.Analysis;
using Autoencoders.Charts;
using Autoencoders.Notebooks;
using Autoencoders.Recommenders;

var run = NotebookProgram.Start(args, "06-recommender");
try
{
    // # 6. A recommender from an autoencoder
    //
    // Every movie can be described by who rated it and how. Feed those descriptions to an autoencoder and its bottleneck
    // gives each movie a short vector, an **embedding**; movies with similar embeddings are liked by similar people. This
    // notebook follows the lecture on the MovieLens ratings: a movie × user matrix, an autoencoder with a 128-unit
    // bottleneck, and "movies similar to *Liar Liar* (1997)". Then it looks at what that model actually predicts, sets the
    // baselines a recommender has to beat, and builds one that beats them.

    // parameters
    string mode = run.Parameter("mode", Environment.GetEnvironmentVariable("AUTOENCODERS_MODE") ?? "full"); // "quick" or "full"
    string release = run.Parameter("release", "LatestSmall");          // LatestSmall (bundled), Ml100k, Ml1m or Ml25m (downloaded)
    string movieLensFolder = run.Parameter("movieLensFolder", "");             // or a folder holding a MovieLens release's files
    string anchorTitle = run.Parameter("anchorTitle", "Liar Liar (1997)");
    int anchorMovieId = run.Parameter("anchorMovieId", 0);                   // or a movie's id, when several movies share the title
    int epochs = run.Parameter("epochs", mode == "quick" ? 10 : 100);  // the lecture trains 100 epochs
    int autoRecHidden = run.Parameter("autoRecHidden", 500);                 // AutoRec's hidden sigmoid units, as in the paper
    int autoRecMaxEpochs = run.Parameter("autoRecMaxEpochs", mode == "quick" ? 12 : 150); // early stopping on validation ends training before this
    int movieGroups = run.Parameter("movieGroups", 12);                    // k-means groups of movie embeddings
    int seed = run.Parameter("seed", 42);
    run.ParametersRead();

    torch.manual_seed(seed);
    var lens = MovieLens.Load(Enum.Parse<MovieLensRelease>(release), movieLensFolder == "" ? null : movieLensFolder);
    Console.WriteLine($"{lens.Ratings.Rows.Count:N0} ratings and {lens.Movies.Rows.Count:N0} movies from {lens.Folder}");
    run.Show(lens.Ratings.Head(5));

    run.Show(lens.Movies.Head(5));

    // ## From ratings to a movie × user matrix
    //
    // One row per movie, one column per user, the rating where the user rated the movie and 0 where they did not (ratings
    // start at 0.5, so 0 can only mean "no rating"). This is the lecture's pivot.

    var matrix = RatingMatrix.FromRatings(lens.Ratings);
    Console.WriteLine($"{matrix.RowCount:N0} movies × {matrix.ColumnCount:N0} users, {matrix.Count:N0} ratings");
    Console.WriteLine($"filled: {matrix.Density:P2} of the cells; sparsity {1 - matrix.Density:P2}");

    // Only a few cells in a hundred hold a rating (the share is printed above; the lecture's copy of this dataset, an older
    // release with more users, was 1.5 % filled): each user rated only a sliver of the catalogue. Hold that thought: a
    // model that predicts 0 everywhere is right about almost every cell.

    var (trainRows, validationRows) = matrix.SplitRows(0.2, seed);
    Console.WriteLine($"80/20 split of the movies: {trainRows.RowCount:N0} for training, {validationRows.RowCount:N0} for validation");

    // ## The lecture's autoencoder
    //
    // Input and output have one unit per user; the encoder narrows 512 → 256 → 128, the decoder widens back. ReLU hidden
    // layers, a linear output (ratings are not probabilities), mean squared error, Adam, batches of 256.
    //
    // The matrix stays sparse while it trains: `Fit` takes the rating matrix itself and makes each batch of 256 movies dense
    // only when it is used. Here that changes nothing, but ml-25m's dense matrix would need 38 GB, and a batch of it 166 MB.

    int users = matrix.ColumnCount;
    var recommender = DenseAutoencoder.Create([users, 512, 256, 128, 256, 512, users], output: Activation.Linear, seed: seed);
    Console.WriteLine(recommender.Summary());
    var lectureShape = DenseAutoencoder.Create([668, 512, 256, 128, 256, 512, 668], output: Activation.Linear);
    Claim.That(lectureShape.Summary().TotalParameters == 1_014_044, "with the lecture's 668 users the network has 1,014,044 parameters");

    var history = recommender.Fit(trainRows, epochs: epochs, batchSize: 256, shuffle: true,
        validationData: validationRows, loss: Losses.MeanSquaredError, seed: seed);

    run.Show(LossCurves.Create(history.Loss, history.ValLoss, title: "Movie autoencoder on the zero-filled matrix", yTitle: "mean squared error"));

    // ## Item embeddings and similar movies
    //
    // The encoder turns each movie's row of ratings into 128 numbers. Two movies are similar when their embeddings point the
    // same way: **cosine similarity**, the cosine of the angle between the vectors (1 = same direction).

    var embeddings = recommender.Encode(matrix);                           // [movies, 128], computed a block of rows at a time
    var search = new SimilaritySearch(embeddings);

    var anchor = lens.FindMovie(anchorTitle, anchorMovieId == 0 ? null : anchorMovieId);
    Console.WriteLine($"anchor: {anchor}");
    var anchorRow = matrix.RowIndex.PositionOf(anchor.MovieId);
    var similar = search.MostSimilar(anchorRow, 10);                        // the movie itself is left out
    var similarTable = SimilarItemTable.Create(similar, matrix.RowIndex.Ids, lens.Movies);
    run.Show(similarTable);

    // Do neighbours in embedding space really share an audience? Compare who rated them: the overlap (Jaccard index,
    // shared raters / all raters) between the anchor movie (*Liar Liar* unless you chose another) and each neighbour, against ten movies picked at random.

    double Overlap(int a, int b)
    {
        var raters = matrix.ColumnsOf(a).ToArray();
        var others = matrix.ColumnsOf(b).ToArray();
        return raters.Intersect(others).Count() / (double)raters.Union(others).Count();
    }
    var neighbourOverlap = similar.Average(s => Overlap(anchorRow, s.Index));
    var random = new Random(seed);
    var randomOverlap = Enumerable.Range(0, 10).Select(_ => random.Next(matrix.RowCount)).Average(r => Overlap(anchorRow, r));
    Console.WriteLine($"shared raters with {anchor.Title}: neighbours {neighbourOverlap:P1}, random movies {randomOverlap:P1}");
    Claim.AtLeast(neighbourOverlap, 2 * randomOverlap, "movies with similar embeddings share their audience");

    run.Show(SimilarItemsChart.Create(similarTable, title: $"Movies whose embeddings are closest to {anchor.Title}"));

    // The neighbours look plausible (comedies of the same years, the same audience), and that is what the lecture stops
    // at. But what does this network predict for a rating it has not seen?

    // ## Beyond the lecture: what the model really learned
    //
    // To ask that, hide 10 % of the ratings, train on the rest, and compare predictions for the hidden cells with the real
    // ratings: the **root-mean-square error** (RMSE) in stars. Three baselines set the scale, each a step up from the last:
    //
    // - **global mean**: predict the average training rating μ everywhere;
    // - **item bias**: μ plus the movie's own offset, shrunk towards 0 for rarely rated movies
    //   (offset = Σ(rating − μ) / (count + 10), as if every movie also had ten ratings of exactly μ);
    // - **user + item bias**: μ + the movie's offset + the user's offset (some people rate everything high), both shrunk
    //   the same way. Each offset has a closed form given the others, so a few sweeps of "movies given users, users given
    //   movies" find them.
    //
    // None of them knows anything about taste; a recommender that cannot beat the last one has learned nothing useful.

    var (fitMatrix, heldOut) = matrix.HoldOut(0.1, seed);
    var globalMean = RatingBaseline.GlobalMean(fitMatrix);
    var itemBias = RatingBaseline.ItemBias(fitMatrix, lambda: 10);
    var userItemBias = RatingBaseline.UserItemBias(fitMatrix, lambda: 10);
    var globalRmse = heldOut.Rmse(globalMean);
    var itemRmse = heldOut.Rmse(itemBias);
    var userItemRmse = heldOut.Rmse(userItemBias);
    Console.WriteLine($"{heldOut.Count:N0} held-out ratings; mean training rating {globalMean.Mean:F3}");
    Console.WriteLine($"RMSE global mean {globalRmse:F3}, item bias {itemRmse:F3}, user + item bias {userItemRmse:F3}");

    var zeroFilled = DenseAutoencoder.Create([users, 512, 256, 128, 256, 512, users], output: Activation.Linear, seed: seed);
    zeroFilled.Fit(fitMatrix, epochs: epochs, batchSize: 256, loss: Losses.MeanSquaredError, seed: seed, progress: TrainingProgress.Silent);
    var zeroFilledPredictor = new RowReconstruction(zeroFilled, fitMatrix);   // a movie's known ratings in, its row out
    var zeroFilledRmse = heldOut.Rmse(zeroFilledPredictor);
    var meanPredicted = zeroFilledPredictor.Predict(heldOut.Rows, heldOut.Columns).Average();
    Console.WriteLine($"lecture's model: RMSE {zeroFilledRmse:F3}; its average prediction for a hidden rating is {meanPredicted:F2} stars");

    // Compare the lecture's average prediction for a hidden rating, printed above, with the mean training rating: it
    // learned that almost every cell is 0, and a hidden rating *is* a 0 in its input. Its loss counts the empty cells, the
    // great majority, as data. For embeddings that is
    // tolerable, since the pattern of who rated what still shapes the code. For predicting ratings it is useless.
    //
    // The fix is **AutoRec** (Sedhain, Menon, Sanner and Xie, 2015), item-based: a movie's row of ratings goes in with its
    // empty cells at 0, one layer of 500 sigmoid units, a linear layer back to one output per user, and the loss counts
    // **observed ratings only**, so the network is never asked to predict "no rating". Three details decide whether it
    // beats the biases:
    //
    // - **L2 on the weights, as in the paper**: minimise Σ(r − prediction)² + (λ/2)(‖W‖² + ‖V‖²) over the observed
    //   ratings. Our loss is a mean over a batch's ratings, so the library divides the penalty by the number of training
    //   ratings; λ means what it means in the paper.
    // - **A small learning rate and a small start**: with Adam at 10⁻⁴ and weights drawn in ±1/√inputs, the network
    //   learns what ratings share before it starts memorising individual ones.
    // - **Hyper-parameters chosen on validation ratings, never on the held-out ones**: 10 % of the *training* ratings are
    //   set aside; each candidate trains on the rest and stops when the validation RMSE has not improved for five epochs.
    //   The winner is then trained on all training ratings for its best number of epochs (the rows are the same movies, so
    //   an epoch is the same number of steps).

    // Quick mode tries one candidate at a higher rate for a few epochs; full mode a small grid around the paper's λ = 30.
    AutoRecSettings[] candidates = mode == "quick"
        ? [new(Hidden: autoRecHidden, Lambda: 30, LearningRate: 1e-3, Epochs: autoRecMaxEpochs, Patience: 2)]
        : [new(Hidden: autoRecHidden, Lambda: 10, LearningRate: 1e-4, Epochs: autoRecMaxEpochs),
           new(Hidden: autoRecHidden, Lambda: 30, LearningRate: 1e-4, Epochs: autoRecMaxEpochs),
           new(Hidden: autoRecHidden, Lambda: 100, LearningRate: 1e-4, Epochs: autoRecMaxEpochs),
           new(Hidden: autoRecHidden, Lambda: 30, LearningRate: 3e-4, Epochs: autoRecMaxEpochs)];
    var autoRecSearch = AutoRecSearch.Run(fitMatrix, candidates, validationFraction: 0.1, seed: seed);
    run.Show(autoRecSearch.ToDataFrame());

    // Each row is one candidate: how many epochs it ran before five without improvement ended it, its best epoch, and
    // its RMSE on the validation ratings with that epoch's weights. The tick marks the lowest. When the figures are this
    // close the choice between them matters little; what matters is stopping at the right epoch, which a higher learning
    // rate only reaches sooner.

    var chosen = autoRecSearch.Best;
    Console.WriteLine($"validation chose λ = {chosen.Settings.Lambda}, learning rate {chosen.Settings.LearningRate:0e0}, {chosen.BestEpoch} epochs " +
                      $"(validation RMSE {chosen.ValidationRmse:F3}); training it on all training ratings");
    var autoRec = autoRecSearch.Refit();
    var autoRecRmse = heldOut.Rmse(autoRec);
    Console.WriteLine($"AutoRec: RMSE {autoRecRmse:F3} on the held-out ratings");

    run.Show(Table.Of(new[]
    {
        ("global mean", globalRmse),
        ("item bias", itemRmse),
        ("user + item bias", userItemRmse),
        ("lecture's autoencoder (zero-filled MSE)", zeroFilledRmse),
        ("AutoRec (observed ratings, L2, validated)", autoRecRmse),
    }, "model", "held-out RMSE (stars)"));

    Claim.AtLeast(zeroFilledRmse, globalRmse, "a model trained on zero-filled cells predicts held-out ratings worse than the global mean");
    Claim.AtMost(userItemRmse, itemRmse, "user offsets improve on item offsets alone");
    Claim.AtMost(autoRecRmse, mode == "quick" ? itemRmse : userItemRmse, "AutoRec predicts held-out ratings better than the baselines");

    // ## Groups of movies
    //
    // The embeddings also sort the catalogue. k-means, as in lesson 7, puts the movies into `movieGroups` groups by their
    // 128-number embeddings from the lecture's model, which never saw a genre: only who rated what. The MovieLens movies file
    // lists each movie's genres, so each group can be described by its most common ones. Every genre's share in the group
    // is followed by its share in the whole catalogue in brackets: Drama and Comedy are common everywhere, and a group
    // stands out by the genres it holds more of than the catalogue does.

    var genres = MovieGenres.Of(lens);
    var movieIds = matrix.RowIndex.Ids;
    var catalogue = genres.MostCommon(movieIds, top: 100).ToDictionary(g => g.Genre, g => g.Share);
    var ratingCounts = Enumerable.Range(0, matrix.RowCount).ToDictionary(r => movieIds[r], r => matrix.ColumnsOf(r).Length);
    var titles = lens.Movies.Rows.ToDictionary(r => (int)r[MovieLensDataset.MovieId], r => (string)r[MovieLensDataset.Title]);
    var groupOf = KMeans.Fit(embeddings, movieGroups, seed: seed).Assign(embeddings).data<long>().ToArray();

    // How much more common a group's most over-represented genre is there than in the catalogue (1 = no more common).
    double Lift(IEnumerable<int> ids) => genres.MostCommon(ids, top: 100).Where(g => g.Share >= 0.2).Select(g => g.Share / catalogue[g.Genre]).DefaultIfEmpty(1).Max();
    IEnumerable<IGrouping<long, int>> Groups(long[] assignment) =>
        assignment.Select((g, row) => (g, row)).GroupBy(t => t.g, t => movieIds[t.row]).OrderByDescending(g => g.Count());

    var groupTable = Groups(groupOf).Select(g => (
        Size: g.Count(),
        Genres: string.Join(", ", genres.MostCommon(g, top: 3).Select(x => $"{x.Genre} {x.Share:P0} ({catalogue[x.Genre]:P0})")),
        Lift: Math.Round(Lift(g), 2),
        Examples: string.Join("; ", g.OrderByDescending(id => ratingCounts[id]).Take(3).Select(id => titles[id]))));
    run.Show(Table.Of(groupTable, "movies", "most common genres (catalogue)", "top genre lift", "most rated movies"));

    // How much a movie's group says about each genre: normalised mutual information between the groups and "has the genre"
    // (0 when the groups say nothing), averaged over the genres. Every movie counts once, whatever the size of its group.
    var genreNames = catalogue.Keys.Order(StringComparer.Ordinal).ToArray();
    var hasGenre = genreNames.Select(g => torch.tensor(movieIds.Select(id => genres[id].Contains(g) ? 1L : 0L).ToArray())).ToArray();
    double GenreInformation(long[] assignment)
    {
        using var groups = torch.tensor(assignment);
        return hasGenre.Average(has => ClusterAgreement.NormalizedMutualInformation(has, groups));
    }
    // Baseline: the same group sizes with the movies dealt at random, ten times over; the luckiest deal counts.
    var deals = Enumerable.Range(0, 10).Select(i => { var dealer = new Random(seed + i); return groupOf.OrderBy(_ => dealer.Next()).ToArray(); }).ToArray();
    var (groupInformation, randomInformation) = (GenreInformation(groupOf), deals.Max(GenreInformation));
    Console.WriteLine($"genre information (mean NMI of groups and genre): embedding groups {groupInformation:F4}, " +
        $"best of {deals.Length} random deals of the same sizes {randomInformation:F4}: {groupInformation / randomInformation:F1} times as much");
    Claim.AtLeast(groupInformation, 3 * randomInformation, "groups of movie embeddings tell at least three times as much about genres as random groups of the same sizes");

    // Groups found from ratings alone say several times as much about a movie's genres as random groups of the same sizes:
    // people who like one action film rate others, and so on. The figure itself is small, because knowing which of `movieGroups` groups a movie
    // is in pins down little about a yes-or-no genre, and normalised mutual information divides by the groups' entropy as well; what
    // matters is the comparison with chance. The table's lift does not make that comparison fairly: in a group of twenty
    // movies some genre is over-represented by luck alone, so random groups of small sizes score high lifts. Mutual
    // information counts every movie once, and small groups weigh only as much as the movies they hold.
    //
    // The groups also follow popularity, since the embedding of a movie rated by hundreds of users differs from one rated by
    // two: the largest group is usually the long tail of rarely rated movies, whose genres look like the catalogue's (a lift
    // near 1), while the small groups hold the movies many people rated, split by who rated them.

    // ## What we saw

    Console.WriteLine($"{matrix.RowCount:N0} movies × {matrix.ColumnCount:N0} users, {matrix.Density:P2} filled.");
    Console.WriteLine($"Lecture's autoencoder: val MSE {history.LastValLoss:F4} after {epochs} epochs; {anchor.Title}'s nearest neighbours: " +
        string.Join(", ", similarTable.Rows.Take(3).Select(r => r["title"])));
    Console.WriteLine($"Held-out RMSE: global mean {globalRmse:F3}, item bias {itemRmse:F3}, user + item bias {userItemRmse:F3}, " +
        $"zero-filled autoencoder {zeroFilledRmse:F3}, AutoRec {autoRecRmse:F3}.");

    // The same architecture can be a decent embedding model and a poor rating predictor: what the loss counts decides
    // what the network learns. Embeddings for "more like this" only need the pattern of co-ratings; predicting a rating needs
    // a loss that looks only at ratings, a penalty that keeps the weights small, and settings chosen on ratings the model
    // was not trained on. The honest yardstick is not the global mean but the user + item bias: it is what a few lines of
    // arithmetic already reach.
}
catch (Exception error)
{
    return run.Stop(error);
}
return run.End();
