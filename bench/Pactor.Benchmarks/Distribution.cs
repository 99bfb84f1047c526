using System.Globalization;

namespace Pactor.Benchmarks;

/// <summary>Min, median and max of repeated measurements: the spread is the machine's noise.</summary>
public sealed record Distribution(int Count, double Min, double Median, double Max)
{
    public static Distribution Of(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("no samples", nameof(samples));
        }

        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Distribution(sorted.Length, sorted[0], median, sorted[^1]);
    }

    /// <summary>e.g. <c>min 12.3 / median 15.0 / max 40.1 ms (n=10)</c>.</summary>
    public string Format(string unit, string format = "0.0") => string.Create(
        CultureInfo.InvariantCulture,
        $"min {Min.ToString(format, CultureInfo.InvariantCulture)} / median {Median.ToString(format, CultureInfo.InvariantCulture)} / max {Max.ToString(format, CultureInfo.InvariantCulture)} {unit} (n={Count})");
}
