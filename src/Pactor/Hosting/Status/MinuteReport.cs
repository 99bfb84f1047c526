using Pactor.Core.Activity;

namespace Pactor.Hosting.Status;

/// <summary>Bytes by source answered in the minute starting at <see cref="Minute"/>.</summary>
public sealed record MinuteReport(DateTimeOffset Minute, BytesReport Bytes)
{
    public static MinuteReport From(MinuteBytes minute)
    {
        ArgumentNullException.ThrowIfNull(minute);
        return new(minute.Minute, BytesReport.From(minute.Bytes));
    }
}
