using Microsoft.Extensions.Time.Testing;
using Pactor.XmlRpc;

namespace Pactor.RTorrent.Tests;

public sealed class RTorrentClientQueryTests
{
    private const string Known = "BDF19E462B7A367D8C17BDA531A99D6DDE3263DF";
    private const string Unknown = "0123456789ABCDEF0123456789ABCDEF01234567";

    private static readonly string[] Columns =
    [
        "d.hash", "d.name", "d.complete", "d.completed_bytes", "d.size_bytes", "d.up.total", "d.down.total",
        "d.up.rate", "d.down.rate", "d.peers_connected", "d.base_path", "d.message", "d.is_active", "d.hashing",
        "d.custom1", "d.directory", "d.bitfield", "d.chunk_size",
    ];

    // What the golden replies (recorded from rtorrent 0.9.8 seeding one file of 300000 bytes in 10 pieces of 32 KiB) say.
    private static readonly DownloadStatus RecordedStatus = new(
        Known, "file.bin", IsComplete: true, CompletedBytes: 300000, SizeBytes: 300000, UploadedBytes: 0, DownloadedBytes: 0,
        UpRate: 0, DownRate: 0, PeersConnected: 0, BasePath: "/tmp/rtprobe/data/file.bin",
        Message: "Tracker: [Couldn't connect to server]", IsActive: true, IsHashing: false, Label: "pactor", Directory: "/tmp/rtprobe/data",
        Bitfield: "FFC0", ChunkSize: 32768);

    private readonly FakeTimeProvider clock = new();

    [Fact]
    public async Task GetVersionAsync_asks_both_versions_in_one_multicall()
    {
        var fake = new FakeTransport(FakeTransport.Golden("system.multicall", "multicall-version.reply.xml"), clock, answersMulticall: true);

        var version = await fake.CreateClient().GetVersionAsync();

        Assert.Equal(new RTorrentVersion("0.9.8", "0.13.8"), version);
        var call = Assert.Single(fake.Calls).Call;
        Assert.Equal(["system.client_version", "system.library_version"], SubCalls(call).Select(sub => sub.Method));
        Assert.All(SubCalls(call), sub => Assert.Empty(sub.Parameters));
    }

    [Fact]
    public async Task ListAsync_sends_one_multicall2_over_the_main_view_with_every_column()
    {
        var fake = new FakeTransport(FakeTransport.Golden("d.multicall2", "multicall2-status.reply.xml"), clock);

        var downloads = await fake.CreateClient().ListAsync();

        var call = Assert.Single(fake.Calls).Call;
        Assert.Equal<object?>(["", "main", .. Columns.Select(column => column + "=")], call.Parameters);
        Assert.Equal(RecordedStatus, Assert.Single(downloads));
    }

    [Fact]
    public async Task ListAsync_of_an_empty_rtorrent_is_empty()
    {
        var fake = new FakeTransport(_ => Array.Empty<object?>(), clock);

        Assert.Empty(await fake.CreateClient().ListAsync());
    }

    [Fact]
    public async Task ListAsync_with_a_value_of_the_wrong_type_is_a_protocol_error()
    {
        var row = new object?[] { Known, "x", "not a number", 1L, 1L, 0L, 0L, 0L, 0L, 0L, "", "", 1L, 0L, "", "/d", "", 16384L };
        var fake = new FakeTransport(_ => new object?[] { row }, clock);

        var error = await Assert.ThrowsAsync<RTorrentProtocolException>(() => fake.CreateClient().ListAsync());

        Assert.Equal("d.multicall2", error.Method);
        Assert.IsType<XmlRpcFormatException>(error.InnerException);
    }

    [Fact]
    public async Task ListAsync_with_a_short_row_is_a_protocol_error()
    {
        var fake = new FakeTransport(_ => new object?[] { new object?[] { Known, "x" } }, clock);

        await Assert.ThrowsAsync<RTorrentProtocolException>(() => fake.CreateClient().ListAsync());
    }

