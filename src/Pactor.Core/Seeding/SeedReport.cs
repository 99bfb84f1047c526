namespace Pactor.Core.Seeding;

/// <summary>What one <see cref="SeedRun"/> did.</summary>
public sealed record SeedReport
{
    public int Created { get; init; }

    public int Refreshed { get; init; }

    public int Removed { get; init; }

    public int Loaded { get; init; }

    public int Erased { get; init; }

    /// <summary>Packages whose torrent was already up to date.</summary>
    public int Unchanged { get; init; }

    /// <summary>The info hashes of every published torrent, sorted.</summary>
    public IReadOnlyList<string> Published { get; init; } = [];

    public bool WhitelistChanged { get; init; }

    /// <summary>Files that failed (unreadable package, failed load): the run is not a success.</summary>
    public IReadOnlyList<SeedProblem> Problems { get; init; } = [];

    /// <summary>Files deliberately left out (a symbolic link that leads out of the root, a broken link).</summary>
    public IReadOnlyList<SeedProblem> Skipped { get; init; } = [];

    /// <summary>True when the run changed nothing: no file, no download, no whitelist.</summary>
    public bool NothingDone =>
        Created + Refreshed + Removed + Loaded + Erased == 0 && !WhitelistChanged;
}
