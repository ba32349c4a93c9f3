namespace Autoencoders.Analysis;

/// <summary>A quadtree over 2-D points for Barnes-Hut t-SNE: every cell knows how many points it holds and their
/// centre of mass, so a far-away group of points can be treated as one heavy point. Stored as flat arrays (no
/// objects per node) and built by partitioning an index array, which keeps a 10,000-point rebuild to about a
/// millisecond — it is rebuilt every iteration.</summary>
internal sealed class QuadTree
{
    private const int MaxDepth = 40;

    private readonly double[] points; // x0, y0, x1, y1, ...
    private readonly int[] order;     // point indices, grouped by cell
    private double[] comX = new double[64], comY = new double[64], width = new double[64];
    private int[] pointCount = new int[64], firstIndex = new int[64], children = new int[4 * 64];
    private int nodes;

    internal QuadTree(double[] points, int n)
    {
        this.points = points;
        order = Enumerable.Range(0, n).ToArray();
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (int i = 0; i < n; i++)
        {
            minX = Math.Min(minX, points[2 * i]); maxX = Math.Max(maxX, points[2 * i]);
            minY = Math.Min(minY, points[2 * i + 1]); maxY = Math.Max(maxY, points[2 * i + 1]);
        }
        double size = Math.Max(maxX - minX, maxY - minY);
        size = size * (1 + 1e-6) + 1e-12;
        scratch = new int[n];
        Build(0, n, minX, minY, size, 0);
    }

    private readonly int[] scratch;

    private int Build(int start, int end, double x0, double y0, double size, int depth)
    {
        int node = NewNode();
        pointCount[node] = end - start;
        firstIndex[node] = start;
        width[node] = size;
        double sx = 0, sy = 0;
        for (int k = start; k < end; k++) { sx += points[2 * order[k]]; sy += points[2 * order[k] + 1]; }
        comX[node] = sx / (end - start);
        comY[node] = sy / (end - start);
        for (int q = 0; q < 4; q++) children[4 * node + q] = -1;
        if (end - start <= 1 || depth >= MaxDepth) return node;

        double half = size / 2, midX = x0 + half, midY = y0 + half;
        Span<int> counts = stackalloc int[4];
        for (int k = start; k < end; k++) counts[Quadrant(order[k], midX, midY)]++;
        Span<int> next = stackalloc int[4];
        next[0] = start;
        for (int q = 1; q < 4; q++) next[q] = next[q - 1] + counts[q - 1];
        for (int k = start; k < end; k++) { int i = order[k]; scratch[next[Quadrant(i, midX, midY)]++] = i; }
        Array.Copy(scratch, start, order, start, end - start);
        int from = start;
        for (int q = 0; q < 4; q++)
        {
            int to = from + counts[q];
            if (counts[q] > 0)
            {
                int child = Build(from, to, x0 + (q & 1) * half, y0 + (q >> 1) * half, half, depth + 1);
                children[4 * node + q] = child; // after the call: Build may have grown the arrays
            }
            from = to;
        }
        return node;
    }

    private int Quadrant(int i, double midX, double midY) =>
        (points[2 * i] >= midX ? 1 : 0) + (points[2 * i + 1] >= midY ? 2 : 0);

    private int NewNode()
    {
        if (nodes == pointCount.Length)
        {
            int size = nodes * 2;
            Array.Resize(ref comX, size); Array.Resize(ref comY, size); Array.Resize(ref width, size);
            Array.Resize(ref pointCount, size); Array.Resize(ref firstIndex, size); Array.Resize(ref children, 4 * size);
        }
        return nodes++;
    }

    /// <summary>Repulsive force on point <paramref name="i"/>: Σ q²·(yᵢ − yⱼ) and Σ q over all other points j, with
    /// q = 1 / (1 + ‖yᵢ − yⱼ‖²), cells narrower than theta × distance summarised by their centre of mass.</summary>
    internal (double Fx, double Fy, double Z) Repulsion(int i, double thetaSquared, int[] stack)
    {
        double px = points[2 * i], py = points[2 * i + 1];
        double fx = 0, fy = 0, z = 0;
        int top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            int node = stack[--top];
            double dx = px - comX[node], dy = py - comY[node], d2 = dx * dx + dy * dy;
            bool leaf = children[4 * node] < 0 && children[4 * node + 1] < 0 && children[4 * node + 2] < 0 && children[4 * node + 3] < 0;
            if (leaf)
            {
                for (int k = firstIndex[node], end = k + pointCount[node]; k < end; k++)
                {
                    int j = order[k];
                    if (j == i) continue;
                    double ex = px - points[2 * j], ey = py - points[2 * j + 1];
                    double q = 1.0 / (1.0 + ex * ex + ey * ey);
                    z += q;
                    fx += q * q * ex;
                    fy += q * q * ey;
                }
            }
            else if (width[node] * width[node] < thetaSquared * d2)
            {
                double q = 1.0 / (1.0 + d2), m = pointCount[node];
                z += m * q;
                fx += m * q * q * dx;
                fy += m * q * q * dy;
            }
            else
            {
                for (int q = 0; q < 4; q++)
                {
                    int child = children[4 * node + q];
                    if (child >= 0) stack[top++] = child;
                }
            }
        }
        return (fx, fy, z);
    }

    /// <summary>Stack size that any traversal fits in.</summary>
    internal static int StackSize => 4 * (MaxDepth + 2);
}
