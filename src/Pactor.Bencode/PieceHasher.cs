using System.Security.Cryptography;

namespace Pactor.Bencode;

/// <summary>
/// SHA-1 of each piece of the concatenated files, read through one fixed buffer so memory does not grow with
/// the data; pieces run across file boundaries.
/// </summary>
internal static class PieceHasher
{
    private const int BufferSize = 64 * 1024;
    private const int HashLength = 20;

    public static async Task<byte[]> HashAsync(
        IReadOnlyList<TorrentSourceFile> files, int pieceLength, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var totalLength = files.Sum(file => file.Length);
        var pieceCount = (totalLength / pieceLength) + (totalLength % pieceLength == 0 ? 0 : 1);
        var pieces = new byte[pieceCount * HashLength];
        var buffer = new byte[BufferSize];
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        long hashed = 0;
        var inPiece = 0;
        var piece = 0;
        // Empty files are not opened: there is nothing to read, and a FIFO would block the open.
        foreach (var file in files.Where(file => file.Length > 0))
        {
            await using var stream = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            for (var left = file.Length; left > 0;)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(left, BufferSize)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException($"{file.FullPath} shrank while being hashed: it was {file.Length} bytes.");
                }

                for (var offset = 0; offset < read;)
                {
                    var take = Math.Min(read - offset, pieceLength - inPiece);
                    sha1.AppendData(buffer, offset, take);
                    offset += take;
                    inPiece += take;
                    if (inPiece == pieceLength)
                    {
                        sha1.GetHashAndReset(pieces.AsSpan(piece++ * HashLength, HashLength));
                        inPiece = 0;
                    }
                }

                left -= read;
                hashed += read;
                progress?.Report(hashed);
            }
        }

        if (inPiece > 0)
        {
            sha1.GetHashAndReset(pieces.AsSpan(piece * HashLength, HashLength));
        }

        return pieces;
    }
}
