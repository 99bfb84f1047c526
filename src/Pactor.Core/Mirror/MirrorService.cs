using Pactor.Core.Paths;
using Pactor.Core.Store;

namespace Pactor.Core.Mirror;

/// <summary>
/// The mirror's one entry point: packages from the swarm, everything else copied from upstream. A
/// request for a package or its signature holds the package's lease while it is answered; a file
/// answer carries the lease on to the host (released after the response), any other answer frees it.
/// </summary>
public sealed class MirrorService(PackageService packages, UpstreamCopyService copies, PackageLeases leases, RequestRecency recency)
{
    public Task<MirrorResult> GetAsync(MirrorFile file, CancellationToken cancellationToken) => file.Kind switch
    {
        MirrorFileKind.Package or MirrorFileKind.PackageSignature => LeasedAsync(file, cancellationToken),
        MirrorFileKind.Database or MirrorFileKind.DatabaseSignature => copies.GetAsync(file, cancellationToken),
        _ => Task.FromResult<MirrorResult>(new MirrorResult.NotFound("not served by this mirror")),
    };

    private async Task<MirrorResult> LeasedAsync(MirrorFile file, CancellationToken cancellationToken)
    {
        var lease = await leases.AcquireAsync(file, cancellationToken);
        try
        {
            var isPackage = file.Kind == MirrorFileKind.Package;
            var answer = isPackage
                ? await packages.GetAsync(file, cancellationToken)
                : await copies.GetAsync(file, cancellationToken);
            if (answer is not MirrorResult.File served)
            {
                return answer;
            }

            if (isPackage)
            {
                recency.Record(file);
            }

            var handedOver = served with { Lease = lease };
            lease = null;
            return handedOver;
        }
        finally
        {
            lease?.Dispose();
        }
    }
}
