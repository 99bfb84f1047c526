using Microsoft.Extensions.Logging.Abstractions;

namespace Pactor.RTorrent.Tests;

public sealed class ManagedRTorrentTests : IDisposable
{
    private readonly string work = Path.Combine(Path.GetTempPath(), "pactor-managed-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_rtorrent_binary_is_one_clear_error()
    {
        await using var managed = new ManagedRTorrent(
            new ManagedRTorrentOptions { WorkDirectory = Path.Combine(work, "rt"), DownloadDirectory = Path.Combine(work, "dl"), Executable = "/nonexistent/rtorrent" },
            TimeProvider.System,
            NullLogger<ManagedRTorrent>.Instance);

        var e = await Assert.ThrowsAsync<RTorrentUnreachableException>(() => managed.StartAsync(CancellationToken.None));

        Assert.Contains("apt-get install rtorrent", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task A_stale_rtorrent_from_a_crashed_run_is_stopped_and_a_fresh_one_answers()
    {
        var options = new ManagedRTorrentOptions { WorkDirectory = Path.Combine(work, "rt"), DownloadDirectory = Path.Combine(work, "dl") };
        await using var stale = new ManagedRTorrent(options, TimeProvider.System, NullLogger<ManagedRTorrent>.Instance);
        await stale.StartAsync(CancellationToken.None);
        var stalePid = stale.ProcessId!.Value;

        // A new pactor over the same directory, while the old rtorrent still runs (pactor crashed).
        await using var fresh = new ManagedRTorrent(options, TimeProvider.System, NullLogger<ManagedRTorrent>.Instance);
        await fresh.StartAsync(CancellationToken.None);
        var version = await RTorrentClientFactory.Create(fresh.Endpoint, new RTorrentOptions()).GetVersionAsync();

        Assert.Equal("0.9.8", version.Client);
        Assert.NotEqual(stalePid, fresh.ProcessId);
        Assert.Throws<ArgumentException>(() => System.Diagnostics.Process.GetProcessById(stalePid));
    }

    [Fact]
    public async Task A_restarted_pactor_s_rtorrent_keeps_its_peer_port_so_trackers_do_not_list_a_dead_one()
    {
        var options = new ManagedRTorrentOptions
        {
            WorkDirectory = Path.Combine(work, "rt"), DownloadDirectory = Path.Combine(work, "dl"), BindAddress = Integration.LoopbackAddresses.Next(),
        };
        int first;
        await using (var before = new ManagedRTorrent(options, TimeProvider.System, NullLogger<ManagedRTorrent>.Instance))
        {
            await before.StartAsync(CancellationToken.None);
            first = await ListeningPortAsync(before);
        }

        await using var after = new ManagedRTorrent(options, TimeProvider.System, NullLogger<ManagedRTorrent>.Instance);
        await after.StartAsync(CancellationToken.None);

        Assert.Equal(first, await ListeningPortAsync(after));
        Assert.True(await AcceptsAsync(options.BindAddress, first), $"nothing listens on {options.BindAddress}:{first}");
    }

    [Fact]
    public async Task A_kept_port_someone_else_took_is_replaced_by_a_free_one()
    {
        var address = Integration.LoopbackAddresses.Next();
        using var squatter = new System.Net.Sockets.TcpListener(address, 0);
        squatter.Start();
        var taken = ((System.Net.IPEndPoint)squatter.LocalEndpoint).Port;
        Directory.CreateDirectory(Path.Combine(work, "rt"));
        await File.WriteAllTextAsync(Path.Combine(work, "rt", "peer-port"), $"{taken}\n");
        var options = new ManagedRTorrentOptions { WorkDirectory = Path.Combine(work, "rt"), DownloadDirectory = Path.Combine(work, "dl"), BindAddress = address };

        await using var managed = new ManagedRTorrent(options, TimeProvider.System, NullLogger<ManagedRTorrent>.Instance);
        await managed.StartAsync(CancellationToken.None);
        var port = await ListeningPortAsync(managed);

        Assert.NotEqual(taken, port);
        Assert.Equal($"{port}\n", await File.ReadAllTextAsync(Path.Combine(work, "rt", "peer-port")));
    }

    // rtorrent's own answer: the port it listens on for peers.
    private static async Task<int> ListeningPortAsync(ManagedRTorrent managed)
    {
        var reply = await new ScgiTransport(managed.Endpoint, new RTorrentOptions(), TimeProvider.System).CallAsync(
            Pactor.XmlRpc.XmlRpcRequestWriter.Write("network.listen.port", []), CancellationToken.None);
        return (int)Pactor.XmlRpc.XmlRpcValue.AsInt64(Pactor.XmlRpc.XmlRpcResponseReader.Read(reply));
    }

    private static async Task<bool> AcceptsAsync(System.Net.IPAddress address, int port)
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(address, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
