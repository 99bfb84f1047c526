namespace Pactor.Core.Seeding;

/// <summary>The packages and torrents of a mirror tree, each list in path order.</summary>
/// <param name="Torrents">Full paths of the <c>.torrent</c> files found next to packages (or next to where a package was).</param>
/// <param name="Skipped">Packages left out on purpose (links leading out of the root, broken links).</param>
internal sealed record MirrorTreeScan(
    IReadOnlyList<PackageFileEntry> Packages,
    IReadOnlyList<string> Torrents,
    IReadOnlyList<SeedProblem> Skipped);
