using System.Globalization;
using System.Net;
using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Processes;

namespace Pactor.Benchmarks;

/// <summary>
/// nginx serving a directory tree from disk, the yardstick for pactor's cache hits: its own prefix directory,
/// <c>worker_processes auto</c>, sendfile, an access log to a file (pactor logs every request too), keep-alive
/// without a request limit (Kestrel has none).
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    private readonly BackgroundProcess process;
    private readonly TempDirectory prefix;

    private NginxServer(BackgroundProcess process, TempDirectory prefix, Uri baseUrl)
    {
        this.process = process;
        this.prefix = prefix;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<NginxServer> StartAsync(string root, IPAddress address)
    {
        var prefix = TempDirectory.Create("nginx");
        var port = LoopbackPort.Free(address);
        var config = Path.Combine(prefix.Path, "nginx.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $$"""
            worker_processes auto;
            daemon off;
            pid {{prefix.Path}}/nginx.pid;
            error_log {{prefix.Path}}/error.log warn;
            events { worker_connections 1024; }
            http {
                default_type application/octet-stream;
                access_log {{prefix.Path}}/access.log;
                sendfile on;
                tcp_nopush on;
                keepalive_requests 1000000;
                client_body_temp_path {{prefix.Path}}/client_body;
                proxy_temp_path {{prefix.Path}}/proxy;
                fastcgi_temp_path {{prefix.Path}}/fastcgi;
                uwsgi_temp_path {{prefix.Path}}/uwsgi;
                scgi_temp_path {{prefix.Path}}/scgi;
                server {
                    listen {{address}}:{{port}};
                    root {{root}};
                    location / { }
                }
            }
            """));
        var process = BackgroundProcess.Start("nginx", "nginx", ["-p", prefix.Path, "-e", Path.Combine(prefix.Path, "error.log"), "-c", config]);
        var server = new NginxServer(process, prefix, new Uri($"http://{address}:{port}/"));
        try
        {
            await process.WaitForTcpAsync(new IPEndPoint(address, port), TimeSpan.FromSeconds(10));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        // SIGQUIT: graceful shutdown of master and workers.
        await process.StopAsync("QUIT", TimeSpan.FromSeconds(5));
        await process.DisposeAsync();
        prefix.Dispose();
    }
}
