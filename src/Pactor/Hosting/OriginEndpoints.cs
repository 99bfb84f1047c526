using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pactor.Core.Mirror;
using Pactor.Core.Paths;

namespace Pactor.Hosting;

/// <summary>
/// Origin mode (<c>pactor serve --root DIR</c>): <c>GET</c>/<c>HEAD</c> on the mirror's routes answered from
/// the tree as it is on disk, read-only (databases, packages, signatures, <c>.torrent</c> files). The path
/// is checked as the mirror checks it, before the disk is touched; a missing file is an immediate 404.
/// </summary>
public static class OriginEndpoints
{
    public static IEndpointRouteBuilder MapOrigin(this IEndpointRouteBuilder endpoints) => MirrorEndpoints.MapMirrorPaths(endpoints, Serve);

    private static async Task Serve(HttpContext context, string repo, string arch, string file, MirrorTree tree, MirrorRequestLog log)
    {
        var started = log.Start();
        var (result, source, mirrorFile, answer) = Answer(repo, arch, file, tree);
        await result.ExecuteAsync(context);
        // A file from the tree is recorded as one from disk (the status page and metrics count it as a cache hit).
        log.Served(context, source, started, mirrorFile, answer);
    }

    private static (IResult Result, string Source, MirrorFile? File, MirrorResult? Answer) Answer(string repo, string arch, string file, MirrorTree tree)
    {
        if (!MirrorPath.IsValid(repo, arch, file))
        {
            return (Text(StatusCodes.Status400BadRequest, "bad request: not a mirror path"), "invalid", null, null);
        }

        if (MirrorPath.TryParse(repo, arch, file) is not { } mirrorFile)
        {
            return (Text(StatusCodes.Status404NotFound, "not found: not a file a mirror holds"), "none", null, null);
        }

        if (tree.Locate(mirrorFile) is not { } path)
        {
            return (Text(StatusCodes.Status404NotFound, "not found: not in this mirror"), "origin", mirrorFile, new MirrorResult.NotFound("not in this mirror"));
        }

        // Range (pacman resumes with bytes=N-), HEAD, Last-Modified and If-Modified-Since → 304, streamed from disk.
        var result = Results.File(
            path,
            contentType: mirrorFile.Kind == MirrorFileKind.Torrent ? "application/x-bittorrent" : "application/octet-stream",
            lastModified: new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero),
            enableRangeProcessing: true);
        return (result, "origin", mirrorFile, new MirrorResult.File(path, "origin"));
    }

    private static IResult Text(int status, string line) => Results.Text(line + "\n", "text/plain; charset=utf-8", statusCode: status);
}
