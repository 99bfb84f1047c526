using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pactor.Core.Mirror;
using Pactor.Core.Paths;

namespace Pactor.Hosting;

/// <summary>
/// <c>GET</c>/<c>HEAD</c> <c>/{repo}/os/{arch}/{file}</c> (the official layout) and <c>/{repo}/{arch}/{file}</c>.
/// Route values arrive as Kestrel decoded them (an encoded <c>/</c> stays <c>%2F</c>); <see cref="MirrorPath"/>
/// refuses anything outside Arch's file-name alphabet before the mirror sees it.
/// </summary>
public static class MirrorEndpoints
{
    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapMirror(this IEndpointRouteBuilder endpoints) => MapMirrorPaths(endpoints, ServeAsync);

    /// <summary>Both mirror layouts, <c>GET</c> and <c>HEAD</c>, to <paramref name="handler"/> (the mirror's, or origin mode's).</summary>
    internal static IEndpointRouteBuilder MapMirrorPaths(IEndpointRouteBuilder endpoints, Delegate handler)
    {
        endpoints.MapMethods("/{repo}/os/{arch}/{file}", Methods, handler);
        endpoints.MapMethods("/{repo}/{arch}/{file}", Methods, handler);
        return endpoints;
    }

    private static async Task ServeAsync(HttpContext context, string repo, string arch, string file, MirrorService mirror, FileSender files, MirrorRequestLog log)
    {
        var started = log.Start();
        var (result, source, answer) = await AnswerAsync(repo, arch, file, mirror, files, context.RequestAborted);
        var mirrorFile = MirrorPath.IsValid(repo, arch, file) ? MirrorPath.TryParse(repo, arch, file) : null;
        if (result is null)
        {
            log.Aborted(context, started, mirrorFile);
            return;
        }

        await result.ExecuteAsync(context);
        log.Served(context, source, started, mirrorFile, answer);
    }

    private static async Task<(IResult? Result, string Source, MirrorResult? Answer)> AnswerAsync(
        string repo, string arch, string file, MirrorService mirror, FileSender files, CancellationToken requestAborted)
    {
        if (!MirrorPath.IsValid(repo, arch, file))
        {
            return (Text(StatusCodes.Status400BadRequest, "bad request: not a mirror path"), "invalid", null);
        }

        if (MirrorPath.TryParse(repo, arch, file) is not { } mirrorFile)
        {
            return (Text(StatusCodes.Status404NotFound, "not found: not a file a mirror holds"), "none", null);
        }

        MirrorResult answer;
        try
        {
            answer = await mirror.GetAsync(mirrorFile, requestAborted);
        }
        catch (OperationCanceledException) when (requestAborted.IsCancellationRequested)
        {
            return (null, "aborted", null);
        }

        var (result, source) = answer switch
        {
            MirrorResult.File served => (LeasedResult.Of(files.Send(served.Path), served.Lease), served.Source),
            MirrorResult.Redirect redirect => (Results.Redirect(redirect.Location.AbsoluteUri, permanent: false, preserveMethod: true), redirect.Source),
            MirrorResult.NotFound notFound => (Text(StatusCodes.Status404NotFound, $"not found: {notFound.Reason}"), notFound.Source),
            MirrorResult.Unavailable unavailable => (Text(StatusCodes.Status504GatewayTimeout, $"unavailable: {unavailable.Reason}"), unavailable.Source),
            _ => throw new InvalidOperationException($"unknown mirror result {answer.GetType().Name}"),
        };
        return (result, source, answer);
    }

    private static IResult Text(int status, string line) => Results.Text(line + "\n", "text/plain; charset=utf-8", statusCode: status);
}
