using System.Collections.Concurrent;

namespace Pactor.Core.Swarm;

/// <summary>Files whose last swarm attempt failed: their requests go straight to the upstream for a while.</summary>
public sealed class FailureCooldown(TimeProvider time, TimeSpan period)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> until = new(StringComparer.Ordinal);

    public void Add(string key) => until[key] = time.GetUtcNow() + period;

    public bool IsCooling(string key)
    {
        if (!until.TryGetValue(key, out var end))
        {
            return false;
        }

        if (time.GetUtcNow() < end)
        {
            return true;
        }

        until.TryRemove(KeyValuePair.Create(key, end));
        return false;
    }
}
