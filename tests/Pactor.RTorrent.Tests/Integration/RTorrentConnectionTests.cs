using System.Diagnostics;

namespace Pactor.RTorrent.Tests.Integration;

[Collection(RealRTorrentCollection.Name)]
public sealed class RTorrentConnectionTests(RTorrentSwarm swarm)
{
    [Fact]
    public async Task Ping_over_TCP_reports_rtorrent_0_9_8()
    {
        Assert.Equal(RTorrentEndpointKind.ScgiTcp, swarm.Seeder.Endpoint.Kind);

        var version = await swarm.Seeder.Client.GetVersionAsync();

        Assert.Equal(new RTorrentVersion("0.9.8", "0.13.8"), version);
    }

    [Fact]
    public async Task Ping_over_a_unix_socket_reports_rtorrent_0_9_8()
    {
        Assert.Equal(RTorrentEndpointKind.ScgiUnixSocket, swarm.Downloader.Endpoint.Kind);

        var version = await swarm.Downloader.Client.GetVersionAsync();

        Assert.Equal(new RTorrentVersion("0.9.8", "0.13.8"), version);
    }

    [Fact]
    public async Task An_unknown_method_is_a_fault_minus_506()
    {
        var error = await Assert.ThrowsAsync<RTorrentFaultException>(() => swarm.Seeder.Client.CallAsync("no.such.method", [], CancellationToken.None));

        Assert.Equal(RTorrentFaultException.UnknownMethodFaultCode, error.FaultCode);
        Assert.Equal("no.such.method", error.Method);
        Assert.Equal("Method 'no.such.method' not defined", error.FaultString);
    }

    [Fact]
    public async Task A_command_on_an_unknown_hash_is_a_fault_minus_501()
    {
        var error = await Assert.ThrowsAsync<RTorrentFaultException>(() => swarm.Seeder.Client.AnnounceAsync(new string('0', 40)));

        Assert.Equal(RTorrentFaultException.UnknownHashFaultCode, error.FaultCode);
        Assert.Equal("d.tracker_announce", error.Method);
    }

    [Fact]
    public async Task A_dead_endpoint_fails_fast_as_unreachable()
    {
        var endpoint = RTorrentEndpoint.Parse($"scgi://{swarm.Seeder.Address}:{LoopbackAddresses.UnusedPort(swarm.Seeder.Address)}");
        var options = new RTorrentOptions { RetryAttempts = 0 };
        var client = RTorrentClientFactory.Create(endpoint, options);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RTorrentUnreachableException>(() => client.GetVersionAsync());

        Assert.Equal($"cannot reach rtorrent at {endpoint}: connection refused", error.Message);
        Assert.True(watch.Elapsed < options.CallTimeout / 5, $"took {watch.Elapsed}");
    }
}
