using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pactor.Core.Mirror;
using Pactor.Core.Upstreams;

namespace Pactor.Hosting;

/// <summary>
/// With <see cref="MirrorOptions.RankMirrors"/>, measures the mirrors (<see cref="MirrorRanker"/>) once the first
/// database has been fetched, then every <see cref="MirrorOptions.RankInterval"/>, in the background: no request waits
/// for it, and until the first round the list's own order holds.
/// </summary>
public sealed partial class MirrorRankingService(
    MirrorRanker ranker, TimeProvider time, IOptions<MirrorOptions> options, ILogger<MirrorRankingService> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RankMirrors != true)
        {
            return;
        }

        using var timer = new PeriodicTimer(Tick, time);
        DateTimeOffset? next = null;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (next > time.GetUtcNow())
                {
                    continue;
                }

                if (await ranker.RankAsync(stoppingToken) is { } ranking)
                {
                    Report(ranking);
                    next = time.GetUtcNow() + options.Value.RankInterval;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private void Report(IReadOnlyList<MirrorSpeed> ranking)
    {
        var measured = ranking.Count(speed => speed.BytesPerSecond is not null);
        var fastest = ranking.Count > 0 && ranking[0].BytesPerSecond is { } rate
            ? string.Create(CultureInfo.InvariantCulture, $"{ranking[0].Mirror.Text} at {rate / 1e6:0.00} MB/s")
            : "none";
        LogRanked(ranking.Count, measured, fastest);
        foreach (var failed in ranking.Where(speed => speed.Error is not null))
        {
            LogFailedTest(failed.Mirror.Text, failed.Error!);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ranked {Count} mirrors by speed, {Measured} answered; fastest: {Fastest}")]
    private partial void LogRanked(int count, int measured, string fastest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mirror {Mirror} failed the speed test: {Reason}")]
    private partial void LogFailedTest(string mirror, string reason);
}
