namespace Autoencoders.Data;

/// <summary>The movie a lesson picked by title, and what the learner should know about the pick.</summary>
/// <param name="MovieId">The chosen movie's id.</param>
/// <param name="Title">Its title as the release writes it.</param>
/// <param name="Note">Why this one, when the title was not unique (ml-100k has two "Deceiver (1997)"); empty
/// otherwise.</param>
public sealed record MovieChoice(int MovieId, string Title, string Note)
{
    /// <inheritdoc/>
    public override string ToString() =>
        Note.Length == 0 ? $"{Title} (movie id {MovieId})" : $"{Title} (movie id {MovieId}): {Note}";
}
