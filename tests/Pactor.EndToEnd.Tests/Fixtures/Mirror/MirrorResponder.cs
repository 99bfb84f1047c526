using Microsoft.AspNetCore.Http;

namespace Pactor.EndToEnd.Tests.Fixtures.Mirror;

/// <summary>The answer <see cref="StaticMirrorServer"/> gives one request under one behaviour.</summary>
internal static class MirrorResponder
{
    public static async Task RespondAsync(HttpContext context, string root, string path, MirrorBehavior behavior, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        switch (behavior.Kind)
        {
            case MirrorBehaviorKind.Stall:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return;
            case MirrorBehaviorKind.Fail:
                context.Response.StatusCode = behavior.StatusCode;
                return;
            case MirrorBehaviorKind.Redirect:
                context.Response.StatusCode = behavior.StatusCode;
                context.Response.Headers.Location = behavior.RedirectBase!.ToString().TrimEnd('/') + path + context.Request.QueryString;
                return;
            case MirrorBehaviorKind.Reset:
                context.Abort();
                return;
            case MirrorBehaviorKind.ServeAfterDelay:
                await Task.Delay(behavior.Delay, cancellationToken);
                break;
            case MirrorBehaviorKind.Serve:
                break;
            default:
                throw new InvalidOperationException($"Unknown behaviour {behavior.Kind}.");
        }

        if (Resolve(root, path) is not { } file)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // PhysicalFile does Range/206/416, If-Modified-Since/304, Last-Modified and HEAD, and sends with sendfile.
        await TypedResults.PhysicalFile(file.FullName, "application/octet-stream", lastModified: file.LastWriteTimeUtc, enableRangeProcessing: true)
            .ExecuteAsync(context);
    }

    /// <summary>The regular file the path names (symbolic links resolved), or null; nothing outside <paramref name="root"/>.</summary>
    private static FileInfo? Resolve(string root, string path)
    {
        var full = Path.GetFullPath(Path.Join(root, path));
        if (!full.StartsWith(root + "/", StringComparison.Ordinal))
        {
            return null;
        }

        var file = new FileInfo(full);
        if (file.LinkTarget is not null)
        {
            file = file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
        }

        return file is { Exists: true } && file.FullName.StartsWith(root + "/", StringComparison.Ordinal) ? file : null;
    }
}
