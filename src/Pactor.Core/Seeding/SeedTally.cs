namespace Pactor.Core.Seeding;

/// <summary>The counts and findings of one run as it goes; <see cref="ToReport"/> freezes them.</summary>
internal sealed class SeedTally
{
    public int Created { get; set; }

    public int Refreshed { get; set; }

    public int Removed { get; set; }

    public int Loaded { get; set; }

    public int Erased { get; set; }

    public int Unchanged { get; set; }

    public List<PublishedTorrent> Published { get; } = [];

    /// <summary>
    /// Hashes of the stale torrents of packages that could not be hashed again: their downloads are not
    /// erased over what may be a passing read error.
    /// </summary>
    public HashSet<string> Retained { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<SeedProblem> Problems { get; } = [];

    public bool WhitelistChanged { get; set; }

    public SeedReport ToReport(IReadOnlyList<SeedProblem> skipped) => new()
    {
        Created = Created,
        Refreshed = Refreshed,
        Removed = Removed,
        Loaded = Loaded,
        Erased = Erased,
        Unchanged = Unchanged,
        Published = [.. Published.Select(p => p.InfoHash).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        WhitelistChanged = WhitelistChanged,
        Problems = [.. Problems],
        Skipped = skipped,
    };
}
