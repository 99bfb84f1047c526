namespace Pactor.Core.Upstreams;

/// <summary>A write-only stream over another that calls <c>onFirstWrite</c> before the first bytes go through: a body has begun to arrive.</summary>
public sealed class FirstWriteStream(Stream inner, Action onFirstWrite) : WriteOnlyStream
{
    private int written;

    public override void Write(byte[] buffer, int offset, int count)
    {
        Signal(count);
        inner.Write(buffer, offset, count);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Signal(buffer.Length);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    private void Signal(int count)
    {
        if (count > 0 && Interlocked.Exchange(ref written, 1) == 0)
        {
            onFirstWrite();
        }
    }
}
