using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pactor.Core.Paths;
using Pactor.Core.Store;
using Pactor.Hosting;
using Pactor.Tests.Cli;

namespace Pactor.Tests.Hosting;

/// <summary>
/// <c>--access-log-socket</c>: the hits nginx answers itself from the public tree reach pactor as syslog datagrams on
/// a unix datagram socket, and count like hits pactor answered (status page, request recency for eviction).
/// </summary>
public sealed class ProxyAccessLogServiceTests : IDisposable
{
    private const string Zlib = "zlib-1.3-1-x86_64.pkg.tar.zst";
    private const string Header = "<190>Nov 27 08:00:01 nginx: ";
    private readonly TempDirectory sockets = new();
    private readonly string socketPath;
    private readonly MirrorFactory mirror;
    private readonly HttpClient client;

    public ProxyAccessLogServiceTests()
    {
        socketPath = sockets.File("access.sock");
        mirror = new MirrorFactory(configure: flags => flags[SettingKeys.AccessLogSocket] = socketPath);
        client = mirror.CreateMirrorClient();
    }

    [Fact]
    public async Task A_hit_nginx_answered_shows_in_the_status_as_a_cache_hit_with_its_bytes()
    {
        await SendAsync($"{Header}GET 200 1048576 0.003 /core/os/x86_64/{Zlib}");

        using var status = await StatusAfterAsync(requests: 1);

        var root = status.RootElement;
        Assert.Equal(1_048_576, root.GetProperty("totals").GetProperty("bytes").GetProperty("cache").GetInt64());
        var hit = Assert.Single(root.GetProperty("recent").EnumerateArray());
        Assert.Equal(
            ("cache", 200, 1_048_576L, $"/core/os/x86_64/{Zlib}", "package"),
            (hit.GetProperty("source").GetString(), hit.GetProperty("status").GetInt32(), hit.GetProperty("bytes").GetInt64(),
                hit.GetProperty("file").GetString(), hit.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task A_hit_by_the_mirror_layout_without_os_counts_too()
    {
        await SendAsync($"{Header}HEAD 200 0 0.000 /core/x86_64/{Zlib}\n");

        using var status = await StatusAfterAsync(requests: 1);

        var hit = Assert.Single(status.RootElement.GetProperty("recent").EnumerateArray());
        Assert.Equal(("cache", 0L), (hit.GetProperty("source").GetString(), hit.GetProperty("bytes").GetInt64()));
    }

    [Fact]
    public async Task A_200_for_a_cached_package_stamps_when_it_was_last_requested_and_a_404_does_not()
    {
        var repository = new FakeRepository(mirror);
        var content = await repository.PublishAsync(Zlib, 5000, seed: 1);
        var traffic = new MirrorTraffic(mirror, client);
        (await traffic.GetAsync(MirrorTraffic.DatabasePath)).Dispose();
        (await traffic.SwarmDownloadAsync(Zlib, content)).Dispose();
        var marker = new CacheLayout(mirror.CacheDirectory).MarkerPath(MirrorPath.TryParse("core", "x86_64", Zlib)!);
        Assert.True(File.Exists(marker), marker);
        var downloaded = File.GetLastWriteTimeUtc(marker);
        mirror.Time.Advance(TimeSpan.FromMinutes(10));

        await SendAsync($"{Header}GET 404 0 0.000 {MirrorTraffic.PackagePath(Zlib)}");
        (await StatusAfterAsync(requests: 3)).Dispose();
        var after404 = File.GetLastWriteTimeUtc(marker);
        await SendAsync($"{Header}GET 200 5000 0.001 {MirrorTraffic.PackagePath(Zlib)}");
        (await StatusAfterAsync(requests: 4)).Dispose();

        Assert.Equal(downloaded, after404);
        Assert.Equal(mirror.Time.GetUtcNow().UtcDateTime, File.GetLastWriteTimeUtc(marker));
    }

    [Fact]
    public async Task Garbage_and_paths_outside_the_mirror_are_not_counted_and_the_listener_carries_on()
    {
        string[] refused =
        [
            "",
            "garbage",
            "<190>Nov 27 08:00:01 nginx: GET 200 1048576 -Infinity /core/os/x86_64/" + Zlib,
            "<190>Nov 27 08:00:01 nginx: GET 200 1048576 NaN /core/os/x86_64/" + Zlib,
            Header + "GET 200 1048576 0.003 /../etc/passwd",
            Header + "GET 200 1048576 0.003 /core/os/x86_64/..",
            Header + "GET 200 1048576 0.003 /core/os/x86_64/../../../etc/passwd",
            Header + "GET 200 1048576 0.003 /core/os/x86_64/zlib.txt",
            Header + "GET 200 1048576 0.003 /api/status",
            Header + "GET 200 1048576 0.003 /core/os/x86_64/sub/" + Zlib,
            Header + "GET 200 1048576 0.003 //os/x86_64/" + Zlib,
            Header + "GET 200 1048576 0.003 /core/os/x86_64/a b.pkg.tar.zst",
        ];
        foreach (var datagram in refused)
        {
            await SendAsync(datagram);
        }

        await SendAsync($"{Header}GET 200 777 0.003 /core/os/x86_64/{Zlib}");

        // Datagrams on a unix socket arrive in order: once the last is counted, every refused one has been seen.
        using var status = await StatusAfterAsync(requests: 1);
        var hit = Assert.Single(status.RootElement.GetProperty("recent").EnumerateArray());
        Assert.Equal(777, hit.GetProperty("bytes").GetInt64());
        Assert.All(refused, datagram => Assert.False(Counter().Record(Encoding.UTF8.GetBytes(datagram)), datagram));
    }

    [Fact]
    public async Task The_socket_is_writable_by_nginx_s_user_and_removed_on_shutdown()
    {
        await SendAsync($"{Header}GET 200 1 0.001 /core/os/x86_64/{Zlib}");

        var mode = File.GetUnixFileMode(socketPath);
        mirror.Dispose();

        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite,
            mode);
        Assert.False(File.Exists(socketPath), "the socket file outlived pactor");
    }

    [Fact]
    public async Task A_socket_file_left_by_an_earlier_pactor_is_replaced()
    {
        using var stale = new TempDirectory();
        var path = stale.File("access.sock");
        using (var earlier = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified))
        {
            // .NET deletes the socket file it bound when the socket closes; moved away first, it stays, as after a crash.
            var bound = stale.File("bound.sock");
            earlier.Bind(new UnixDomainSocketEndPoint(bound));
            File.Move(bound, path);
        }

        Assert.True(File.Exists(path));
        using var restarted = new MirrorFactory(configure: flags => flags[SettingKeys.AccessLogSocket] = path);
        using var restartedClient = restarted.CreateMirrorClient();

        await SendAsync($"{Header}GET 200 42 0.001 /core/os/x86_64/{Zlib}", path);

        using var status = await StatusAfterAsync(requests: 1, restartedClient);
        Assert.Equal(42, status.RootElement.GetProperty("totals").GetProperty("bytes").GetProperty("cache").GetInt64());
    }

    [Fact]
    public async Task A_regular_file_at_the_path_is_replaced()
    {
        using var stale = new TempDirectory();
        var path = stale.File("access.sock");
        await File.WriteAllTextAsync(path, "left over");
        using var restarted = new MirrorFactory(configure: flags => flags[SettingKeys.AccessLogSocket] = path);
        using var restartedClient = restarted.CreateMirrorClient();

        await SendAsync($"{Header}GET 200 43 0.001 /core/os/x86_64/{Zlib}", path);

        using var status = await StatusAfterAsync(requests: 1, restartedClient);
        Assert.Equal(43, status.RootElement.GetProperty("totals").GetProperty("bytes").GetProperty("cache").GetInt64());
    }

    public void Dispose()
    {
        client.Dispose();
        mirror.Dispose();
        sockets.Dispose();
    }

    private ProxyHitCounter Counter() => mirror.Services.GetRequiredService<ProxyHitCounter>();

    /// <summary>Sends one datagram as nginx does, once pactor listens (it binds as the host starts, in the background).</summary>
    private async Task SendAsync(string datagram, string? path = null)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        var endPoint = new UnixDomainSocketEndPoint(path ?? socketPath);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await socket.SendToAsync(Encoding.UTF8.GetBytes(datagram), SocketFlags.None, endPoint);
                return;
            }
            catch (SocketException e)
            {
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"pactor never listened on {path ?? socketPath}: {e.Message}");
                await Task.Delay(10);
            }
        }
    }

    private async Task<JsonDocument> StatusAfterAsync(int requests, HttpClient? over = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var status = JsonDocument.Parse(await (over ?? client).GetStringAsync("/api/status"));
            var counted = status.RootElement.GetProperty("totals").GetProperty("requests").GetInt64();
            if (counted >= requests)
            {
                Assert.Equal(requests, counted);
                return status;
            }

            status.Dispose();
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{counted} requests counted, waiting for {requests}");
            await Task.Delay(10);
        }
    }
}
