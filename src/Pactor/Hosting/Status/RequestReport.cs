using Pactor.Core.Activity;

namespace Pactor.Hosting.Status;

/// <summary>One answered request; <see cref="Source"/> is cache, swarm, fallback, upstream or error.</summary>
public sealed record RequestReport(DateTimeOffset At, string File, string Kind, string Source, int Status, long Bytes, double Milliseconds)
{
    public static RequestReport From(ServedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.At, request.File, request.Kind, request.Source.Name(), request.Status, request.Bytes, Math.Round(request.Duration.TotalMilliseconds, 1));
    }
}
