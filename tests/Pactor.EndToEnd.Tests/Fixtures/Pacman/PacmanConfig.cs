namespace Pactor.EndToEnd.Tests.Fixtures.Pacman;

/// <summary>What goes into an isolated test pacman.conf besides the paths <see cref="PacmanRunner"/> fills in.</summary>
public sealed record PacmanConfig
{
    public required IReadOnlyList<PacmanRepoSection> Repos { get; init; }

    /// <summary>
    /// <c>Never</c>: no .sig is requested. <c>Optional</c>: <c>REPO.db.sig</c> and <c>PKG.sig</c> are requested and a 404
    /// is accepted silently (unsigned test packages then install with an empty GPGDir).
    /// </summary>
    public string SigLevel { get; init; } = "Never";

    /// <summary>Null leaves the line out: pacman 6.0.2 then downloads one file at a time.</summary>
    public int? ParallelDownloads { get; init; }

    /// <summary>Lifts pacman's "less than 1 byte/s for 10 s" abort.</summary>
    public bool DisableDownloadTimeout { get; init; }

    /// <summary>One repo with its servers in order (pacman URL templates such as <c>http://127.0.0.1:8001/$repo/os/$arch</c>).</summary>
    public static PacmanConfig ForRepo(string repoName, params string[] servers) =>
        new() { Repos = [new PacmanRepoSection(repoName, servers)] };
}
