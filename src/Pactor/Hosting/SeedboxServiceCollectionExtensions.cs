using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pactor.Core.Paths;
using Pactor.Core.Store;
using Pactor.Core.Tracker;

namespace Pactor.Hosting;

public static class SeedboxServiceCollectionExtensions
{
    /// <summary>
    /// What a seedbox's <c>pactor serve</c> adds, as <paramref name="serve"/> (read before validation) asks:
    /// the mirror tree of origin mode (<c>--root</c>), the tracker (<c>--tracker</c>). Their settings are
    /// validated on start either way.
    /// </summary>
    public static IServiceCollection AddPactorSeedbox(this IServiceCollection services, ServeOptions serve)
    {
        ArgumentNullException.ThrowIfNull(serve);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServeOptions>, SeedboxOptionsValidator>());
        if (serve.IsOrigin)
        {
            // Opened on first use, after validation has found the root.
            services.TryAddSingleton(provider => new MirrorTree(provider.GetRequiredService<IOptions<ServeOptions>>().Value.Root!));
        }

        if (serve.Tracker)
        {
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton(provider => TrackerOptionsOf(
                provider.GetRequiredService<IOptions<ServeOptions>>().Value,
                provider.GetRequiredService<CacheLayout>()));
            services.TryAddSingleton(provider => new PeerTracker(
                provider.GetRequiredService<TrackerOptions>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILoggerFactory>()));
            services.TryAddSingleton(provider => new PeerTableStore(
                provider.GetRequiredService<PeerTracker>().Peers,
                provider.GetRequiredService<TrackerOptions>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<PeerTableStore>>()));
            services.AddHostedService<TrackerStateService>();
        }

        return services;
    }

    private static TrackerOptions TrackerOptionsOf(ServeOptions serve, CacheLayout layout) => new()
    {
        Interval = serve.TrackerInterval,
        StateFile = layout.TrackerStatePath,
        WhitelistFile = string.IsNullOrWhiteSpace(serve.TrackerWhitelist) ? null : Path.GetFullPath(serve.TrackerWhitelist),
    };
}
