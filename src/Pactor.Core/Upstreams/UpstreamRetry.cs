using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pactor.Core.Mirror;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Pactor.Core.Upstreams;

/// <summary>
/// Repeats an upstream GET that failed transiently (<see cref="UpstreamResponse.IsTransient"/>: a reset connection, a
/// silent upstream, a 5xx) with exponential backoff and jitter, at most <see cref="MirrorOptions.UpstreamRetryAttempts"/>
/// times; a definite answer (a 404, a 403, a body over the cap) is never asked again. The hedge deadline
/// (<see cref="MirrorOptions.HedgeAfter"/> from the first attempt) ends the retrying: an answer that late helps no
/// request waiting for it, and while a doomed fetch goes on, later requests for the file wait for it instead of being
/// redirected at once by the failure cooldown. One pipeline, built once, for every idempotent GET pactor makes
/// upstream: torrents, databases, signatures.
/// </summary>
public sealed partial class UpstreamRetry(TimeProvider time, IOptions<MirrorOptions> options, ILogger<UpstreamRetry> logger)
{
    private static readonly ResiliencePropertyKey<Uri> UrlKey = new("pactor.upstream.url");

    private readonly ResiliencePipeline<UpstreamResponse> pipeline = Build(time, options.Value, logger);

    /// <summary>Raised as a GET is sent again, with what it fetches (<c>torrent</c>, <c>database</c>, <c>signature</c>), for metrics.</summary>
    public event Action<string>? Retried;

    /// <summary>
    /// Runs <paramref name="attempt"/> until it gets an answer that is not transient, the attempts are spent or the
    /// deadline has passed, and returns the last response. Each attempt must write to a destination of its own, so
    /// that nothing of a failed one (half a body) reaches the next or the cache. Only <paramref name="cancellationToken"/>
    /// cancels an attempt under way: the deadline stops further attempts, never one that is still receiving (a large
    /// database may take longer than the hedge to arrive, and is still worth having for the next request).
    /// </summary>
    public async Task<UpstreamResponse> GetAsync(
        Uri url, string kind, Func<CancellationToken, Task<UpstreamResponse>> attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(UrlKey, url);
        UpstreamResponse? last = null;
        var attempts = 0;
        try
        {
            return await pipeline.ExecuteAsync(
                async _ =>
                {
                    if (attempts++ > 0)
                    {
                        Retried?.Invoke(kind);
                    }

                    last = await attempt(cancellationToken);
                    return last;
                },
                context);
        }
        catch (TimeoutRejectedException) when (last is not null)
        {
            // The deadline passed during the wait before a retry: the failure before it stands.
            LogGaveUp(logger, url, attempts, last.Reason ?? "failed");
            return last;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// One attempt when another upstream is left to ask (<paramref name="failoverLeft"/>: asking it is the better retry,
    /// and retrying a silent upstream would spend the hedge on it); otherwise <see cref="GetAsync(Uri, string, Func{CancellationToken, Task{UpstreamResponse}}, CancellationToken)"/>.
    /// </summary>
    public Task<UpstreamResponse> GetAsync(
        Uri url, string kind, bool failoverLeft, Func<CancellationToken, Task<UpstreamResponse>> attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return failoverLeft ? attempt(cancellationToken) : GetAsync(url, kind, attempt, cancellationToken);
    }

    private static ResiliencePipeline<UpstreamResponse> Build(TimeProvider time, MirrorOptions options, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<UpstreamResponse> { TimeProvider = time }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.HedgeAfter });
        if (options.UpstreamRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<UpstreamResponse>
            {
                // Results only: the fetcher reports upstream failures as results; what it throws (a full disk, the
                // caller's cancellation) is not the upstream's and would fail again.
                ShouldHandle = new PredicateBuilder<UpstreamResponse>().HandleResult(response => response.IsTransient),
                MaxRetryAttempts = options.UpstreamRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.UpstreamRetryBaseDelay,
                MaxDelay = options.UpstreamRetryMaxDelay,
                OnRetry = arguments =>
                {
                    LogRetrying(
                        logger,
                        arguments.Context.Properties.GetValue(UrlKey, null!),
                        // Only results are handled (above), so there is one; a failure without a reason names its status.
                        arguments.Outcome.Result!.Reason ?? arguments.Outcome.Result.Status.ToString(),
                        arguments.AttemptNumber + 1,
                        arguments.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        return builder.Build();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "GET {Url} failed ({Reason}); retry {Retry} in {DelayMs:0} ms")]
    private static partial void LogRetrying(ILogger logger, Uri url, string reason, int retry, double delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "GET {Url}: no retry after {Attempts} attempts, the hedge deadline has passed ({Reason})")]
    private static partial void LogGaveUp(ILogger logger, Uri url, int attempts, string reason);
}
