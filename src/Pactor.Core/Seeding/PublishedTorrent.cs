namespace Pactor.Core.Seeding;

/// <summary>A package's torrent as it now is on disk, up to date.</summary>
/// <param name="TrackersChanged">
/// Rewritten with other trackers but the same info hash (the hash covers only the <c>info</c> part): a client that
/// holds the old torrent keeps announcing to the old trackers until it loads the new one.
/// </param>
internal sealed record PublishedTorrent(PackageFileEntry Package, string InfoHash, bool TrackersChanged = false);
