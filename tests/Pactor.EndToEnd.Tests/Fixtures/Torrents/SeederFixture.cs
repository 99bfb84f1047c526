using Pactor.Bencode;
using Pactor.EndToEnd.Tests.Fixtures.Packages;

namespace Pactor.EndToEnd.Tests.Fixtures.Torrents;

/// <summary>
/// The seedbox side of a test swarm: a <c>FILE.torrent</c> for every package of a repo, next to the package, so a
/// <see cref="Mirror.StaticMirrorServer"/> over the tree is also pactor's torrent source. Torrents come from pactor's
/// own <see cref="TorrentCreator"/> with the piece-length policy <c>pactor torrent create</c> uses (the same bytes,
/// see the tests). Seeding itself needs a seeder rtorrent loading <see cref="Torrents"/> with the repo folder as
/// directory; that process fixture lives with the rtorrent tests.
/// </summary>
public sealed class SeederFixture
{
    private readonly Dictionary<string, PublishedTorrent> _byPackage;

    private SeederFixture(PackageRepo repo, IReadOnlyList<string> announce, IReadOnlyList<PublishedTorrent> torrents)
    {
        Repo = repo;
        Announce = announce;
        Torrents = torrents;
        _byPackage = torrents.ToDictionary(torrent => torrent.Package.Name, StringComparer.Ordinal);
    }

    public PackageRepo Repo { get; }

    public IReadOnlyList<string> Announce { get; }

    public IReadOnlyList<PublishedTorrent> Torrents { get; }

    /// <summary>opentracker's whitelist file: one 40-hex info hash a line.</summary>
    public string TrackerWhitelist => string.Concat(Torrents.Select(torrent => torrent.InfoHash + "\n"));

    public PublishedTorrent this[string packageName] =>
        _byPackage.TryGetValue(packageName, out var torrent) ? torrent : throw new KeyNotFoundException($"No torrent for package {packageName}.");

    /// <summary>
    /// Writes <c>FILE.torrent</c> next to each package of <paramref name="repo"/> (overwriting), announcing to
    /// <paramref name="announce"/> (e.g. <c>http://127.0.0.1:6969/announce</c>).
    /// </summary>
    public static async Task<SeederFixture> PublishAsync(PackageRepo repo, IReadOnlyList<string> announce, CancellationToken cancellationToken = default)
    {
        var options = new TorrentCreateOptions { Announce = announce };
        var torrents = new List<PublishedTorrent>();
        foreach (var package in repo.Packages)
        {
            var packagePath = repo.PathOf(package);
            var bytes = await TorrentCreator.CreateAsync(packagePath, options, progress: null, cancellationToken);
            var torrentPath = packagePath + ".torrent";
            await File.WriteAllBytesAsync(torrentPath, bytes, cancellationToken);
            var metainfo = Metainfo.Parse(bytes);
            torrents.Add(new PublishedTorrent(package, packagePath, torrentPath, metainfo.InfoHash, metainfo.PieceLength, metainfo.PieceCount));
        }

        return new SeederFixture(repo, announce, torrents);
    }
}
