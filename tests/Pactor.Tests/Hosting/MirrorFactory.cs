using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Pactor.Core.Swarm;
using Pactor.Core.Tests.Support;
using Pactor.Core.Upstreams;
using Pactor.Hosting;
using Pactor.RTorrent;

namespace Pactor.Tests.Hosting;

/// <summary>
/// The application <c>pactor serve</c> runs, on a TestServer, with in-memory settings, a fake swarm,
/// a fake upstream and a fake clock (or the seams a test passes in), and its own cache directory.
/// </summary>
public sealed class MirrorFactory : WebApplicationFactory<Program>
{
    public const string Upstream = "http://mirror.test/$repo/os/$arch";
    public const string Seedbox = "http://seedbox.test/$repo/os/$arch";

    private readonly string root = Path.Combine(Path.GetTempPath(), "pactor-host-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> flags;
    private readonly ITorrentClient client;
    private readonly IUpstreamFetcher fetcher;
    private readonly TimeProvider time;

    internal MirrorFactory(ITorrentClient? client = null, IUpstreamFetcher? fetcher = null, bool fakeTime = true, Action<Dictionary<string, string?>>? configure = null)
    {
        Directory.CreateDirectory(root);
        this.client = client ?? Swarm;
        this.fetcher = fetcher ?? Http;
        time = fakeTime ? Time : TimeProvider.System;
        flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [SettingKeys.CacheDirectory] = CacheDirectory,
            [SettingKeys.Upstreams + ":0"] = Upstream,
            [SettingKeys.TorrentSources + ":0"] = Seedbox,
            [SettingKeys.RTorrent] = "scgi://127.0.0.1:1",
            [SettingKeys.MirrorList] = Path.Combine(root, "no-mirrorlist"),
        };
        configure?.Invoke(flags);
    }

    public string CacheDirectory => Path.Combine(root, "cache");

    public string WorkDirectory => root;

    internal FakeSwarm Swarm { get; } = new();

    /// <summary>rtorrent as the status page and <c>/readyz</c> probe it; null keeps the configured endpoint (nobody answers there).</summary>
    internal IRTorrentClient? RTorrent { get; init; }

    internal FakeUpstream Http { get; } = new();

    internal FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// The poller ticks on the fake clock: advances it a tick at a time (well under the hedge deadline) until
    /// <paramref name="pending"/> is answered.
    /// </summary>
    internal async Task<HttpResponseMessage> AdvanceUntilAnsweredAsync(Task<HttpResponseMessage> pending, TimeSpan tick)
    {
        for (var i = 0; i < 30 && !pending.IsCompleted; i++)
        {
            Time.Advance(tick);
            await Task.WhenAny(pending, Task.Delay(50));
        }

        return await pending.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public HttpClient CreateMirrorClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>
    /// Program.cs runs the command line: it builds no host for the factory's usual route (run the entry
    /// point, catch the host it builds) to intercept. So the factory's builder is left unused and the host
    /// is the one <c>pactor serve</c> builds, through <see cref="MirrorApp"/>, on a TestServer.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var settings = new MirrorAppSettings { Flags = flags };
        var app = MirrorApp.Build(settings, web =>
        {
            web.WebHost.UseTestServer();
            web.Services.Replace(ServiceDescriptor.Singleton(client));
            web.Services.Replace(ServiceDescriptor.Singleton(fetcher));
            web.Services.Replace(ServiceDescriptor.Singleton(time));
            if (RTorrent is not null)
            {
                web.Services.Replace(ServiceDescriptor.Singleton(RTorrent));
            }
        });
        MirrorApp.Prepare(app.Services);
        app.Start();
        return app;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
