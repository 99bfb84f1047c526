using System.Diagnostics;

namespace Pactor.RTorrent.Tests.Integration;

/// <summary>What rtorrent 0.9.8 answers for d.bitfield and d.chunk_size before, during and after a download.</summary>
[Collection(RealRTorrentCollection.Name)]
public sealed class RTorrentBitfieldTests(RTorrentSwarm swarm)
{
    private const long PieceLength = 32 * 1024;
    private static readonly TimeSpan TransferTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task During_a_download_the_bitfield_marks_pieces_already_on_disk_and_once_complete_everything_until_closed()
    {
        var payload = swarm.BitfieldPayload;
        var expected = await File.ReadAllBytesAsync(payload.DataPath);
        var seeder = swarm.Seeder.Client;
        var downloader = swarm.Downloader.Client;
        var target = Path.Combine(swarm.Downloader.DownloadDirectory, "bitfield");

        // Loaded but not started: the download is closed, rtorrent has no bitfield for it yet.
        var hash = await downloader.LoadAsync(payload.Bytes, new TorrentLoadOptions { Directory = target, Start = false });
        var closed = await StatusAsync(downloader, hash);
        Assert.Equal(("", PieceLength, 0L), (closed.Bitfield, closed.ChunkSize, closed.CheckedPrefixBytes));
        await seeder.LoadAsync(payload.Bytes, new TorrentLoadOptions { Directory = Path.GetDirectoryName(payload.DataPath)! });
        var seeding = await WaitAsync(seeder, hash, status => status.IsComplete && status.Bitfield == "FFFFFFFF");
        Assert.Equal(expected.Length, seeding.CheckedPrefixBytes);

        // Throttled so that several polls fall inside the download (rtorrent fetches pieces in no fixed order).
        await downloader.CallAsync("throttle.global_down.max_rate.set_kb", ["", 512], CancellationToken.None);
        var partial = new List<DownloadStatus>();
        DownloadStatus done;
        try
        {
            await downloader.StartAsync(hash);
            done = await WaitAsync(downloader, hash, status => status.IsComplete && status.Bitfield == "FFFFFFFF", async status =>
            {
                if (!status.IsComplete && status.Bitfield.Trim('0').Length > 0)
                {
                    partial.Add(status);
                    await AssertCheckedPiecesAreOnDiskAsync(status, Path.Combine(target, payload.Name), expected);
                }
            });
        }
        finally
        {
            await downloader.CallAsync("throttle.global_down.max_rate.set_kb", ["", 0], CancellationToken.None);
        }

        Assert.Contains(partial, status => status.Bitfield.Length == 8 && status.Bitfield != "FFFFFFFF");
        Assert.All(partial, status => Assert.Equal(LeadingSetBits(status.Bitfield) * PieceLength, status.CheckedPrefixBytes));
        Assert.Equal((PieceLength, (long)expected.Length), (done.ChunkSize, done.CheckedPrefixBytes));

        // Stopped and closed: still complete, the bitfield is gone again.
        await downloader.StopAsync(hash);
        var stopped = await StatusAsync(downloader, hash);
        Assert.Equal((true, "", (long)expected.Length), (stopped.IsComplete, stopped.Bitfield, stopped.CheckedPrefixBytes));
        Assert.Equal(stopped, Assert.Single(await downloader.ListAsync(), download => download.Hash == hash));
    }

    private static async Task<DownloadStatus> StatusAsync(RTorrentClient client, string hash) =>
        (await client.GetStatusAsync([hash]))[hash];

    // Every piece rtorrent reports as checked is on disk already, in its final bytes: what the core hashes ahead.
    private static async Task AssertCheckedPiecesAreOnDiskAsync(DownloadStatus status, string path, byte[] expected)
    {
        var bits = Convert.FromHexString(status.Bitfield);
        var piece = new byte[PieceLength];
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        for (var index = 0; index < expected.Length / PieceLength; index++)
        {
            if ((bits[index / 8] & (0x80 >> (index % 8))) != 0)
            {
                file.Position = index * PieceLength;
                await file.ReadExactlyAsync(piece);
                Assert.True(expected.AsSpan((int)(index * PieceLength), piece.Length).SequenceEqual(piece), $"piece {index} of {status.Bitfield}");
            }
        }
    }

    private static long LeadingSetBits(string bitfield) =>
        string.Concat(Convert.FromHexString(bitfield).Select(b => Convert.ToString(b, 2).PadLeft(8, '0'))).TakeWhile(bit => bit == '1').Count();

    private async Task<DownloadStatus> WaitAsync(
        RTorrentClient client, string hash, Func<DownloadStatus, bool> done, Func<DownloadStatus, Task>? observe = null)
    {
        var watch = Stopwatch.StartNew();
        TimeSpan? lastAnnounce = null;
        DownloadStatus? status = null;
        while (watch.Elapsed < TransferTimeout)
        {
            status = await StatusAsync(client, hash);
            if (done(status))
            {
                return status;
            }

            if (observe is not null)
            {
                await observe(status);
            }

            // The downloader may have announced before the seeder: ask the tracker again now and then.
            if (lastAnnounce is null || watch.Elapsed - lastAnnounce >= TimeSpan.FromSeconds(1))
            {
                await client.AnnounceAsync(hash);
                lastAnnounce = watch.Elapsed;
            }

            await Task.Delay(10);
        }

        Assert.Fail($"timed out after {TransferTimeout.TotalSeconds} s; last status: {status}\n" +
            $"{swarm.Seeder.Diagnostics()}\n{swarm.Downloader.Diagnostics()}");
        return status!;
    }
}
