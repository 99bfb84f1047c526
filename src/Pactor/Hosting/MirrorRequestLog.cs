using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pactor.Hosting;

/// <summary>One structured line per mirror request: path, where the answer came from, status, bytes, milliseconds.</summary>
public sealed partial class MirrorRequestLog(TimeProvider time, ILogger<MirrorRequestLog> logger)
{
    public long Start() => time.GetTimestamp();

    public void Served(HttpContext context, string source, long started)
    {
        var response = context.Response;
        var bytes = HttpMethods.IsHead(context.Request.Method) ? 0 : response.ContentLength ?? 0;
        LogRequest(context.Request.Method, PathOf(context), source, response.StatusCode, bytes, time.GetElapsedTime(started).TotalMilliseconds);
    }

    public void Aborted(HttpContext context, long started) =>
        LogAborted(context.Request.Method, PathOf(context), time.GetElapsedTime(started).TotalMilliseconds);

    // Escaped as on the wire, so that a hostile path cannot forge log lines.
    private static string PathOf(HttpContext context) => context.Request.Path.ToUriComponent();

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Source} {Status} {Bytes} bytes {Milliseconds:0.0} ms")]
    private partial void LogRequest(string method, string path, string source, int status, long bytes, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} aborted by the client after {Milliseconds:0.0} ms")]
    private partial void LogAborted(string method, string path, double milliseconds);
}
