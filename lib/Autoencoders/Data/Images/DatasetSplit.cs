namespace Autoencoders.Data;

/// <summary>Which of a dataset's published parts to load.</summary>
public enum DatasetSplit
{
    /// <summary>The training part (60,000 images for MNIST and Fashion-MNIST).</summary>
    Train,
    /// <summary>The test part (10,000 images), used as validation data in the course as in the lecture.</summary>
    Test,
}
