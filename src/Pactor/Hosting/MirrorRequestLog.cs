using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pactor.Core.Activity;
using Pactor.Core.Mirror;
using Pactor.Core.Paths;

namespace Pactor.Hosting;

/// <summary>
/// One structured line per mirror request (path, where the answer came from, status, bytes, milliseconds),
/// and the same request recorded for the status page (<see cref="MirrorActivity"/>) and metrics (<see cref="MirrorMetrics"/>).
/// </summary>
public sealed partial class MirrorRequestLog(TimeProvider time, MirrorActivity activity, MirrorMetrics metrics, ILogger<MirrorRequestLog> logger)
{
    /// <summary>The status recorded for a request the client abandoned before its answer (nginx's convention).</summary>
    public const int ClientClosedRequest = 499;

    public long Start() => time.GetTimestamp();

    public void Served(HttpContext context, string source, long started, MirrorFile? file = null, MirrorResult? answer = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        var bytes = HttpMethods.IsHead(context.Request.Method) ? 0 : FileSender.ProxiedBytes(context) ?? response.ContentLength ?? 0;
        var elapsed = time.GetElapsedTime(started);
        LogRequest(context.Request.Method, PathOf(context), source, response.StatusCode, bytes, elapsed.TotalMilliseconds);

        var redirect = answer as MirrorResult.Redirect;
        var kind = SourceOf(answer, response.StatusCode);
        Record(new ServedRequest(time.GetUtcNow(), PathOf(context), KindOf(file), kind, response.StatusCode, redirect?.Bytes ?? bytes, elapsed), redirect?.Cause);
    }

    /// <summary>A request nginx answered from the public tree itself (it logs the request; pactor only counts it).</summary>
    public void ServedByProxy(ProxyAccessLine line, MirrorFile file)
    {
        ArgumentNullException.ThrowIfNull(line);
        var source = line.Status >= 400 ? RequestSource.Error : RequestSource.Cache;
        Record(new ServedRequest(time.GetUtcNow(), line.Path, KindOf(file), source, line.Status, line.Bytes, line.Duration), null);
    }

    public void Aborted(HttpContext context, long started, MirrorFile? file = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var elapsed = time.GetElapsedTime(started);
        LogAborted(context.Request.Method, PathOf(context), elapsed.TotalMilliseconds);
        Record(new ServedRequest(time.GetUtcNow(), PathOf(context), KindOf(file), RequestSource.Error, ClientClosedRequest, 0, elapsed), null);
    }

    private void Record(ServedRequest request, FallbackReason? fallback)
    {
        activity.Record(request);
        metrics.RecordRequest(request, fallback);
    }

    private static RequestSource SourceOf(MirrorResult? answer, int status) => answer switch
    {
        _ when status >= 400 => RequestSource.Error,
        MirrorResult.Redirect => RequestSource.Fallback,
        MirrorResult.File { Source: "swarm" } => RequestSource.Swarm,
        MirrorResult.File { Source: "upstream" } => RequestSource.Upstream,
        MirrorResult.File => RequestSource.Cache,
        _ => RequestSource.Error,
    };

    private static string KindOf(MirrorFile? file) => file?.Kind switch
    {
        MirrorFileKind.Package => "package",
        MirrorFileKind.PackageSignature or MirrorFileKind.DatabaseSignature => "signature",
        MirrorFileKind.Database => "database",
        MirrorFileKind.Torrent => "torrent",
        _ => "other",
    };

    // Escaped as on the wire, so that a hostile path cannot forge log lines.
    private static string PathOf(HttpContext context) => context.Request.Path.ToUriComponent();

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Source} {Status} {Bytes} bytes {Milliseconds:0.0} ms")]
    private partial void LogRequest(string method, string path, string source, int status, long bytes, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} aborted by the client after {Milliseconds:0.0} ms")]
    private partial void LogAborted(string method, string path, double milliseconds);
}
