using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pactor.Core.Tracker;

namespace Pactor.Hosting;

/// <summary>
/// <c>pactor serve --tracker</c>: <c>GET /announce</c> and <c>GET /scrape</c> (BEP 3, 23, 7, 48). The query
/// goes to <see cref="PeerTracker"/> as received: <c>Request.Query</c> would decode <c>info_hash</c> as UTF-8
/// and mangle its bytes. The peer's address is the connection's.
/// </summary>
public static class TrackerEndpoints
{
    public static IEndpointRouteBuilder MapTracker(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/announce", (HttpContext context, PeerTracker tracker) =>
            Bencoded(tracker.Announce(context.Request.QueryString.Value, context.Connection.RemoteIpAddress)));
        endpoints.MapGet("/scrape", (HttpContext context, PeerTracker tracker) =>
            Bencoded(tracker.Scrape(context.Request.QueryString.Value)));
        return endpoints;
    }

    // Always 200, refusals included: clients show a bencoded "failure reason" only from a 200 answer and
    // treat any other status as the tracker being unreachable.
    private static IResult Bencoded(byte[] body) => Results.Bytes(body, "text/plain");
}
