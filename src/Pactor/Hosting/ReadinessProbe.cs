using Microsoft.Extensions.Options;
using Pactor.Core.Mirror;
using Pactor.Core.Paths;
using Pactor.Core.Store;
using Pactor.Core.Upstreams;

namespace Pactor.Hosting;

/// <summary>
/// Whether pactor can serve: rtorrent answers, the cache directory is writable, and a repo database is
/// cached or an upstream answers (any HTTP answer counts: a 404 still proves the mirror is there). In
/// origin mode (<c>--root</c>) there is neither rtorrent nor upstream: the mirror tree must be readable.
/// The result is kept for <see cref="Freshness"/>, so probes in a tight loop cost one check.
/// </summary>
public sealed class ReadinessProbe
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);

    private readonly RTorrentProbe rtorrent;
    private readonly CacheLayout layout;
    private readonly UpstreamSet upstreams;
    private readonly IUpstreamFetcher fetcher;
    private readonly long maxDatabaseBytes;
    private readonly string? originRoot;
    private readonly TimeProvider time;
    private readonly ProbeCache<IReadOnlyList<string>> cache;

    public ReadinessProbe(
        RTorrentProbe rtorrent,
        CacheLayout layout,
        UpstreamSet upstreams,
        IUpstreamFetcher fetcher,
        IOptions<MirrorOptions> options,
        IOptions<ServeOptions> serve,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(serve);
        originRoot = serve.Value.IsOrigin ? serve.Value.Root : null;
        this.rtorrent = rtorrent;
        this.layout = layout;
        this.upstreams = upstreams;
        this.fetcher = fetcher;
        this.time = time;
        maxDatabaseBytes = options.Value.MaxDatabaseBytes;
        cache = new ProbeCache<IReadOnlyList<string>>(CheckAsync, Freshness, time);
    }

    /// <summary>One line per reason pactor is not ready; empty when it is.</summary>
    public Task<IReadOnlyList<string>> ProblemsAsync() => cache.GetAsync();

    private async Task<IReadOnlyList<string>> CheckAsync()
    {
        if (originRoot is not null)
        {
            return OriginProblem(originRoot) is { } origin ? [origin] : [];
        }

        var problems = new List<string>();
        var health = await rtorrent.GetAsync();
        if (!health.Reachable)
        {
            problems.Add($"rtorrent does not answer at {rtorrent.Endpoint}: {health.Error}");
        }

        if (WriteProblem() is { } write)
        {
            problems.Add(write);
        }

        if (!HasCachedDatabase() && await UpstreamProblemAsync() is { } upstream)
        {
            problems.Add(upstream);
        }

        return problems;
    }

    private static string? OriginProblem(string root)
    {
        try
        {
            _ = Directory.EnumerateFileSystemEntries(root).Take(1).Count();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"mirror tree {root} is not readable: {e.Message}";
        }
    }

    private string? WriteProblem()
    {
        var probe = Path.Combine(layout.TempDirectory, $".ready-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(layout.TempDirectory);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cache directory {layout.Root} is not writable: {e.Message}";
        }
    }

    private bool HasCachedDatabase()
    {
        var databases = Path.Combine(layout.Root, "db");
        return Directory.Exists(databases)
            && Directory.EnumerateFiles(databases, "*.db", SearchOption.AllDirectories).Any();
    }

    private async Task<string?> UpstreamProblemAsync()
    {
        if (upstreams.Mirrors.Count == 0)
        {
            return "no repo database cached and no upstream configured";
        }

        // Asked If-Modified-Since now, a mirror answers 304 without a body.
        var probeFile = new MirrorFile("core", "x86_64", "core.db", MirrorFileKind.Database);
        var failures = new List<string>();
        foreach (var mirror in upstreams.Mirrors)
        {
            var url = mirror.For(probeFile);
            var response = await fetcher.GetAsync(url, Stream.Null, time.GetUtcNow(), maxDatabaseBytes, CancellationToken.None);
            if (response.Status != UpstreamStatus.Failed)
            {
                return null;
            }

            failures.Add($"{url}: {response.Reason}");
        }

        return $"no repo database cached and no upstream answers ({string.Join("; ", failures)})";
    }
}
