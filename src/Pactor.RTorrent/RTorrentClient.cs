using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pactor.XmlRpc;
using Polly;
using Polly.Retry;

namespace Pactor.RTorrent;

/// <summary>
/// Typed rtorrent XML-RPC client. Every request goes through one method (<c>CallAsync</c>); calls that are safe to
/// repeat are retried on <see cref="RTorrentUnreachableException"/> with exponential backoff and jitter,
/// a torrent load never is (see <see cref="LoadAsync"/>). Calls never put caller-supplied text inside
/// rtorrent command strings: hashes, paths and labels always travel as XML-RPC parameters.
/// </summary>
public sealed partial class RTorrentClient : IRTorrentClient
{
    private static readonly object?[] NoArguments = [];

    private readonly IXmlRpcTransport transport;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<RTorrentClient> logger;
    private readonly RTorrentOptions options;
    private readonly ResiliencePipeline retry;

    public RTorrentClient(IXmlRpcTransport transport, TimeProvider timeProvider, ILogger<RTorrentClient> logger, IOptions<RTorrentOptions> options)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(options);
        RTorrentOptionsValidator.ThrowIfInvalid(options.Value, checkEndpoint: false);
        this.transport = transport;
        this.timeProvider = timeProvider;
        this.logger = logger;
        this.options = options.Value;
        retry = BuildRetryPipeline();
    }

    public async Task<RTorrentVersion> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        var results = await MulticallAsync(
            [("system.client_version", NoArguments), ("system.library_version", NoArguments)], cancellationToken);
        return new RTorrentVersion(
            Convert("system.client_version", Unwrap("system.client_version", results[0]), XmlRpcValue.AsString),
            Convert("system.library_version", Unwrap("system.library_version", results[1]), XmlRpcValue.AsString));
    }

    public Task AnnounceAsync(string infoHash, CancellationToken cancellationToken = default) =>
        CallWithRetryAsync("d.tracker_announce", [InfoHash.Normalize(infoHash, nameof(infoHash))], cancellationToken);

    public Task StartAsync(string infoHash, CancellationToken cancellationToken = default) =>
        CallWithRetryAsync("d.start", [InfoHash.Normalize(infoHash, nameof(infoHash))], cancellationToken);

    public async Task StopAsync(string infoHash, CancellationToken cancellationToken = default)
    {
        var hash = InfoHash.Normalize(infoHash, nameof(infoHash));
        await CallWithRetryAsync("d.stop", [hash], cancellationToken);
        await CallWithRetryAsync("d.close", [hash], cancellationToken);
    }

    public Task CheckHashAsync(string infoHash, CancellationToken cancellationToken = default) =>
        CallWithRetryAsync("d.check_hash", [InfoHash.Normalize(infoHash, nameof(infoHash))], cancellationToken);

    /// <summary>The sub-call results of one <c>system.multicall</c>, still wrapped (see <see cref="XmlRpcValue.UnwrapMulticall"/>).</summary>
    private async Task<object?[]> MulticallAsync(IReadOnlyList<(string Method, object?[] Arguments)> calls, CancellationToken cancellationToken)
    {
        const string method = "system.multicall";
        var batch = calls.Select(call => new Dictionary<string, object?>
        {
            ["methodName"] = call.Method,
            ["params"] = call.Arguments,
        }).ToList();
        var reply = await CallWithRetryAsync(method, [batch], cancellationToken);
        var results = Convert(method, reply, XmlRpcValue.AsArray);
        return results.Length == calls.Count
            ? results
            : throw new RTorrentProtocolException(method, new XmlRpcFormatException(
                $"Unexpected XML-RPC value: {results.Length} results for {calls.Count} calls."));
    }

    /// <summary>A multicall sub-result's value; a sub-call fault becomes <see cref="RTorrentFaultException"/>.</summary>
    private static object? Unwrap(string method, object? result)
    {
        try
        {
            return Convert(method, result, XmlRpcValue.UnwrapMulticall);
        }
        catch (XmlRpcFaultException fault)
        {
            throw new RTorrentFaultException(method, fault);
        }
    }

    /// <summary>A multicall sub-result; false for the unknown-hash fault, other faults are thrown.</summary>
    private static bool TryUnwrap(string method, object? result, out object? value)
    {
        try
        {
            value = Unwrap(method, result);
            return true;
        }
        catch (RTorrentFaultException fault) when (fault.FaultCode == RTorrentFaultException.UnknownHashFaultCode)
        {
            value = null;
            return false;
        }
    }

    private static T Convert<T>(string method, object? value, Func<object?, T> convert)
    {
        try
        {
            return convert(value);
        }
        catch (XmlRpcFormatException e)
        {
            throw new RTorrentProtocolException(method, e);
        }
    }

    private async Task<object?> CallWithRetryAsync(string method, object?[] arguments, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(method, cancellationToken);
        try
        {
            return await retry.ExecuteAsync(
                static async (context, state) => await state.Client.CallAsync(state.Method, state.Arguments, context.CancellationToken),
                context,
                (Client: this, Method: method, Arguments: arguments));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// The only way to the wire: one request, one reply, faults and format errors typed here. Internal (not
    /// private) so tests can send a method rtorrent does not define; no retry here.
    /// </summary>
    internal async Task<object?> CallAsync(string method, object?[] arguments, CancellationToken cancellationToken)
    {
        var request = XmlRpcRequestWriter.Write(method, arguments);
        var started = timeProvider.GetTimestamp();
        RTorrentException? failure = null;
        try
        {
            var reply = await transport.CallAsync(request, cancellationToken);
            logger.CallAnswered(method, timeProvider.GetElapsedTime(started).TotalMilliseconds);
            return XmlRpcResponseReader.Read(reply);
        }
        catch (XmlRpcFaultException e)
        {
            throw failure = new RTorrentFaultException(method, e);
        }
        catch (XmlRpcFormatException e)
        {
            throw failure = new RTorrentProtocolException(method, e);
        }
        catch (RTorrentException e)
        {
            // The transport's own failures (unreachable, a broken reply), counted and passed on as they are.
            failure = e;
            throw;
        }
        finally
        {
            RTorrentMetrics.RecordCall(method, timeProvider.GetElapsedTime(started), failure);
        }
    }

    private ResiliencePipeline BuildRetryPipeline()
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.RetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RTorrentUnreachableException>(),
                MaxRetryAttempts = options.RetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                OnRetry = arguments =>
                {
                    logger.Retrying(
                        arguments.Context.OperationKey ?? "call",
                        arguments.AttemptNumber + 1,
                        arguments.Outcome.Exception?.Message ?? "no result",
                        arguments.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        return builder.Build();
    }
}
