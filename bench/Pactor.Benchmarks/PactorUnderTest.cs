using System.Diagnostics;
using System.Net;
using Pactor.EndToEnd.Tests.Fixtures.Pactor;
using Pactor.EndToEnd.Tests.Fixtures.Processes;
using Pactor.RTorrent.Tests.Integration;

namespace Pactor.Benchmarks;

/// <summary>
/// A fresh <c>pactor serve</c> (Release pactor.dll, fresh cache directory, its own rtorrent on its own loopback
/// address) with the bench mirror as upstream and torrent source, and an HTTP client that never follows redirects.
/// Started with the repo database already fetched through it (pactor verifies packages against it).
/// </summary>
public sealed class PactorUnderTest : IAsyncDisposable
{
    private PactorUnderTest(PactorServeProcess process, IPAddress rtorrentAddress)
    {
        Process = process;
        RTorrentAddress = rtorrentAddress;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };
    }

    public PactorServeProcess Process { get; }

    public IPAddress RTorrentAddress { get; }

    public HttpClient Http { get; }

    public int Pid => Process.Process.Id;

    public static async Task<PactorUnderTest> StartAsync(BenchMirror mirror, BenchOptions options, string? accelRedirect = null, string? accessLogSocket = null)
    {
        var rtorrentAddress = LoopbackAddresses.Next();
        var extra = new Dictionary<string, string> { ["RTorrentBind"] = rtorrentAddress.ToString() };
        if (accelRedirect is not null)
        {
            extra["AccelRedirect"] = accelRedirect;
        }

        if (accessLogSocket is not null)
        {
            extra["AccessLogSocket"] = accessLogSocket;
        }

        if (options.PactorPollInterval is { } pollInterval)
        {
            extra["PollInterval"] = pollInterval;
        }

        var process = await PactorServeProcess.StartAsync(new PactorServeSettings
        {
            Upstreams = [mirror.Upstream.ServerTemplate],
            Extra = extra,
        });
        var pactor = new PactorUnderTest(process, rtorrentAddress);
        try
        {
            var database = await pactor.GetAsync(mirror.DatabaseUrlPath);
            if (database.Status != HttpStatusCode.OK)
            {
                throw new ExternalCommandException($"pactor answered {(int)database.Status} for the repo database", process.Describe());
            }
        }
        catch
        {
            await pactor.DisposeAsync();
            throw;
        }

        return pactor;
    }

    public Uri UrlOf(string urlPath) => new(Process.BaseUrl, urlPath.TrimStart('/'));

    /// <summary>One GET, body read to its end; the time is to the last byte.</summary>
    public async Task<Transfer> GetAsync(string urlPath, CancellationToken cancellationToken = default)
    {
        var buffer = new byte[128 * 1024];
        var clock = Stopwatch.StartNew();
        using var response = await Http.GetAsync(UrlOf(urlPath), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        long bytes = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            bytes += read;
        }

        return new Transfer(response.StatusCode, bytes, clock.Elapsed, response.Headers.Location);
    }

    public string Describe() => Process.Describe();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
    }
}
