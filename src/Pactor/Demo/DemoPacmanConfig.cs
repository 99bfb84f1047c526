namespace Pactor.Demo;

/// <summary>
/// A pacman.conf whose every path (database, cache, log, GnuPG, hooks) is inside the demo's folder, so
/// <c>pacman --config FILE -Syw NAME</c> downloads through pactor without touching the system's pacman state.
/// pacman still wants root for a sync, even with its own paths.
/// </summary>
internal sealed record DemoPacmanConfig(string Directory, string Repository, string Server)
{
    public string FilePath => Path.Combine(Directory, "pacman.conf");

    public string CacheDirectory => Path.Combine(Directory, "cache");

    /// <summary>The lines to add to a system's own pacman.conf.</summary>
    public string RepositorySection => $"""
        [{Repository}]
        SigLevel = Never
        Server = {Server}
        """;

    public string DownloadCommand(string package) => $"pacman --config {FilePath} -Syw --noconfirm {package}";

    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        foreach (var folder in (string[])["db", "cache", "gnupg", "hooks"])
        {
            System.IO.Directory.CreateDirectory(Path.Combine(Directory, folder));
        }

        var text = $"""
            # Written by pactor demo: every path pacman uses is in {Directory}.
            [options]
            Architecture = auto
            DBPath = {Path.Combine(Directory, "db")}/
            CacheDir = {CacheDirectory}/
            LogFile = {Path.Combine(Directory, "pacman.log")}
            GPGDir = {Path.Combine(Directory, "gnupg")}/
            HookDir = {Path.Combine(Directory, "hooks")}/
            SigLevel = Never

            {RepositorySection}

            """;
        await File.WriteAllTextAsync(FilePath, text.ReplaceLineEndings("\n"), cancellationToken);
    }
}
