using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Pactor.RTorrent;

/// <summary>Builds an <see cref="RTorrentClient"/> with the transport its endpoint needs.</summary>
public static class RTorrentClientFactory
{
    // One HttpClient for the process, as HttpClient is meant to be used; the per-call deadline is ours.
    private static readonly Lazy<HttpClient> SharedHttpClient = new(() => new HttpClient(
        new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    });

    /// <summary>A client for <see cref="RTorrentOptions.Endpoint"/>.</summary>
    /// <exception cref="ArgumentException">Invalid options, including an endpoint that does not parse.</exception>
    public static RTorrentClient Create(RTorrentOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        RTorrentOptionsValidator.ThrowIfInvalid(options);
        return Create(RTorrentEndpoint.Parse(options.Endpoint), options, timeProvider, loggerFactory);
    }

    /// <summary>A client for <paramref name="endpoint"/>; <see cref="RTorrentOptions.Endpoint"/> is not used.</summary>
    public static RTorrentClient Create(
        RTorrentEndpoint endpoint, RTorrentOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        var clock = timeProvider ?? TimeProvider.System;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RTorrentClient>();
        return new RTorrentClient(CreateTransport(endpoint, options, clock), clock, logger, Options.Create(options));
    }

    /// <summary>SCGI (TCP or unix socket) or HTTP(S), as the endpoint says.</summary>
    public static IXmlRpcTransport CreateTransport(RTorrentEndpoint endpoint, RTorrentOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.Kind == RTorrentEndpointKind.Http
            ? new HttpXmlRpcTransport(endpoint, SharedHttpClient.Value, options, timeProvider)
            : new ScgiTransport(endpoint, options, timeProvider);
    }
}
