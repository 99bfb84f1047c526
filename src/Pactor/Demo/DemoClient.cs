using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Pactor.Core.Activity;
using Pactor.Core.Swarm;
using Pactor.Hosting;
using Pactor.RTorrent;

namespace Pactor.Demo;

/// <summary>
/// The demo's pacman-side <c>pactor serve</c> on the address pacman is given, mirroring the seedbox's origin, with its
/// own managed rtorrent on <see cref="RTorrentAddress"/> (apart from the seedbox's: peers are keyed by IP).
/// </summary>
internal sealed class DemoClient(WebApplication app, Uri url) : IAsyncDisposable
{
    public static readonly IPAddress RTorrentAddress = IPAddress.Parse("127.0.0.2");

    public Uri Url => url;

    public MirrorActivity Activity => app.Services.GetRequiredService<MirrorActivity>();

    public DownloadCoordinator Downloads => app.Services.GetRequiredService<DownloadCoordinator>();

    /// <summary>Cancelled when the app stops by itself (its own SIGINT/SIGTERM handler also sees Ctrl-C).</summary>
    public CancellationToken Stopping => app.Lifetime.ApplicationStopping;

    /// <exception cref="Pactor.Cli.CliException"><paramref name="listen"/> is taken.</exception>
    /// <exception cref="PactorStartupException"><paramref name="listen"/> is not an address pactor can serve on.</exception>
    /// <exception cref="RTorrentException">Its rtorrent did not start.</exception>
    public static async Task<DemoClient> StartAsync(string listen, string upstream, string directory, CancellationToken cancellationToken)
    {
        var flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [SettingKeys.Listen] = listen,
            [SettingKeys.CacheDirectory] = Path.Combine(directory, "cache"),
            [$"{SettingKeys.Upstreams}:0"] = upstream,
            ["Pactor:RTorrentBind"] = RTorrentAddress.ToString(),
        };
        var (app, url) = await DemoWebApp.StartAsync("--listen", flags, directory, cancellationToken);
        return new DemoClient(app, url);
    }

    /// <summary>
    /// Asks the client for <paramref name="url"/> as pacman would. The demo fetches the repo database this way before it
    /// is ready, as <c>pacman -Sy</c> would: a package request is then already answered from the swarm.
    /// </summary>
    /// <exception cref="Pactor.Cli.CliException">The client did not answer 200.</exception>
    public async Task FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
        catch (HttpRequestException e)
        {
            throw new Pactor.Cli.CliException($"client: GET {url}: {e.Message}", e);
        }
    }

    // Disposed, not stopped gracefully first: after Ctrl-C System.CommandLine ends the process within two seconds, and a
    // graceful stop would wait for requests in flight. Disposing closes Kestrel at once, and the container stops the
    // managed rtorrent (SIGINT, session saved; killed after its grace period).
    public ValueTask DisposeAsync() => app.DisposeAsync();
}
