using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Pactor.Core.Activity;
using Pactor.Core.Store;

namespace Pactor.Hosting;

public static class StatusServiceCollectionExtensions
{
    /// <summary>What the status page, <c>/readyz</c> and <c>/metrics</c> read: request activity, probes, metrics.</summary>
    public static IServiceCollection AddPactorStatus(this IServiceCollection services)
    {
        services.TryAddSingleton<MirrorActivity>();
        services.TryAddSingleton<CacheStatistics>();
        services.TryAddSingleton<RTorrentProbe>();
        services.TryAddSingleton<ReadinessProbe>();
        services.TryAddSingleton<StatusReportBuilder>();
        services.AddPactorMetrics();
        services.AddHostedService<MetricsStartup>();
        return services;
    }

    /// <summary>Creates the mirror's instruments at start-up, so gauges and download durations are there before the first request.</summary>
    private sealed class MetricsStartup(MirrorMetrics metrics) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(metrics);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
