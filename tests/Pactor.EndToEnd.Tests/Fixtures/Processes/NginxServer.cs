using System.Globalization;
using System.Net;

namespace Pactor.EndToEnd.Tests.Fixtures.Processes;

/// <summary>
/// A real nginx in its own prefix directory (config, logs, temp paths; nothing of the host's), in one of two roles:
/// a static server over a directory tree (the benchmark's yardstick), or the front of <c>pactor serve</c> that
/// proxies every request to pactor and sends the files pactor names in <c>X-Accel-Redirect</c> from an
/// <c>internal</c> location over pactor's cache directory (README, "Behind nginx"). Both use sendfile and
/// keep-alive without a request limit; the access log records each answer's status and body bytes.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    /// <summary>The internal location the front maps to pactor's cache directory (<c>--accel-redirect</c>).</summary>
    public const string AccelPrefix = "/_pactor/";

    private readonly BackgroundProcess _process;
    private readonly TempDirectory _prefix;

    private NginxServer(BackgroundProcess process, TempDirectory prefix, Uri baseUrl)
    {
        _process = process;
        _prefix = prefix;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>
    /// One line per answered request: <c>METHOD URI STATUS BODY_BYTES UPSTREAM_BODY_BYTES</c> (the last is what pactor
    /// sent: 0 when it named the file in <c>X-Accel-Redirect</c>, <c>-</c> without a proxied upstream).
    /// </summary>
    public string AccessLogPath => Path.Combine(_prefix.Path, "access.log");

    public string Describe() =>
        $"--- nginx {BaseUrl} ---\n{_process.Output}\n--- access.log ---\n{Read(AccessLogPath)}\n--- error.log ---\n{Read(Path.Combine(_prefix.Path, "error.log"))}";

    /// <summary>nginx serving <paramref name="root"/> from disk.</summary>
    /// <param name="workers">Worker processes; 0 runs a single process (no master), as the invoking user.</param>
    public static Task<NginxServer> ServeDirectoryAsync(string root, IPAddress address, int workers = 0) =>
        StartAsync(address, workers, $$"""
            root {{root}};
            location / { }
            """);

    /// <summary>nginx in front of pactor at <paramref name="pactor"/>, sending files from <paramref name="pactorCacheDirectory"/>.</summary>
    public static Task<NginxServer> FrontAsync(Uri pactor, string pactorCacheDirectory, IPAddress address, int workers = 0) =>
        StartAsync(address, workers, $$"""
            location / {
                {{ToPactor}}
            }
            {{AccelLocation(pactorCacheDirectory)}}
            """,
            Upstream(pactor));

    /// <summary>
    /// README's full "Behind nginx": cache hits straight from pactor's public tree (<c>try_files</c>), their access log
    /// sent to pactor's <paramref name="accessLogSocket"/>, everything else to pactor as in <see cref="FrontAsync"/>.
    /// </summary>
    public static Task<NginxServer> FrontWithPublicTreeAsync(Uri pactor, string pactorCacheDirectory, string accessLogSocket, IPAddress address, int workers = 0) =>
        StartAsync(address, workers, $$"""
            location / {
                root {{pactorCacheDirectory.TrimEnd('/')}}/public;
                try_files $uri @pactor;
                access_log syslog:server=unix:{{accessLogSocket}},nohostname pactor_hit;
                access_log {{AccessLogMarker}} bytes;
            }
            location @pactor {
                {{ToPactor}}
            }
            {{AccelLocation(pactorCacheDirectory)}}
            """,
            Upstream(pactor) + "\nlog_format pactor_hit '$request_method $status $body_bytes_sent $request_time $uri';");

    // README's proxying to pactor; X-Sendfile-Type tells pactor that this proxy sends the files it names (Rack's convention).
    private const string ToPactor = """
        proxy_pass http://pactor;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $http_host;
        proxy_set_header X-Sendfile-Type X-Accel-Redirect;
        proxy_buffering off;
        """;

    private static string AccelLocation(string pactorCacheDirectory) =>
        $$"""location {{AccelPrefix}} { internal; alias {{pactorCacheDirectory.TrimEnd('/')}}/; }""";

    private static string Upstream(Uri pactor) => $"upstream pactor {{ server {pactor.Host}:{pactor.Port}; keepalive 32; }}";

    // Replaced by the access log's path once the prefix directory exists.
    private const string AccessLogMarker = "@ACCESS_LOG@";

    private static async Task<NginxServer> StartAsync(IPAddress address, int workers, string locations, string upstream = "")
    {
        var prefix = TempDirectory.Create("nginx");
        var port = LoopbackPort.Free(address);
        var config = Path.Combine(prefix.Path, "nginx.conf");
        var processes = workers == 0 ? "master_process off;\nworker_processes 1;" : $"worker_processes {workers};";
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $$"""
            {{processes}}
            daemon off;
            pid {{prefix.Path}}/nginx.pid;
            error_log {{prefix.Path}}/error.log warn;
            events { worker_connections 1024; }
            http {
                default_type application/octet-stream;
                log_format bytes '$request_method $request_uri $status $body_bytes_sent $upstream_response_length';
                access_log {{prefix.Path}}/access.log bytes;
                sendfile on;
                tcp_nopush on;
                keepalive_requests 1000000;
                client_body_temp_path {{prefix.Path}}/client_body;
                proxy_temp_path {{prefix.Path}}/proxy;
                fastcgi_temp_path {{prefix.Path}}/fastcgi;
                uwsgi_temp_path {{prefix.Path}}/uwsgi;
                scgi_temp_path {{prefix.Path}}/scgi;
                {{upstream}}
                server {
                    listen {{address}}:{{port}};
                    {{locations.Replace(AccessLogMarker, Path.Combine(prefix.Path, "access.log"), StringComparison.Ordinal)}}
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

    /// <summary>The access log's lines so far.</summary>
    public IReadOnlyList<string> AccessLog() => File.Exists(AccessLogPath) ? File.ReadAllLines(AccessLogPath) : [];

    public async ValueTask DisposeAsync()
    {
        // SIGQUIT: graceful shutdown (of master and workers).
        await _process.StopAsync("QUIT", TimeSpan.FromSeconds(5));
        await _process.DisposeAsync();
        _prefix.Dispose();
    }

    private static string Read(string path) => File.Exists(path) ? File.ReadAllText(path) : "(none)";
}
