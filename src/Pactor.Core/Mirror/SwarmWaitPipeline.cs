using Polly;
using Polly.Retry;
using Polly.Timeout;
using Pactor.Core.Swarm;

namespace Pactor.Core.Mirror;

/// <summary>
/// How one request waits for the swarm: the hedge deadline outermost (the whole wait), and inside it
/// a short exponential retry when the torrent client could not be reached, which starts the download
/// afresh (the client's load is idempotent). Built once per mirror.
/// </summary>
public static class SwarmWaitPipeline
{
    public static ResiliencePipeline<DownloadOutcome> Build(TimeSpan hedgeAfter, TimeProvider time) =>
        new ResiliencePipelineBuilder<DownloadOutcome> { TimeProvider = time }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = hedgeAfter })
            .AddRetry(new RetryStrategyOptions<DownloadOutcome>
            {
                ShouldHandle = new PredicateBuilder<DownloadOutcome>().HandleResult(o => o.ClientUnavailable),
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = TimeSpan.FromSeconds(1),
                MaxRetryAttempts = 2,
                UseJitter = true,
            })
            .Build();
}
