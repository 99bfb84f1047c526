using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pactor.Core.Mirror;
using Pactor.Core.Upstreams;

namespace Pactor.Hosting;

/// <summary>
/// GETs from upstream mirrors and torrent sources. HTTP and network errors, a silent upstream (no response headers
/// within <see cref="MirrorOptions.UpstreamFirstByteTimeout"/>, redirects included; then no data for
/// <see cref="ServeOptions.UpstreamTimeout"/>, restarted after every read), a body slower than
/// <see cref="MirrorOptions.UpstreamMinBytesPerSecond"/> and a body over the cap are <see cref="UpstreamStatus.Failed"/>,
/// never exceptions; only writing to the destination may throw. A failure the same GET may not meet again (network
/// errors, silence, a trickle, a 5xx or 408, a body cut short) is <see cref="UpstreamResponse.IsTransient"/>; any other
/// status, a refused redirect or a body over the cap is definite. Every answer carries its time to first byte.
/// </summary>
public sealed partial class HttpUpstreamFetcher(
    IHttpClientFactory clients,
    IOptions<ServeOptions> options,
    IOptions<MirrorOptions> mirrorOptions,
    TimeProvider time,
    ILogger<HttpUpstreamFetcher> logger) : IUpstreamFetcher
{
    /// <summary>The named client, configured in <see cref="MirrorServiceCollectionExtensions.AddUpstreamFetcher"/>.</summary>
    public const string ClientName = "pactor-upstream";

    public const int MaxRedirects = 5;

    public async Task<UpstreamResponse> GetAsync(
        Uri url, Stream destination, DateTimeOffset? ifModifiedSince, long maxBytes, CancellationToken cancellationToken)
    {
        if (url.Scheme is not ("http" or "https"))
        {
            return UpstreamResponse.Failure($"{url.Scheme} is not http or https");
        }

        var firstByte = options.Value.UpstreamTimeout < mirrorOptions.Value.FirstByteTimeout
            ? options.Value.UpstreamTimeout
            : mirrorOptions.Value.FirstByteTimeout;
        var started = time.GetTimestamp();
        using var silence = new CancellationTokenSource(firstByte, time);
        using var tooSlow = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, silence.Token, tooSlow.Token);
        var guard = new ReadGuard(silence, tooSlow, linked.Token);
        HttpResponseMessage? response;
        string? refusal;
        try
        {
            (response, refusal) = await SendFollowingRedirectsAsync(url, ifModifiedSince, linked.Token);
        }
        catch (Exception e) when (IsNetworkFailure(e, cancellationToken))
        {
            return Failed(url, e, $"no answer for {firstByte.TotalSeconds:0.###} s");
        }

        var timeToFirstByte = time.GetElapsedTime(started);
        if (response is null)
        {
            LogFailed(url, refusal!);
            return UpstreamResponse.Failure(refusal!) with { TimeToFirstByte = timeToFirstByte };
        }

        using (response)
        {
            var lastModified = response.Content.Headers.LastModified;
            var answer = response.StatusCode switch
            {
                HttpStatusCode.OK => await CopyAsync(url, response, destination, lastModified, maxBytes, guard, cancellationToken),
                HttpStatusCode.NotModified => new UpstreamResponse(UpstreamStatus.NotModified, lastModified ?? ifModifiedSince),
                HttpStatusCode.NotFound or HttpStatusCode.Gone => UpstreamResponse.NotFound,
                _ => StatusFailure(url, (int)response.StatusCode),
            };
            return answer with { TimeToFirstByte = timeToFirstByte };
        }
    }

    private UpstreamResponse StatusFailure(Uri url, int status)
    {
        LogStatus(url, status);
        return status is >= 500 or 408
            ? UpstreamResponse.TransientFailure($"HTTP {status}")
            : UpstreamResponse.Failure($"HTTP {status}");
    }

    // Redirects are followed here rather than by the handler, which is not strict enough about where to:
    // only to http or https, never from https down to http, at most MaxRedirects hops.
    private async Task<(HttpResponseMessage? Response, string? Refusal)> SendFollowingRedirectsAsync(Uri url, DateTimeOffset? ifModifiedSince, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(ClientName);
        var current = url;
        for (var hops = 0; ; hops++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.IfModifiedSince = ifModifiedSince;
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
            {
                return (response, null);
            }

            response.Dispose();
            var next = location.IsAbsoluteUri ? location : new Uri(current, location);
            if (next.Scheme is not ("http" or "https") || (current.Scheme == "https" && next.Scheme == "http") || hops == MaxRedirects)
            {
                return (null, hops == MaxRedirects
                    ? $"more than {MaxRedirects} redirects"
                    : $"redirected to {next.Scheme}://{next.Authority}: not followed");
            }

            current = next;
        }
    }

    private async Task<UpstreamResponse> CopyAsync(
        Uri url, HttpResponseMessage response, Stream destination, DateTimeOffset? lastModified, long maxBytes,
        ReadGuard guard, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            return TooLarge(url, maxBytes);
        }

        var silence = options.Value.UpstreamTimeout;
        var silent = $"no answer for {silence.TotalSeconds:0.###} s";
        Stream body;
        try
        {
            guard.Silence.CancelAfter(silence);
            body = await response.Content.ReadAsStreamAsync(guard.Token);
        }
        catch (Exception e) when (IsNetworkFailure(e, cancellationToken))
        {
            return Failed(url, e, silent);
        }

        // Checked once per window: fewer bytes than the floor in one window and the GET is given up, as too slow.
        var window = mirrorOptions.Value.FirstByteTimeout;
        var floor = (long)(mirrorOptions.Value.UpstreamMinBytesPerSecond * window.TotalSeconds);
        long total = 0;
        long checkedAt = 0;
        await using var speed = floor > 0
            ? time.CreateTimer(
                _ =>
                {
                    var now = Interlocked.Read(ref total);
                    if (now - Interlocked.Exchange(ref checkedAt, now) < floor)
                    {
                        guard.TooSlow.Cancel();
                    }
                },
                null,
                window,
                window)
            : null;
        var tooSlow = $"slower than {mirrorOptions.Value.UpstreamMinBytesPerSecond} bytes/s";
        await using (body)
        {
            var buffer = new byte[81920];
            while (true)
            {
                int read;
                try
                {
                    guard.Silence.CancelAfter(silence);
                    read = await body.ReadAsync(buffer, guard.Token);
                }
                catch (Exception e) when (IsNetworkFailure(e, cancellationToken))
                {
                    return Failed(url, e, guard.TooSlow.IsCancellationRequested ? tooSlow : silent);
                }

                if (read == 0)
                {
                    return Completed(response, lastModified, Interlocked.Read(ref total));
                }

                if (Interlocked.Add(ref total, read) > maxBytes)
                {
                    return TooLarge(url, maxBytes);
                }

                // Outside the try: a failing destination (a full disk) is not an upstream failure.
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
    }

    private static UpstreamResponse Completed(HttpResponseMessage response, DateTimeOffset? lastModified, long total) =>
        response.Content.Headers.ContentLength is { } expected && expected != total
            ? UpstreamResponse.TransientFailure($"body ended after {total} of {expected} bytes")
            : new UpstreamResponse(UpstreamStatus.Ok, lastModified, total);

    private static bool IsNetworkFailure(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or IOException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private UpstreamResponse Failed(Uri url, Exception e, string timedOut)
    {
        var reason = e is OperationCanceledException ? timedOut : e.Message;
        LogFailed(url, reason);
        return UpstreamResponse.TransientFailure(reason);
    }

    private UpstreamResponse TooLarge(Uri url, long maxBytes)
    {
        LogTooLarge(url, maxBytes);
        return UpstreamResponse.Failure($"larger than {maxBytes} bytes");
    }

    /// <summary>The cancellations one GET reads under: silence (re-armed per read), too slow, and the caller's, linked.</summary>
    private sealed record ReadGuard(CancellationTokenSource Silence, CancellationTokenSource TooSlow, CancellationToken Token);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GET {Url} failed: {Reason}")]
    private partial void LogFailed(Uri url, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GET {Url} answered HTTP {Status}")]
    private partial void LogStatus(Uri url, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GET {Url} refused: larger than {MaxBytes} bytes")]
    private partial void LogTooLarge(Uri url, long maxBytes);
}
