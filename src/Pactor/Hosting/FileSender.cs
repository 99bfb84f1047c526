using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Pactor.Core.Store;

namespace Pactor.Hosting;

/// <summary>
/// Sends a file pactor holds. By default Kestrel streams it (Range, HEAD, If-Modified-Since; never read into
/// memory). Behind nginx with <see cref="ServeOptions.AccelRedirect"/>, the answer is an empty response
/// with <c>X-Accel-Redirect</c> to an <c>internal</c> location over the cache directory: pactor still
/// decides what may be served (verified packages only), nginx copies the bytes with sendfile(2), which
/// Kestrel cannot do on Linux.
/// </summary>
public sealed class FileSender(IOptions<ServeOptions> options, CacheLayout layout)
{
    public const string AccelRedirectHeader = "X-Accel-Redirect";

    public IResult Send(string path)
    {
        var prefix = options.Value.AccelRedirect;
        if (string.IsNullOrEmpty(prefix) || AccelPath(prefix, path) is not { } internalPath)
        {
            return Results.File(
                path,
                contentType: "application/octet-stream",
                lastModified: new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero),
                enableRangeProcessing: true);
        }

        return new AccelRedirectResult(internalPath);
    }

    // Only files under the cache directory have an internal URL; anything else is streamed by Kestrel.
    private string? AccelPath(string prefix, string path)
    {
        var relative = Path.GetRelativePath(layout.Root, path);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return null;
        }

        return prefix + string.Join('/', relative.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));
    }

    private sealed class AccelRedirectResult(string internalPath) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            // nginx takes Content-Type from the upstream answer and everything else (length, ranges,
            // Last-Modified, 304) from the file it serves.
            response.ContentType = "application/octet-stream";
            response.Headers[AccelRedirectHeader] = internalPath;
            response.ContentLength = 0;
            return Task.CompletedTask;
        }
    }
}
