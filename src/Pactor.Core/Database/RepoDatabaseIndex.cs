using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Pactor.Core.Paths;
using Pactor.Core.Store;

namespace Pactor.Core.Database;

/// <summary>
/// The package entries of every <c>REPO.db</c> pactor holds, by repo and architecture: what a
/// swarm download is verified against. Loaded from the cached copy on first use and reloaded
/// whenever a new copy arrives from upstream.
/// </summary>
public sealed partial class RepoDatabaseIndex(CacheLayout layout, ILogger<RepoDatabaseIndex> logger)
{
    private readonly ConcurrentDictionary<(string Repo, string Arch), Lazy<RepoDatabase>> databases = new();

    public PackageEntry? Find(MirrorFile package) =>
        databases.GetOrAdd((package.Repo, package.Arch), key => new Lazy<RepoDatabase>(() => LoadCached(key.Repo, key.Arch)))
            .Value.Find(package.PackageFileName);

    /// <summary>Reads the freshly cached <c>REPO.db</c> of <paramref name="repo"/>/<paramref name="arch"/>.</summary>
    public void Reload(string repo, string arch)
    {
        var database = LoadCached(repo, arch);
        databases[(repo, arch)] = new Lazy<RepoDatabase>(database);
    }

    /// <summary>Every entry of every database held, for cache eviction and status.</summary>
    public IEnumerable<(string Repo, string Arch, RepoDatabase Database)> All =>
        databases.Where(d => d.Value.IsValueCreated).Select(d => (d.Key.Repo, d.Key.Arch, d.Value.Value));

    private RepoDatabase LoadCached(string repo, string arch)
    {
        var path = layout.UpstreamCopyPath(new MirrorFile(repo, arch, repo + ".db", MirrorFileKind.Database));
        if (!File.Exists(path))
        {
            return RepoDatabase.Empty;
        }

        try
        {
            var database = RepoDatabaseReader.Read(path);
            LogLoaded(repo, arch, database.Count);
            return database;
        }
        catch (Exception e) when (e is RepoDatabaseException or IOException)
        {
            LogUnreadable(repo, arch, e.Message);
            return RepoDatabase.Empty;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Repo database {Repo}/{Arch}: {Count} packages")]
    private partial void LogLoaded(string repo, string arch, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Repo database {Repo}/{Arch} is unreadable: {Reason}")]
    private partial void LogUnreadable(string repo, string arch, string reason);
}
