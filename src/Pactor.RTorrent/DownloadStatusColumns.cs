using Pactor.XmlRpc;

namespace Pactor.RTorrent;

/// <summary>The rtorrent commands behind <see cref="DownloadStatus"/>, in record order (checked against rtorrent 0.9.8).</summary>
internal static class DownloadStatusColumns
{
    public static readonly IReadOnlyList<string> Methods =
    [
        "d.hash", "d.name", "d.complete", "d.completed_bytes", "d.size_bytes", "d.up.total", "d.down.total",
        "d.up.rate", "d.down.rate", "d.peers_connected", "d.base_path", "d.message", "d.is_active", "d.hashing",
        "d.custom1", "d.directory", "d.bitfield", "d.chunk_size",
    ];

    /// <summary>The column arguments of <c>d.multicall2</c>: each method with '=' appended.</summary>
    public static readonly IReadOnlyList<string> MulticallColumns = [.. Methods.Select(method => method + "=")];

    /// <exception cref="XmlRpcFormatException">A row of the wrong length, a value of the wrong type or a malformed bitfield.</exception>
    public static DownloadStatus FromRow(IReadOnlyList<object?> row)
    {
        if (row.Count != Methods.Count)
        {
            throw new XmlRpcFormatException($"Unexpected XML-RPC value: a status row of {row.Count} values, expected {Methods.Count}.");
        }

        var sizeBytes = XmlRpcValue.AsInt64(row[4]);
        var bitfield = XmlRpcValue.AsString(row[16]);
        var chunkSize = XmlRpcValue.AsInt64(row[17]);
        PieceBitfield.Validate(bitfield, sizeBytes, chunkSize);
        return new DownloadStatus(
            Hash: XmlRpcValue.AsString(row[0]).ToUpperInvariant(),
            Name: XmlRpcValue.AsString(row[1]),
            IsComplete: XmlRpcValue.AsBoolean(row[2]),
            CompletedBytes: XmlRpcValue.AsInt64(row[3]),
            SizeBytes: sizeBytes,
            UploadedBytes: XmlRpcValue.AsInt64(row[5]),
            DownloadedBytes: XmlRpcValue.AsInt64(row[6]),
            UpRate: XmlRpcValue.AsInt64(row[7]),
            DownRate: XmlRpcValue.AsInt64(row[8]),
            PeersConnected: XmlRpcValue.AsInt32(row[9]),
            BasePath: XmlRpcValue.AsString(row[10]),
            Message: XmlRpcValue.AsString(row[11]),
            IsActive: XmlRpcValue.AsBoolean(row[12]),
            // 0 idle, 1 initial check, 2 check after completion, 3 requested re-check
            IsHashing: XmlRpcValue.AsInt64(row[13]) != 0,
            Label: XmlRpcValue.AsString(row[14]),
            Directory: XmlRpcValue.AsString(row[15]),
            Bitfield: bitfield,
            ChunkSize: chunkSize);
    }
}
