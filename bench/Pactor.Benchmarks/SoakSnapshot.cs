namespace Pactor.Benchmarks;

/// <summary>The seedbox once a minute during the soak: cumulative bytes it sent, and what its tracker still lists.</summary>
/// <param name="TorrentsWithSeeder">Torrents whose scrape shows at least one seeder (the seeder itself, or a client that has the package).</param>
public sealed record SoakSnapshot(double AtSeconds, long SeederUploaded, long OriginPackageBytes, int TorrentsWithSeeder, int Torrents, long Seeders, long Leechers);
