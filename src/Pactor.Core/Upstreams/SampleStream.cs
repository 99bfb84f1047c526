namespace Pactor.Core.Upstreams;

/// <summary>A write-only sink that counts what it is given and cancels <c>enough</c> once <c>limit</c> bytes have come.</summary>
internal sealed class SampleStream(long limit, CancellationTokenSource enough) : WriteOnlyStream
{
    private long written;

    public long Written => Interlocked.Read(ref written);

    public override void Write(byte[] buffer, int offset, int count) => Count(count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Count(buffer.Length);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    private void Count(int count)
    {
        if (Interlocked.Add(ref written, count) >= limit)
        {
            enough.Cancel();
        }
    }
}
