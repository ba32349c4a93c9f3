namespace Autoencoders.Notebooks;

/// <summary>Checks a lesson's claim inside a notebook, so that a run in which the claim no longer holds fails
/// instead of quietly showing wrong numbers.</summary>
/// <remarks>Quick runs (small data, few epochs) check loose bounds and full runs tight ones; the notebook passes the
/// bound that fits its mode.</remarks>
public static class Claim
{
    /// <summary>Throws <see cref="ClaimFailedException"/> with <paramref name="claim"/> when
    /// <paramref name="holds"/> is false.</summary>
    public static void That(bool holds, string claim)
    {
        if (!holds) throw new ClaimFailedException(claim);
    }

    /// <summary>Checks <c>value &lt;= limit</c> and says both numbers when it fails.</summary>
    public static void AtMost(double value, double limit, string what)
    {
        if (!(value <= limit)) throw new ClaimFailedException($"{what}: expected at most {limit:G4}, measured {value:G4}.");
    }

    /// <summary>Checks <c>value &gt;= limit</c> and says both numbers when it fails.</summary>
    public static void AtLeast(double value, double limit, string what)
    {
        if (!(value >= limit)) throw new ClaimFailedException($"{what}: expected at least {limit:G4}, measured {value:G4}.");
    }
}

/// <summary>A lesson's claim did not hold on this run.</summary>
public sealed class ClaimFailedException(string message) : Exception(message);
