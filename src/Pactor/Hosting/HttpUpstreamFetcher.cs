using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pactor.Core.Upstreams;

namespace Pactor.Hosting;

/// <summary>
/// GETs from upstream mirrors and torrent sources. HTTP and network errors, a silent upstream
/// (<see cref="ServeOptions.UpstreamTimeout"/>, restarted after every read) and a body over the cap
/// are <see cref="UpstreamStatus.Failed"/>, never exceptions; only writing to the destination may throw. A failure the
/// same GET may not meet again (network errors, silence, a 5xx or 408, a body cut short) is
/// <see cref="UpstreamResponse.IsTransient"/>; any other status, a refused redirect or a body over the cap is definite.
/// </summary>
public sealed partial class HttpUpstreamFetcher(
    IHttpClientFactory clients,
    IOptions<ServeOptions> options,
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

        using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        silence.CancelAfter(options.Value.UpstreamTimeout);
        HttpResponseMessage? response;
        string? refusal;
        try
        {
            (response, refusal) = await SendFollowingRedirectsAsync(url, ifModifiedSince, silence.Token);
        }
        catch (Exception e) when (IsNetworkFailure(e, cancellationToken))
        {
            return Failed(url, e);
        }

        if (response is null)
        {
            LogFailed(url, refusal!);
            return UpstreamResponse.Failure(refusal!);
        }

        using (response)
        {
            var lastModified = response.Content.Headers.LastModified;
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    return await CopyAsync(url, response, destination, lastModified, maxBytes, silence, cancellationToken);
                case HttpStatusCode.NotModified:
                    return new UpstreamResponse(UpstreamStatus.NotModified, lastModified ?? ifModifiedSince);
                case HttpStatusCode.NotFound or HttpStatusCode.Gone:
                    return UpstreamResponse.NotFound;
                default:
                    LogStatus(url, (int)response.StatusCode);
                    return (int)response.StatusCode is >= 500 or 408
                        ? UpstreamResponse.TransientFailure($"HTTP {(int)response.StatusCode}")
                        : UpstreamResponse.Failure($"HTTP {(int)response.StatusCode}");
            }
        }
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
        CancellationTokenSource silence, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            return TooLarge(url, maxBytes);
        }

        Stream body;
        try
        {
            body = await response.Content.ReadAsStreamAsync(silence.Token);
        }
        catch (Exception e) when (IsNetworkFailure(e, cancellationToken))
        {
            return Failed(url, e);
        }

        await using (body)
        {
            var buffer = new byte[81920];
            long total = 0;
            while (true)
            {
                int read;
                try
                {
                    silence.CancelAfter(options.Value.UpstreamTimeout);
                    read = await body.ReadAsync(buffer, silence.Token);
                }
                catch (Exception e) when (IsNetworkFailure(e, cancellationToken))
                {
                    return Failed(url, e);
                }

                if (read == 0)
                {
                    return Completed(response, lastModified, total);
                }

                total += read;
                if (total > maxBytes)
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

    private UpstreamResponse Failed(Uri url, Exception e)
    {
        var reason = e is OperationCanceledException
            ? $"no answer for {options.Value.UpstreamTimeout.TotalSeconds:0.###} s"
            : e.Message;
        LogFailed(url, reason);
        return UpstreamResponse.TransientFailure(reason);
    }

    private UpstreamResponse TooLarge(Uri url, long maxBytes)
    {
        LogTooLarge(url, maxBytes);
        return UpstreamResponse.Failure($"larger than {maxBytes} bytes");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "GET {Url} failed: {Reason}")]
    private partial void LogFailed(Uri url, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GET {Url} answered HTTP {Status}")]
    private partial void LogStatus(Uri url, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GET {Url} refused: larger than {MaxBytes} bytes")]
    private partial void LogTooLarge(Uri url, long maxBytes);
}
