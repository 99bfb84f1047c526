using System.Diagnostics;

namespace Pactor.Benchmarks;

/// <summary>
/// GETs as pacman makes them through a mirror: a 307 is followed (to the seedbox's origin, whose bytes then count as
/// the seedbox's), the body read to its end; the time is to the last byte, redirect included.
/// </summary>
public static class PacmanFetch
{
    /// <summary>A client that follows redirects and bypasses any proxy; 60 s per request at most.</summary>
    public static HttpClient CreateClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = true, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };

    /// <returns>The answer; <see cref="Transfer.Location"/> is where a redirect led, null when there was none.</returns>
    public static async Task<Transfer> GetAsync(HttpClient http, Uri baseUrl, string urlPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var requested = new Uri(baseUrl, urlPath.TrimStart('/'));
        var buffer = new byte[128 * 1024];
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(requested, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        long bytes = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            bytes += read;
        }

        var landed = response.RequestMessage?.RequestUri;
        return new Transfer(response.StatusCode, bytes, clock.Elapsed, landed is not null && landed != requested ? landed : null);
    }
}
