namespace Pactor.Benchmarks;

/// <summary>
/// One simultaneous offload round: a fresh seedbox, N clients fetching the whole set at the same moment. Seedbox bytes
/// are the seeder's piece uploads plus the package bytes the origin sent over HTTP (fallbacks), counted once every
/// client's rtorrent holds the set (a download that fell back keeps going). <see cref="ClientsUploaded"/> is what the
/// clients' rtorrents sent each other (their <c>d.up.total</c>), the bytes that spared the seedbox.
/// </summary>
public sealed record WaveSample(
    int Round,
    int Clients,
    long SetBytes,
    long SeederUploaded,
    long OriginPackageBytes,
    long ClientsUploaded,
    int SwarmAnswers,
    IReadOnlyList<string> Fallbacks,
    bool EveryRTorrentComplete,
    double WaveMs,
    IReadOnlyList<WaveRequest> Requests,
    IReadOnlyList<string> Probe)
{
    public long Received => Requests.Where(request => request.File.EndsWith(".pkg.tar.zst", StringComparison.Ordinal)).Sum(request => request.Bytes);

    public long SeedboxBytes => SeederUploaded + OriginPackageBytes;

    /// <summary>Seedbox bytes in copies of the package set: N clients over plain HTTP would be N.</summary>
    public double Copies => (double)SeedboxBytes / SetBytes;

    /// <summary>Seedbox bytes per package byte the clients received: plain HTTP is 1.0.</summary>
    public double Offload => (double)SeedboxBytes / Received;

    public double SlowestRequestMs => Requests.Max(request => request.TimeToLastByteMs);
}
