using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Pactor.Core.Store;

/// <summary>The background reading behind <see cref="PrefixHasher"/>: one handle, one buffer, bytes fed in file order.</summary>
public sealed partial class PrefixHasher
{
    private async Task AdvanceCoreAsync(long upTo)
    {
        try
        {
            file ??= File.OpenHandle(
                Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous | FileOptions.SequentialScan);
            if (!await HashAsync(file, upTo, stop.Token))
            {
                unusable = true;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            unusable = true;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed: the download ended; nobody will ask for this hash.
        }
        finally
        {
            lock (gate)
            {
                busy = false;
                if (phase == Phase.Disposed)
                {
                    Release();
                }
            }
        }
    }

    /// <summary>Feeds the bytes from <see cref="HashedBytes"/> to <paramref name="end"/>; false when the file ends first.</summary>
    private async Task<bool> HashAsync(SafeFileHandle handle, long end, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (hashedBytes < end)
            {
                var wanted = (int)Math.Min(buffer.Length, end - hashedBytes);
                var count = await read(handle, buffer.AsMemory(0, wanted), hashedBytes, cancellationToken);
                if (count == 0)
                {
                    return false;
                }

                hash.AppendData(buffer, 0, count);
                Interlocked.Add(ref hashedBytes, count);
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Release()
    {
        file?.Dispose();
        hash.Dispose();
        stop.Dispose();
    }
}
