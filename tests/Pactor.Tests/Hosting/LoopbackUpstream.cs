using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pactor.Tests.Hosting;

/// <summary>
/// A real HTTP upstream on 127.0.0.1 (Kestrel, a free port): files with Last-Modified and
/// If-Modified-Since, plus misbehaving routes (any status, a stall, a chunked body, a redirect, a redirect loop) and
/// connections reset once (<see cref="ResetNext"/>). Records every request's path, User-Agent and If-Modified-Since.
/// </summary>
public sealed class LoopbackUpstream : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, (byte[] Body, DateTimeOffset LastModified)> files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> resets = new(StringComparer.Ordinal);
    private readonly WebApplication app;

    public LoopbackUpstream()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.Use(async (context, next) =>
        {
            Requests.Enqueue((context.Request.Path.Value!, context.Request.Headers.UserAgent.ToString(), context.Request.Headers.IfModifiedSince.ToString()));
            if (resets.TryRemove(context.Request.Path.Value!, out var afterBytes))
            {
                await ResetAsync(context, afterBytes);
                return;
            }

            await next(context);
        });
        app.MapGet("/status/{code:int}", (int code) => Results.StatusCode(code));
        app.MapGet("/stall", async (HttpContext context) =>
        {
            await context.Response.StartAsync();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        app.MapGet("/chunked/{length:int}", async (HttpContext context, int length) =>
        {
            await context.Response.StartAsync();
            await context.Response.Body.WriteAsync(new byte[length]);
        });
        app.MapGet("/redirect", (string to) => Results.Redirect(to));
        app.MapGet("/loop/{hop:int}", (int hop) => Results.Redirect($"/loop/{hop + 1}"));
        app.MapGet("/{**path}", (HttpContext context, string path) => Serve(context, "/" + path));
    }

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public async Task InitializeAsync()
    {
        await app.StartAsync();
        BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
    }

    public ConcurrentQueue<(string Path, string UserAgent, string IfModifiedSince)> Requests { get; } = new();

    public void Put(string path, byte[] body, DateTimeOffset lastModified) => files[path] = (body, lastModified);

    /// <summary>
    /// The next GET of <paramref name="path"/> gets its connection reset: at once, or after the headers (with the
    /// whole file's Content-Length) and the first <paramref name="afterBytes"/> bytes of the body. Later GETs are served.
    /// </summary>
    public void ResetNext(string path, int afterBytes = 0) => resets[path] = afterBytes;

    public Uri Url(string path) => new(BaseUrl, path);

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task ResetAsync(HttpContext context, int afterBytes)
    {
        if (afterBytes > 0 && files.TryGetValue(context.Request.Path.Value!, out var file))
        {
            context.Response.ContentLength = file.Body.Length;
            await context.Response.Body.WriteAsync(file.Body.AsMemory(0, afterBytes));
            await context.Response.Body.FlushAsync();
        }

        context.Abort();
    }

    private IResult Serve(HttpContext context, string path)
    {
        if (!files.TryGetValue(path, out var file))
        {
            return Results.NotFound();
        }

        if (context.Request.GetTypedHeaders().IfModifiedSince is { } since && file.LastModified <= since)
        {
            context.Response.GetTypedHeaders().LastModified = file.LastModified;
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(file.Body, "application/octet-stream", lastModified: file.LastModified);
    }
}
