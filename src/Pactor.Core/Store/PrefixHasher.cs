using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Pactor.Core.Store;

/// <summary>
/// SHA-256 of a package file's leading bytes, hashed while the rest still downloads, so that verification at
/// completion (<see cref="PackageVerifier"/>) reads only the tail. One advance runs at a time. Every byte comes
/// through one handle, opened by the first advance and kept: a file replaced at the path since is noticed at
/// completion (Linux: by the open file's name in /proc/self/fd) and hashed whole instead. Callers hand it only
/// bytes that will not change (pieces the torrent client has checked): bytes rewritten in place after they were
/// hashed cannot be noticed without reading them again. A mismatch is always confirmed by hashing the whole file.
/// </summary>
public sealed partial class PrefixHasher : IDisposable
{
    private const int BufferSize = 256 * 1024;

    private readonly Func<SafeFileHandle, Memory<byte>, long, CancellationToken, ValueTask<int>> read;
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stop = new();
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private SafeFileHandle? file;
    private Task running = Task.CompletedTask;
    private long hashedBytes;
    private bool busy;
    private bool unusable;
    private Phase phase;

    public PrefixHasher(string path)
        : this(path, RandomAccess.ReadAsync)
    {
    }

    /// <param name="path">The package file.</param>
    /// <param name="read">Reads at an offset (<see cref="RandomAccess.ReadAsync(SafeFileHandle, Memory{byte}, long, CancellationToken)"/>; tests count and hold reads).</param>
    internal PrefixHasher(string path, Func<SafeFileHandle, Memory<byte>, long, CancellationToken, ValueTask<int>> read)
    {
        Path = path;
        this.read = read;
    }

    private enum Phase
    {
        Hashing,
        Finishing,
        Finished,
        Disposed,
    }

    public string Path { get; }

    /// <summary>Bytes from the start of the file hashed so far.</summary>
    public long HashedBytes => Interlocked.Read(ref hashedBytes);

    internal bool IsDisposed
    {
        get
        {
            lock (gate)
            {
                return phase == Phase.Disposed;
            }
        }
    }

    /// <summary>
    /// Hashes on from <see cref="HashedBytes"/> to <paramref name="upTo"/> in the background and returns that work;
    /// while an advance runs, returns it and starts nothing (the caller asks again later). Does not throw for a
    /// file that cannot be read or is shorter than <paramref name="upTo"/>: the prefix is then unusable and
    /// verification hashes the whole file.
    /// </summary>
    public Task AdvanceAsync(long upTo)
    {
        lock (gate)
        {
            if (busy || phase != Phase.Hashing || unusable || upTo <= hashedBytes)
            {
                return running;
            }

            busy = true;
            running = Task.Run(() => AdvanceCoreAsync(upTo));
            return running;
        }
    }

    /// <summary>
    /// Waits for the running advance, then hashes the rest of the file up to <paramref name="length"/> and returns
    /// the SHA-256 of the whole file; null when the prefix cannot be used (nothing hashed yet, a read failed, the
    /// path no longer names the file hashed so far) and the caller must hash the whole file itself. Once only.
    /// </summary>
    internal async Task<byte[]?> FinishAsync(long length, CancellationToken cancellationToken)
    {
        Task previous;
        lock (gate)
        {
            if (phase != Phase.Hashing)
            {
                return null;
            }

            phase = Phase.Finishing;
            previous = running;
        }

        await previous.WaitAsync(cancellationToken);
        lock (gate)
        {
            if (phase != Phase.Finishing || unusable || file is null || hashedBytes > length)
            {
                return null;
            }

            busy = true;
        }

        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop.Token);
            return OpenFileIdentity.IsStillAt(file, Path, length) && await HashAsync(file, length, linked.Token)
                ? hash.GetHashAndReset()
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Disposed meanwhile: the caller hashes the whole file if it still wants an answer.
            return null;
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
                else
                {
                    phase = Phase.Finished;
                }
            }
        }
    }

    /// <summary>Stops a running advance; the file and hash are released once it has stopped.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (phase == Phase.Disposed)
            {
                return;
            }

            phase = Phase.Disposed;
            stop.Cancel();
            if (!busy)
            {
                Release();
            }
        }
    }
}
