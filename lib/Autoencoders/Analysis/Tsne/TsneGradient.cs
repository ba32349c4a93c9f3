namespace Autoencoders.Analysis;

/// <summary>The gradient of t-SNE's objective KL(P‖Q) with respect to the embedded positions y (flat, n × dims),
/// optionally with the objective itself. With q̃ᵢⱼ = 1 / (1 + ‖yᵢ − yⱼ‖²) and Z = Σ q̃, the gradient is
/// 4 Σⱼ (pᵢⱼ − q̃ᵢⱼ / Z) q̃ᵢⱼ (yᵢ − yⱼ): attraction along P, repulsion from every point.</summary>
internal interface ITsneGradient
{
    /// <summary>Writes the gradient into <paramref name="gradient"/>; returns KL(exaggeration·P ‖ Q) when
    /// <paramref name="computeError"/> is set, NaN otherwise.</summary>
    double Compute(double[] y, double exaggeration, bool computeError, double[] gradient);
}

/// <summary>All n² pairs, as scikit-learn's method="exact".</summary>
internal sealed class ExactTsneGradient(double[] p, int n, int dims) : ITsneGradient
{
    private readonly double[] zPerRow = new double[n];
    private readonly double[] repulsion = new double[n * dims];

    public double Compute(double[] y, double exaggeration, bool computeError, double[] gradient)
    {
        // One pass per row: attraction Σ p q̃ (yi − yj), repulsion Σ q̃² (yi − yj) and Σ q̃.
        if (dims == 2) Parallel.For(0, n, i => Row2D(y, exaggeration, gradient, i));
        else Parallel.For(0, n, i => RowAnyDims(y, exaggeration, gradient, i));
        double zTotal = zPerRow.Sum();
        for (int k = 0; k < n * dims; k++) gradient[k] = 4 * (gradient[k] - repulsion[k] / zTotal);
        if (!computeError) return double.NaN;

        double[] klPerRow = new double[n];
        Parallel.For(0, n, i =>
        {
            double kl = 0;
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                double d2 = 0;
                for (int a = 0; a < dims; a++) { double d = y[i * dims + a] - y[j * dims + a]; d2 += d * d; }
                double q = Math.Max(1.0 / (1.0 + d2) / zTotal, TsneAffinities.MachineEpsilon);
                double pij = exaggeration * p[i * n + j];
                kl += pij * Math.Log(Math.Max(pij, TsneAffinities.MachineEpsilon) / q);
            }
            klPerRow[i] = kl;
        });
        return klPerRow.Sum();
    }

    /// <summary>The 2-D case written out: it is the one pictures use, and the loop is the whole cost.</summary>
    private void Row2D(double[] y, double exaggeration, double[] gradient, int i)
    {
        double xi = y[2 * i], yi = y[2 * i + 1];
        double ax = 0, ay = 0, rx = 0, ry = 0, z = 0;
        int row = i * n;
        for (int j = 0; j < n; j++)
        {
            if (j == i) continue;
            double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
            double q = 1.0 / (1.0 + dx * dx + dy * dy);
            z += q;
            double pq = p[row + j] * q, qq = q * q;
            ax += pq * dx; ay += pq * dy;
            rx += qq * dx; ry += qq * dy;
        }
        zPerRow[i] = z;
        gradient[2 * i] = exaggeration * ax;
        gradient[2 * i + 1] = exaggeration * ay;
        repulsion[2 * i] = rx;
        repulsion[2 * i + 1] = ry;
    }

    private void RowAnyDims(double[] y, double exaggeration, double[] gradient, int i)
    {
        Span<double> attract = stackalloc double[dims];
        Span<double> repel = stackalloc double[dims];
        attract.Clear(); repel.Clear();
        double z = 0;
        for (int j = 0; j < n; j++)
        {
            if (j == i) continue;
            double d2 = 0;
            for (int a = 0; a < dims; a++) { double d = y[i * dims + a] - y[j * dims + a]; d2 += d * d; }
            double q = 1.0 / (1.0 + d2);
            z += q;
            double pq = exaggeration * p[i * n + j] * q, qq = q * q;
            for (int a = 0; a < dims; a++)
            {
                double d = y[i * dims + a] - y[j * dims + a];
                attract[a] += pq * d;
                repel[a] += qq * d;
            }
        }
        zPerRow[i] = z;
        for (int a = 0; a < dims; a++)
        {
            gradient[i * dims + a] = attract[a];
            repulsion[i * dims + a] = repel[a]; // divided by Z by the caller, once Z is known
        }
    }
}

/// <summary>Barnes-Hut approximation (2-D): attraction over the sparse neighbour P, repulsion through a quadtree
/// rebuilt every iteration. The error, as in scikit-learn, is summed over the pairs that carry P.</summary>
internal sealed class BarnesHutTsneGradient(SparseAffinities p, int n, double theta) : ITsneGradient
{
    private const int Chunk = 256;
    private readonly double[] repulsion = new double[2 * n];
    private readonly double[] zPerRow = new double[n];

    public double Compute(double[] y, double exaggeration, bool computeError, double[] gradient)
    {
        var tree = new QuadTree(y, n);
        double thetaSquared = theta * theta;
        int chunks = (n + Chunk - 1) / Chunk;
        Parallel.For(0, chunks, c =>
        {
            var stack = new int[QuadTree.StackSize];
            for (int i = c * Chunk, end = Math.Min(n, i + Chunk); i < end; i++)
            {
                var (fx, fy, z) = tree.Repulsion(i, thetaSquared, stack);
                repulsion[2 * i] = fx;
                repulsion[2 * i + 1] = fy;
                zPerRow[i] = z;
                double ax = 0, ay = 0;
                for (int e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
                {
                    int j = p.Columns[e];
                    double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                    double w = exaggeration * p.Values[e] / (1.0 + dx * dx + dy * dy);
                    ax += w * dx;
                    ay += w * dy;
                }
                gradient[2 * i] = ax;
                gradient[2 * i + 1] = ay;
            }
        });
        double zTotal = zPerRow.Sum();
        for (int k = 0; k < 2 * n; k++) gradient[k] = 4 * (gradient[k] - repulsion[k] / zTotal);
        if (!computeError) return double.NaN;

        double kl = 0;
        for (int i = 0; i < n; i++)
            for (int e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
            {
                int j = p.Columns[e];
                double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                double q = Math.Max(1.0 / (1.0 + dx * dx + dy * dy) / zTotal, TsneAffinities.MachineEpsilon);
                double pij = exaggeration * p.Values[e];
                kl += pij * Math.Log(Math.Max(pij, TsneAffinities.MachineEpsilon) / q);
            }
        return kl;
    }
}
