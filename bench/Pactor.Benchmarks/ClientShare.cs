namespace Pactor.Benchmarks;

/// <summary>
/// One client's turn in an offload round, in bytes: what it received over HTTP from its pactor, what the seedbox gave
/// meanwhile (the seeder's piece uploads, the origin's package bytes over HTTP), and how its pactor answered.
/// </summary>
public sealed record ClientShare(
    int Client,
    long Received,
    long SeederUploaded,
    long OriginPackageBytes,
    long RTorrentDownloaded,
    int SwarmAnswers,
    int Fallbacks,
    double SlowestPackageMs,
    double TotalMs)
{
    /// <summary>Seedbox bytes per byte this client received.</summary>
    public double Offload => (double)(SeederUploaded + OriginPackageBytes) / Received;
}
