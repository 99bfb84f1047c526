using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pactor.Cli;
using Pactor.Core.Database;
using Pactor.Core.Mirror;
using Pactor.Core.Store;
using Pactor.Core.Swarm;
using Pactor.Core.Upstreams;

namespace Pactor.Hosting;

public static class MirrorServiceCollectionExtensions
{
    /// <summary>
    /// The mirror core, its settings (section <c>Pactor</c>, validated on start), the HTTP upstream
    /// fetcher, the torrent client and the swarm background service. Services are added with TryAdd:
    /// a host may register its own (a test its fakes) first, or replace them after.
    /// </summary>
    public static IServiceCollection AddPactorMirror(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(MirrorOptions.Section);
        services.AddOptions<ServeOptions>().Bind(section).ValidateOnStart();
        services.AddOptions<MirrorOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<MirrorOptions>>(new MirrorOptionsSetup(configuration));
        services.TryAddSingleton(ConfigurationProblems.None);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServeOptions>, ServeOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MirrorOptions>, MirrorOptionsValidator>());
        services.AddSingleton<IValidateOptions<MirrorOptions>>(new UpstreamRequiredValidator(configuration));

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new CacheLayout(provider.GetRequiredService<IOptions<MirrorOptions>>().Value.CacheDirectory));
        services.TryAddSingleton<PackageStore>();
        services.TryAddSingleton(provider => provider.GetRequiredService<PackageStore>().Leases);
        services.TryAddSingleton<RequestRecency>();
        services.TryAddSingleton<CacheStatistics>();
        services.TryAddSingleton<CacheEvictor>();
        services.TryAddSingleton<RepoDatabaseIndex>();
        services.TryAddSingleton<UpstreamHealth>();
        services.TryAddSingleton<UpstreamSet>();
        services.TryAddSingleton<UpstreamProber>();
        services.TryAddSingleton<UpstreamRetry>();
        services.TryAddSingleton<UpstreamRace>();
        services.TryAddSingleton<MirrorRanker>();
        services.TryAddSingleton<TorrentSource>();
        services.TryAddSingleton<DownloadCoordinator>();
        services.TryAddSingleton<DownloadVerifier>();
        services.TryAddSingleton<DownloadPoller>();
        services.TryAddSingleton<SwarmRecovery>();
        services.TryAddSingleton<UpstreamCopyService>();
        services.TryAddSingleton<HedgeGrace>();
        services.TryAddSingleton<PackageService>();
        services.TryAddSingleton<MirrorService>();
        services.TryAddSingleton<MirrorRequestLog>();
        services.AddPactorStatus();
        services.TryAddSingleton<FileSender>();

        services.AddUpstreamFetcher();
        services.AddTorrentClient();
        if (!ServeOptions.Read(configuration).IsOrigin)
        {
            // Origin mode serves a tree as it is: no downloads to take over or poll.
            services.AddHostedService<SwarmService>();
            services.AddHostedService<UpstreamProbeService>();
            services.AddHostedService<MirrorRankingService>();
            services.TryAddSingleton<ProxyHitCounter>();
            services.AddHostedService<ProxyAccessLogService>();
        }

        services.AddHostedService<CacheEvictionService>();
        return services;
    }

    /// <summary><see cref="HttpUpstreamFetcher"/> over a named client: no decompression, no cookies, no redirects of its own.</summary>
    public static IServiceCollection AddUpstreamFetcher(this IServiceCollection services)
    {
        services.AddOptions<ServeOptions>();
        services.AddOptions<MirrorOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(HttpUpstreamFetcher.ClientName, client =>
            {
                // The fetcher's silence timeout governs; a whole-request timeout would cut off big databases.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("pactor", PactorCommandLine.Version));
            })
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                // The fetcher follows redirects itself, only to http(s).
                AllowAutoRedirect = false,
                AutomaticDecompression = System.Net.DecompressionMethods.None,
                UseCookies = false,
                ConnectTimeout = provider.GetRequiredService<IOptions<ServeOptions>>().Value.UpstreamTimeout,
            });
        services.TryAddSingleton<IUpstreamFetcher, HttpUpstreamFetcher>();
        return services;
    }
}