    // 300000 bytes in pieces of 32 KiB: 10 pieces, two bytes, the last 6 bits spare.
    [Theory]
    [InlineData("", 0)]
    [InlineData("0000", 0)]
    [InlineData("8000", 32768)]
    [InlineData("BFC0", 32768)]
    [InlineData("FF80", 294912)]
    [InlineData("FFC0", 300000)]
    [InlineData("ffc0", 300000)]
    public async Task ListAsync_reads_the_bitfield_and_piece_length_into_the_checked_prefix(string bitfield, long prefix)
    {
        var fake = new FakeTransport(_ => new object?[] { StatusRow(bitfield, chunkSize: 32768) }, clock);

        var status = Assert.Single(await fake.CreateClient().ListAsync());

        Assert.Equal((bitfield, 32768L), (status.Bitfield, status.ChunkSize));
        Assert.Equal(prefix, status.CheckedPrefixBytes);
    }

    [Theory]
    [InlineData("FFC", 32768L)]
    [InlineData("FF", 32768L)]
    [InlineData("FFC000", 32768L)]
    [InlineData("FFG0", 32768L)]
    [InlineData("FF+0", 32768L)]
    [InlineData("FFE0", 32768L)]
    [InlineData("FFC1", 32768L)]
    [InlineData("FFC0", 0L)]
    public async Task ListAsync_with_a_malformed_bitfield_is_a_protocol_error(string bitfield, long chunkSize)
    {
        var fake = new FakeTransport(_ => new object?[] { StatusRow(bitfield, chunkSize) }, clock);

        var error = await Assert.ThrowsAsync<RTorrentProtocolException>(() => fake.CreateClient().ListAsync());

        Assert.Equal("d.multicall2", error.Method);
        Assert.Contains("d.bitfield", Assert.IsType<XmlRpcFormatException>(error.InnerException).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStatusAsync_with_a_malformed_bitfield_is_a_protocol_error()
    {
        var row = StatusRow("FFC0F", chunkSize: 32768);
        var fake = new FakeTransport(call => row[Array.IndexOf(Columns, call.MethodName)], clock);

        var error = await Assert.ThrowsAsync<RTorrentProtocolException>(() => fake.CreateClient().GetStatusAsync([Known]));

        Assert.Equal("system.multicall", error.Method);
        Assert.IsType<XmlRpcFormatException>(error.InnerException);
    }

    [Fact]
    public async Task GetStatusAsync_asks_every_column_of_every_hash_in_one_multicall_and_leaves_unknown_hashes_out()
    {
        var fake = new FakeTransport(
            FakeTransport.Golden("system.multicall", "multicall-status-known-and-unknown.reply.xml"), clock, answersMulticall: true);

        var statuses = await fake.CreateClient().GetStatusAsync([Known.ToLowerInvariant(), Unknown]);

        var call = Assert.Single(fake.Calls).Call;
        var expected = new[] { Known, Unknown }.SelectMany(hash => Columns.Select(column => (column, hash)));
        Assert.Equal(expected, SubCalls(call).Select(sub => (sub.Method, (string)Assert.Single(sub.Parameters)!)));
        var status = Assert.Single(statuses);
        Assert.Equal(Known, status.Key);
        Assert.Equal(RecordedStatus, status.Value);
    }

    [Fact]
    public async Task GetStatusAsync_of_many_hashes_asks_in_batches_that_rtorrents_default_size_limit_accepts()
    {
        var hashes = Enumerable.Range(0, 150).Select(i => i.ToString("X40", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var fake = new FakeTransport(call => call.MethodName switch
        {
            "d.hash" => call.Parameters[0],
            "d.name" or "d.base_path" or "d.message" or "d.custom1" or "d.directory" => "x",
            "d.bitfield" => "",
            _ => 0L,
        }, clock);

        var statuses = await fake.CreateClient().GetStatusAsync(hashes);

        Assert.Equal(hashes, statuses.Keys.Order());
        Assert.Equal(["system.multicall", "system.multicall"], fake.Methods);
        Assert.All(fake.Calls, call => Assert.True(XmlRpcRequestWriter.Write(call.Call.MethodName, call.Call.Parameters).Length < 524288));
    }

    [Fact]
    public async Task Announcing_many_downloads_batches_them_100_a_multicall_and_counts_only_those_rtorrent_knew()
    {
        var hashes = Enumerable.Range(0, 150).Select(i => i.ToString("X40", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var fake = new FakeTransport(call => call.MethodName == "d.tracker_announce" && (string)call.Parameters[0]! == hashes[7]
            ? new Fault(-501, "Could not find info-hash.")
            : 0L, clock);

        var announced = await fake.CreateClient().AnnounceAsync([.. hashes.Select(h => h.ToLowerInvariant())]);

        Assert.Equal(149, announced);
        Assert.Equal(["system.multicall", "system.multicall"], fake.Methods);
    }

    [Fact]
    public async Task GetStatusAsync_of_no_hashes_sends_nothing()
    {
        var fake = new FakeTransport(_ => throw new InvalidOperationException("no call expected"), clock);

        Assert.Empty(await fake.CreateClient().GetStatusAsync([]));
        Assert.Empty(fake.Calls);
    }

    [Fact]
    public async Task GetStatusAsync_reports_a_fault_other_than_unknown_hash()
    {
        var fake = new FakeTransport(call => call.MethodName == "d.message" ? new Fault(-503, "Target of wrong type to command.") : 0L, clock);

        var error = await Assert.ThrowsAsync<RTorrentFaultException>(() => fake.CreateClient().GetStatusAsync([Known]));

        Assert.Equal(-503, error.FaultCode);
        Assert.Equal("d.message", error.Method);
    }

    [Theory]
    [InlineData("")]
    [InlineData("EE65255A7A5997213D77E79D4629DC4887653D7")]
    [InlineData("EE65255A7A5997213D77E79D4629DC4887653D711")]
    [InlineData("GE65255A7A5997213D77E79D4629DC4887653D71")]
    [InlineData("EE65255A7A5997213D77E79D4629DC4887653D7 ")]
    public async Task Hash_arguments_that_are_not_40_hex_digits_are_refused_before_any_call(string hash)
    {
        var fake = new FakeTransport(_ => throw new InvalidOperationException("no call expected"), clock);
        var client = fake.CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetStatusAsync([hash]));
        await Assert.ThrowsAsync<ArgumentException>(() => client.StartAsync(hash));
        await Assert.ThrowsAsync<ArgumentException>(() => client.AnnounceAsync(hash));
        await Assert.ThrowsAsync<ArgumentException>(() => client.EraseAsync(hash, deleteData: true));
        Assert.Empty(fake.Calls);
    }

    [Theory]
    [InlineData("announce", "d.tracker_announce")]
    [InlineData("start", "d.start")]
    [InlineData("stop", "d.stop,d.close")]
    [InlineData("check", "d.check_hash")]
    public async Task Per_download_commands_send_typed_calls_with_the_upper_case_hash_as_target(string command, string methods)
    {
        var fake = new FakeTransport(_ => 0L, clock);
        var client = fake.CreateClient();
        var hash = Known.ToLowerInvariant();

        await (command switch
        {
            "announce" => client.AnnounceAsync(hash),
            "start" => client.StartAsync(hash),
            "stop" => client.StopAsync(hash),
            _ => client.CheckHashAsync(hash),
        });

        Assert.Equal(methods.Split(','), fake.Methods);
        Assert.All(fake.Calls, call => Assert.Equal<object?>([Known], call.Call.Parameters));
    }

    private static object?[] StatusRow(string bitfield, long chunkSize) =>
        [Known, "file.bin", 0L, 0L, 300000L, 0L, 0L, 0L, 0L, 0L, "", "", 1L, 0L, "pactor", "/d", bitfield, chunkSize];

    private static IEnumerable<(string Method, object?[] Parameters)> SubCalls(XmlRpcCall call) =>
        XmlRpcValue.AsArray(call.Parameters[0]).Select(item => (
            XmlRpcValue.AsString(XmlRpcValue.GetMember(item, "methodName")),
            XmlRpcValue.AsArray(XmlRpcValue.GetMember(item, "params"))));
}
