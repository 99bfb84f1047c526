using System.Globalization;
using System.Text;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Processes;

namespace Pactor.EndToEnd.Tests.Fixtures.Pacman;

/// <summary>
/// The real pacman 6 with a private configuration: its own root, database, cache, log, GPG and hook directories
/// in a temporary directory (deleted on dispose), and no XferCommand, so it downloads with its own libcurl code
/// as on a real Arch machine.
/// </summary>
/// <remarks>
/// What is needed and what is not (pacman 6.0.2, Debian 12): root, since <c>-S</c> refuses to run otherwise; an empty
/// root directory is enough: no <c>/etc</c>, <c>/var</c> or keyring inside it, as long as the packages have no
/// install scriptlets (those would chroot into the root) and <c>CheckSpace</c> stays off. Hooks are read from
/// HookDir and ROOT/usr/share/libalpm/hooks, both empty here. 6.0.2 has no download sandbox
/// (<c>--disable-sandbox</c> came with 7.0). <c>Architecture = auto</c> makes <c>$arch</c> <c>uname -m</c>.
/// <c>--noprogressbar</c> keeps the captured output readable.
/// </remarks>
public sealed class PacmanRunner : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    private readonly TempDirectory _directory;

    private PacmanRunner(TempDirectory directory, PacmanConfig config)
    {
        _directory = directory;
        Config = config;
        RootDirectory = directory.Sub("root");
        DatabaseDirectory = directory.Sub("db");
        CacheDirectory = directory.Sub("cache");
        LogPath = Path.Combine(directory.Path, "pacman.log");
        ConfigPath = Path.Combine(directory.Path, "pacman.conf");
        File.WriteAllText(ConfigPath, ConfigText(config, directory.Sub("gnupg"), directory.Sub("hooks")));
    }

    public PacmanConfig Config { get; }

    public string ConfigPath { get; }

    public string RootDirectory { get; }

    public string DatabaseDirectory { get; }

    public string CacheDirectory { get; }

    public string LogPath { get; }

    /// <exception cref="Processes.ExternalCommandException">Not root, or pacman is not installed.</exception>
    public static PacmanRunner Create(PacmanConfig config)
    {
        RequiredProgram.EnsureRoot("pacman -S refuses to run without root");
        RequiredProgram.Find("pacman");
        return new PacmanRunner(TempDirectory.Create("pacman"), config);
    }

    /// <summary><c>pacman -Sy</c> (or <c>-Syy</c> with <paramref name="force"/>, which skips If-Modified-Since).</summary>
    public Task<CommandResult> SyncAsync(bool force = false, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        RunAsync([force ? "-Syy" : "-Sy"], timeout, cancellationToken);

    /// <summary><c>pacman -S --noconfirm PACKAGE...</c> (after a sync).</summary>
    public Task<CommandResult> InstallAsync(IEnumerable<string> packages, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        RunAsync(["-S", .. packages], timeout, cancellationToken);

    /// <summary>Runs pacman with this configuration and <paramref name="arguments"/>; never throws for a non-zero exit.</summary>
    public Task<CommandResult> RunAsync(IEnumerable<string> arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ExternalCommand.RunAsync(
            "pacman",
            [
                "--config", ConfigPath, "--root", RootDirectory, "--dbpath", DatabaseDirectory, "--cachedir", CacheDirectory,
                "--noconfirm", "--noprogressbar", "--color", "never", .. arguments,
            ],
            environment: new Dictionary<string, string> { ["LC_ALL"] = "C" },
            timeout: timeout ?? DefaultTimeout,
            cancellationToken: cancellationToken);

    /// <summary>Where pacman keeps a downloaded package.</summary>
    public string CachedPath(BuiltPackage package) => Path.Combine(CacheDirectory, package.FileName);

    /// <summary>True when pacman's local database lists the package (<c>DBPATH/local/NAME-VERSION/desc</c>).</summary>
    public bool IsInstalled(BuiltPackage package) =>
        File.Exists(Path.Combine(DatabaseDirectory, "local", package.LocalDatabaseEntry, "desc"));

    /// <summary>Asserts that pacman recorded the package and that every file it holds is under the root with the right bytes.</summary>
    public async Task AssertInstalledAsync(BuiltPackage package)
    {
        Assert.True(IsInstalled(package), $"pacman's local database does not list {package.LocalDatabaseEntry}.\n{Describe()}");
        foreach (var file in package.Files)
        {
            var path = Path.Combine(RootDirectory, file.InstallPath);
            Assert.True(File.Exists(path), $"{package.Name}: {path} was not installed.\n{Describe()}");
            Assert.Equal(file.Size, new FileInfo(path).Length);
            Assert.Equal(file.Sha256, await MakepkgBuilder.Sha256Async(path));
        }
    }

    /// <summary>The configuration and pacman's own log, for failure messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"pacman.conf ({ConfigPath}):\n{File.ReadAllText(ConfigPath)}");
        text.Append(CultureInfo.InvariantCulture, $"pacman.log:\n{(File.Exists(LogPath) ? File.ReadAllText(LogPath) : "(none)\n")}");
        return text.ToString();
    }

    public void Dispose() => _directory.Dispose();

    private string ConfigText(PacmanConfig config, string gpgDirectory, string hookDirectory)
    {
        // RootDir/DBPath/CacheDir are also given on the command line, which wins; they are here for a reader of the file.
        var text = new StringBuilder()
            .Append("[options]\n")
            .Append(CultureInfo.InvariantCulture, $"RootDir = {RootDirectory}\n")
            .Append(CultureInfo.InvariantCulture, $"DBPath = {DatabaseDirectory}/\n")
            .Append(CultureInfo.InvariantCulture, $"CacheDir = {CacheDirectory}/\n")
            .Append(CultureInfo.InvariantCulture, $"LogFile = {LogPath}\n")
            .Append(CultureInfo.InvariantCulture, $"GPGDir = {gpgDirectory}/\n")
            .Append(CultureInfo.InvariantCulture, $"HookDir = {hookDirectory}/\n")
            .Append("Architecture = auto\n")
            .Append(CultureInfo.InvariantCulture, $"SigLevel = {config.SigLevel}\n");
        if (config.ParallelDownloads is { } parallel)
        {
            text.Append(CultureInfo.InvariantCulture, $"ParallelDownloads = {parallel}\n");
        }

        if (config.DisableDownloadTimeout)
        {
            text.Append("DisableDownloadTimeout\n");
        }

        foreach (var repo in config.Repos)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n[{repo.Name}]\n");
            foreach (var server in repo.Servers)
            {
                text.Append(CultureInfo.InvariantCulture, $"Server = {server}\n");
            }
        }

        return text.ToString();
    }
}
