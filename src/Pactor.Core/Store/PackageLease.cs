namespace Pactor.Core.Store;

/// <summary>A package held in the cache while a request answers from it; disposing releases it (once).</summary>
public sealed class PackageLease : IDisposable
{
    private readonly PackageLeases owner;
    private readonly string key;
    private int released;

    internal PackageLease(PackageLeases owner, string key)
    {
        this.owner = owner;
        this.key = key;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            owner.Release(key);
        }
    }
}
