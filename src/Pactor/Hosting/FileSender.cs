using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Pactor.Core.Store;

namespace Pactor.Hosting;

/// <summary>
/// Sends a file pactor holds. By default Kestrel streams it (Range, HEAD, If-Modified-Since; never read into
/// memory). Behind nginx, with <see cref="ServeOptions.AccelRedirect"/> set and a request that nginx marked
/// with <c>X-Sendfile-Type: X-Accel-Redirect</c>, the answer is an empty response whose
/// <c>X-Accel-Redirect</c> names the file under an <c>internal</c> nginx location over the cache directory:
/// pactor still decides what may be served (verified packages only) and nginx copies the bytes with
/// sendfile(2), which Kestrel cannot do on Linux. Requests that did not come through nginx get the file itself.
/// </summary>
public sealed class FileSender(IOptions<ServeOptions> options, CacheLayout layout)
{
    public const string AccelRedirectHeader = "X-Accel-Redirect";

    /// <summary>The request header (Rack's convention) by which a proxy says it handles <see cref="AccelRedirectHeader"/>.</summary>
    public const string SendfileTypeHeader = "X-Sendfile-Type";

    private const string ProxiedBytesKey = "pactor.proxied-bytes";

    /// <summary>
    /// The bytes nginx sends for an <c>X-Accel-Redirect</c> answer (the file's length; a ranged request gets
    /// less), so that logs and totals count them although pactor's own body is empty; null otherwise.
    /// </summary>
    public static long? ProxiedBytes(HttpContext context) =>
        context?.Items.TryGetValue(ProxiedBytesKey, out var bytes) == true ? bytes as long? : null;

    public IResult Send(string path) =>
        options.Value.AccelRedirect is { Length: > 0 } prefix && InternalPath(prefix, path) is { } internalPath
            ? new AccelRedirectResult(internalPath, path)
            : Stream(path);

    // Range (pacman resumes .part files with bytes=N- and fails for good on a 200), HEAD, If-Modified-Since,
    // streamed from disk (the response body's SendFileAsync), never read into memory.
    private static IResult Stream(string path) => Results.File(
        path,
        contentType: "application/octet-stream",
        lastModified: new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero),
        enableRangeProcessing: true);

    // Only files under the cache directory have an internal URL; anything else is streamed by Kestrel.
    private string? InternalPath(string prefix, string path)
    {
        var relative = Path.GetRelativePath(layout.Root, path);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return null;
        }

        return prefix + string.Join('/', relative.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));
    }

    private sealed class AccelRedirectResult(string internalPath, string path) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (!string.Equals(httpContext.Request.Headers[SendfileTypeHeader], AccelRedirectHeader, StringComparison.OrdinalIgnoreCase))
            {
                return Stream(path).ExecuteAsync(httpContext);
            }

            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            // nginx keeps Content-Type from this answer and takes length, ranges, Last-Modified and 304 from the file.
            response.ContentType = "application/octet-stream";
            response.Headers[AccelRedirectHeader] = internalPath;
            response.ContentLength = 0;
            httpContext.Items[ProxiedBytesKey] = new FileInfo(path).Length;
            return Task.CompletedTask;
        }
    }
}
