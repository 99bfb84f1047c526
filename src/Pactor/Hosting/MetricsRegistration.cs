using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using Pactor.Core.Activity;
using Pactor.RTorrent;

namespace Pactor.Hosting;

/// <summary>
/// <c>GET /metrics</c> in Prometheus text format, by OpenTelemetry's exporter: the mirror's instruments
/// (<see cref="MirrorMetrics"/>) and rtorrent's (<see cref="RTorrentMetrics"/>), named <c>pactor_*</c>.
/// </summary>
public static class MetricsRegistration
{
    // OpenTelemetry's name for itself as a metrics listener of Microsoft.Extensions.Diagnostics.
    private const string OpenTelemetryListener = "OpenTelemetry";

    public static IServiceCollection AddPactorMetrics(this IServiceCollection services)
    {
        services.TryAddSingleton<MirrorMetrics>();
        services.AddMetrics(metrics =>
        {
            // Local: only this host's meter, so two mirrors in one process (tests) keep separate numbers.
            metrics.EnableMetrics(MirrorMetrics.MeterName, null, OpenTelemetryListener, MeterScope.Local);
            metrics.EnableMetrics(RTorrentMetrics.MeterName, null, OpenTelemetryListener, MeterScope.Global);
        });
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPrometheusExporter(exporter =>
        {
            // The numbers are cheap to collect; a scrape sees the latest, not a copy up to 300 ms old.
            exporter.ScrapeResponseCacheDurationMilliseconds = 0;
        }));
        return services;
    }

    public static IEndpointRouteBuilder MapPactorMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        return endpoints;
    }
}
