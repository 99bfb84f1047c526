using System.Runtime.InteropServices;
using Pactor.Core.Paths;

namespace Pactor.Core.Store;

/// <summary>
/// Who is using which cached package: requests (for the package or its signature, for the whole
/// response) and verification take a lease; eviction may only remove a package nobody holds, and
/// while it removes one, new leases on it wait until it is gone (then the request is a miss).
/// </summary>
public sealed class PackageLeases
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> held = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource> evicting = new(StringComparer.Ordinal);

    /// <summary>A lease on the package <paramref name="file"/> is (or, for a signature or torrent, belongs to).</summary>
    public async ValueTask<PackageLease> AcquireAsync(MirrorFile file, CancellationToken cancellationToken)
    {
        var key = KeyOf(file);
        while (true)
        {
            Task evicted;
            lock (gate)
            {
                if (!evicting.TryGetValue(key, out var eviction))
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(held, key, out _)++;
                    return new PackageLease(this, key);
                }

                evicted = eviction.Task;
            }

            await evicted.WaitAsync(cancellationToken);
        }
    }

    public bool IsLeased(MirrorFile file)
    {
        lock (gate)
        {
            return held.ContainsKey(KeyOf(file));
        }
    }

    /// <summary>Claims a package nobody holds for eviction; false when it is in use. Always pair with <see cref="EndEviction"/>.</summary>
    public bool TryBeginEviction(MirrorFile file)
    {
        var key = KeyOf(file);
        lock (gate)
        {
            return !held.ContainsKey(key) && evicting.TryAdd(key, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
    }

    /// <summary>Lets requests waiting on the package go on (to a miss: it is gone, or to the copy eviction gave up on).</summary>
    public void EndEviction(MirrorFile file)
    {
        TaskCompletionSource? eviction;
        lock (gate)
        {
            evicting.Remove(KeyOf(file), out eviction);
        }

        eviction?.TrySetResult();
    }

    internal void Release(string key)
    {
        lock (gate)
        {
            ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(held, key);
            if (--count == 0)
            {
                held.Remove(key);
            }
        }
    }

    private static string KeyOf(MirrorFile file) => $"{file.Repo}/{file.Arch}/{file.PackageFileName}";
}
