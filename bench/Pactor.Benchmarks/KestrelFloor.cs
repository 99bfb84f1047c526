using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pactor.EndToEnd.Tests.Fixtures.Processes;

namespace Pactor.Benchmarks;

/// <summary>
/// The floor under pactor's cache hits: a bare Kestrel answering every GET with the same <c>Results.File</c> pactor
/// uses (Range, Last-Modified, octet-stream), with no request log, no database lookup and no marker check. Run as its
/// own process (this program's <c>floor ROOT ADDRESS PORT</c> mode) with Server GC, like pactor.
/// </summary>
public sealed class KestrelFloor : IAsyncDisposable
{
    private readonly BackgroundProcess process;

    private KestrelFloor(BackgroundProcess process, Uri baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<KestrelFloor> StartAsync(string root, IPAddress address)
    {
        var port = LoopbackPort.Free(address);
        var baseUrl = new Uri($"http://{address}:{port.ToString(CultureInfo.InvariantCulture)}/");
        var self = Path.Combine(AppContext.BaseDirectory, "Pactor.Benchmarks.dll");
        var process = BackgroundProcess.Start(
            "kestrel floor",
            Environment.ProcessPath ?? "dotnet",
            [self, "floor", root, address.ToString(), port.ToString(CultureInfo.InvariantCulture)],
            environment: new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" });
        var floor = new KestrelFloor(process, baseUrl);
        try
        {
            await process.WaitForHttpAsync(baseUrl, TimeSpan.FromSeconds(30));
        }
        catch
        {
            await floor.DisposeAsync();
            throw;
        }

        return floor;
    }

    /// <summary>The server itself (this program's <c>floor</c> mode); runs until SIGTERM.</summary>
    public static async Task<int> ServeAsync(string root, IPAddress address, int port)
    {
        var fullRoot = Path.GetFullPath(root);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port);
        });
        var app = builder.Build();
        app.MapGet("/{**path}", (string? path) =>
        {
            var file = Path.GetFullPath(Path.Combine(fullRoot, path ?? ""));
            return file.StartsWith(fullRoot + "/", StringComparison.Ordinal) && File.Exists(file)
                ? Results.File(file, "application/octet-stream", lastModified: new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero), enableRangeProcessing: true)
                : Results.NotFound();
        });
        await app.RunAsync();
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await process.StopAsync("TERM", TimeSpan.FromSeconds(5));
        await process.DisposeAsync();
    }
}
