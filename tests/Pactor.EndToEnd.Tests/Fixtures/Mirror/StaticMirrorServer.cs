using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pactor.EndToEnd.Tests.Fixtures.Packages;

namespace Pactor.EndToEnd.Tests.Fixtures.Mirror;

/// <summary>
/// A read-only HTTP mirror of a directory tree on a loopback address (Kestrel in-process): GET and HEAD,
/// Range → 206, Last-Modified and If-Modified-Since → 304, 404 for what is not there, symbolic links followed
/// (repo-add's <c>REPO.db</c> is one). Every request is logged (<see cref="Requests"/>), so a test can prove what
/// reached it; <see cref="When"/> makes chosen paths stall, fail, redirect or wait.
/// </summary>
public sealed class StaticMirrorServer : IAsyncDisposable
{
    private readonly string _root;
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<MirrorRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _rulesLock = new();
    private List<(Func<string, bool> Matches, MirrorBehavior Behavior)> _rules = [];
    private int _disposed;

    private StaticMirrorServer(string root, WebApplication app)
    {
        _root = root;
        _app = app;
        _app.Run(HandleAsync);
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The pacman <c>Server =</c> line value for this mirror: <c>BASE/$repo/os/$arch</c>.</summary>
    public string ServerTemplate => PackageRepo.ServerTemplate(BaseUrl);

    public IReadOnlyList<MirrorRequest> Requests => [.. _requests];

    /// <summary>Requests for package archives themselves (not .sig, not .torrent).</summary>
    public IReadOnlyList<MirrorRequest> PackageRequests => [.. _requests.Where(request => request.IsPackage)];

    /// <summary>Serves <paramref name="root"/> on <paramref name="address"/> (default 127.0.0.1), port chosen by the system.</summary>
    public static async Task<StaticMirrorServer> StartAsync(string root, IPAddress? address = null, CancellationToken cancellationToken = default)
    {
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address ?? IPAddress.Loopback, 0));
        var server = new StaticMirrorServer(fullRoot, builder.Build());
        await server._app.StartAsync(cancellationToken);
        server.BaseUrl = new Uri(server._app.Urls.Single() + "/");
        return server;
    }

    /// <summary>From now on, requests whose URL path matches answer with <paramref name="behavior"/>; a later rule wins over an earlier one.</summary>
    public void When(Func<string, bool> pathMatches, MirrorBehavior behavior)
    {
        lock (_rulesLock)
        {
            _rules = [(pathMatches, behavior), .. _rules];
        }
    }

    /// <summary>Like <see cref="When"/>, for the first matching request only; later ones are answered as before.</summary>
    public void WhenFirst(Func<string, bool> pathMatches, MirrorBehavior behavior)
    {
        var used = 0;
        When(path => pathMatches(path) && Interlocked.Exchange(ref used, 1) == 0, behavior);
    }

    /// <summary>Package archives only (what <see cref="MirrorRequest.IsPackage"/> matches).</summary>
    public void WhenPackage(MirrorBehavior behavior) => When(path => MirrorFileNames.IsPackage(path), behavior);

    /// <summary>Drops every rule: everything is served again.</summary>
    public void ServeEverything()
    {
        lock (_rulesLock)
        {
            _rules = [];
        }
    }

    public void ClearRequests() => _requests.Clear();

    /// <summary>The request log, one line each, for failure messages.</summary>
    public string DescribeRequests() =>
        $"requests to mirror {BaseUrl} ({_root}):\n" + string.Join('\n', _requests.Select(request => "  " + request));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Stalled handlers wait on this; without it StopAsync would wait for them.
        await _stopping.CancelAsync();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var clock = Stopwatch.StartNew();
        var path = context.Request.Path.Value ?? "/";
        var behavior = BehaviorFor(path);
        var aborted = false;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await MirrorResponder.RespondAsync(context, _root, path, behavior, cancellation.Token);
            aborted = behavior.Kind == MirrorBehaviorKind.Reset;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && cancellation.IsCancellationRequested)
        {
            aborted = true;
            // Ending the handler normally would send "200 OK" with an empty body: a client must see a dead connection.
            context.Abort();
        }
        finally
        {
            var headers = context.Request.Headers;
            _requests.Enqueue(new MirrorRequest(
                context.Request.Method,
                path,
                context.Response.HasStarted || !aborted ? context.Response.StatusCode : 0,
                context.Response.ContentLength,
                headers.Range.Count > 0 ? headers.Range.ToString() : null,
                headers.IfModifiedSince.Count > 0 ? headers.IfModifiedSince.ToString() : null,
                headers.UserAgent.Count > 0 ? headers.UserAgent.ToString() : null,
                behavior.Kind,
                clock.Elapsed,
                aborted || context.RequestAborted.IsCancellationRequested));
        }
    }

    private MirrorBehavior BehaviorFor(string path)
    {
        lock (_rulesLock)
        {
            return _rules.FirstOrDefault(rule => rule.Matches(path)).Behavior ?? MirrorBehavior.Serve;
        }
    }
}
