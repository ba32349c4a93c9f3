using TorchSharp;

namespace Autoencoders.Interactive;

/// <summary>A tensor shown in a notebook: its shape and type first (the usual question), then a preview of values.</summary>
static class TensorText
{
    public static string Describe(torch.Tensor tensor)
    {
        var header = $"Tensor [{string.Join(", ", tensor.shape)}], {tensor.dtype}, {tensor.device}";
        if (tensor.numel() > 10_000) return header;
        return header + Environment.NewLine + tensor.ToString(torch.numpy);
    }
}
