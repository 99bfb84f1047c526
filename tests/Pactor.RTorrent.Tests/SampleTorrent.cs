using Pactor.Bencode;

namespace Pactor.RTorrent.Tests;

/// <summary>A real single-file torrent made by pactor's TorrentCreator over a file of deterministic bytes.</summary>
public sealed record SampleTorrent(byte[] Bytes, string InfoHash, string Name, string DataPath)
{
    public static async Task<SampleTorrent> CreateAsync(
        string directory, string name = "payload.bin", int length = 100_000, string announce = "http://127.0.0.1:1/announce", int pieceLength = 32768)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        var data = new byte[length];
        new Random(length).NextBytes(data);
        await File.WriteAllBytesAsync(path, data);
        var bytes = await TorrentCreator.CreateAsync(path, new TorrentCreateOptions { Announce = [announce], PieceLength = pieceLength });
        return new SampleTorrent(bytes, Metainfo.Parse(bytes).InfoHash, name, path);
    }
}
