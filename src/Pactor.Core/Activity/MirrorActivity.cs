namespace Pactor.Core.Activity;

/// <summary>
/// What the mirror has answered since start, for the status page: totals by source, the last
/// <see cref="RecentCapacity"/> requests, and bytes by source per minute over the last
/// <see cref="SeriesMinutes"/> minutes. Thread-safe; the host records every answered request.
/// </summary>
public sealed class MirrorActivity(TimeProvider time)
{
    public const int RecentCapacity = 50;

    public const int SeriesMinutes = 60;

    private readonly Lock gate = new();
    private readonly ServedRequest[] recent = new ServedRequest[RecentCapacity];
    private readonly MinuteBytes[] minutes = new MinuteBytes[SeriesMinutes];
    private int recentCount;
    private int recentNext;
    private long requests;
    private long errors;
    private SourceBytes bytes = SourceBytes.Zero;

    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public void Record(ServedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var minute = MinuteOf(request.At);
        var slot = Slot(minute);
        lock (gate)
        {
            requests++;
            errors += request.Source == RequestSource.Error ? 1 : 0;
            bytes = bytes.Add(request.Source, request.Bytes);
            recent[recentNext] = request;
            recentNext = (recentNext + 1) % RecentCapacity;
            recentCount = Math.Min(recentCount + 1, RecentCapacity);

            // A slot still holding a minute from an hour or more ago starts afresh.
            var current = minutes[slot] is { } held && held.Minute == minute ? held.Bytes : SourceBytes.Zero;
            minutes[slot] = new MinuteBytes(minute, current.Add(request.Source, request.Bytes));
        }
    }

    public ActivitySnapshot Snapshot()
    {
        var now = MinuteOf(time.GetUtcNow());
        lock (gate)
        {
            var newestFirst = new ServedRequest[recentCount];
            for (var i = 0; i < recentCount; i++)
            {
                newestFirst[i] = recent[(recentNext - 1 - i + RecentCapacity) % RecentCapacity];
            }

            var series = new MinuteBytes[SeriesMinutes];
            for (var i = 0; i < SeriesMinutes; i++)
            {
                var minute = now - TimeSpan.FromMinutes(SeriesMinutes - 1 - i);
                series[i] = minutes[Slot(minute)] is { } held && held.Minute == minute
                    ? held
                    : new MinuteBytes(minute, SourceBytes.Zero);
            }

            return new ActivitySnapshot(StartedAt, requests, errors, bytes, newestFirst, series);
        }
    }

    private static DateTimeOffset MinuteOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }

    private static int Slot(DateTimeOffset minute) => (int)(minute.Ticks / TimeSpan.TicksPerMinute % SeriesMinutes);
}
