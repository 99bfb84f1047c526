namespace Pactor.Benchmarks;

/// <summary>One offload round: a fresh seedbox, clients 1..N one after another.</summary>
public sealed record OffloadSample(int Round, IReadOnlyList<ClientShare> Clients, long SeederGlobalUploaded)
{
    public long Received => Clients.Sum(client => client.Received);

    public long SeedboxBytes => Clients.Sum(client => client.SeederUploaded + client.OriginPackageBytes);

    /// <summary>Seedbox bytes (seeder uploads + origin package bytes) per package byte the clients received: HTTP mirroring is 1.0.</summary>
    public double Offload => (double)SeedboxBytes / Received;
}
