using Pactor.Core.Upstreams;

namespace Pactor.Core.Seeding;

/// <summary>What one <see cref="SeedRun"/> publishes and where.</summary>
public sealed record SeedOptions
{
    public const string DefaultLabel = "pactor-seed";

    /// <summary>The mirror tree, <c>ROOT/{repo}/os/{arch}/*.pkg.tar.*</c>.</summary>
    public required string Root { get; init; }

    /// <summary>Tracker URLs written into every torrent, in order (one tier each).</summary>
    public required IReadOnlyList<string> Announce { get; init; }

    /// <summary>Where the packages can also be fetched over HTTP (BEP 19 web seed), as a <c>$repo/$arch</c> template; null for none.</summary>
    public MirrorUrlTemplate? WebSeed { get; init; }

    /// <summary>Tag of the downloads this tool loads: only those are ever erased.</summary>
    public string Label { get; init; } = DefaultLabel;

    /// <summary>opentracker whitelist to keep in step with the published info hashes; null for none.</summary>
    public string? WhitelistPath { get; init; }

    /// <summary>
    /// Called after the whitelist changed and before any torrent is loaded (e.g. SIGHUP to opentracker), so the
    /// tracker already knows the new hashes when the client first announces them.
    /// </summary>
    public Func<CancellationToken, Task>? WhitelistChanged { get; init; }
}
