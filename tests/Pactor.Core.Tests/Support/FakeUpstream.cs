using System.Collections.Concurrent;
using Pactor.Core.Upstreams;

namespace Pactor.Core.Tests.Support;

/// <summary>An in-memory HTTP upstream: URL → bytes and Last-Modified; records every GET.</summary>
internal sealed class FakeUpstream : IUpstreamFetcher
{
    private readonly ConcurrentDictionary<string, (byte[] Body, DateTimeOffset LastModified)> files = new();
    private readonly ConcurrentDictionary<string, int> resets = new();

    public ConcurrentQueue<(string Url, DateTimeOffset? IfModifiedSince)> Requests { get; } = new();

    /// <summary>Hosts whose every GET fails definitely (as a 403 would): never retried.</summary>
    public HashSet<string> FailingHosts { get; } = [];

    /// <summary>Hosts whose every GET fails transiently, as a reset connection or a silent upstream would.</summary>
    public HashSet<string> ResettingHosts { get; } = [];

    /// <summary>Hosts that answer 200 with the whole body whatever <c>If-Modified-Since</c> says.</summary>
    public HashSet<string> IgnoringIfModifiedSince { get; } = [];

    public TaskCompletionSource? Gate { get; set; }

    /// <summary>
    /// Hosts that accept a GET and stay silent until their gate is set: <c>true</c> then answers as usual (late),
    /// <c>false</c> fails as a first-byte timeout would.
    /// </summary>
    public ConcurrentDictionary<string, TaskCompletionSource<bool>> SilentHosts { get; } = new();

    public void Put(string url, byte[] body, DateTimeOffset? lastModified = null) =>
        files[url] = (body, lastModified ?? new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    public void Remove(string url) => files.TryRemove(url, out _);

    /// <summary>
    /// The next <paramref name="times"/> GETs of <paramref name="url"/> write the first half of its body, then fail
    /// transiently, as a connection reset in the middle of the body would.
    /// </summary>
    public void ResetNext(string url, int times = 1) => resets[url] = times;

    public async Task<UpstreamResponse> GetAsync(Uri url, Stream destination, DateTimeOffset? ifModifiedSince, long maxBytes, CancellationToken cancellationToken)
    {
        Requests.Enqueue((url.ToString(), ifModifiedSince));
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (SilentHosts.TryGetValue(url.Host, out var silent) && !await silent.Task.WaitAsync(cancellationToken))
        {
            return UpstreamResponse.TransientFailure("no answer for 1.5 s");
        }

        if (FailingHosts.Contains(url.Host))
        {
            return UpstreamResponse.Failure("connection refused");
        }

        if (ResettingHosts.Contains(url.Host))
        {
            return UpstreamResponse.TransientFailure("connection reset by peer");
        }

        if (!files.TryGetValue(url.ToString(), out var file))
        {
            return UpstreamResponse.NotFound;
        }

        if (TakeReset(url.ToString()))
        {
            await destination.WriteAsync(file.Body.AsMemory(0, file.Body.Length / 2), cancellationToken);
            return UpstreamResponse.TransientFailure("connection reset by peer");
        }

        if (ifModifiedSince is { } since && file.LastModified <= since && !IgnoringIfModifiedSince.Contains(url.Host))
        {
            return new UpstreamResponse(UpstreamStatus.NotModified, file.LastModified);
        }

        if (file.Body.Length > maxBytes)
        {
            return UpstreamResponse.Failure("too large");
        }

        await destination.WriteAsync(file.Body, cancellationToken);
        return new UpstreamResponse(UpstreamStatus.Ok, file.LastModified, file.Body.Length);
    }

    private bool TakeReset(string url)
    {
        while (resets.TryGetValue(url, out var left) && left > 0)
        {
            if (resets.TryUpdate(url, left - 1, left))
            {
                return true;
            }
        }

        return false;
    }
}
