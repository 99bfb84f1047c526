using Microsoft.Win32.SafeHandles;

namespace Pactor.Core.Tests.Support;

/// <summary>Reads a file at an offset as <see cref="RandomAccess"/> does, recording every read; can hold reads or fail them.</summary>
internal sealed class RecordingFileReader
{
    private readonly List<(long Offset, int Length)> reads = [];
    private TaskCompletionSource open = Opened();
    private int waiting;

    /// <summary>Set to make the next read throw it.</summary>
    public Exception? FailNext { get; set; }

    /// <summary>Reads that have started and wait for <see cref="Release"/>, or have gone on.</summary>
    public int Started => Volatile.Read(ref waiting);

    public IReadOnlyList<(long Offset, int Length)> Reads
    {
        get
        {
            lock (reads)
            {
                return [.. reads];
            }
        }
    }

    public long BytesRead => Reads.Sum(read => (long)read.Length);

    /// <summary>Reads from now on wait until <see cref="Release"/>.</summary>
    public void Hold() => open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => open.TrySetResult();

    public async ValueTask<int> ReadAsync(SafeFileHandle file, Memory<byte> buffer, long offset, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref waiting);
        await open.Task.WaitAsync(cancellationToken);
        if (FailNext is { } failure)
        {
            FailNext = null;
            throw failure;
        }

        var count = await RandomAccess.ReadAsync(file, buffer, offset, cancellationToken);
        lock (reads)
        {
            reads.Add((offset, count));
        }

        return count;
    }

    private static TaskCompletionSource Opened()
    {
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        opened.SetResult();
        return opened;
    }
}
